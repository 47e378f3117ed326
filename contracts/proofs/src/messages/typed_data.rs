//! The EIP-712 digest an EVM wallet signs (`eth_signTypedData_v4`), rebuilt with `keccak256`:
//! keccak256(0x19 0x01 ‖ domain separator ‖ hashStruct(message)). The structs are flat (strings,
//! one uint256, a bytes32, an address, one array of one struct), as `typed-data.ts` lays them out.

use super::facts::deadline_text;
use super::{ActionFacts, BindingFacts, MessageFields, RequestFacts, WalletRole};
use crate::error::{ProofResult, code, refuse};
use crate::scalar::hex32;
use crate::wallet::parse_evm_address_bytes;
use near_sdk::env::keccak256_array;

#[cfg(test)]
const DOMAIN_TYPE: &str = "EIP712Domain(string name,string version)";
#[cfg(test)]
const DOMAIN_NAME: &str = "CrossChain Lending";
#[cfg(test)]
const DOMAIN_VERSION: &str = "1";
#[cfg(test)]
const ACTION_TYPE: &str =
    "Action(string action,string amount,uint256 smallestUnits,string recipient)";
#[cfg(test)]
const REQUEST_MEMBERS: &str = "(string notice,string account,Action[] actions,string site,string deadline,bytes32 requestId,string contract,string network)";
#[cfg(test)]
const BIND_TYPE: &str = "BindWallet(string notice,string account,address wallet,string site,string deadline,string nonce,string contract,string network)";

// What never changes is hashed ahead, as constants (each host call costs about 14 Ggas with its
// memory and register traffic); `behavior_precomputed_hashes_are_the_hashes_of_their_text`
// recomputes every one with the host's keccak256.
const DOMAIN_SEPARATOR: [u8; 32] =
    hex32("a2b75a674a99f176cda20f7edc79b969c1d8a17ae755ee83f3efe85ec09a2234");
const ACTION_TYPE_HASH: [u8; 32] =
    hex32("e401ab275f7defdd42eb85aa38000fb38c231c1c4b0a39c287b07e631ebb54dd");
const BIND_TYPE_HASH: [u8; 32] =
    hex32("1fed1d07ffbe41bf303a622486033b95522900e2058784c3ae74702969b94a02");

/// keccak256 of the role's primary type (with the Action type for request roles), and of its notice.
fn role_hashes(role: WalletRole) -> ([u8; 32], [u8; 32]) {
    let (type_hash, notice_hash) = match role {
        WalletRole::Bind => (
            BIND_TYPE_HASH,
            hex32("bb2ae66627ebaa12c7c80c44308df44f1bd48696a57d55636b97d18d76b7b779"),
        ),
        WalletRole::Cosign => (
            hex32("c93ff7c8744a1e6bb02c8cf74df3d3ae085a50007c0d8d46660e968368047233"),
            hex32("9c6a60b5c81458477bafdcf7e2b82c170de4a3388029e6a077d3adbaa31b4839"),
        ),
        WalletRole::Recover => (
            hex32("1e03c3eda53b304beb669ac82a5d773ba8d4ed126e205fd191931f1948ca3b7a"),
            hex32("14b703d04c0d56f4742eff2c570569f8c34652a6545fd045b20a5b6c3349ac16"),
        ),
        WalletRole::Remove => (
            hex32("2042a694cb03185d13124131904db1bc8dca42f9712ef10bad9d063ec3d7a5f5"),
            hex32("ac8b9c22bde9a2853df37013274854da1754c776c916f98c73f46f31e67b4965"),
        ),
        WalletRole::Request => (
            hex32("52fe375ec73e2a2001b37361f863ba8d60ba1aed58fa12dce44adf43ac479c46"),
            hex32("99c3b3ae05e4becca867c8f041835cbcc1127907d8bcb9d1ba31a7dde2dbd886"),
        ),
    };
    (type_hash, notice_hash)
}

/// One primary type per role: the type's name is part of what is signed.
#[cfg(test)]
fn primary_type(role: WalletRole) -> &'static str {
    match role {
        WalletRole::Bind => "BindWallet",
        WalletRole::Cosign => "CoSignBorrow",
        WalletRole::Recover => "RecoverAccount",
        WalletRole::Remove => "RemoveAccess",
        WalletRole::Request => "WalletRequest",
    }
}

