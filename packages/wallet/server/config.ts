import { BaseError, ErrorCode, parseOrigin } from '@crosschain-lending/protocol'
import { parseWalletConfig, type WalletConfig } from '../src/config'
import { devWalletsAllowed } from './dev-wallets'

/** Everything the wallet origin's server needs: where it listens, and the wallet's config. */
export type WalletServerConfig = WalletConfig & {
  /** The origin people's browsers load the wallet from, e.g. http://localhost:5174. */
  walletOrigin: string
  /** Address the server binds to. */
  listenHost: string
  port: number
  /**
   * `CCL_DEV_WALLETS=1`: the wallet window gets the development wallets (demo and tests only;
   * refused for a wallet origin that is not on this machine). Never in the production build.
   */
  devWallets: boolean
}

export const defaultWalletPort = 5174
export const defaultDemoPort = 5173

/**
 * Reads the wallet server's configuration from the environment:
 *
 * | variable | default |
 * | --- | --- |
 * | `CCL_WALLET_ORIGIN` | `http://localhost:5174` (localhost, because 127.0.0.1 can never be an RP ID) |
 * | `CCL_WALLET_LISTEN_HOST` | `127.0.0.1` |
 * | `CCL_WALLET_PORT` | the port of `CCL_WALLET_ORIGIN` |
 * | `CCL_RP_ID` | the host name of `CCL_WALLET_ORIGIN` |
 * | `CCL_RP_NAME` | `CrossChain Lending` |
 * | `CCL_ALLOWED_HOST_ORIGINS` | `http://127.0.0.1:5173` (the demo), comma-separated |
 * | `CCL_RELAYER_URL` | `http://127.0.0.1:8787` |
 * | `CCL_RPC_URL` | `http://127.0.0.1:3030` (the local chain) |
 * | `CCL_CONTRACT_ID` | `lending.devnet` |
 * | `CCL_NETWORK` | `devnet` |
 * | `CCL_PASSKEY_WINDOW` | `auto` (`iframe`, or `popup` to open every passkey prompt in a window of its own) |
 * | `CCL_APPROVAL_WINDOW` | `authority` (Borrow, binding, recovery and access changes approved in the passkey window; `all`: every operation) |
 * | `CCL_DEV_WALLETS` | unset (`1`: the wallet window gets the development wallets; only on a local wallet origin) |
 *
 * Invalid values throw typed errors naming the variable; nothing falls back silently.
 */
export function walletServerConfigFromEnv(env: Record<string, string | undefined> = process.env): WalletServerConfig {
  const walletOrigin = parseOrigin(env.CCL_WALLET_ORIGIN ?? `http://localhost:${defaultWalletPort}`, 'CCL_WALLET_ORIGIN')
  const url = new URL(walletOrigin)
  const port = Number(env.CCL_WALLET_PORT ?? (url.port || (url.protocol === 'https:' ? 443 : 80)))
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new RangeError(`CCL_WALLET_PORT must be a TCP port, got "${env.CCL_WALLET_PORT}".`)
  const allowed = (env.CCL_ALLOWED_HOST_ORIGINS ?? `http://127.0.0.1:${defaultDemoPort}`)
    .split(',')
    .map((origin) => origin.trim())
    .filter(Boolean)
  const config = parseWalletConfig(
    {
      rpId: env.CCL_RP_ID ?? url.hostname,
      rpName: env.CCL_RP_NAME ?? 'CrossChain Lending',
      allowedHostOrigins: allowed,
      relayerUrl: env.CCL_RELAYER_URL ?? 'http://127.0.0.1:8787',
      rpcUrl: env.CCL_RPC_URL ?? 'http://127.0.0.1:3030',
      contractId: env.CCL_CONTRACT_ID ?? 'lending.devnet',
      chainId: env.CCL_NETWORK ?? 'devnet',
      passkeyWindow: env.CCL_PASSKEY_WINDOW ?? 'auto',
      approvalWindow: env.CCL_APPROVAL_WINDOW ?? 'authority',
    },
    url.hostname,
  )
  const devWallets = env.CCL_DEV_WALLETS === '1'
  if (env.CCL_DEV_WALLETS !== undefined && env.CCL_DEV_WALLETS !== '1' && env.CCL_DEV_WALLETS !== '0') {
    throw new BaseError({ code: ErrorCode.InvalidConfiguration, shortMessage: `CCL_DEV_WALLETS must be 1 or 0, got "${env.CCL_DEV_WALLETS}".` })
  }
  if (devWallets && !devWalletsAllowed(walletOrigin)) {
    throw new BaseError({
      code: ErrorCode.InvalidConfiguration,
      shortMessage: `CCL_DEV_WALLETS=1 is for a wallet on this machine only, not ${walletOrigin}: development wallets hold test keys in the browser. Unset it for this deployment.`,
      docsPath: '/docs/operate.md#wallet-configuration',
    })
  }
  return { ...config, walletOrigin, listenHost: env.CCL_WALLET_LISTEN_HOST ?? '127.0.0.1', port, devWallets }
}
