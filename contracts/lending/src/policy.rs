//! Who may do what (protocol `action-policy.ts`): rows are actions (Borrow split by
//! recipient), columns the kind of signer.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SignerKind {
    PasskeyUnbound,
    PasskeyBound,
    Wallet,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Decision {
    Allow,
    Refuse,
    /// Allowed when the bound wallet co-signs the same payload.
    WithCosignature,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Row {
    Supply,
    Repay,
    Adjust,
    BorrowToBoundWallet,
    BorrowToOtherAddress,
    AddWallet,
    AddPasskey,
    RemovePasskey,
    RemoveWallet,
}

pub fn decision(row: Row, signer: SignerKind) -> Decision {
    use Decision::*;
    use SignerKind::*;
    match (row, signer) {
        // Supply and Borrow wait for a bound wallet: a passkey alone is not recoverable.
        (Row::Supply | Row::BorrowToBoundWallet, PasskeyUnbound) => Refuse,
        (Row::Supply | Row::BorrowToBoundWallet, _) => Allow,
        // Nothing leaves the account: always allowed.
        (Row::Repay | Row::Adjust | Row::AddWallet, _) => Allow,
        (Row::BorrowToOtherAddress, PasskeyUnbound) => Refuse,
        (Row::BorrowToOtherAddress, PasskeyBound) => WithCosignature,
        (Row::BorrowToOtherAddress, Wallet) => Allow,
        // A new device's passkey: through an existing bound setup, or by the bound wallet (recovery).
        (Row::AddPasskey, PasskeyUnbound) => Refuse,
        (Row::AddPasskey, _) => Allow,
        // Removing control methods is the bound wallet's alone.
        (Row::RemovePasskey | Row::RemoveWallet, Wallet) => Allow,
        (Row::RemovePasskey | Row::RemoveWallet, _) => Refuse,
    }
}
