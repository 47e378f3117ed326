import { execFileSync } from 'node:child_process'
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'vite'
import { afterAll, describe, expect, it } from 'vitest'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const widget = path.join(root, 'packages/widget')
const out = mkdtempSync(path.join(tmpdir(), 'ccl-production-builds-'))
afterAll(() => rmSync(out, { recursive: true, force: true }))

/** Every file below `dir`, as paths relative to it. */
function filesIn(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
}

/** What in `dir` would hand a visitor the sources: map files, and files that point at one. */
function sourceMapsIn(dir: string): string[] {
  return filesIn(dir).filter((file) => file.endsWith('.map') || /sourceMappingURL=/.test(readFileSync(path.join(dir, file), 'utf8')))
}

/** The element's script-tag files (packages/widget/cdn), built as `pnpm build` builds them, or with `--dev`. */
function buildCdn(flags: string[] = []): string {
  execFileSync(process.execPath, ['--import', 'tsx', 'build.ts', ...flags], { cwd: widget, stdio: 'pipe' })
  return path.join(widget, 'cdn')
}

// What `pnpm start` serves and a partner copies to a CDN must not ship source maps (issue 14).
describe('production builds', () => {
  it('behavior: the element\'s CDN files, the demo and the wallet hold no .map file and no sourceMappingURL', async () => {
    const cdn = buildCdn()
    expect(filesIn(cdn)).toContain('crosschain-lending.js')
    // The page-wallet connectors are no longer published (only the wallet window runs them).
    expect(filesIn(cdn)).not.toContain('connectors.js')
    expect(sourceMapsIn(cdn)).toEqual([])

    // The demo copies the CDN files beside its pages, as a partner would serve them.
    const demo = path.join(out, 'demo')
    await build({ configFile: path.join(root, 'vite.config.ts'), logLevel: 'silent', build: { outDir: demo, emptyOutDir: true } })
    expect(filesIn(demo)).toContain(path.join('cdn', 'crosschain-lending.js'))
    expect(sourceMapsIn(demo)).toEqual([])

    const wallet = path.join(out, 'wallet')
    await build({ root: path.join(root, 'packages/wallet'), configFile: path.join(root, 'packages/wallet/vite.config.ts'), logLevel: 'silent', build: { outDir: wallet, emptyOutDir: true } })
    expect(filesIn(wallet)).toContain('wallet-window.html')
    expect(sourceMapsIn(wallet)).toEqual([])
  }, 120_000)

  it('behavior: the check sees maps where there are some: the CDN\'s development build (`--dev`, for `pnpm dev`) has them', () => {
    try {
      const maps = sourceMapsIn(buildCdn(['--dev']))
      expect(maps).toContain('crosschain-lending.js.map')
      expect(maps).toContain('crosschain-lending.js')
    } finally {
      buildCdn()
    }
  }, 60_000)
})
