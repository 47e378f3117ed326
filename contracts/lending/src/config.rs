//! What the contract is deployed with (the TypeScript `ContractConfig`), plus the roles NEAR
//! needs apart: the owner (upgrades and migration), the oracle (prices) and the bridge
//! (inbound deposits). The contract's own id is NEAR's: `env::current_account_id()`.

use crate::errors::{Code, refuse};
use crate::request::fields::is_origin;
use near_sdk::{AccountId, env, near};

#[near(serializers = [borsh, json])]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChainId {
    #[serde(rename = "devnet")]
    Devnet,
    #[serde(rename = "testnet")]
    Testnet,
    #[serde(rename = "mainnet")]
    Mainnet,
}

impl ChainId {
    pub fn as_str(self) -> &'static str {
        match self {
            ChainId::Devnet => "devnet",
            ChainId::Testnet => "testnet",
            ChainId::Mainnet => "mainnet",
        }
    }
}

/// The security period when `new` names none: 48 hours, as the TypeScript default.
pub const DEFAULT_SECURITY_PERIOD_MS: u64 = 48 * 60 * 60 * 1000;

#[near(serializers = [borsh])]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    pub chain_id: ChainId,
    // The roles as text (borsh writes an AccountId and a String alike): `new` validated them as
    // AccountIds, and every call reads this record, which would validate all three again.
    pub owner: String,
    pub oracle: String,
    pub bridge: String,
    /// Passkey assertions must be for this RP ID (the wallet's domain)...
    pub rp_id: String,
    /// ...and come from one of these wallet origins.
    pub wallet_origins: Vec<String>,
    /// The partner sites allowed to embed the wallet; empty refuses every embedded assertion.
    pub partner_origins: Vec<String>,
    /// A request's deadline may be at most this far past the block time.
    pub max_deadline_window_ms: u64,
    /// How long a newly added passkey or wallet stays probationary.
    pub security_period_ms: u64,
}

/// `new`'s configuration, in the TypeScript's JSON spelling. The oracle and bridge default to
/// the owner (the TypeScript contract's single host role).
#[near(serializers = [json])]
#[derive(Clone, Debug)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ConfigArgs {
    pub chain_id: ChainId,
    pub owner: AccountId,
    pub oracle: Option<AccountId>,
    pub bridge: Option<AccountId>,
    pub rp_id: String,
    pub wallet_origins: Vec<String>,
    #[serde(default)]
    pub partner_origins: Vec<String>,
    pub max_deadline_window_ms: u64,
    pub security_period_ms: Option<u64>,
}

/// At most this many origins of each kind: every request's site check reads the lists.
pub const MAX_ORIGINS: usize = 16;

impl Config {
    pub fn from_args(args: ConfigArgs) -> Config {
        let invalid = |why: String| -> ! { refuse(Code::InvalidConfiguration, why) };
        if args.rp_id.is_empty() || args.rp_id.len() > 253 {
            invalid("rpId must be the wallet's domain.".into());
        }
        if args.wallet_origins.is_empty() {
            invalid("walletOrigins must list the wallet's origin.".into());
        }
        for (name, list) in [
            ("walletOrigins", &args.wallet_origins),
            ("partnerOrigins", &args.partner_origins),
        ] {
            if list.len() > MAX_ORIGINS {
                invalid(format!("{name} lists more than {MAX_ORIGINS} origins."));
            }
            if let Some(bad) = list.iter().find(|origin| !is_origin(origin)) {
                invalid(format!(
                    "{name} has \"{bad}\", which is not a web origin as browsers write it."
                ));
            }
        }
        if args.max_deadline_window_ms == 0 {
            invalid("maxDeadlineWindowMs must be positive.".into());
        }
        Config {
            chain_id: args.chain_id,
            oracle: args.oracle.unwrap_or_else(|| args.owner.clone()).into(),
            bridge: args.bridge.unwrap_or_else(|| args.owner.clone()).into(),
            owner: args.owner.into(),
            rp_id: args.rp_id,
            wallet_origins: args.wallet_origins,
            partner_origins: args.partner_origins,
            max_deadline_window_ms: args.max_deadline_window_ms,
            security_period_ms: args
                .security_period_ms
                .unwrap_or(DEFAULT_SECURITY_PERIOD_MS),
        }
    }

    /// A partner site on the allowlist, or a wallet origin.
    pub fn serves(&self, origin: &str) -> bool {
        self.partner_origins.iter().any(|each| each == origin)
            || self.wallet_origins.iter().any(|each| each == origin)
    }

    pub fn require_role(&self, role: &str, name: &str) {
        if env::predecessor_account_id().as_str() != role {
            refuse(
                Code::Unauthorized,
                format!("Only {role} (the {name}) may call this method."),
            );
        }
    }
}

/// `get_config`: the TypeScript view's shape, with the roles.
#[near(serializers = [json])]
#[derive(Clone, Debug, PartialEq, Eq)]
#[serde(rename_all = "camelCase")]
pub struct ConfigView {
    pub contract_id: AccountId,
    pub chain_id: ChainId,
    pub owner: String,
    pub oracle: String,
    pub bridge: String,
    pub rp_id: String,
    pub wallet_origins: Vec<String>,
    pub max_deadline_window_ms: u64,
    pub partner_origins: Vec<String>,
    pub security_period_ms: u64,
}

impl ConfigView {
    pub fn of(config: &Config) -> ConfigView {
        ConfigView {
            contract_id: env::current_account_id(),
            chain_id: config.chain_id,
            owner: config.owner.clone(),
            oracle: config.oracle.clone(),
            bridge: config.bridge.clone(),
            rp_id: config.rp_id.clone(),
            wallet_origins: config.wallet_origins.clone(),
            max_deadline_window_ms: config.max_deadline_window_ms,
            partner_origins: config.partner_origins.clone(),
            security_period_ms: config.security_period_ms,
        }
    }
}
