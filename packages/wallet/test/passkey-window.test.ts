import { ErrorCode } from '@crosschain-lending/protocol'
import { describe, expect, it } from 'vitest'
import { installMessageGate } from '../src/message-gate'
import { chooseRunner } from '../src/passkey-window/choose-runner'
import { FallbackRunner, refusedInFrame } from '../src/passkey-window/fallback-runner'
import { parsePasskeyWindowMessage, passkeyWindowTag } from '../src/passkey-window/messages'
import type { CeremonyRunner } from '../src/passkeys/ceremony-runner'

const deps = { hostOrigin: () => 'https://shop.example', confirm: async () => undefined }
const context = () => ({ label: 'create account', signal: new AbortController().signal })
const options = { challenge: 'AAAA', rp: { id: 'localhost', name: 'x' }, user: { id: 'AA', name: 'a', displayName: 'a' }, pubKeyCredParams: [] }

/** A runner that records calls and answers with `answer` (or throws it). */
function fakeRunner(kind: CeremonyRunner['kind'], answer: unknown): CeremonyRunner & { calls: number } {
  const runner = {
    kind,
    calls: 0,
    register: async () => {
      runner.calls += 1
      if (answer instanceof Error) throw answer
      return answer as never
    },
    authenticate: async () => {
      runner.calls += 1
      if (answer instanceof Error) throw answer
      return answer as never
    },
  }
  return runner
}

const permissionsPolicyError = Object.assign(new Error('The operation failed'), {
  cause: Object.assign(new Error("The 'publickey-credentials-create' feature is not enabled in this document. Permissions Policy may be used to delegate Web Authentication capabilities to cross-origin child frames."), { name: 'NotAllowedError' }),
})

describe('where passkey prompts open', () => {
  it('behavior: the operator decides; the embedding page can only ask for the window, never for the frame', () => {
    expect(chooseRunner('iframe', '', deps).kind).toBe('iframe')
    expect(chooseRunner('popup', '', deps).kind).toBe('popup')
    expect(chooseRunner('iframe', '?passkey-window=popup', deps).kind).toBe('popup')
    expect(chooseRunner('popup', '?passkey-window=iframe', deps).kind).toBe('popup')
    expect(chooseRunner('auto', '', deps)).toBeInstanceOf(FallbackRunner)
    expect(chooseRunner('auto', '', deps).kind).toBe('iframe')
  })

  it('behavior: a refusal because the prompt ran in a frame is told apart from a person cancelling', () => {
    expect(refusedInFrame(permissionsPolicyError)).toBe(true)
    expect(refusedInFrame(Object.assign(new Error('The origin of the document is not the same as its ancestors.'), { name: 'NotAllowedError' }))).toBe(true)
    expect(refusedInFrame(Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' }))).toBe(false)
    expect(refusedInFrame(undefined)).toBe(false)
  })

  it('behavior: auto mode moves this prompt and every later one to the window once the frame is refused', async () => {
    const frame = fakeRunner('iframe', permissionsPolicyError)
    const popup = fakeRunner('popup', { id: 'cred' })
    const runner = new FallbackRunner(frame, popup)
    await expect(runner.register(options, context())).resolves.toEqual({ id: 'cred' })
    expect(runner.kind).toBe('popup')
    await runner.authenticate({ challenge: 'AAAA' }, context())
    expect([frame.calls, popup.calls]).toEqual([1, 2])
  })

  it('error: a person cancelling in the frame stays cancelled; no window opens behind their back', async () => {
    const cancelled = Object.assign(new Error('The operation either timed out or was not allowed.'), { name: 'NotAllowedError' })
    const frame = fakeRunner('iframe', cancelled)
    const popup = fakeRunner('popup', { id: 'cred' })
    await expect(new FallbackRunner(frame, popup).register(options, context())).rejects.toBe(cancelled)
    expect(popup.calls).toBe(0)
  })
})

describe('messages between the wallet frame and its passkey window', () => {
  it('behavior: well-formed messages of ours are read; anything else is not', () => {
    expect(parsePasskeyWindowMessage({ tag: passkeyWindowTag, type: 'ready' })).toEqual({ tag: passkeyWindowTag, type: 'ready' })
    const ceremony = { tag: passkeyWindowTag, type: 'ceremony', id: 'a', kind: 'register', options, purpose: 'create account', site: 'https://shop.example' }
    expect(parsePasskeyWindowMessage(ceremony)).toEqual(ceremony)
    const failure = { tag: passkeyWindowTag, type: 'failure', id: 'a', error: { code: ErrorCode.PasskeyCancelled, message: 'cancelled' } }
    expect(parsePasskeyWindowMessage(failure)).toEqual(failure)
  })

  it.each([
    ['another tag', { tag: 'penpal', type: 'ready' }],
    ['an unknown type', { tag: passkeyWindowTag, type: 'run-anything' }],
    ['a ceremony of an unknown kind', { tag: passkeyWindowTag, type: 'ceremony', id: 'a', kind: 'export', options, purpose: '', site: '' }],
    ['a ceremony without a challenge', { tag: passkeyWindowTag, type: 'ceremony', id: 'a', kind: 'register', options: {}, purpose: '', site: '' }],
    ['a result without a credential', { tag: passkeyWindowTag, type: 'result', id: 'a', response: {} }],
    ['a failure without a code', { tag: passkeyWindowTag, type: 'failure', id: 'a', error: { message: 'x' } }],
    ['a string', 'ready'],
  ])('error: %s is ignored', (_, data) => {
    expect(parsePasskeyWindowMessage(data)).toBeUndefined()
  })
})

describe('the message gate and the wallet’s own windows', () => {
  function gateWith(ownWindows: Set<unknown>) {
    const listeners: ((event: MessageEvent) => void)[] = []
    const target = { location: { origin: 'http://localhost:5174' }, addEventListener: (_: string, listener: (event: MessageEvent) => void) => listeners.push(listener), removeEventListener: () => undefined }
    const parent = {} as Window
    installMessageGate({ target: target as unknown as Window, allowedOrigins: ['https://shop.example'], expectedSource: parent, ownWindows: ownWindows as Set<MessageEventSource> })
    return (origin: string, source: unknown) => {
      let stopped = false
      listeners[0]!({ origin, source, stopImmediatePropagation: () => (stopped = true) } as unknown as MessageEvent)
      return stopped ? 'dropped' : 'passed'
    }
  }

  it('behavior: a passkey window the wallet opened, on the wallet origin, is heard', () => {
    const popup = {}
    expect(gateWith(new Set([popup]))('http://localhost:5174', popup)).toBe('passed')
  })

  it('error: another window of the wallet origin, or the opened window speaking from another origin, is dropped', () => {
    const popup = {}
    const send = gateWith(new Set([popup]))
    expect(send('http://localhost:5174', {})).toBe('dropped')
    expect(send('https://evil.example', popup)).toBe('dropped')
  })
})
