import type { WalletMethods } from '@crosschain-lending/protocol/messenger'
import { describe, expect, it } from 'vitest'
import { enforcePolicy, walletMethods } from '../src/host-channel'

const signedIn = { passkey: { credentialId: 'abc', publicKey: 'p256:x', rpId: 'localhost' }, account: { id: 'pk-1', bound: false, wallets: [], passkeys: [{ credentialId: 'abc', publicKey: 'p256:x' }] } }

function methods(calls: string[]): WalletMethods {
  return walletMethods({
    getState: () => (calls.push('getState'), { status: 'signed-out', rpId: 'localhost' }),
    createAccount: async () => (calls.push('createAccount'), signedIn),
    signIn: async () => (calls.push('signIn'), signedIn),
    bindWallet: async () => (calls.push('bindWallet'), signedIn.account),
    operate: async () => {
      calls.push('operate')
      throw new Error('not in this test')
    },
    recover: async () => (calls.push('recover'), signedIn),
    removeAccess: async () => (calls.push('removeAccess'), signedIn.account),
    setTheme: () => (calls.push('setTheme'), { adjusted: [] }),
    getLending: async () => (calls.push('getLending'), { markets: [], position: null, history: [] }),
    previewOperation: async () => {
      calls.push('previewOperation')
      throw new Error('not in this test')
    },
    checkAddress: async (chain, address) => (calls.push('checkAddress'), { chain, address }),
  })
}

describe('the wallet enforces its policy table on host calls', () => {
  it('error: createAccount or signIn without a gesture inside the iframe is refused before any ceremony starts', async () => {
    const calls: string[] = []
    const guarded = enforcePolicy(methods(calls), { hasUserActivation: () => false, isVisible: () => true })
    expect(await guarded.createAccount()).toMatchObject({ ok: false, error: { code: 'USER_ACTIVATION_REQUIRED' } })
    expect(await guarded.signIn()).toMatchObject({ ok: false, error: { code: 'USER_ACTIVATION_REQUIRED' } })
    expect(calls).toEqual([])
  })

  it('error: createAccount while the wallet is hidden is refused', async () => {
    const calls: string[] = []
    const guarded = enforcePolicy(methods(calls), { hasUserActivation: () => true, isVisible: () => false })
    expect(await guarded.createAccount()).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_ALLOWED' } })
    expect(calls).toEqual([])
  })

  it('behavior: with a gesture and visible UI the method runs; getState needs neither', async () => {
    const calls: string[] = []
    const guarded = enforcePolicy(methods(calls), { hasUserActivation: () => true, isVisible: () => true })
    expect(await guarded.createAccount()).toEqual({ ok: true, value: signedIn })
    const hidden = enforcePolicy(methods(calls), { hasUserActivation: () => false, isVisible: () => false })
    expect(await hidden.getState()).toEqual({ ok: true, value: { status: 'signed-out', rpId: 'localhost' } })
    expect(calls).toEqual(['createAccount', 'getState'])
  })

  it('error: an operation request that is not one of the four shapes is refused before the wallet acts on it', async () => {
    const calls: string[] = []
    const guarded = enforcePolicy(methods(calls), { hasUserActivation: () => false, isVisible: () => true })
    const operate = guarded.operate as unknown as (request: unknown) => Promise<unknown>
    expect(await operate({ type: 'withdraw', asset: 'USDC', amount: '1' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(await operate({ type: 'supply', asset: 'USDC', amount: '1', extra: true })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(await operate({ type: 'borrow', asset: 'USDC', amount: '1', recipient: { chain: 'btc', address: 'x' } })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    expect(calls).toEqual([])
  })

  it('error: removeAccess with anything but one passkey id or one wallet is refused before the wallet acts', async () => {
    const calls: string[] = []
    const guarded = enforcePolicy(methods(calls), { hasUserActivation: () => false, isVisible: () => true })
    const remove = guarded.removeAccess as unknown as (request: unknown) => Promise<unknown>
    for (const bad of [{}, { passkey: 'x' }, { passkey: 'A'.repeat(20), wallet: { chain: 'evm', address: '0x' } }, { wallet: { chain: 'btc', address: 'x' } }, null]) {
      expect(await remove(bad)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } })
    }
    expect(await remove({ wallet: { chain: 'evm', address: '0xabc' } })).toMatchObject({ ok: true })
    expect(calls).toEqual(['removeAccess'])
  })

  it('error: operate while the wallet is hidden is refused (its confirmation must be seen)', async () => {
    const calls: string[] = []
    const guarded = enforcePolicy(methods(calls), { hasUserActivation: () => true, isVisible: () => false })
    expect(await guarded.operate({ type: 'repay', asset: 'USDC', amount: '1' })).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_ALLOWED' } })
    expect(calls).toEqual([])
  })

  it('error: a method missing from the policy table is refused', async () => {
    const extended = { ...methods([]), exportKey: async () => ({ ok: true, value: 'secret' }) } as unknown as WalletMethods
    const guarded = enforcePolicy(extended, { hasUserActivation: () => true, isVisible: () => true }) as unknown as Record<string, () => Promise<unknown>>
    expect(await guarded.exportKey!()).toMatchObject({ ok: false, error: { code: 'METHOD_NOT_ALLOWED' } })
  })

  it('behavior: a failing method returns a typed error result instead of throwing', async () => {
    const failing = walletMethods({
      getState: () => ({ status: 'signed-out', rpId: 'localhost' }),
      createAccount: () => Promise.reject(Object.assign(new Error('boom'), { stack: 'secret stack' })),
      signIn: () => Promise.reject(new Error('unused')),
      bindWallet: () => Promise.reject(new Error('unused')),
      operate: () => Promise.reject(new Error('unused')),
      recover: () => Promise.reject(new Error('unused')),
      removeAccess: () => Promise.reject(new Error('unused')),
      setTheme: () => ({ adjusted: [] }),
      getLending: () => Promise.reject(new Error('unused')),
      previewOperation: () => Promise.reject(new Error('unused')),
      checkAddress: () => Promise.reject(new Error('unused')),
    })
    const result = await enforcePolicy(failing, { hasUserActivation: () => true, isVisible: () => true }).createAccount()
    expect(result).toEqual({ ok: false, error: { code: 'UNKNOWN', message: 'boom' } })
  })
})
