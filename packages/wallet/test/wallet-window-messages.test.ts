import { walletTypedData } from '@crosschain-lending/protocol'
import { describe, expect, it } from 'vitest'
import { parseWalletWindowMessage, walletWindowTag } from '../src/wallet-window/messages'
import { samplePayload } from '../../protocol/test/sample-request'

const sign = (fields: Record<string, unknown>) => parseWalletWindowMessage({ tag: walletWindowTag, type: 'sign', id: 'w1', ...fields })
const typedData = walletTypedData('cosign', samplePayload([{ type: 'repay', asset: 'USDC', amount: '1000000' }]))

describe('what the frame asks the wallet window to sign', () => {
  it('behavior: text (NEAR, Solana, Stellar) or EIP-712 typed data (EVM), as sent', () => {
    expect(sign({ message: 'CrossChain Lending: …' })).toMatchObject({ type: 'sign', message: 'CrossChain Lending: …' })
    expect(sign({ typedData })).toMatchObject({ type: 'sign', typedData })
  })

  it('error: both, neither, typed data as a string, or typed data whose primary type is not one of its types is dropped', () => {
    expect(sign({ message: 'text', typedData })).toBeUndefined()
    expect(sign({})).toBeUndefined()
    expect(sign({ typedData: JSON.stringify(typedData) })).toBeUndefined()
    expect(sign({ typedData: { ...typedData, primaryType: 'toString' } })).toBeUndefined()
    expect(sign({ typedData: { ...typedData, types: { ...typedData.types, Action: [{ name: 1 }] } } })).toBeUndefined()
  })
})
