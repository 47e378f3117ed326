import { describe, expect, it } from 'vitest'
import { verifiedSite } from '../src/host-channel'
import { installMessageGate } from '../src/message-gate'

/** A window-like target the gate listens on: messages are dispatched to it as the browser would. */
function fakeWindow() {
  const target = new EventTarget() as EventTarget & { location: { origin: string } }
  target.location = { origin: 'https://wallet.example' }
  return target
}

const parent = {} as Window
const stranger = {} as Window
/** A message event as the browser delivers one (Node's MessageEvent takes only ports as a source, so the fields are set on an Event). */
function send(target: EventTarget, origin: string, source: Window) {
  const event = Object.assign(new Event('message'), { origin, source, data: { namespace: 'penpal', type: 'SYN' } })
  target.dispatchEvent(event)
}

describe('the site a request names is the one the host connection verified', () => {
  it('behavior: the gate records the origin of what the parent sent from an allowed origin, and nothing else', () => {
    const target = fakeWindow()
    const gate = installMessageGate({ target: target as unknown as Window, allowedOrigins: ['https://partner.example'], expectedSource: parent })
    expect(gate.parentOrigin).toBeUndefined()
    send(target, 'https://evil.example', parent)
    send(target, 'https://partner.example', stranger)
    expect(gate.parentOrigin).toBeUndefined()
    send(target, 'https://partner.example', parent)
    expect(gate.parentOrigin).toBe('https://partner.example')
    gate.dispose()
  })

  it('behavior: once connected, the verified origin is the site, and the browser\'s ancestor origin must agree', () => {
    expect(verifiedSite('https://partner.example', 'https://partner.example')).toBe('https://partner.example')
    // Firefox has no ancestorOrigins: the verified origin alone decides.
    expect(verifiedSite('https://partner.example', undefined)).toBe('https://partner.example')
  })

  it('error: no verified connection, or a parent the browser names otherwise, is WALLET_DISCONNECTED, never a guess from the referrer', () => {
    expect(() => verifiedSite(undefined, 'https://partner.example')).toThrowError(expect.objectContaining({ code: 'WALLET_DISCONNECTED' }))
    expect(() => verifiedSite(undefined, undefined)).toThrowError(expect.objectContaining({ code: 'WALLET_DISCONNECTED' }))
    expect(() => verifiedSite('https://partner.example', 'https://other-partner.example')).toThrowError(expect.objectContaining({ code: 'WALLET_DISCONNECTED' }))
  })
})
