//! Each signature host function with signatures made by other software: headless Chrome's
//! WebAuthn authenticator (P-256), the SEP-53 specification's cases (Ed25519), and EIP-155's
//! worked example (secp256k1). Every digest is computed through the probe's own hash methods.

use crate::support::{call_by_alice, hex_of, start};
use host_probe::HostProbe;
use near_sdk::serde_json::{self, Value};

// ---- P-256: WebAuthn assertions from Chrome -------------------------------------------------

/// Kept beside the protocol package's tests, which check the same assertions in TypeScript.
const CHROME_ASSERTIONS: &str =
    include_str!("../../../../packages/protocol/test/vectors/webauthn-chrome-assertions.json");

pub(crate) struct Assertion {
    /// 33 bytes, hex: the SEC1 compressed form of the fixture's uncompressed key.
    pub(crate) public_key: String,
    /// sha256(authenticatorData ‖ sha256(clientDataJSON)), hex: what the authenticator signed.
    pub(crate) digest: String,
    /// r ‖ s, hex, as the authenticator produced it.
    pub(crate) signature: String,
    pub(crate) high_s: bool,
}

fn compressed(uncompressed_hex: &str) -> String {
    let point = hex::decode(uncompressed_hex).unwrap();
    assert!(
        point.len() == 65 && point[0] == 4,
        "the fixture's keys are uncompressed SEC1 points"
    );
    let prefix = if point[64].is_multiple_of(2) {
        2u8
    } else {
        3u8
    };
    hex_of([&[prefix], &point[1..33]].concat())
}

pub(crate) fn chrome_assertions() -> Vec<Assertion> {
    let fixture: Value = serde_json::from_str(CHROME_ASSERTIONS).unwrap();
    let text = |case: &Value, field: &str| {
        case[field]
            .as_str()
            .unwrap_or_else(|| panic!("{field} is missing"))
            .to_owned()
    };
    fixture["cases"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| {
            let client_data_hash = HostProbe::hash_sha256(hex_of(text(case, "clientDataJSON")));
            Assertion {
                public_key: compressed(&text(case, "publicKey")),
                digest: HostProbe::hash_sha256(format!(
                    "{}{client_data_hash}",
                    text(case, "authenticatorData")
                )),
                signature: text(case, "signature"),
                high_s: case["highS"].as_bool().unwrap(),
            }
        })
        .collect()
}

#[test]
fn behavior_verify_p256_accepts_every_chrome_assertion_in_either_s_form() {
    start(&call_by_alice());
    let assertions = chrome_assertions();
    assert_eq!(assertions.len(), 100);
    assert_eq!(
        assertions.iter().filter(|case| case.high_s).count(),
        48,
        "the host accepts high-S too"
    );
    for (index, case) in assertions.iter().enumerate() {
        assert!(
            HostProbe::verify_p256(
                case.signature.clone(),
                case.digest.clone(),
                case.public_key.clone()
            ),
            "case {index}"
        );
    }
}

#[test]
fn behavior_verify_p256_refuses_another_digest_or_another_key() {
    start(&call_by_alice());
    let assertions = chrome_assertions();
    let (first, second) = (&assertions[0], &assertions[1]);
    let mut digest = hex::decode(&first.digest).unwrap();
    digest[31] ^= 1;
    assert!(!HostProbe::verify_p256(
        first.signature.clone(),
        hex_of(digest),
        first.public_key.clone()
    ));
    assert!(!HostProbe::verify_p256(
        first.signature.clone(),
        first.digest.clone(),
        second.public_key.clone()
    ));
}

#[test]
#[should_panic(expected = "public_key: expected 33 bytes, got 65")]
fn error_verify_p256_refuses_an_uncompressed_key() {
    start(&call_by_alice());
    let case = &chrome_assertions()[0];
    let uncompressed = format!("04{}{}", &case.public_key[2..], "00".repeat(32));
    HostProbe::verify_p256(case.signature.clone(), case.digest.clone(), uncompressed);
}

#[test]
#[should_panic(expected = "signature: expected 64 bytes, got 63")]
fn error_verify_p256_refuses_a_short_signature() {
    start(&call_by_alice());
    let case = &chrome_assertions()[0];
    HostProbe::verify_p256(
        case.signature[2..].to_owned(),
        case.digest.clone(),
        case.public_key.clone(),
    );
}

