//! One spelling per address, as the protocol's `addresses.ts` normalizes them: EIP-55 for EVM
//! (a mixed-case address must already carry the checksum), the others unchanged after their
//! chain's own checks. The contract stores and compares only this spelling.

use crate::chains::Chain;
use crate::errors::{Checked, Code, Refusal};

fn invalid(chain: Chain, address: &str) -> Refusal {
    let hint = match chain {
        Chain::Evm => "an EVM address is 0x followed by 40 hex digits",
        Chain::Solana => "a Solana address is the base58 form of a 32-byte key",
        Chain::Near => "a NEAR account is a name like alice.near or 64 lowercase hex digits",
        Chain::Stellar => "a Stellar address is a 56-character G... key",
    };
    Refusal::new(
        Code::InvalidAddress,
        format!(
            "\"{address}\" is not a valid {} address: {hint}.",
            chain.id()
        ),
    )
}

fn checksum_mismatch(chain: Chain, address: &str) -> Refusal {
    Refusal::new(
        Code::InvalidAddressChecksum,
        format!(
            "The {} address {address} has a wrong checksum, so it was probably mistyped.",
            chain.id()
        ),
    )
}

/// The rule is `ccl-proofs`' (the one the signature checks hold addresses to); the words are the
/// protocol's, with a hint of what the chain's addresses look like.
pub fn normalize_address(chain: Chain, address: &str) -> Checked<String> {
    ccl_proofs::normalize_address(chain, address).map_err(|error| {
        if error.code == ccl_proofs::code::INVALID_ADDRESS_CHECKSUM {
            checksum_mismatch(chain, address)
        } else {
            invalid(chain, address)
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn behavior_evm_addresses_come_back_eip55_checksummed() {
        // EIP-55's own examples.
        assert_eq!(
            normalize_address(Chain::Evm, "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed").unwrap(),
            "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
        );
        assert_eq!(
            normalize_address(Chain::Evm, "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359").unwrap(),
            "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359"
        );
    }

    #[test]
    fn error_a_mistyped_evm_checksum_is_refused() {
        let refusal = normalize_address(Chain::Evm, "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD")
            .unwrap_err();
        assert_eq!(refusal.code, Code::InvalidAddressChecksum);
        assert_eq!(
            normalize_address(Chain::Evm, "0x5aae").unwrap_err().code,
            Code::InvalidAddress
        );
    }

    #[test]
    fn behavior_stellar_strkeys_check_their_crc() {
        // SEP-23's example account.
        let good = "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGZ";
        assert!(normalize_address(Chain::Stellar, good).is_ok());
        let mutated = "GA7QYNF7SOWQ3GLR2BGMZEHXAVIRZA4KVWLTJJFC7MGXUA74P7UJVSGA";
        assert_eq!(
            normalize_address(Chain::Stellar, mutated).unwrap_err().code,
            Code::InvalidAddressChecksum
        );
    }

    #[test]
    fn behavior_near_and_solana_addresses_follow_their_rules() {
        assert!(normalize_address(Chain::Near, "alice.near").is_ok());
        assert!(normalize_address(Chain::Near, "a--b.near").is_err());
        assert!(normalize_address(Chain::Near, "Alice.near").is_err());
        assert!(normalize_address(Chain::Solana, "11111111111111111111111111111111").is_ok());
        assert!(normalize_address(Chain::Solana, "1111").is_err());
    }
}
