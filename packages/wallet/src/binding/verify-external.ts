import type { ExternalChain } from '@crosschain-lending/protocol/messenger'

export type ExternalSignature = { chain: ExternalChain; address: string; message: string; signature: string; publicKey?: string; nep413?: { nonce: string; recipient: string } }

/**
 * Checks the host wallet's signature inside the iframe before anything is signed with the
 * passkey: the host page relays it, and the wallet trusts nothing the host relays. Each chain's
 * verifier is loaded the first time that chain is used, so the wallet's first load stays small.
 * Resolves with the normalized address (and the NEAR key that signed).
 */
export async function verifyExternalSignature(input: ExternalSignature): Promise<{ address: string; publicKey?: string }> {
  switch (input.chain) {
    case 'evm': {
      const { verifyEvmSignature } = await import('@crosschain-lending/protocol/verify/evm')
      return verifyEvmSignature({ address: input.address, message: input.message, signature: input.signature })
    }
    case 'solana': {
      const { verifySolanaSignature } = await import('@crosschain-lending/protocol/verify/solana')
      return { address: verifySolanaSignature({ address: input.address, message: input.message, signature: input.signature }).address }
    }
    case 'stellar': {
      const { verifyStellarSignature } = await import('@crosschain-lending/protocol/verify/stellar')
      return { address: verifyStellarSignature({ address: input.address, message: input.message, signature: input.signature }).address }
    }
    case 'near': {
      const { verifyNep413Signature } = await import('@crosschain-lending/protocol/verify/near')
      if (!input.publicKey || !input.nep413) throw new TypeError('A NEAR signature needs the signing key and its NEP-413 parameters.')
      const result = verifyNep413Signature({ address: input.address, message: input.message, signature: input.signature, publicKey: input.publicKey, nep413: input.nep413 })
      return { address: result.address, publicKey: result.publicKey }
    }
  }
}