// ---- Ed25519: Stellar SEP-53 signed messages ------------------------------------------------

pub(crate) const SEP53_ADDRESS: &str = "GBXFXNDLV4LSWA4VB7YIL5GBD7BVNR22SGBTDKMO2SBZZHDXSKZYCP7L";
pub(crate) const SEP53_CASES: [(&[u8], &str); 3] = [
    (
        b"Hello, World!",
        "7cee5d6d885752104c85eea421dfdcb95abf01f1271d11c4bec3fcbd7874dccd6e2e98b97b8eb23b643cac4073bb77de5d07b0710139180ae9f3cbba78f2ba04",
    ),
    (
        "こんにちは、世界！".as_bytes(),
        "083536eb95ecf32dce59b07fe7a1fd8cf814b2ce46f40d2a16e4ea1f6cecd980e04e6fbef9d21f98011c785a81edb85f3776a6e7d942b435eb0adc07da4d4604",
    ),
    (
        &[
            0xdb, 0x36, 0x43, 0x3f, 0x5b, 0x1a, 0xd4, 0x15, 0x41, 0x7c, 0xb3, 0xfb, 0x4d, 0xe7,
            0x8c, 0x93, 0x7b, 0x14, 0x6d, 0xac, 0x40, 0x91, 0x48, 0x41, 0x84, 0x38, 0x8d, 0x76,
            0xb9, 0x2c, 0x68, 0x5a,
        ],
        "540d7eee179f370bf634a49c1fa9fe4a58e3d7990b0207be336c04edfcc539ff8bd0c31bb2c0359b07c9651cb2ae104e4504657b5d17d43c69c7e50e23811b0d",
    ),
];

