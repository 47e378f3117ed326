import { devnetRelayerKeys } from '@crosschain-lending/dev-keys'
import { KeyPair, KeyPairSigner, actions, createTransaction } from 'near-api-js'
import { describe, expect, it } from 'vitest'
import { NativeKeyPairSigner } from '../src/chain/native-signer'

describe('the relayer signs transactions natively', () => {
  it('behavior: the signature and hash are byte for byte those of near-api-js own signer', async () => {
    for (const { secretKey } of devnetRelayerKeys(4)) {
      const keyPair = KeyPair.fromString(secretKey)
      const tx = createTransaction('relayer.devnet', keyPair.getPublicKey(), 'lending.devnet', 7n, [actions.functionCall('execute', { a: 1 }, 10n ** 14n, 0n)], new Uint8Array(32).fill(3))
      const native = await new NativeKeyPairSigner(keyPair).signTransaction(tx)
      const portable = await new KeyPairSigner(keyPair).signTransaction(tx)
      expect(native.txHash).toEqual(portable.txHash)
      expect(native.signedTransaction.encode()).toEqual(portable.signedTransaction.encode())
    }
  })
})
