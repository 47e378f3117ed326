import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'

const packageRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const repoRoot = path.resolve(packageRoot, '../..')

/**
 * Every module the relayer's entry reaches at run time, as a bundler sees it: the workspace's own
 * packages are followed into their sources; third-party packages are left external (named, not
 * read), since none of them is the local chain.
 */
async function runtimeImportGraph(entry: string): Promise<{ inputs: string[]; externals: string[] }> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    metafile: true,
    platform: 'node',
    format: 'esm',
    logLevel: 'silent',
    plugins: [
      {
        name: 'third-party-external',
        setup(bundler) {
          bundler.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@crosschain-lending/') ? undefined : { path: args.path, external: true }))
        },
      },
    ],
  })
  const inputs = Object.keys(result.metafile.inputs).map((input) => path.relative(repoRoot, path.resolve(repoRoot, input)))
  const externals = Object.values(result.metafile.inputs).flatMap((input) => input.imports.filter((imported) => imported.external).map((imported) => imported.path))
  return { inputs, externals }
}

describe('the relayer at run time', () => {
  it('behavior: the entry (src/main.ts) and the package entry (src/index.ts) reach nothing of the local chain (@crosschain-lending/devnet)', async () => {
    for (const entry of ['src/main.ts', 'src/index.ts']) {
      const { inputs, externals } = await runtimeImportGraph(path.join(packageRoot, entry))
      // The graph is real: it reaches the relayer's own modules and the dev keys it defaults to on devnet.
      expect(inputs).toContain('packages/relayer/src/server.ts')
      expect(inputs).toContain('packages/dev-keys/src/index.ts')
      expect(inputs.filter((input) => input.startsWith('packages/devnet/') || input.includes('node_modules/@crosschain-lending/devnet'))).toEqual([])
      expect(externals.filter((name) => name.startsWith('@crosschain-lending/devnet'))).toEqual([])
    }
  }, 30_000)
})