/// The role's title and warning as one sentence pair: "Bind this wallet…. Only sign this…".
#[cfg(test)]
fn notice(role: WalletRole) -> String {
    let (title, warning) = role.heading();
    let mut chars = title.chars();
    let first = chars
        .next()
        .map(|c| c.to_ascii_uppercase())
        .unwrap_or_default();
    format!("{first}{}. {warning}", chars.as_str())
}

/// keccak256 of the 32-byte words of a struct, its type hash first.
fn hash_words(words: &[[u8; 32]]) -> [u8; 32] {
    keccak256_array(words.concat())
}

fn text(value: &str) -> [u8; 32] {
    keccak256_array(value.as_bytes())
}

fn action_hash(action: &ActionFacts) -> [u8; 32] {
    let (amount, smallest_units) = match &action.amount {
        Some(amount) => (amount.text.as_str(), amount.value),
        None => ("", [0u8; 32]),
    };
    hash_words(&[
        ACTION_TYPE_HASH,
        text(&action.action),
        text(amount),
        smallest_units,
        text(action.recipient.as_deref().unwrap_or("")),
    ])
}

fn request_struct_hash(role: WalletRole, fields: &RequestFacts) -> [u8; 32] {
    let (type_hash, notice_hash) = role_hashes(role);
    let actions: Vec<[u8; 32]> = fields.actions.iter().map(action_hash).collect();
    hash_words(&[
        type_hash,
        notice_hash,
        text(&fields.account_id),
        hash_words(&actions),
        text(&fields.site),
        text(&deadline_text(fields.deadline_ms)),
        fields.request_id,
        text(&fields.contract_id),
        text(&format!("NEAR {}", fields.chain_id)),
    ])
}

fn binding_struct_hash(fields: &BindingFacts) -> ProofResult<[u8; 32]> {
    let mut wallet = [0u8; 32];
    wallet[12..].copy_from_slice(&parse_evm_address_bytes(&fields.wallet_address)?);
    let (type_hash, notice_hash) = role_hashes(WalletRole::Bind);
    Ok(hash_words(&[
        type_hash,
        notice_hash,
        text(&fields.account_id),
        wallet,
        text(&fields.site),
        text(&deadline_text(fields.deadline_ms)),
        text(&fields.nonce),
        text(&fields.contract_id),
        text(&format!("NEAR {}", fields.chain_id)),
    ]))
}

/// The digest of the typed data an EVM wallet signs in `role` over `fields`.
pub fn typed_data_digest(role: WalletRole, fields: &MessageFields) -> ProofResult<[u8; 32]> {
    let message = match (role, fields) {
        (WalletRole::Bind, MessageFields::Binding(binding)) => binding_struct_hash(binding)?,
        (WalletRole::Bind, MessageFields::Request(_)) | (_, MessageFields::Binding(_)) => {
            return refuse(
                code::INVALID_VERIFICATION_INPUT,
                "Role Bind signs a binding's fields and only it does.",
            );
        }
        (role, MessageFields::Request(request)) => request_struct_hash(role, request),
    };
    let mut preimage = Vec::with_capacity(66);
    preimage.extend_from_slice(&[0x19, 0x01]);
    preimage.extend_from_slice(&DOMAIN_SEPARATOR);
    preimage.extend_from_slice(&message);
    Ok(keccak256_array(&preimage))
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROLES: [WalletRole; 5] = [
        WalletRole::Bind,
        WalletRole::Cosign,
        WalletRole::Recover,
        WalletRole::Remove,
        WalletRole::Request,
    ];

    #[test]
    fn behavior_precomputed_hashes_are_the_hashes_of_their_text() {
        let domain = hash_words(&[text(DOMAIN_TYPE), text(DOMAIN_NAME), text(DOMAIN_VERSION)]);
        assert_eq!(DOMAIN_SEPARATOR, domain);
        assert_eq!(ACTION_TYPE_HASH, text(ACTION_TYPE));
        for role in ROLES {
            let type_text = match role {
                WalletRole::Bind => BIND_TYPE.to_owned(),
                _ => format!("{}{REQUEST_MEMBERS}{ACTION_TYPE}", primary_type(role)),
            };
            assert!(type_text.starts_with(primary_type(role)));
            assert_eq!(
                role_hashes(role),
                (text(&type_text), text(&notice(role))),
                "{role:?}"
            );
        }
    }
}
