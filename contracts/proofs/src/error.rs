//! Every refusal carries the code `packages/protocol/src/errors.ts` gives the same refusal, so the
//! relayer, the wallet and the tests read one table whichever implementation refused.

use std::fmt;

/// The `ErrorCode` values these checks can produce, spelled exactly as in TypeScript.
pub mod code {
    pub const INVALID_VERIFICATION_INPUT: &str = "INVALID_VERIFICATION_INPUT";
    pub const INVALID_AUTHENTICATOR_DATA: &str = "INVALID_AUTHENTICATOR_DATA";
    pub const INVALID_CLIENT_DATA: &str = "INVALID_CLIENT_DATA";
    pub const CLIENT_DATA_TYPE_MISMATCH: &str = "CLIENT_DATA_TYPE_MISMATCH";
    pub const CHALLENGE_MISMATCH: &str = "CHALLENGE_MISMATCH";
    pub const ORIGIN_MISMATCH: &str = "ORIGIN_MISMATCH";
    pub const RP_ID_HASH_MISMATCH: &str = "RP_ID_HASH_MISMATCH";
    pub const USER_NOT_PRESENT: &str = "USER_NOT_PRESENT";
    pub const USER_NOT_VERIFIED: &str = "USER_NOT_VERIFIED";
    pub const INVALID_BACKUP_FLAGS: &str = "INVALID_BACKUP_FLAGS";
    pub const INVALID_PUBLIC_KEY: &str = "INVALID_PUBLIC_KEY";
    pub const MALFORMED_SIGNATURE: &str = "MALFORMED_SIGNATURE";
    pub const SIGNATURE_HIGH_S: &str = "SIGNATURE_HIGH_S";
    pub const INVALID_SIGNATURE: &str = "INVALID_SIGNATURE";
    pub const INVALID_ADDRESS: &str = "INVALID_ADDRESS";
    pub const INVALID_ADDRESS_CHECKSUM: &str = "INVALID_ADDRESS_CHECKSUM";
    pub const INVALID_RECOVERY_ID: &str = "INVALID_RECOVERY_ID";
    pub const PUBLIC_KEY_MISMATCH: &str = "PUBLIC_KEY_MISMATCH";
    pub const INVALID_NONCE: &str = "INVALID_NONCE";
    pub const INVALID_REQUEST: &str = "INVALID_REQUEST";
    pub const INVALID_CREDENTIAL: &str = "INVALID_CREDENTIAL";
    pub const UNKNOWN_ASSET: &str = "UNKNOWN_ASSET";
    pub const UNKNOWN_SIGNER: &str = "UNKNOWN_SIGNER";
    pub const INVALID_BINDING_PROOF: &str = "INVALID_BINDING_PROOF";
    pub const SIGN_COUNT_REGRESSED: &str = "SIGN_COUNT_REGRESSED";
    pub const TOP_ORIGIN_NOT_ALLOWED: &str = "TOP_ORIGIN_NOT_ALLOWED";
    pub const SITE_NOT_ALLOWED: &str = "SITE_NOT_ALLOWED";
    pub const SITE_MISMATCH: &str = "SITE_MISMATCH";
}

/// Why a proof was refused: the machine-readable code and one sentence for a person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProofError {
    pub code: &'static str,
    pub message: String,
}

impl ProofError {
    pub fn new(code: &'static str, message: impl Into<String>) -> Self {
        Self {
            code,
            message: message.into(),
        }
    }

    /// The same refusal under the caller's code: which key may sign is the contract's rule, so a
    /// co-signature's `UNKNOWN_SIGNER` reads as `INVALID_COSIGNATURE` there, as in TypeScript.
    pub fn with_code(self, code: &'static str) -> Self {
        Self { code, ..self }
    }

    /// Ends the receipt with `CODE: message`, the form the relayer and the wallet read.
    pub fn panic(&self) -> ! {
        near_sdk::env::panic_str(&self.to_string())
    }
}

/// `CODE: message`.
impl fmt::Display for ProofError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.code, self.message)
    }
}

pub type ProofResult<T> = Result<T, ProofError>;

pub(crate) fn refuse<T>(code: &'static str, message: impl Into<String>) -> ProofResult<T> {
    Err(ProofError::new(code, message))
}
