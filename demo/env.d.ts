/// <reference types="vite/client" />
interface ImportMetaEnv {
  readonly CCL_PUBLIC_WALLET_ORIGIN?: string
}
