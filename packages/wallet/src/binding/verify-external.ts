import type { WalletSignable } from '@crosschain-lending/protocol'
import type { ExternalChain } from '@crosschain-lending/protocol/messenger'

export type ExternalSignature = { chain: ExternalChain; address: string; signable: WalletSignable; signature: string; publicKey?: string; nep413?: { nonce: string; recipient: string } }

/**
 * Checks an external wallet's signature inside the frame before anything is signed with the
 * passkey: the answer comes from another window, and the frame trusts nothing it did not check.
 * EVM signatures must be over the typed data (EIP-712), the others over the text. Each chain's
 * verifier is loaded the first time that chain is used, so the wallet's first load stays small.
 * Resolves with the normalized address (and the NEAR key that signed).
 */
export async function verifyExternalSignature(input: ExternalSignature): Promise<{ address: string; publicKey?: string }> {
  const { signable } = input
  if (input.chain === 'evm') {
    if (!signable.typedData) throw new TypeError('EVM wallets sign typed data here, never text.')
    const { verifyEvmTypedDataSignature } = await import('@crosschain-lending/protocol/verify/evm')
    return verifyEvmTypedDataSignature({ address: input.address, typedData: signable.typedData, signature: input.signature })
  }
  if (signable.message === undefined) throw new TypeError(`${input.chain} wallets sign text, not typed data.`)
  const message = signable.message
  switch (input.chain) {
    case 'solana': {
      const { verifySolanaSignature } = await import('@crosschain-lending/protocol/verify/solana')
      return { address: verifySolanaSignature({ address: input.address, message, signature: input.signature }).address }
    }
    case 'stellar': {
      const { verifyStellarSignature } = await import('@crosschain-lending/protocol/verify/stellar')
      return { address: verifyStellarSignature({ address: input.address, message, signature: input.signature }).address }
    }
    case 'near': {
      const { verifyNep413Signature } = await import('@crosschain-lending/protocol/verify/near')
      if (!input.publicKey || !input.nep413) throw new TypeError('A NEAR signature needs the signing key and its NEP-413 parameters.')
      const result = verifyNep413Signature({ address: input.address, message, signature: input.signature, publicKey: input.publicKey, nep413: input.nep413 })
      return { address: result.address, publicKey: result.publicKey }
    }
  }
}
