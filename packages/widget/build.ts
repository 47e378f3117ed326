/**
 * Builds what a partner's script tag loads:
 *   cdn/crosschain-lending.js       ES module: <script type="module" src=...>. Draws the first
 *                                   state; the lending UI comes as a chunk once someone signs in.
 *   cdn/chunks/*.js                 the chunks it loads on demand (same folder, same origin).
 *   cdn/crosschain-lending.iife.js  classic script: <script src=...>. A few hundred bytes that
 *                                   import the ES module from beside itself, so both tags run the
 *                                   same code and share one definition of the element.
 *
 * No source maps: what a partner serves is the minified code alone (maps would hand anyone the
 * element's sources and layout, issue 14). `--dev` adds them, for `pnpm dev`.
 */
import { type BuildOptions, type Metafile, build } from 'esbuild'
import { rm } from 'node:fs/promises'

const dev = process.argv.includes('--dev')

await rm('cdn', { recursive: true, force: true })
// The npm build (tsc, after this script) never deletes what a removed source once emitted: a
// stale dist/connectors/ would still be packed and importable. It starts from nothing too.
await rm('dist', { recursive: true, force: true })
const shared = {
  bundle: true,
  minify: true,
  sourcemap: dev,
  target: 'es2022',
  legalComments: 'linked' as const,
  logLevel: 'warning' as const,
} satisfies BuildOptions
const [esm] = await Promise.all([
  build({
    ...shared,
    metafile: true,
    entryPoints: { 'crosschain-lending': 'src/crosschain-lending.ts' },
    format: 'esm',
    splitting: true,
    outdir: 'cdn',
    chunkNames: 'chunks/[name]-[hash]',
  }),
  build({ ...shared, entryPoints: ['src/classic-loader.ts'], format: 'iife', outfile: 'cdn/crosschain-lending.iife.js' }),
])

// esbuild emits a chunk for every dynamic import() in the files it reads, even inside code it
// then drops (viem's, behind the protocol's lazy signature verifiers). Publish only what the
// entry can actually load.
const reachable = new Set<string>()
const visit = (file: string) => {
  if (reachable.has(file)) return
  reachable.add(file)
  for (const { path } of (esm.metafile as Metafile).outputs[file]?.imports ?? []) visit(path)
}
visit('cdn/crosschain-lending.js')
for (const file of Object.keys((esm.metafile as Metafile).outputs)) {
  if (!file.endsWith('.map') && !reachable.has(file)) await rm(file).then(() => rm(`${file}.map`, { force: true }))
}
