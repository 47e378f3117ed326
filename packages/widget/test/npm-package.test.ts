import { execFileSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync, existsSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { build } from 'esbuild'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

// The widget and the protocol as `npm install @crosschain-lending/widget` gives them to a
// partner: packed by pnpm (publishConfig applied, workspace versions replaced), unpacked into an
// app's node_modules, and used from there by a bundler and by TypeScript. Nothing may resolve
// to this repository's sources.

const packagesDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..')
const packed = ['protocol', 'widget'] as const
const tsc = path.join(packagesDir, '../node_modules/typescript/bin/tsc')
type Manifest = { name: string; exports: Record<string, { types: string; default: string }>; dependencies?: Record<string, string> }

let work: string
let app: string
const manifests = {} as Record<(typeof packed)[number], Manifest>

beforeAll(() => {
  work = mkdtempSync(path.join(tmpdir(), 'ccl-npm-'))
  app = path.join(work, 'app')
  for (const name of packed) {
    const dir = path.join(packagesDir, name)
    // dist only: the script-tag build and the manifest are other tests' inputs, left alone here.
    // From nothing: tsc never deletes what a removed source once emitted, and pack takes it all.
    rmSync(path.join(dir, 'dist'), { recursive: true, force: true })
    execFileSync(process.execPath, [tsc, '-p', 'tsconfig.build.json'], { cwd: dir })
    const tarball = execFileSync('pnpm', ['pack', '--ignore-scripts', '--pack-destination', work, '--json'], { cwd: dir, encoding: 'utf8' })
    const target = path.join(app, 'node_modules/@crosschain-lending', name)
    mkdirSync(target, { recursive: true })
    execFileSync('tar', ['-xzf', (JSON.parse(tarball) as { filename: string }).filename, '--strip-components=1', '-C', target])
    manifests[name] = JSON.parse(readFileSync(path.join(target, 'package.json'), 'utf8')) as Manifest
    // Third-party dependencies as the registry would install them (here: this workspace's copies).
    for (const dependency of Object.keys(manifests[name].dependencies ?? {})) {
      if (dependency.startsWith('@crosschain-lending/')) continue
      const link = path.join(app, 'node_modules', dependency)
      if (existsSync(link)) continue
      mkdirSync(path.dirname(link), { recursive: true })
      symlinkSync(realpathSync(path.join(dir, 'node_modules', dependency)), link)
    }
  }
  mkdirSync(path.join(app, 'src'))
  writeFileSync(
    path.join(app, 'src/main.ts'),
    `import '@crosschain-lending/widget'
import { CclOperationSubmittedEvent } from '@crosschain-lending/widget/events'
import type { ExternalWalletConnector } from '@crosschain-lending/widget'

const element = document.querySelector('crosschain-lending')!
element.walletOrigin = 'https://wallet.example.com'
// Deprecated and ignored, but a page that still sets it keeps compiling.
const legacyConnector: ExternalWalletConnector = {
  connect: async (chain) => ({ chain, address: '0x0000000000000000000000000000000000000000' }),
  signMessage: async () => ({ signature: '0x' }),
}
element.walletConnector = legacyConnector
element.addEventListener('ccl-operation-submitted', (event) => {
  const submitted: CclOperationSubmittedEvent = event
  console.log(submitted.detail.requestId)
})
export const supplied: Promise<string> = element.operate({ type: 'supply', asset: 'USDC', amount: '1' }).then((result) => result.requestId)
`,
  )
  writeFileSync(
    path.join(app, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'ESNext', moduleResolution: 'Bundler', lib: ['ES2023', 'DOM', 'DOM.Iterable'], strict: true, noEmit: true, skipLibCheck: true, types: [] }, include: ['src'] }),
  )
}, 120_000)

afterAll(() => rmSync(work, { recursive: true, force: true }))

describe('the npm packages as a partner installs them', () => {
  it('behavior: every export names JavaScript and types that are in the package, and no dependency is a workspace link', () => {
    for (const name of packed) {
      const manifest = manifests[name]
      const root = path.join(app, 'node_modules/@crosschain-lending', name)
      expect(Object.keys(manifest.exports).length).toBeGreaterThan(0)
      for (const [subpath, target] of Object.entries(manifest.exports)) {
        expect(target.default, `${name} ${subpath}`).toMatch(/^\.\/dist\/.+\.js$/)
        expect(existsSync(path.join(root, target.default)), `${name} ${subpath}: ${target.default}`).toBe(true)
        expect(existsSync(path.join(root, target.types)), `${name} ${subpath}: ${target.types}`).toBe(true)
      }
      for (const [dependency, version] of Object.entries(manifest.dependencies ?? {})) expect(version, dependency).not.toMatch(/^workspace:/)
    }
  })

  it('behavior: the widget publishes no page-wallet connectors: external wallets are asked only in the wallet window', () => {
    const root = path.join(app, 'node_modules/@crosschain-lending/widget')
    expect(Object.keys(manifests.widget.exports)).toEqual(['.', './component', './events'])
    expect(existsSync(path.join(root, 'dist/connectors'))).toBe(false)
    expect(existsSync(path.join(root, 'src/connectors'))).toBe(false)
    expect(existsSync(path.join(root, 'cdn/connectors.js'))).toBe(false)
    for (const dependency of ['mipd', '@wallet-standard/app', '@stellar/freighter-api']) expect(manifests.widget.dependencies ?? {}).not.toHaveProperty(dependency)
  })

  it('behavior: a bundler builds a page from the installed packages alone: the element and its events', async () => {
    const result = await build({ entryPoints: [path.join(app, 'src/main.ts')], absWorkingDir: app, bundle: true, format: 'esm', splitting: true, outdir: path.join(work, 'out'), write: false, metafile: true, logLevel: 'silent' })
    const inputs = Object.keys(result.metafile.inputs).map((input) => path.resolve(app, input))
    expect(inputs.filter((input) => input.startsWith(packagesDir))).toEqual([])
    expect(inputs).toContain(path.join(app, 'node_modules/@crosschain-lending/widget/dist/crosschain-lending.js'))
    expect(inputs).toContain(path.join(app, 'node_modules/@crosschain-lending/protocol/dist/index.js'))
    const entry = result.outputFiles.find((file) => file.path.endsWith('main.js'))!
    expect(entry.text).toContain('customElements.define')
    // The lending UI stays a chunk loaded on demand.
    expect(result.outputFiles.filter((file) => file.path.endsWith('.js')).length).toBeGreaterThan(1)
  }, 30_000)

  it('behavior: TypeScript types the element from the installed packages: the tag, its properties, typed events and operate()', () => {
    expect(() => execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8' })).not.toThrow()
    // And it can fail: a wrong operation type is an error there.
    writeFileSync(path.join(app, 'src/wrong.ts'), `document.querySelector('crosschain-lending')!.operate({ type: 'steal', asset: 'USDC', amount: '1' })\nexport {}\n`)
    let output = ''
    try {
      execFileSync(process.execPath, [tsc, '-p', app], { encoding: 'utf8' })
    } catch (error) {
      output = (error as { stdout: string }).stdout
    }
    rmSync(path.join(app, 'src/wrong.ts'))
    expect(output).toContain(`'"steal"'`)
  }, 60_000)
})
