//! One spelling per address, as the protocol's `addresses.ts` normalizes them: EIP-55 for EVM
//! (a mixed-case address must already carry the checksum), the others unchanged after their
//! chain's own checks. The contract stores and compares only this spelling.

use crate::chains::Chain;
use crate::errors::{Checked, Code, Refusal};
use crate::request::fields::is_base58;
use near_sdk::env;

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
            "{address:?} is not a valid {} address: {hint}.",
            chain.as_str()
        ),
    )
}

fn checksum_mismatch(chain: Chain, address: &str) -> Refusal {
    Refusal::new(
        Code::InvalidAddressChecksum,
        format!(
            "The {} address {address} has a wrong checksum, so it was probably mistyped.",
            chain.as_str()
        ),
    )
}

pub fn normalize_address(chain: Chain, address: &str) -> Checked<String> {
    if address.is_empty() || address.len() > 128 {
        return Err(invalid(chain, address));
    }
    match chain {
        Chain::Evm => evm_checksummed(address),
        Chain::Solana => {
            let decoded = if is_base58(address) {
                near_sdk::bs58::decode(address).into_vec().ok()
            } else {
                None
            };
            match decoded {
                Some(bytes) if bytes.len() == 32 => Ok(address.to_string()),
                _ => Err(invalid(chain, address)),
            }
        }
        Chain::Near => {
            if is_near_account_id(address) {
                Ok(address.to_string())
            } else {
                Err(invalid(chain, address))
            }
        }
        Chain::Stellar => stellar_account(address).map(|_| address.to_string()),
    }
}

/// EIP-55: the hex digits with each letter upper-cased where keccak256(lower-case hex) has a
/// nibble of 8 or more.
fn evm_checksummed(address: &str) -> Checked<String> {
    let digits = address
        .strip_prefix("0x")
        .filter(|d| d.len() == 40 && d.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or_else(|| invalid(Chain::Evm, address))?;
    let lower = digits.to_ascii_lowercase();
    let hash = env::keccak256_array(lower.as_bytes());
    let mut checksummed = String::with_capacity(42);
    checksummed.push_str("0x");
    for (index, c) in lower.chars().enumerate() {
        let nibble = (hash[index / 2] >> (if index % 2 == 0 { 4 } else { 0 })) & 15;
        checksummed.push(if nibble >= 8 {
            c.to_ascii_uppercase()
        } else {
            c
        });
    }
    let single_case = digits == lower || digits == digits.to_ascii_uppercase();
    if !single_case && address != checksummed {
        return Err(checksum_mismatch(Chain::Evm, address));
    }
    Ok(checksummed)
}

/// nearcore's account id rules: 2 to 64 characters, parts of `[a-z0-9]` words joined by one
/// `-` or `_`, parts joined by `.`.
pub fn is_near_account_id(id: &str) -> bool {
    if !(2..=64).contains(&id.len()) {
        return false;
    }
    id.split('.').all(|part| {
        !part.is_empty()
            && part.split(['-', '_']).all(|word| {
                !word.is_empty()
                    && word
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            })
    })
}

/// A `G…` StrKey: 56 base32 characters of version byte 6 << 3, the 32-byte key, and the
/// CRC16-XModem of the first 33 bytes (little-endian).
fn stellar_account(address: &str) -> Checked<[u8; 32]> {
    if address.len() != 56 {
        return Err(invalid(Chain::Stellar, address));
    }
    let mut bytes = [0u8; 35];
    let (mut buffer, mut bits, mut out) = (0u32, 0u32, 0usize);
    for c in address.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'2'..=b'7' => c - b'2' + 26,
            _ => return Err(invalid(Chain::Stellar, address)),
        };
        buffer = (buffer << 5) | value as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes[out] = (buffer >> bits) as u8;
            out += 1;
            buffer &= (1 << bits) - 1;
        }
    }
    if bytes[0] != 6 << 3 {
        return Err(invalid(Chain::Stellar, address));
    }
    let checksum = bytes[33] as u16 | (bytes[34] as u16) << 8;
    if crc16_xmodem(&bytes[..33]) != checksum {
        return Err(checksum_mismatch(Chain::Stellar, address));
    }
    let mut key = [0u8; 32];
    key.copy_from_slice(&bytes[1..33]);
    Ok(key)
}

fn crc16_xmodem(bytes: &[u8]) -> u16 {
    let mut crc: u16 = 0;
    for byte in bytes {
        crc ^= (*byte as u16) << 8;
        for _ in 0..8 {
            crc = if crc & 0x8000 != 0 {
                (crc << 1) ^ 0x1021
            } else {
                crc << 1
            };
        }
    }
    crc
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
