//! Refusals. Each carries one of the protocol's machine-readable codes
//! (`packages/protocol/src/errors.ts` `ErrorCode`) as `CODE: message` in the panic text, so the
//! relayer, the wallet and the tests read the same codes from the wasm as from the TypeScript
//! contract. A panic rolls back every state change of the receipt: a refusal changes nothing.

use near_sdk::env;

/// The codes this contract refuses with, spelled as `ErrorCode` spells them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Code {
    InvalidConfiguration,
    InvalidRequest,
    InvalidCredential,
    InvalidAddress,
    InvalidAddressChecksum,
    WrongChain,
    WrongContract,
    RequestExpired,
    DeadlineTooFar,
    NonceAlreadyUsed,
    AccountNotFound,
    UnknownSigner,
    ActionNotAllowed,
    WalletNotBound,
    CosignatureRequired,
    InvalidCosignature,
    InvalidBindingProof,
    WalletAlreadyBound,
    CredentialInUse,
    LastControlMethod,
    InSecurityPeriod,
    CredentialRetired,
    InvalidCreationProof,
    SignCountRegressed,
    SiteNotAllowed,
    UnknownAsset,
    UnsupportedDestination,
    InsufficientFunds,
    NothingToRepay,
    AmountTooSmall,
    InsufficientLiquidity,
    HealthFactorTooLow,
    Unauthorized,
    LimitReached,
    InsufficientStorageDeposit,
    ContractStorageExhausted,
}

impl Code {
    pub fn as_str(self) -> &'static str {
        match self {
            Code::InvalidConfiguration => "INVALID_CONFIGURATION",
            Code::InvalidRequest => "INVALID_REQUEST",
            Code::InvalidCredential => "INVALID_CREDENTIAL",
            Code::InvalidAddress => "INVALID_ADDRESS",
            Code::InvalidAddressChecksum => "INVALID_ADDRESS_CHECKSUM",
            Code::WrongChain => "WRONG_CHAIN",
            Code::WrongContract => "WRONG_CONTRACT",
            Code::RequestExpired => "REQUEST_EXPIRED",
            Code::DeadlineTooFar => "DEADLINE_TOO_FAR",
            Code::NonceAlreadyUsed => "NONCE_ALREADY_USED",
            Code::AccountNotFound => "ACCOUNT_NOT_FOUND",
            Code::UnknownSigner => "UNKNOWN_SIGNER",
            Code::ActionNotAllowed => "ACTION_NOT_ALLOWED",
            Code::WalletNotBound => "WALLET_NOT_BOUND",
            Code::CosignatureRequired => "COSIGNATURE_REQUIRED",
            Code::InvalidCosignature => "INVALID_COSIGNATURE",
            Code::InvalidBindingProof => "INVALID_BINDING_PROOF",
            Code::WalletAlreadyBound => "WALLET_ALREADY_BOUND",
            Code::CredentialInUse => "CREDENTIAL_IN_USE",
            Code::LastControlMethod => "LAST_CONTROL_METHOD",
            Code::InSecurityPeriod => "IN_SECURITY_PERIOD",
            Code::CredentialRetired => "CREDENTIAL_RETIRED",
            Code::InvalidCreationProof => "INVALID_CREATION_PROOF",
            Code::SignCountRegressed => "SIGN_COUNT_REGRESSED",
            Code::SiteNotAllowed => "SITE_NOT_ALLOWED",
            Code::UnknownAsset => "UNKNOWN_ASSET",
            Code::UnsupportedDestination => "UNSUPPORTED_DESTINATION",
            Code::InsufficientFunds => "INSUFFICIENT_FUNDS",
            Code::NothingToRepay => "NOTHING_TO_REPAY",
            Code::AmountTooSmall => "AMOUNT_TOO_SMALL",
            Code::InsufficientLiquidity => "INSUFFICIENT_LIQUIDITY",
            Code::HealthFactorTooLow => "HEALTH_FACTOR_TOO_LOW",
            Code::Unauthorized => "UNAUTHORIZED",
            Code::LimitReached => "LIMIT_REACHED",
            Code::InsufficientStorageDeposit => "INSUFFICIENT_STORAGE_DEPOSIT",
            Code::ContractStorageExhausted => "CONTRACT_STORAGE_EXHAUSTED",
        }
    }
}

/// A refusal that has not ended the call yet: `preview` returns it as data, everything else
/// panics with it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Refusal {
    pub code: Code,
    pub message: String,
}

impl Refusal {
    pub fn new(code: Code, message: impl Into<String>) -> Self {
        Refusal {
            code,
            message: message.into(),
        }
    }

    /// Ends the call: `CODE: message`, and the receipt's state changes are rolled back.
    pub fn panic(&self) -> ! {
        env::panic_str(&format!("{}: {}", self.code.as_str(), self.message))
    }
}

pub type Checked<T> = Result<T, Refusal>;

/// Refuses at once (the common case outside `preview`).
pub fn refuse(code: Code, message: impl Into<String>) -> ! {
    Refusal::new(code, message).panic()
}

/// `Err(Refusal)` in one expression, for code shared with `preview`.
pub fn refusal<T>(code: Code, message: impl Into<String>) -> Checked<T> {
    Err(Refusal::new(code, message))
}

/// Unwraps a checked result, panicking with its refusal.
pub trait OrRefuse<T> {
    fn or_refuse(self) -> T;
}

impl<T> OrRefuse<T> for Checked<T> {
    fn or_refuse(self) -> T {
        match self {
            Ok(value) => value,
            Err(refusal) => refusal.panic(),
        }
    }
}
