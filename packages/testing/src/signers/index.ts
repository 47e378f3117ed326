export { SoftwarePasskey, relayerCreationBody, type CreateAccountArgs, type SoftwarePasskeyOptions, type SoftwarePasskeySignOptions } from './software-passkey'
export { createDevWallet, type DevWallet, type Nep413Options } from './dev-wallets'
