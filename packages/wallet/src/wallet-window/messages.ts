import { type WalletSignable, type WireError, parseWalletTypedData } from '@crosschain-lending/protocol'
import type { ExternalChain, ExternalWalletAccount } from '@crosschain-lending/protocol/messenger'
import { type Confirmation, parseConfirmation } from '../confirmations'

/**
 * The messages between the wallet frame and the external-wallet window it opens
 * (`/wallet-window.html`). Extension wallets inject into top-level pages and show the page's
 * origin as the requester, so the person's own wallet is reached there, on the wallet origin,
 * never through the host page. Both sides are documents of the wallet origin: each accepts a
 * message only when `event.origin` is its own origin and `event.source` is the other side.
 */
export const walletWindowTag = 'ccl-wallet-window'

/** The path of the window's page on the wallet origin (the testing kit's dev wallets install only there). */
export const walletWindowPath = '/wallet-window.html'

/** Why the window is open: the role of the signature the person's wallet is asked for. */
export type WalletWindowRole = 'bind' | 'recover' | 'cosign' | 'remove'

/** One fact the window shows, as the frame wrote it (text only, never markup). */
export type WalletWindowLine = { label: string; value: string }

export type WalletWindowTask = {
  id: string
  role: WalletWindowRole
  chain: ExternalChain
  /** The site the person is on, as the browser reports the frame's parent. */
  site: string
  title: string
  lines: WalletWindowLine[]
  /** The address that must sign (a bound wallet), when the frame already knows it. */
  expected?: string
  /**
   * The whole confirmation, when this window is where the step is approved (the policy table's
   * `wallet-window` steps: a removal, a co-signature): shown in place of `lines`, as the panel
   * would have shown it. The person approves by choosing their wallet here and signing in it.
   */
  confirmation?: Confirmation
}

/**
 * What the wallet is asked to sign, exactly: text (NEAR, Solana, Stellar) or EIP-712 typed
 * data (EVM); shown in full in the window before it asks.
 */
export type WalletWindowSignature = WalletWindowSignRequest & { id: string }

/** The same, before the frame names the window it goes to. */
export type WalletWindowSignRequest = WalletSignable & {
  /** NEP-413 parameters for NEAR wallets (nonce: base64 of 32 bytes). */
  nep413?: { nonce: string; recipient: string }
}

export type WalletWindowMessage =
  /** window → frame: loaded and listening. */
  | { tag: typeof walletWindowTag; type: 'ready' }
  /** frame → window: what to connect a wallet for, and what to tell the person. */
  | ({ tag: typeof walletWindowTag; type: 'task' } & WalletWindowTask)
  /** window → frame: the wallet the person picked and connected, as that wallet reports it. */
  | { tag: typeof walletWindowTag; type: 'connected'; id: string; account: ExternalWalletAccount }
  /** frame → window: sign this with the connected wallet. */
  | ({ tag: typeof walletWindowTag; type: 'sign' } & WalletWindowSignature)
  /** window → frame: the wallet's signature (the frame verifies it before using it). */
  | { tag: typeof walletWindowTag; type: 'signed'; id: string; signature: string; publicKey?: string }
  /** either way: the step failed (declined, no wallet, a mismatch); the frame closes the window. */
  | { tag: typeof walletWindowTag; type: 'failure'; id: string; error: WireError }

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null
const isText = (value: unknown): value is string => typeof value === 'string'
const chains = new Set<unknown>(['evm', 'solana', 'near', 'stellar'])
const roles = new Set<unknown>(['bind', 'recover', 'cosign', 'remove'])

const isTypedData = (value: unknown) => {
  if (!isRecord(value)) return false
  try {
    parseWalletTypedData(value)
    return true
  } catch {
    return false
  }
}

/** The message, if `data` is one of ours and well formed; undefined for anything else. */
export function parseWalletWindowMessage(data: unknown): WalletWindowMessage | undefined {
  if (!isRecord(data) || data.tag !== walletWindowTag) return undefined
  switch (data.type) {
    case 'ready':
      return { tag: walletWindowTag, type: 'ready' }
    case 'task': {
      const lines = data.lines
      if (!isText(data.id) || !roles.has(data.role) || !chains.has(data.chain) || !isText(data.site) || !isText(data.title)) return undefined
      if (!Array.isArray(lines) || !lines.every((line) => isRecord(line) && isText(line.label) && isText(line.value))) return undefined
      if (data.expected !== undefined && !isText(data.expected)) return undefined
      if (data.confirmation !== undefined) {
        const confirmation = parseConfirmation(data.confirmation)
        if (!confirmation) return undefined
        return { ...(data as WalletWindowMessage & { type: 'task' }), confirmation }
      }
      return data as WalletWindowMessage
    }
    case 'connected': {
      const account = data.account
      if (!isText(data.id) || !isRecord(account) || !chains.has(account.chain) || !isText(account.address)) return undefined
      if (account.publicKey !== undefined && !isText(account.publicKey)) return undefined
      return data as WalletWindowMessage
    }
    case 'sign': {
      const nep413 = data.nep413
      // Exactly one of the two: text, or typed data in its JSON shape.
      if (!isText(data.id) || (data.message === undefined) === (data.typedData === undefined)) return undefined
      if (data.message !== undefined && !isText(data.message)) return undefined
      if (data.typedData !== undefined && !isTypedData(data.typedData)) return undefined
      if (nep413 !== undefined && !(isRecord(nep413) && isText(nep413.nonce) && isText(nep413.recipient))) return undefined
      return data as WalletWindowMessage
    }
    case 'signed':
      if (!isText(data.id) || !isText(data.signature) || (data.publicKey !== undefined && !isText(data.publicKey))) return undefined
      return data as WalletWindowMessage
    case 'failure':
      if (!isText(data.id) || !isRecord(data.error) || !isText(data.error.code) || !isText(data.error.message)) return undefined
      return data as WalletWindowMessage
    default:
      return undefined
  }
}
