/**
 * `@crosschain-lending/testing/dev-wallets/script` (Node): the development wallets bundled as
 * one classic script, with its options in front, for whoever installs them into the wallet's
 * window as an extension would: the Playwright kit, and the wallet server in dev and demo mode
 * (`CCL_DEV_WALLETS=1`).
 */
import type { WalletChain } from '@crosschain-lending/protocol'
import { build } from 'esbuild'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type DevWalletScriptOptions = {
  chains?: WalletChain[]
  /** Keep keys in the wallet origin's localStorage, as an extension keeps its own. */
  persist?: boolean
  /** Fixed keys, 32 bytes as hex, per chain: the same wallet on every page and device. */
  secretKeys?: Partial<Record<WalletChain, string>>
  /** Exactly these wallets (several of a chain, or `[]` for none), keys as hex; `chains` is then ignored. */
  wallets?: { chain: WalletChain; name?: string; secretKey?: string }[]
}

let bundled: Promise<string> | undefined
function bundle(): Promise<string> {
  bundled ??= build({
    entryPoints: [path.join(path.dirname(fileURLToPath(import.meta.url)), 'page-script.ts')],
    bundle: true,
    format: 'iife',
    target: 'es2022',
    write: false,
    logLevel: 'silent',
  }).then((result) => result.outputFiles[0]!.text)
  return bundled
}

/** The script: its options, then the wallets (built once per process). */
export async function devWalletsScript(options: DevWalletScriptOptions = {}): Promise<string> {
  return `window.__cclDevWalletOptions = ${JSON.stringify(options)};\n${await bundle()}`
}
