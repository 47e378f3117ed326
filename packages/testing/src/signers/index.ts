export { SoftwarePasskey, relayerCreationBody, type CreateAccountArgs, type SoftwarePasskeyOptions, type SoftwarePasskeySignOptions } from './software-passkey'
export { createDevWallet, signSignable, type DevWallet, type Nep413Options } from './dev-wallets'
