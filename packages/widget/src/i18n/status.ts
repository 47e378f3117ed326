/**
 * The few texts the element shows before its lending UI has loaded: its connection status.
 * Kept apart from the lending messages (loaded with the lending UI) so the script tag stays small.
 */
export type StatusMessages = {
  idle: string
  connecting: string
  error: string
  signedOut: string
  signedIn: (account: string) => string
  unbound: string
}

const statusMessages: Readonly<Record<string, StatusMessages>> = {
  en: {
    idle: 'Set the wallet-origin attribute to connect a wallet.',
    connecting: 'Connecting to the wallet…',
    error: 'The wallet is not available.',
    signedOut: 'Not signed in. Create an account or sign in with a passkey in the wallet below.',
    signedIn: (account) => `Signed in to account ${account}`,
    unbound: ' (no wallet bound yet)',
  },
  es: {
    idle: 'Indica el atributo wallet-origin para conectar una billetera.',
    connecting: 'Conectando con la billetera…',
    error: 'La billetera no está disponible.',
    signedOut: 'Sin sesión. Crea una cuenta o inicia sesión con una passkey en la billetera de abajo.',
    signedIn: (account) => `Sesión iniciada en la cuenta ${account}`,
    unbound: ' (sin billetera vinculada)',
  },
}

/** The languages the element speaks. */
export const languageTags = Object.keys(statusMessages)

/** The primary subtag of `lang` if the element speaks it (`es-MX` → `es`), else `en`. */
export function languageOf(lang: string | null | undefined): string {
  const primary = (lang ?? '').toLowerCase().split('-')[0] ?? ''
  return languageTags.includes(primary) ? primary : 'en'
}

export const statusMessagesFor = (lang: string | null | undefined): StatusMessages => statusMessages[languageOf(lang)]!
