import { beforeAll, describe, expect, it } from 'vitest'
import { buildFixtures, committedFixture } from '../proofs/fixtures'

/**
 * The Rust proofs crate is tested against fixtures TypeScript made (contracts/proofs/fixtures.ts).
 * Rebuilding them here from today's `packages/protocol` and comparing with the committed files
 * means a change to any wallet message, challenge or verifier outcome on the TypeScript side fails
 * this test until the fixtures are regenerated, and then the Rust tests say whether Rust agrees.
 */
describe('ccl-proofs fixtures', () => {
  // Building them signs and verifies a few hundred messages (2-3 s alone, far more beside other
  // suites on 2 cores): once for both tests, with room for a loaded machine.
  let fixtures: Awaited<ReturnType<typeof buildFixtures>>
  beforeAll(async () => {
    fixtures = await buildFixtures()
  }, 120_000)

  it('behavior: the committed fixtures are what packages/protocol builds and decides today', () => {
    expect(Object.keys(fixtures).sort()).toEqual(['chrome-outcomes.json', 'passkeys.json', 'wallets.json'])
    for (const [name, content] of Object.entries(fixtures)) {
      expect(content, `${name} differs from what fixtures.ts writes: run pnpm --filter @crosschain-lending/contracts fixtures`).toBe(committedFixture(name))
    }
  })

  it('behavior: every case verifies in TypeScript and every mutation of a signature or field is refused', () => {
    const wallets = JSON.parse(fixtures['wallets.json']!) as { cases: Array<{ name: string; expected: string; mutations: Array<{ mutation: string; expected: string }> }> }
    expect(wallets.cases).toHaveLength(25)
    for (const walletCase of wallets.cases) {
      expect(walletCase.expected, walletCase.name).toBe('OK')
      for (const mutation of walletCase.mutations.filter(({ mutation }) => /^(a bit of the signature|another (account|network|contract|site)|a later deadline)$/.test(mutation))) {
        expect(mutation.expected, `${walletCase.name} / ${mutation.mutation}`).not.toBe('OK')
      }
    }
  })
})
