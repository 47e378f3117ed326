import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { type Sequence, buildSignedRequestsFixture, fixturePath } from '../lending/tests/signed-requests'

/**
 * The Rust contract's whole-path tests (lending/src/tests/signed_requests.rs) run requests the
 * TypeScript wallet code signed and the TypeScript contract judged. Rebuilding them here keeps
 * them what today's protocol signs and today's contract decides: a change to a message, a check
 * or a code on the TypeScript side fails this until the fixture is regenerated, and then the Rust
 * tests say whether the Rust contract still agrees.
 */
describe('the signed-requests fixture', () => {
  it('behavior: the committed fixture is what packages/protocol signs and packages/contract decides today', async () => {
    const fresh = await buildSignedRequestsFixture()
    expect(fresh === readFileSync(fixturePath, 'utf8') ? 'same' : 'differs', 'regenerate: pnpm --filter @crosschain-lending/contracts fixtures').toBe('same')
  }, 120_000)

  it('behavior: every step is accepted by the TypeScript contract and every mutation refused with a code', async () => {
    const sequence = JSON.parse(readFileSync(fixturePath, 'utf8')) as Sequence
    expect(sequence.steps.map((step) => step.name)).toEqual([
      'create_account', 'bind EVM wallet', 'deposit ETH', 'deposit USDC', 'Supply', 'Supply USDC', 'Borrow to the bound wallet',
      'Borrow elsewhere, co-signed', 'Repay', 'Adjust', 'recover with the wallet', 'remove the added passkey with the wallet',
    ])
    for (const step of sequence.steps) {
      expect(step.outcome, step.name).toBe('OK')
      for (const mutation of step.mutations) expect(mutation.outcome, `${step.name} / ${mutation.name}`).toMatch(/^[A-Z_]+$/)
    }
  })
})
