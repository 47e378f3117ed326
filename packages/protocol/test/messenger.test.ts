import { describe, expect, it } from 'vitest'
import { isWalletEvent, methodPolicy, policyFor } from '../src/messenger'

describe('the wallet method policy table', () => {
  it('behavior: every method has a policy; passkey creation needs a gesture inside the iframe', () => {
    expect(policyFor('getState')).toEqual({ callers: 'allowed-hosts', visibleUi: false, userGesture: 'none' })
    expect(policyFor('createAccount')).toEqual({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe' })
    expect(policyFor('signIn')).toEqual({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'iframe' })
    expect(policyFor('bindWallet')).toEqual({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' })
    expect(policyFor('operate')).toEqual({ callers: 'allowed-hosts', visibleUi: true, userGesture: 'none' })
    expect(Object.keys(methodPolicy).sort()).toEqual(['bindWallet', 'checkAddress', 'createAccount', 'getLending', 'getState', 'operate', 'previewOperation', 'recover', 'removeAccess', 'setTheme', 'signIn'])
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
