#!/usr/bin/env node
// The README's two commands. Needs only Node (>= 20.19) and npm; installs the rest:
//   node scripts/bootstrap.mjs start   install what is missing, build, start the product
//   node scripts/bootstrap.mjs test    install what is missing (Chromium too), run every test
//   node scripts/bootstrap.mjs install install only (CI uses it before typecheck, lint, build)
// Plain JavaScript with no dependencies, because it runs before anything is installed.
// Every command builds the contracts' wasm, so each makes sure of Debian's Rust toolchain for it
// (contracts/toolchain.mjs lists it), as it makes sure of Chromium for the browser tests.
import { spawn, spawnSync } from 'node:child_process'
import { existsSync } from 'node:fs'
import { constants } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import { wasmPackages, wasmToolchainProblem } from '../contracts/toolchain.mjs'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const command = process.argv[2]
const pnpmVersion = '12'
const chromiumCandidates = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable']

function say(text) {
  console.log(`\x1b[1m[bootstrap]\x1b[0m ${text}`)
}

function fail(text) {
  console.error(`\x1b[1;31m[bootstrap]\x1b[0m ${text}`)
  process.exit(1)
}

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', ...options })
  if (result.error) return { ok: false, status: 1, error: result.error }
  return { ok: result.status === 0, status: result.status ?? 1 }
}

function has(cmd, args = ['--version']) {
  const result = spawnSync(cmd, args, { stdio: 'ignore' })
  return !result.error && result.status === 0
}

function checkNode() {
  const [major, minor] = process.versions.node.split('.').map(Number)
  if (major < 20 || (major === 20 && minor < 19)) {
    fail(`Node ${process.versions.node} is too old: install Node 20.19 or newer (https://nodejs.org), then run this again.`)
  }
}

/** pnpm from PATH, or installed with npm (globally, else into .tools/ when global is not writable). */
function ensurePnpm() {
  if (has('pnpm')) return 'pnpm'
  const local = path.join(root, '.tools/node_modules/.bin/pnpm')
  if (existsSync(local)) return local
  say(`pnpm is missing; installing pnpm@${pnpmVersion} with npm…`)
  if (run('npm', ['install', '--global', `pnpm@${pnpmVersion}`]).ok && has('pnpm')) return 'pnpm'
  say('A global install was not possible; installing pnpm into .tools/ instead…')
  if (run('npm', ['install', '--prefix', path.join(root, '.tools'), `pnpm@${pnpmVersion}`]).ok && existsSync(local)) return local
  fail('Could not install pnpm. Install it yourself (npm install -g pnpm) and run this again.')
}

function installDependencies(pnpm) {
  say('Installing dependencies (pnpm install --frozen-lockfile)…')
  if (!run(pnpm, ['install', '--frozen-lockfile']).ok) fail('pnpm install failed; see the output above.')
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0

/** apt-get install as root, or false when this machine cannot (not root, no apt-get). */
function aptInstall(packages) {
  if (!isRoot || !has('apt-get', ['--version'])) return false
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' }
  return run('apt-get', ['update', '-qq'], { env }).ok && run('apt-get', ['install', '-y', '-qq', ...packages], { env }).ok
}

/** Debian's Rust for wasm (rustup cannot add the target here), binaryen and wabt, when missing. */
function ensureWasmToolchain() {
  if (!wasmToolchainProblem()) return
  say(`The contracts' wasm toolchain is missing; installing it from Debian packages (apt-get install ${wasmPackages.join(' ')})…`)
  aptInstall(wasmPackages)
  const problem = wasmToolchainProblem()
  if (problem) fail(problem)
}

/** Chromium for the browser tests: CHROME_PATH, a system browser, or Debian's package. */
function ensureChromium() {
  if (process.env.CHROME_PATH) {
    if (existsSync(process.env.CHROME_PATH)) return process.env.CHROME_PATH
    fail(`CHROME_PATH is set to ${process.env.CHROME_PATH}, which does not exist.`)
  }
  const found = chromiumCandidates.find((candidate) => existsSync(candidate))
  if (found) return found
  if (isRoot && has('apt-get', ['--version'])) {
    say('Chromium is missing; installing it from Debian packages (apt-get install chromium)…')
    if (aptInstall(['chromium']) && existsSync('/usr/bin/chromium')) return '/usr/bin/chromium'
    fail('apt-get could not install chromium; see the output above.')
  }
  fail(
    'The browser tests need Chromium or Chrome, and none was found.\n' +
      '  Debian/Ubuntu: sudo apt-get install chromium\n' +
      '  macOS: install Google Chrome, then CHROME_PATH="/Applications/Google Chrome.app/Contents/MacOS/Google Chrome"\n' +
      '  Anywhere: set CHROME_PATH to a Chrome or Chromium binary, then run this again.',
  )
}

function exec(pnpm, script, env = process.env) {
  const child = spawn(pnpm, [script], { cwd: root, stdio: 'inherit', env })
  // Ctrl-C in a terminal reaches the whole process group, the product too, which stops itself
  // cleanly: this process waits for that rather than exiting first and leaving it printing after
  // the prompt. A SIGTERM sent to this process alone is passed on.
  process.on('SIGINT', () => {})
  process.on('SIGTERM', () => child.kill('SIGTERM'))
  child.on('error', (error) => fail(`Could not run ${pnpm} ${script}: ${error.message}`))
  child.on('exit', (code, signal) => process.exit(code ?? 128 + (signal ? constants.signals[signal] : 0)))
}

checkNode()
if (!['start', 'test', 'install'].includes(command)) fail('Usage: node scripts/bootstrap.mjs start|test|install')
const pnpm = ensurePnpm()
// The project's scripts call `pnpm` by name; a pnpm installed into .tools/ must be on their PATH.
if (path.isAbsolute(pnpm)) process.env.PATH = `${path.dirname(pnpm)}${path.delimiter}${process.env.PATH ?? ''}`
installDependencies(pnpm)
ensureWasmToolchain()
if (command === 'install') {
  const chrome = ensureChromium()
  say(`Ready: pnpm, dependencies, the contracts' wasm toolchain, and Chromium at ${chrome}.`)
} else if (command === 'test') {
  const chrome = ensureChromium()
  // The tests run the built product: the local chain deploys contracts/dist/lending.wasm, and the
  // production-build checks read the bundles. A build of an up-to-date checkout is incremental.
  say('Building (pnpm build: the contracts\' wasm, the wallet, the element, the demo)…')
  const built = spawnSync(pnpm, ['build'], { cwd: root, stdio: 'inherit' })
  if (built.status !== 0) fail('pnpm build failed; see above.')
  say(`Running every test (pnpm test) with Chromium at ${chrome}…`)
  exec(pnpm, 'test', { ...process.env, CHROME_PATH: chrome })
} else {
  exec(pnpm, 'start')
}