/// The 32-byte Ed25519 key inside a Stellar G… address: base32 (RFC 4648, no padding) of a
/// version byte (6 << 3), the key and a CRC-16 checksum.
pub(crate) fn stellar_account_key(address: &str) -> String {
    const ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    let (mut bits, mut buffer, mut bytes) = (0u32, 0u32, Vec::new());
    for character in address.bytes() {
        buffer = (buffer << 5)
            | ALPHABET
                .iter()
                .position(|&letter| letter == character)
                .unwrap() as u32;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            bytes.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    assert_eq!(
        (bytes.len(), bytes[0]),
        (35, 6 << 3),
        "a G address holds a version byte, 32 key bytes and 2 checksum bytes"
    );
    hex_of(&bytes[1..33])
}

pub(crate) fn sep53_digest(message: &[u8]) -> String {
    HostProbe::hash_sha256(hex_of(
        [b"Stellar Signed Message:\n".as_slice(), message].concat(),
    ))
}

#[test]
fn behavior_verify_ed25519_accepts_the_sep53_specification_cases() {
    start(&call_by_alice());
    let key = stellar_account_key(SEP53_ADDRESS);
    for (message, signature) in SEP53_CASES {
        assert!(
            HostProbe::verify_ed25519(signature.into(), sep53_digest(message), key.clone()),
            "{message:?}"
        );
    }
}

#[test]
fn behavior_verify_ed25519_refuses_a_signature_over_another_message() {
    start(&call_by_alice());
    let key = stellar_account_key(SEP53_ADDRESS);
    let (_, signature) = SEP53_CASES[0];
    assert!(!HostProbe::verify_ed25519(
        signature.into(),
        sep53_digest(b"Hello, World?"),
        key.clone()
    ));
    assert!(
        !HostProbe::verify_ed25519(signature.into(), hex_of(b"Hello, World!"), key),
        "SEP-53 signs the prefixed hash, not the message"
    );
}

#[test]
#[should_panic(expected = "public_key: expected 32 bytes, got 33")]
fn error_verify_ed25519_refuses_a_key_of_the_wrong_length() {
    start(&call_by_alice());
    let (message, signature) = SEP53_CASES[0];
    HostProbe::verify_ed25519(
        signature.into(),
        sep53_digest(message),
        format!("00{}", stellar_account_key(SEP53_ADDRESS)),
    );
}

// ---- secp256k1: EIP-155's example transaction -----------------------------------------------

/// The signing data and hash of EIP-155's example (nonce 9, 20 gwei, 21000 gas, to 0x3535…35,
/// 1 ether, chain id 1), its signature (v = 37, so recovery id 0), and the address of its
/// private key 0x4646…46.
const EIP155_SIGNING_DATA: &str =
    "ec098504a817c800825208943535353535353535353535353535353535353535880de0b6b3a764000080018080";
pub(crate) const EIP155_SIGNING_HASH: &str =
    "daf5a779ae972f972197303d7b574746c7ef83eadac0f2791ad23db92e4c8e53";
/// r = 18515461264373351373200002665853028612451056578545711640558177340181847433846 and
/// s = 46948507304638947509940763649030358759909902576025900602547168820602576006531, in hex.
pub(crate) const EIP155_SIGNATURE: &str = "28ef61340bd939bc2195fe537567866003e1a15d3c71ff63e1590620aa63627667cbe9d8997f761aecb703304b3800ccf555c9f3dc64214b297fb1966a3b6d83";
const EIP155_ADDRESS: &str = "9d8a62f656a8d1615c1294fd71e9cfb3e4855a4f";
const SECP256K1_ORDER: &str = "fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141";

/// The Ethereum address of a 64-byte public key: the last 20 bytes of its keccak256.
fn address_of(public_key: &str) -> String {
    HostProbe::hash_keccak256(public_key.into())[24..].to_owned()
}

/// (r, n - s): the same signature's high-S twin, which recovers the same key with the other v.
pub(crate) fn high_s_twin(signature: &str) -> String {
    let (order, s) = (
        hex::decode(SECP256K1_ORDER).unwrap(),
        hex::decode(&signature[64..]).unwrap(),
    );
    let mut twin = [0u8; 32];
    let mut borrow = 0i16;
    for index in (0..32).rev() {
        let difference = order[index] as i16 - s[index] as i16 - borrow;
        borrow = i16::from(difference < 0);
        twin[index] = difference.rem_euclid(256) as u8;
    }
    format!("{}{}", &signature[..64], hex_of(twin))
}

#[test]
fn behavior_recover_secp256k1_recovers_the_eip155_signer() {
    start(&call_by_alice());
    assert_eq!(
        HostProbe::hash_keccak256(EIP155_SIGNING_DATA.into()),
        EIP155_SIGNING_HASH
    );
    let key =
        HostProbe::recover_secp256k1(EIP155_SIGNING_HASH.into(), EIP155_SIGNATURE.into(), 0, true)
            .expect("a low-S signature recovers");
    assert_eq!(key.len(), 128, "64 bytes: x ‖ y without the 0x04 prefix");
    assert_eq!(address_of(&key), EIP155_ADDRESS);
}

#[test]
fn behavior_recover_secp256k1_refuses_the_high_s_twin_only_when_asked() {
    start(&call_by_alice());
    let twin = high_s_twin(EIP155_SIGNATURE);
    let key = HostProbe::recover_secp256k1(EIP155_SIGNING_HASH.into(), twin.clone(), 1, false)
        .expect("malleable signatures recover");
    assert_eq!(address_of(&key), EIP155_ADDRESS);
    assert_eq!(
        HostProbe::recover_secp256k1(EIP155_SIGNING_HASH.into(), twin, 1, true),
        None
    );
}

#[test]
fn behavior_recover_secp256k1_with_the_other_recovery_id_is_another_key() {
    start(&call_by_alice());
    let other =
        HostProbe::recover_secp256k1(EIP155_SIGNING_HASH.into(), EIP155_SIGNATURE.into(), 1, true);
    assert!(other.is_none_or(|key| address_of(&key) != EIP155_ADDRESS));
}

#[test]
#[should_panic(expected = "hash: expected 32 bytes, got 31")]
fn error_recover_secp256k1_refuses_a_short_hash() {
    start(&call_by_alice());
    HostProbe::recover_secp256k1(
        EIP155_SIGNING_HASH[2..].into(),
        EIP155_SIGNATURE.into(),
        0,
        true,
    );
}
