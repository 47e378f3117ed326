import { readFileSync, readdirSync } from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { fixturesDirectory, generateAll } from '../lending/tests/fixtures'

// The Rust crate replays these fixtures figure for figure (lending/src/tests/markets_math.rs);
// this keeps them what the TypeScript contract computes, so neither side can drift unnoticed.
describe('the lending fixtures', () => {
  it('behavior: the committed fixtures are what the TypeScript contract computes today', async () => {
    const generated = await generateAll()
    const committed = readdirSync(fixturesDirectory).filter((file) => file.endsWith('.json'))
    expect(committed.sort(), 'fixture files (regenerate: pnpm --filter @crosschain-lending/contracts fixtures)').toEqual([...generated.keys()].sort())
    for (const [file, contents] of generated) {
      const lines = readFileSync(path.join(fixturesDirectory, file), 'utf8').split('\n')
      const fresh = contents.split('\n')
      // One step per line: name the first step that moved rather than dumping megabytes.
      const moved = fresh.findIndex((line, index) => line !== lines[index])
      expect(moved === -1 && lines.length === fresh.length ? 'same' : `${file} line ${moved + 1}: ${lines[moved]?.slice(0, 300)}`, 'regenerate: pnpm --filter @crosschain-lending/contracts fixtures').toBe('same')
    }
  }, 180_000)
})
