import { type CdpSessionLike, type VirtualAuthenticatorOptions, addVirtualAuthenticator } from './virtual-authenticator'

/** A CDP session that also delivers events (puppeteer's CDPSession, Playwright's CDPSession). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- each library types its handlers by event name
export type CdpEventSessionLike = CdpSessionLike & { on(event: any, handler: (params: any) => void): unknown }

/** A credential as CDP carries it, private key included (it never leaves the test process). */
type CdpCredential = { credentialId: string; privateKey?: string; signCount: number } & Record<string, unknown>

/**
 * Virtual authenticators live per page target, and a window the wallet opens for its passkey
 * prompt is a page of its own. This gives that window the same authenticators as the page under
 * test, holding the same credentials, and copies back what the window's prompts change (a new
 * credential; a sign counter moved by an assertion), so the page's authenticators stay the
 * person's one set of devices.
 *
 * `authenticators`: the page's authenticator ids and the options they were added with.
 */
/** Copies back still in flight per page, awaited before the next window is mirrored. */
const copying = new WeakMap<CdpSessionLike, Promise<unknown>>()

/** Resolves once every credential a passkey window changed has been copied back to `page`. */
export async function mirroredCopiesSettled(page: CdpSessionLike): Promise<void> {
  await copying.get(page)
}

export async function mirrorAuthenticators(
  page: CdpSessionLike,
  window: CdpEventSessionLike,
  authenticators: ReadonlyMap<string, VirtualAuthenticatorOptions>,
): Promise<void> {
  await copying.get(page)
  const pageIdFor = new Map<string, string>()
  for (const [pageId, options] of authenticators) {
    const windowId = await addVirtualAuthenticator(window, options)
    pageIdFor.set(windowId, pageId)
    const { credentials } = (await page.send('WebAuthn.getCredentials', { authenticatorId: pageId })) as { credentials: CdpCredential[] }
    for (const credential of credentials) await window.send('WebAuthn.addCredential', { authenticatorId: windowId, credential })
  }

  const copyBack = async (windowId: string, credential: CdpCredential) => {
    const pageId = pageIdFor.get(windowId)
    if (!pageId) return
    // Events may omit the private key; the window's authenticator still has it.
    const full = credential.privateKey
      ? credential
      : ((await window.send('WebAuthn.getCredential', { authenticatorId: windowId, credentialId: credential.credentialId })) as { credential: CdpCredential }).credential
    await page.send('WebAuthn.removeCredential', { authenticatorId: pageId, credentialId: full.credentialId }).catch(() => undefined)
    await page.send('WebAuthn.addCredential', { authenticatorId: pageId, credential: full })
  }
  const onChange = (params: { authenticatorId: string; credential: CdpCredential }) => {
    const copied = Promise.all([copying.get(page), copyBack(params.authenticatorId, params.credential)]).catch(() => undefined)
    copying.set(page, copied)
  }
  window.on('WebAuthn.credentialAdded', onChange)
  window.on('WebAuthn.credentialAsserted', onChange)
}
