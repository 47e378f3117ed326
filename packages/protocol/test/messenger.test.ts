import { describe, expect, it } from 'vitest'
import { approvalPlace, isWalletEvent, methodPolicy, policyFor } from '../src/messenger'

describe('the wallet method policy table', () => {
  it('behavior: every method has a policy; passkey creation needs a gesture inside the iframe', () => {
    expect(policyFor('getState')).toMatchObject({ callers: 'allowed-hosts', visibleUi: false, userGesture: 'none', approval: 'none' })
    expect(policyFor('createAccount')).toMatchObject({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe' })
    expect(policyFor('signIn')).toMatchObject({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe' })
    expect(policyFor('bindWallet')).toMatchObject({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' })
    expect(policyFor('operate')).toMatchObject({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' })
    expect(Object.keys(methodPolicy).sort()).toEqual(['bindWallet', 'checkAddress', 'createAccount', 'getLending', 'getState', 'operate', 'previewOperation', 'recover', 'removeAccess', 'setTheme', 'signIn'])
  })

  it('behavior: whatever grants authority or sends funds out is approved in a top-level window of the wallet origin; Supply, Repay and Adjust on the panel', () => {
    expect(['borrow', 'bindWallet', 'recover', 'cancelPendingChange'].map((step) => approvalPlace(step as 'borrow'))).toEqual(['passkey-window', 'passkey-window', 'passkey-window', 'passkey-window'])
    expect(['cosign', 'removeAccess'].map((step) => approvalPlace(step as 'cosign'))).toEqual(['wallet-window', 'wallet-window'])
    expect(['supply', 'repay', 'adjust'].map((step) => approvalPlace(step as 'supply'))).toEqual(['panel', 'panel', 'panel'])
  })

  it('behavior: asking for windows everywhere moves panel steps into the passkey window and never a window step back', () => {
    expect(['supply', 'repay', 'adjust', 'borrow', 'bindWallet'].map((step) => approvalPlace(step as 'supply', true))).toEqual(Array(5).fill('passkey-window'))
    expect(approvalPlace('removeAccess', true)).toBe('wallet-window')
    expect(approvalPlace('cosign', true)).toBe('wallet-window')
  })

  it('error: names that are not methods, including inherited ones, have no policy', () => {
    for (const name of ['toString', '__proto__', 'constructor', 'hasOwnProperty', 'signAnything', '']) {
      expect(policyFor(name)).toBeUndefined()
    }
  })
})

describe('wallet events', () => {
  it('behavior: well-formed events are accepted', () => {
    expect(isWalletEvent({ type: 'resize', height: 120 })).toBe(true)
    expect(isWalletEvent({ type: 'state-changed', state: { status: 'signed-out', rpId: 'localhost' } })).toBe(true)
  })

  it('error: malformed events are rejected', () => {
    for (const bad of [null, 'resize', {}, { type: 'unknown' }, { type: 'resize', height: -1 }, { type: 'resize', height: Number.NaN }, { type: 'resize' }]) {
      expect(isWalletEvent(bad)).toBe(false)
    }
  })
})
