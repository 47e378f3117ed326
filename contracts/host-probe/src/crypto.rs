//! Hash and signature host functions. Byte arguments and results are hex; lengths the host would
//! refuse are refused here first, with the argument named.

use crate::hex_input::{bytes, fixed};
use crate::{HostProbe, HostProbeExt};
use near_sdk::{env, near};

#[near]
impl HostProbe {
    pub fn hash_sha256(data: String) -> String {
        hex::encode(env::sha256_array(bytes("data", &data)))
    }

    pub fn hash_keccak256(data: String) -> String {
        hex::encode(env::keccak256_array(bytes("data", &data)))
    }

    pub fn hash_keccak512(data: String) -> String {
        hex::encode(env::keccak512_array(bytes("data", &data)))
    }

    pub fn hash_ripemd160(data: String) -> String {
        hex::encode(env::ripemd160_array(bytes("data", &data)))
    }

    /// `ecrecover` over a 32-byte hash and a 64-byte `r‖s` with recovery id `v` (0 or 1; 2 and 3
    /// are the rare overflowed-x ids). `malleability_flag` asks the host to refuse high-S
    /// signatures. Returns the 64-byte uncompressed public key without its 0x04 prefix, or null.
    pub fn recover_secp256k1(
        hash: String,
        signature: String,
        v: u8,
        malleability_flag: bool,
    ) -> Option<String> {
        let hash: [u8; 32] = fixed("hash", &hash);
        let signature: [u8; 64] = fixed("signature", &signature);
        env::ecrecover(&hash, &signature, v, malleability_flag).map(hex::encode)
    }

    /// `ed25519_verify` of a 64-byte signature over `message` (any length) with a 32-byte key.
    pub fn verify_ed25519(signature: String, message: String, public_key: String) -> bool {
        env::ed25519_verify(
            &fixed("signature", &signature),
            bytes("message", &message),
            &fixed("public_key", &public_key),
        )
    }

    /// `p256_verify` of a 64-byte `r‖s` over a 32-byte digest (the host does not hash) with a
    /// 33-byte compressed key. High-S signatures verify: the host accepts both forms.
    pub fn verify_p256(signature: String, digest: String, public_key: String) -> bool {
        env::p256_verify(
            &fixed("signature", &signature),
            &fixed("digest", &digest),
            &fixed("public_key", &public_key),
        )
    }
}
