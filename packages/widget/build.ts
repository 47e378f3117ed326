/**
 * Builds what a partner's script tag loads: one self-contained, minified file per format.
 *   cdn/crosschain-lending.js       ES module: <script type="module" src=...>
 *   cdn/crosschain-lending.iife.js  classic script: <script src=...>
 */
import { type BuildOptions, build } from 'esbuild'
import { rm } from 'node:fs/promises'

const entry = 'src/crosschain-lending.ts'
await rm('cdn', { recursive: true, force: true })
const shared = {
  entryPoints: [entry],
  bundle: true,
  minify: true,
  sourcemap: true,
  target: 'es2022',
  legalComments: 'linked' as const,
  logLevel: 'warning' as const,
} satisfies BuildOptions
await Promise.all([
  build({ ...shared, format: 'esm', outfile: 'cdn/crosschain-lending.js' }),
  build({ ...shared, format: 'iife', outfile: 'cdn/crosschain-lending.iife.js' }),
])
