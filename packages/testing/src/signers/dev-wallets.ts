import {
  type WalletChain,
  type WalletSignable,
  type WalletTypedData,
  encodeStellarAddress,
  hashNep413Payload,
  hashSep53Message,
  toBase58,
} from '@crosschain-lending/protocol'
import { ed25519 } from '@noble/curves/ed25519.js'
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js'
import { base64 } from '@scure/base'
import { type Hex, bytesToHex as viemBytesToHex } from 'viem'
import { privateKeyToAccount } from 'viem/accounts'

/** NEP-413 parameters a NEAR wallet signs with. */
export type Nep413Options = { nonce: Uint8Array; recipient: string; callbackUrl?: string }

/**
 * A development wallet for one chain: a real key that signs messages exactly as that chain's
 * wallets do (EVM: EIP-712 `eth_signTypedData_v4`, and EIP-191 personal_sign for text; Solana
 * signMessage, NEAR NEP-413, Stellar SEP-53) and returns the signature in the string form those
 * wallets return.
 */
export type DevWallet = {
  chain: WalletChain
  address: string
  /** `ed25519:<base58>` for the Ed25519 chains; undefined for EVM (recovered from the signature). */
  publicKey: string | undefined
  signMessage(message: string, nep413?: Nep413Options): Promise<string>
  /** EVM only: signs EIP-712 typed data in its JSON form, as `eth_signTypedData_v4` does. */
  signTypedData(typedData: WalletTypedData): Promise<string>
}

const textOnly = (chain: WalletChain) => async (): Promise<string> => {
  throw new Error(`A ${chain} wallet signs text messages; EIP-712 typed data is for EVM wallets.`)
}

/** Signs what the product asks a wallet for: typed data (EVM) or text (NEAR with its NEP-413 parameters). */
export function signSignable(wallet: DevWallet, signable: WalletSignable, nep413?: Nep413Options): Promise<string> {
  return signable.typedData ? wallet.signTypedData(signable.typedData) : wallet.signMessage(signable.message, nep413)
}

/**
 * A dev wallet with a fresh random key, or the key given (32 bytes). A NEAR wallet is an
 * implicit account (the hex of its key) unless `nearAccountId` names an account.
 */
export function createDevWallet(chain: WalletChain, secretKey?: Uint8Array, options: { nearAccountId?: string } = {}): DevWallet {
  switch (chain) {
    case 'evm': {
      const account = privateKeyToAccount(viemBytesToHex(secretKey ?? crypto.getRandomValues(new Uint8Array(32))) as Hex)
      return {
        chain,
        address: account.address,
        publicKey: undefined,
        signMessage: (message) => account.signMessage({ message }),
        // viem hashes the JSON form as wallets do (uint256 as decimal strings), independently of the protocol's verifier.
        signTypedData: (typedData) => account.signTypedData(typedData as Parameters<typeof account.signTypedData>[0]),
      }
    }
    case 'solana': {
      const secret = secretKey ?? ed25519.utils.randomSecretKey()
      const publicKey = ed25519.getPublicKey(secret)
      return {
        chain,
        address: toBase58(publicKey),
        publicKey: `ed25519:${toBase58(publicKey)}`,
        // Solana signMessage: raw Ed25519 over the message bytes; wallets return base58 or bytes.
        signMessage: async (message) => toBase58(ed25519.sign(utf8ToBytes(message), secret)),
        signTypedData: textOnly(chain),
      }
    }
    case 'near': {
      const secret = secretKey ?? ed25519.utils.randomSecretKey()
      const publicKey = ed25519.getPublicKey(secret)
      return {
        chain,
        // An implicit account's id is the hex of its key; a named one is given.
        address: options.nearAccountId ?? bytesToHex(publicKey),
        publicKey: `ed25519:${toBase58(publicKey)}`,
        signMessage: async (message, nep413) => {
          if (!nep413) throw new Error('A NEAR wallet signs messages with NEP-413: pass its nonce and recipient.')
          return base64.encode(ed25519.sign(hashNep413Payload({ message, ...nep413 }), secret))
        },
        signTypedData: textOnly(chain),
      }
    }
    case 'stellar': {
      const secret = secretKey ?? ed25519.utils.randomSecretKey()
      const publicKey = ed25519.getPublicKey(secret)
      return {
        chain,
        address: encodeStellarAddress(publicKey),
        publicKey: `ed25519:${toBase58(publicKey)}`,
        signMessage: async (message) => base64.encode(ed25519.sign(hashSep53Message(message), secret)),
        signTypedData: textOnly(chain),
      }
    }
  }
}
