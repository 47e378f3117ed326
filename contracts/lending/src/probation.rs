//! The security period (protocol `security-period.ts`, contract `probation.ts`): a passkey or
//! wallet added to an existing account is probationary until `matures_at_ms`. Meanwhile it may
//! not remove a method older than itself nor move assets, and any older method may cancel it.

use crate::errors::{Checked, Code, refusal};
use crate::state::{BoundWallet, Passkey};

/// A control method as the rules see it: when it was added, until when it is probationary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MethodTimes {
    pub added_at_ms: u64,
    pub matures_at_ms: Option<u64>,
}

impl MethodTimes {
    pub fn of_passkey(passkey: &Passkey) -> MethodTimes {
        MethodTimes {
            added_at_ms: passkey.added_at_ms,
            matures_at_ms: passkey.matures_at_ms,
        }
    }

    pub fn of_wallet(wallet: &BoundWallet) -> MethodTimes {
        MethodTimes {
            added_at_ms: wallet.bound_at_ms,
            matures_at_ms: wallet.matures_at_ms,
        }
    }

    pub fn is_probationary(&self, now_ms: u64) -> bool {
        self.matures_at_ms.is_some_and(|matures| matures > now_ms)
    }

    /// Added before `other`; in one block, a method without a security period is the older.
    pub fn is_older(&self, other: &MethodTimes) -> bool {
        self.added_at_ms < other.added_at_ms
            || (self.added_at_ms == other.added_at_ms
                && self.matures_at_ms.is_none()
                && other.matures_at_ms.is_some())
    }

    /// A removal by an older method of one still in its security period.
    pub fn cancels(&self, target: &MethodTimes, now_ms: u64) -> bool {
        target.is_probationary(now_ms) && self.is_older(target)
    }
}

/// A method as refusals name it.
#[derive(Clone, Debug)]
pub struct Method {
    pub times: MethodTimes,
    pub label: String,
    /// The account's first wallet, bound by its passkey: it may move assets at once.
    pub first_wallet: bool,
}

impl Method {
    pub fn passkey(passkey: &Passkey) -> Method {
        let short: String = passkey.credential_id.chars().take(12).collect();
        Method {
            times: MethodTimes::of_passkey(passkey),
            label: format!("The passkey {short}…"),
            first_wallet: false,
        }
    }

    pub fn wallet(wallet: &BoundWallet) -> Method {
        Method {
            times: MethodTimes::of_wallet(wallet),
            label: format!("The {} wallet {}", wallet.chain.id(), wallet.address),
            first_wallet: wallet.first,
        }
    }
}

/// "47 h 59 min", "12 min" (never "0 min").
pub fn time_left(until_ms: u64, now_ms: u64) -> String {
    let minutes = until_ms.saturating_sub(now_ms).div_ceil(60_000).max(1);
    let hours = minutes / 60;
    if hours > 0 {
        format!("{hours} h {} min", minutes % 60)
    } else {
        format!("{minutes} min")
    }
}

/// May `method` move assets (sign, co-sign or receive a Borrow) at `now_ms`?
pub fn may_move_assets(method: &Method, now_ms: u64, role: &str) -> Checked<()> {
    if method.first_wallet || !method.times.is_probationary(now_ms) {
        return Ok(());
    }
    let matures = method.times.matures_at_ms.unwrap_or_default();
    refusal(
        Code::InSecurityPeriod,
        format!(
            "{} was added less than the security period ago, so it cannot {role} for another {} (until {matures} ms). Any older passkey or wallet of the account can cancel it before then.",
            method.label,
            time_left(matures, now_ms)
        ),
    )
}

/// May `signer` remove `target`? A probationary method may not remove one older than itself.
pub fn may_remove(signer: &Method, target: &Method, now_ms: u64) -> Checked<()> {
    if !signer.times.is_probationary(now_ms) || !target.times.is_older(&signer.times) {
        return Ok(());
    }
    let matures = signer.times.matures_at_ms.unwrap_or_default();
    refusal(
        Code::InSecurityPeriod,
        format!(
            "{} was added less than the security period ago, so it cannot remove the older {} for another {}. The account's older passkey or wallet can cancel it meanwhile.",
            signer.label,
            target.label.trim_start_matches("The "),
            time_left(matures, now_ms)
        ),
    )
}

/// WebAuthn's signature counter rule, as `ccl-proofs` states it, in this contract's words: a
/// counter that stands still or goes back means a cloned authenticator or a replay.
pub fn next_sign_count(stored: u32, seen: u32) -> Checked<u32> {
    ccl_proofs::next_sign_count(stored, seen).or_else(|_| {
        refusal(
            Code::SignCountRegressed,
            format!(
                "This passkey's signature counter went backwards, which a copied (cloned) authenticator would do (counter {seen}, last seen {stored}). The request is refused; if this passkey was not copied, sign again with it."
            ),
        )
    })
}
