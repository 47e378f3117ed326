import { describe, expect, it } from 'vitest'
import { CeremonyLock } from '../src/passkeys/ceremony-lock'
import { toPasskeyError } from '../src/passkeys/webauthn-errors'

const dom = (name: string, message: string) => new DOMException(message, name)
/** What @simplewebauthn/browser throws: its own code, the DOMException as cause. */
const wrapped = (code: string, cause: Error) => Object.assign(new Error(cause.message), { name: cause.name, code, cause })

describe('browser WebAuthn errors become product error codes', () => {
  it.each([
    [dom('NotAllowedError', 'A user activation is required to create a credential in a cross-origin iframe.'), 'USER_ACTIVATION_REQUIRED'],
    [dom('NotAllowedError', 'The operation either timed out or was not allowed.'), 'PASSKEY_CANCELLED'],
    [wrapped('ERROR_PASSTHROUGH_SEE_CAUSE_PROPERTY', dom('NotAllowedError', 'The operation either timed out or was not allowed.')), 'PASSKEY_CANCELLED'],
    [wrapped('ERROR_CEREMONY_ABORTED', dom('AbortError', 'aborted')), 'PASSKEY_CANCELLED'],
    [dom('InvalidStateError', 'The user attempted to register an authenticator that contains one of the credentials already registered.'), 'PASSKEY_ALREADY_REGISTERED'],
    [wrapped('ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED', dom('InvalidStateError', 'x')), 'PASSKEY_ALREADY_REGISTERED'],
    [dom('SecurityError', 'The relying party ID is not a registrable domain suffix of, nor equal to the current domain.'), 'INVALID_RP_ID'],
    [wrapped('ERROR_INVALID_DOMAIN', dom('SecurityError', 'x')), 'INVALID_RP_ID'],
    [dom('NotAllowedError', "The 'publickey-credentials-create' feature is not enabled in this document."), 'WEBAUTHN_UNSUPPORTED'],
    [new Error('WebAuthn is not supported in this browser'), 'WEBAUTHN_UNSUPPORTED'],
    [dom('UnknownError', 'something odd'), 'UNKNOWN'],
    [undefined, 'UNKNOWN'],
  ])('error: %s maps to %s with a message a person can act on', (error, code) => {
    const mapped = toPasskeyError(error, 'localhost')
    expect(mapped.code).toBe(code)
    expect(mapped.shortMessage.length).toBeGreaterThan(20)
  })
})

describe('one ceremony at a time', () => {
  it('error: a second ceremony while one runs is refused, and the first is not disturbed', async () => {
    const lock = new CeremonyLock()
    let release!: (value: string) => void
    const first = lock.run('create account', () => new Promise<string>((resolve) => (release = resolve)))
    expect(lock.running).toBe('create account')
    await expect(lock.run('sign', async () => 'second')).rejects.toMatchObject({ code: 'CEREMONY_IN_PROGRESS' })
    release('first')
    await expect(first).resolves.toBe('first')
    expect(lock.running).toBeUndefined()
  })

  it('behavior: the lock is released when a ceremony fails', async () => {
    const lock = new CeremonyLock()
    await expect(lock.run('a', () => Promise.reject(new Error('x')))).rejects.toThrow('x')
    await expect(lock.run('b', async () => 'ok')).resolves.toBe('ok')
  })
})
