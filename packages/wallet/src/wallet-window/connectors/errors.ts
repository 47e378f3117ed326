import { BaseError, ErrorCode, walletChainNames as chainNames } from '@crosschain-lending/protocol'
import type { ExternalChain, ExternalSignatureRequest } from '@crosschain-lending/protocol/messenger'

const examples: Record<ExternalChain, string> = {
  evm: 'an EIP-6963 wallet such as MetaMask, Rabby or Coinbase Wallet',
  solana: 'a Wallet Standard wallet such as Phantom, Solflare or Backpack',
  near: 'an injected NEAR wallet that signs NEP-413 messages, such as Meteor, HOT or Sender',
  stellar: 'Freighter',
}

/** No wallet of the chain in the window's browser (or it shares no account): what to install, by example. */
export function walletNotFound(chain: ExternalChain, details?: string): BaseError {
  return new BaseError({
    code: ErrorCode.ExternalWalletNotFound,
    shortMessage: `No ${chainNames[chain]} wallet is installed and unlocked in this browser. Install or unlock ${examples[chain]}, then go back to the site and try again.`,
    details,
    docsPath: '/docs/integrate.md#wallet-window',
  })
}

export function walletRejected(chain: ExternalChain, what: 'connect' | 'sign', cause?: unknown): BaseError {
  return new BaseError({
    code: ErrorCode.UserRejected,
    shortMessage: what === 'connect' ? `The ${chainNames[chain]} wallet did not connect: the request was declined.` : `The ${chainNames[chain]} wallet declined to sign.`,
    cause,
  })
}

export function walletMismatch(chain: ExternalChain, wanted: string, connected: string): BaseError {
  return new BaseError({
    code: ErrorCode.ExternalWalletMismatch,
    shortMessage: `The ${chainNames[chain]} wallet is connected to ${connected}, but ${wanted} must sign. Switch to that account in the wallet and try again.`,
    docsPath: '/docs/integrate.md#wallet-window',
  })
}

/** A wallet failing in a way it does not classify: kept typed, with the wallet's own words. */
export function walletFailed(chain: ExternalChain, what: 'connect' | 'sign', cause: unknown): BaseError {
  const message = cause instanceof Error ? cause.message : typeof cause === 'object' && cause && 'message' in cause ? String(cause.message) : String(cause)
  return new BaseError({
    code: ErrorCode.Unknown,
    shortMessage: `The ${chainNames[chain]} wallet failed to ${what === 'connect' ? 'connect' : 'sign'}.`,
    details: message,
    cause,
  })
}

/** The text a NEAR, Solana or Stellar wallet is asked to sign; typed data is for EVM wallets only. */
export function textToSign(request: ExternalSignatureRequest): string {
  if (request.message === undefined) throw walletFailed(request.chain, 'sign', new Error(`${chainNames[request.chain]} wallets sign text; the wallet panel sent EIP-712 typed data.`))
  return request.message
}

/** Waits up to `ms` for wallets that announce themselves after the page asked. */
export const settle = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/**
 * Wallets outside EIP-1193 have no shared rejection code; most use 4001 (as EIP-1193 does) or
 * say so in the message.
 */
export function looksRejected(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false
  if ((error as { code?: unknown }).code === 4001) return true
  const message = String((error as { message?: unknown }).message ?? '')
  return /reject|declin|denied|cancel/i.test(message)
}
