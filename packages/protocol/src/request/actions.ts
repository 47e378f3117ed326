import { type WalletChain, walletChains } from '../chains'
import { amount, bool, invalidRequest, oneOf, record, text } from './fields'

/** An asset symbol as markets name them (USDC, ETH, ...). Whether the market exists is the contract's call. */
export type AssetSymbol = string

/** An address on an external chain, tagged with its chain. */
export type ExternalAddress = { chain: WalletChain; address: string }

/** A wallet's proof that it agrees to be bound: its own signature over a binding message. */
export type BindingProof = {
  /** The human-readable binding message, exactly as the wallet signed it. */
  message: string
  /** The signature in the chain's own string form (EVM 0x hex, NEAR/Solana/Stellar base64 or base58). */
  signature: string
  /** `ed25519:<base58>`: NEAR and (optional) Stellar/Solana wallets say which key signed. */
  publicKey?: string
  /** NEAR NEP-413 parameters the message was signed with. */
  nep413?: { nonce: string; recipient: string; callbackUrl?: string }
}

export type Action =
  /** Moves wallet balance into the pool, as supply or straight to collateral. */
  | { type: 'supply'; asset: AssetSymbol; amount: string; collateral: boolean }
  /** Uses wallet balance to reduce debt; never below zero. */
  | { type: 'repay'; asset: AssetSymbol; amount: string }
  /** Moves between supplied and collateral; nothing leaves the account. */
  | { type: 'adjust'; asset: AssetSymbol; amount: string; direction: 'to-collateral' | 'to-supplied' }
  /** Creates debt and sends the asset out to the recipient on its chain. */
  | { type: 'borrow'; asset: AssetSymbol; amount: string; recipient: ExternalAddress }
  | { type: 'add_wallet'; wallet: ExternalAddress; proof: BindingProof }
  | { type: 'add_passkey'; passkey: { credentialId: string; publicKey: string } }
  | { type: 'remove_passkey'; credentialId: string }
  | { type: 'remove_wallet'; wallet: ExternalAddress }

export type ActionType = Action['type']

export const actionTypes: readonly ActionType[] = ['supply', 'repay', 'adjust', 'borrow', 'add_wallet', 'add_passkey', 'remove_passkey', 'remove_wallet']

const assetPattern = /^[A-Z][A-Z0-9]{1,9}$/
const base64UrlPattern = /^[A-Za-z0-9_-]+$/

function externalAddress(value: unknown, field: string): ExternalAddress {
  const fields = record(value, field, ['chain', 'address'])
  return { chain: oneOf(fields.chain, `${field}.chain`, walletChains), address: text(fields.address, `${field}.address`, undefined, 128) }
}

function bindingProof(value: unknown, field: string): BindingProof {
  const fields = record(value, field, ['message', 'signature'], ['publicKey', 'nep413'])
  const proof: BindingProof = {
    message: text(fields.message, `${field}.message`, undefined, 2048),
    signature: text(fields.signature, `${field}.signature`, undefined, 512),
  }
  if (fields.publicKey !== undefined) proof.publicKey = text(fields.publicKey, `${field}.publicKey`, undefined, 128)
  if (fields.nep413 !== undefined) {
    const nep413 = record(fields.nep413, `${field}.nep413`, ['nonce', 'recipient'], ['callbackUrl'])
    proof.nep413 = { nonce: text(nep413.nonce, `${field}.nep413.nonce`, undefined, 64), recipient: text(nep413.recipient, `${field}.nep413.recipient`) }
    if (nep413.callbackUrl !== undefined) proof.nep413.callbackUrl = text(nep413.callbackUrl, `${field}.nep413.callbackUrl`, undefined, 2048)
  }
  return proof
}

/** Validates one action's shape. Unknown fields and unknown types are refused. */
export function parseAction(value: unknown, index: number): Action {
  const field = `actions[${index}]`
  if (typeof value !== 'object' || value === null) throw invalidRequest(field, 'must be an object')
  const type = oneOf((value as { type?: unknown }).type, `${field}.type`, actionTypes)
  switch (type) {
    case 'supply': {
      const f = record(value, field, ['type', 'asset', 'amount', 'collateral'])
      return { type, asset: text(f.asset, `${field}.asset`, assetPattern), amount: amount(f.amount, `${field}.amount`), collateral: bool(f.collateral, `${field}.collateral`) }
    }
    case 'repay': {
      const f = record(value, field, ['type', 'asset', 'amount'])
      return { type, asset: text(f.asset, `${field}.asset`, assetPattern), amount: amount(f.amount, `${field}.amount`) }
    }
    case 'adjust': {
      const f = record(value, field, ['type', 'asset', 'amount', 'direction'])
      return {
        type,
        asset: text(f.asset, `${field}.asset`, assetPattern),
        amount: amount(f.amount, `${field}.amount`),
        direction: oneOf(f.direction, `${field}.direction`, ['to-collateral', 'to-supplied'] as const),
      }
    }
    case 'borrow': {
      const f = record(value, field, ['type', 'asset', 'amount', 'recipient'])
      return { type, asset: text(f.asset, `${field}.asset`, assetPattern), amount: amount(f.amount, `${field}.amount`), recipient: externalAddress(f.recipient, `${field}.recipient`) }
    }
    case 'add_wallet': {
      const f = record(value, field, ['type', 'wallet', 'proof'])
      return { type, wallet: externalAddress(f.wallet, `${field}.wallet`), proof: bindingProof(f.proof, `${field}.proof`) }
    }
    case 'add_passkey': {
      const f = record(value, field, ['type', 'passkey'])
      const passkey = record(f.passkey, `${field}.passkey`, ['credentialId', 'publicKey'])
      return {
        type,
        passkey: {
          credentialId: text(passkey.credentialId, `${field}.passkey.credentialId`, base64UrlPattern, 1400),
          publicKey: text(passkey.publicKey, `${field}.passkey.publicKey`, /^p256:[1-9A-HJ-NP-Za-km-z]+$/, 64),
        },
      }
    }
    case 'remove_passkey': {
      const f = record(value, field, ['type', 'credentialId'])
      return { type, credentialId: text(f.credentialId, `${field}.credentialId`, base64UrlPattern, 1400) }
    }
    case 'remove_wallet': {
      const f = record(value, field, ['type', 'wallet'])
      return { type, wallet: externalAddress(f.wallet, `${field}.wallet`) }
    }
  }
}
