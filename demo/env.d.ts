/// <reference types="vite/client" />
interface ImportMetaEnv {
  /** The wallet origin the demo embeds (the start script passes the one it launched). */
  readonly CCL_PUBLIC_WALLET_ORIGIN?: string
  /** The local chain's JSON-RPC, for the faucet and the explorer. */
  readonly CCL_PUBLIC_RPC_URL?: string
}
