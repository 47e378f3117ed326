export { SoftwarePasskey, type SoftwarePasskeyOptions } from './software-passkey'
export { createDevWallet, type DevWallet, type Nep413Options } from './dev-wallets'
