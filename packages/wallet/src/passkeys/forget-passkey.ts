/**
 * Tells the person's passkey provider that a credential controls nothing, so it stops offering it
 * (WebAuthn Signal API, `PublicKeyCredential.signalUnknownCredential`). Used only for passkeys
 * this wallet itself just made and that will never control an account: account creation refused,
 * or a recovery the bound wallet declined. Never on a lookup that merely found nothing, which a
 * misconfigured chain or contract would turn into deleting people's real passkeys.
 * Resolves false where the browser has no Signal API (the passkey then simply stays unused).
 */
export async function forgetPasskey(rpId: string, credentialId: string): Promise<boolean> {
  const credential = globalThis.PublicKeyCredential as unknown as { signalUnknownCredential?: (options: { rpId: string; credentialId: string }) => Promise<void> } | undefined
  if (typeof credential?.signalUnknownCredential !== 'function') return false
  try {
    await credential.signalUnknownCredential({ rpId, credentialId })
    return true
  } catch {
    return false
  }
}
