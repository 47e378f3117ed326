/**
 * `pnpm test`: every test. The contracts' Rust tests (cargo test: the methods against nearcore's
 * host logic), unit tests in Node (vitest), browser tests in real Chromium (@web/test-runner),
 * the end-to-end journeys (Playwright, the whole product), then one closing line with the totals
 * of all four.
 */
import { spawnSync } from 'node:child_process'
import { mkdirSync, readFileSync, rmSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..')
const results = path.join(root, 'node_modules/.cache/ccl-test-results')
rmSync(results, { recursive: true, force: true })
mkdirSync(results, { recursive: true })

type Totals = { passed: number; failed: number; skipped: number }

function readJson<T>(file: string): T | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T
  } catch {
    return undefined
  }
}

/** Runs one suite; `read` gets its stdout when `captureStdout` (printed after it ends), else ''. */
function suite(name: string, command: string[], env: Record<string, string>, read: (stdout: string) => Totals | undefined, captureStdout = false) {
  console.log(`\n=== ${name}: ${command.join(' ')}\n`)
  const child = spawnSync(command[0]!, command.slice(1), {
    cwd: root,
    stdio: ['inherit', captureStdout ? 'pipe' : 'inherit', 'inherit'],
    encoding: 'utf8',
    env: { ...process.env, ...env },
  })
  const stdout = child.stdout ?? ''
  process.stdout.write(stdout)
  const totals = read(stdout)
  // A runner that crashed before reporting counts as one failure, never as zero tests.
  return { name, ok: child.status === 0 && totals !== undefined, totals: totals ?? { passed: 0, failed: 1, skipped: 0 } }
}

const unitFile = path.join(results, 'unit.json')
const browserFile = path.join(results, 'browser.json')
const journeyFile = path.join(results, 'journeys.json')
/** libtest prints no machine-readable report on stable Rust: sum its `test result:` lines. */
function cargoTotals(stdout: string): Totals | undefined {
  const lines = [...stdout.matchAll(/^test result: \w+\. (\d+) passed; (\d+) failed; (\d+) ignored/gm)]
  if (lines.length === 0) return undefined
  const sum = (group: number) => lines.reduce((total, line) => total + Number(line[group]), 0)
  return { passed: sum(1), failed: sum(2), skipped: sum(3) }
}

const suites = [
  // rustup's cargo (first in PATH): the tests build natively, so they need no wasm toolchain.
  suite('contract tests (Rust, cargo test, nearcore host logic)', ['cargo', 'test', '--locked', '--manifest-path', 'contracts/Cargo.toml'], {}, cargoTotals, true),
  suite('unit tests (Node, vitest)', ['pnpm', 'exec', 'vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile.json=${unitFile}`], {}, () => {
    const report = readJson<{ numPassedTests: number; numFailedTests: number; numPendingTests: number; numTodoTests: number }>(unitFile)
    return report && { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests }
  }),
  suite('browser tests (Chromium, @web/test-runner)', ['pnpm', 'run', '--silent', 'test:browser'], { CCL_TEST_COUNTS: browserFile }, () => readJson<Totals>(browserFile)),
  suite('journeys (Chromium, Playwright, the whole product)', ['pnpm', 'run', '--silent', 'test:journeys'], { CCL_JOURNEY_JSON: journeyFile }, () => {
    const report = readJson<{ stats: { expected: number; unexpected: number; flaky: number; skipped: number } }>(journeyFile)
    return report && { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped }
  }),
]

console.log('')
for (const { name, ok, totals } of suites) {
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
}
const sum = (key: keyof Totals) => suites.reduce((total, { totals }) => total + totals[key], 0)
console.log(`${sum('passed')} passed, ${sum('failed')} failed, ${sum('skipped')} skipped`)
process.exit(suites.every(({ ok }) => ok) && sum('failed') === 0 ? 0 : 1)
