/**
 * Virtual WebAuthn authenticators over the Chrome DevTools Protocol. Works with any CDP
 * session that has `send(method, params)`: puppeteer's `page.createCDPSession()` and
 * Playwright's `context.newCDPSession(page)` alike. An authenticator added on the top page's
 * target also serves cross-origin iframes (the wallet), so add it on the page under test.
 */
export type CdpSessionLike = { send(method: string, params?: object): Promise<unknown> }

export type VirtualAuthenticatorOptions = {
  protocol?: 'ctap2' | 'u2f'
  transport?: 'internal' | 'usb' | 'nfc' | 'ble' | 'hybrid'
  hasResidentKey?: boolean
  hasUserVerification?: boolean
  /** Whether user verification succeeds (the person passes the biometric or PIN check). */
  isUserVerified?: boolean
  /** Answer prompts at once, as if the person touched the authenticator; false leaves every prompt waiting. */
  automaticPresenceSimulation?: boolean
}

/** A credential the authenticator holds, as public data (the private key is never returned). */
export type VirtualCredential = {
  credentialId: string
  rpId: string
  userHandle?: string
  isResidentCredential: boolean
  signCount: number
}

/** A platform passkey authenticator: resident keys, user verification that succeeds. */
export const platformAuthenticator: Required<VirtualAuthenticatorOptions> = {
  protocol: 'ctap2',
  transport: 'internal',
  hasResidentKey: true,
  hasUserVerification: true,
  isUserVerified: true,
  automaticPresenceSimulation: true,
}

const enabled = new WeakSet<CdpSessionLike>()

export async function addVirtualAuthenticator(cdp: CdpSessionLike, options: VirtualAuthenticatorOptions = {}): Promise<string> {
  if (!enabled.has(cdp)) {
    // enableUI: false keeps Chrome from showing its own account chooser, which tests cannot click.
    await cdp.send('WebAuthn.enable', { enableUI: false })
    enabled.add(cdp)
  }
  const { protocol, ...rest } = { ...platformAuthenticator, ...options }
  const result = (await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol, ...(protocol === 'ctap2' ? { ctap2Version: 'ctap2_1' } : {}), ...rest },
  })) as { authenticatorId: string }
  return result.authenticatorId
}

export async function getCredentials(cdp: CdpSessionLike, authenticatorId: string): Promise<VirtualCredential[]> {
  const { credentials } = (await cdp.send('WebAuthn.getCredentials', { authenticatorId })) as {
    credentials: (VirtualCredential & { privateKey?: string })[]
  }
  return credentials.map(({ credentialId, rpId, userHandle, isResidentCredential, signCount }) => ({
    credentialId,
    rpId,
    isResidentCredential,
    signCount,
    ...(userHandle ? { userHandle } : {}),
  }))
}

/**
 * Puts a discoverable P-256 credential with a fresh key (made here, never shown) into the
 * authenticator, as if the person had made a passkey elsewhere: the chain knows nothing of it.
 * Returns its credential id (base64, as CDP reports ids).
 */
export async function addResidentCredential(cdp: CdpSessionLike, authenticatorId: string, rpId: string): Promise<string> {
  const { generateKeyPairSync, randomBytes } = await import('node:crypto')
  const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const credentialId = randomBytes(16).toString('base64')
  await cdp.send('WebAuthn.addCredential', {
    authenticatorId,
    credential: {
      credentialId,
      isResidentCredential: true,
      rpId,
      privateKey: privateKey.export({ format: 'der', type: 'pkcs8' }).toString('base64'),
      userHandle: randomBytes(16).toString('base64'),
      signCount: 0,
    },
  })
  return credentialId
}

export async function setUserVerified(cdp: CdpSessionLike, authenticatorId: string, isUserVerified: boolean): Promise<void> {
  await cdp.send('WebAuthn.setUserVerified', { authenticatorId, isUserVerified })
}

export async function removeVirtualAuthenticator(cdp: CdpSessionLike, authenticatorId: string): Promise<void> {
  await cdp.send('WebAuthn.removeVirtualAuthenticator', { authenticatorId })
}
