/** Where the demo's services are: the start script passes what it launched; these are its defaults. */
export const walletOrigin = import.meta.env.CCL_PUBLIC_WALLET_ORIGIN ?? 'http://localhost:5174'
export const rpcUrl = import.meta.env.CCL_PUBLIC_RPC_URL ?? 'http://127.0.0.1:3030'
