import { ed25519 } from '@noble/curves/ed25519.js'
import { base58, base64 } from '@scure/base'
import fc from 'fast-check'
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts'
import { describe, expect, expectTypeOf, it } from 'vitest'
import { asyncRefusal as refusal } from './support'
import { VerificationError, VerificationErrorCode } from '../../src/verify/errors'
import { hashNep413Payload } from '../../src/verify/near-nep413'
import { hashSep53Message } from '../../src/verify/stellar-sep53'
import { encodeStellarAddress } from '../../src/verify/stellar-strkey'
import { type VerifyWalletSignatureParameters, verifyWalletSignature } from '../../src/verify/wallet-signature'

const message = 'Bind this wallet to lending account 7'
const evm = privateKeyToAccount(generatePrivateKey())
const ed = ed25519.keygen()
const nonce = new Uint8Array(32).fill(3)
const knownCodes = new Set<string>(Object.values(VerificationErrorCode))

const valid = {
  solana: { chain: 'solana', address: base58.encode(ed.publicKey), message, signature: base58.encode(ed25519.sign(new TextEncoder().encode(message), ed.secretKey)) },
  near: {
    chain: 'near',
    address: Buffer.from(ed.publicKey).toString('hex'),
    message,
    publicKey: `ed25519:${base58.encode(ed.publicKey)}`,
    nep413: { nonce: base64.encode(nonce), recipient: 'lending.example' },
    signature: base64.encode(ed25519.sign(hashNep413Payload({ message, nonce, recipient: 'lending.example' }), ed.secretKey)),
  },
  stellar: { chain: 'stellar', address: encodeStellarAddress(ed.publicKey), message, signature: Buffer.from(ed25519.sign(hashSep53Message(message), ed.secretKey)).toString('hex') },
} satisfies Record<string, VerifyWalletSignatureParameters>


describe('verifyWalletSignature', () => {
  it('behavior: each chain resolves with its normalized signer', async () => {
    expect(await verifyWalletSignature(valid.solana)).toEqual({ chain: 'solana', address: valid.solana.address, publicKey: ed.publicKey })
    expect(await verifyWalletSignature(valid.near)).toEqual({ chain: 'near', address: valid.near.address, publicKey: valid.near.publicKey, keyMustBeCheckedOnChain: false })
    expect(await verifyWalletSignature(valid.stellar)).toEqual({ chain: 'stellar', address: valid.stellar.address, publicKey: ed.publicKey })
  })

  it('behavior: the return type follows the chain', async () => {
    const near = await verifyWalletSignature(valid.near)
    expectTypeOf(near.keyMustBeCheckedOnChain).toEqualTypeOf<boolean>()
    expectTypeOf(near.publicKey).toEqualTypeOf<`ed25519:${string}`>()
  })

  it('error: the same signature on another chain, or for another message, is refused', async () => {
    expect(await refusal(() => verifyWalletSignature({ ...valid.solana, message: 'other' }))).toBe('INVALID_SIGNATURE')
    expect(await refusal(() => verifyWalletSignature({ ...valid.stellar, signature: valid.solana.signature }))).toBe('MALFORMED_SIGNATURE')
    expect(await refusal(() => verifyWalletSignature({ ...valid.solana, signature: Buffer.from(base64.decode(valid.near.signature)).toString('base64') }))).toBe('INVALID_SIGNATURE')
  })

  it('error: an EVM personal_sign (EIP-191) signature has no verifier: UNSUPPORTED_CHAIN, pointing at typed data, even when it is a real signature of the text', async () => {
    const personalSign = { chain: 'evm', address: evm.address, message, signature: await evm.signMessage({ message }) }
    const error = await verifyWalletSignature(personalSign as unknown as VerifyWalletSignatureParameters).then(
      () => undefined,
      (refused: VerificationError) => refused,
    )
    expect(error?.code).toBe('UNSUPPORTED_CHAIN')
    expect(error?.message).toMatch(/EIP-712 typed data/)
  })

  it('error: an unknown chain gets UNSUPPORTED_CHAIN and a missing parameters object INVALID_VERIFICATION_INPUT', async () => {
    expect(await refusal(() => verifyWalletSignature({ ...valid.solana, chain: 'bitcoin' } as unknown as VerifyWalletSignatureParameters))).toBe('UNSUPPORTED_CHAIN')
    expect(await refusal(() => verifyWalletSignature(undefined as unknown as VerifyWalletSignatureParameters))).toBe('INVALID_VERIFICATION_INPUT')
  })

  it('property: junk in any field of any chain rejects with a typed, documented code, never an untyped error', async () => {
    const chains = Object.keys(valid) as (keyof typeof valid)[]
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...chains),
        fc.constantFrom('address', 'message', 'signature', 'publicKey', 'nep413'),
        fc.oneof(fc.anything(), fc.string(), fc.uint8Array({ maxLength: 70 }), fc.record({ nonce: fc.anything(), recipient: fc.anything(), callbackUrl: fc.anything() })),
        async (chain, field, junk) => {
          const params = { ...valid[chain], [field]: junk } as VerifyWalletSignatureParameters
          // publicKey and nep413 are only read for NEAR; elsewhere the params stay valid.
          const ignored = chain !== 'near' && (field === 'publicKey' || field === 'nep413')
          if (ignored) return
          try {
            const result = await verifyWalletSignature(params)
            // Any well-formed named account passes offline: the key is valid, and only the chain
            // can say whether that account holds it, which the result demands.
            if (result.chain === 'near' && field === 'address' && result.keyMustBeCheckedOnChain) return
          } catch (error) {
            expect(error).toBeInstanceOf(VerificationError)
            expect(knownCodes.has((error as VerificationError).code)).toBe(true)
            return
          }
          throw new Error(`accepted junk ${String(junk)} as ${field} on ${chain}`)
        },
      ),
      { numRuns: 600 },
    )
  })
})
