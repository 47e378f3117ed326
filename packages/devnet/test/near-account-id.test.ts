import { describe, expect, it } from 'vitest'
import { accountIdProblem, isEthImplicitAccountId, isImplicitAccountId } from '../src/near-account-id'

describe("NEAR's account id rules", () => {
  it('behavior: named, sub-, implicit and Ethereum-implicit accounts are valid', () => {
    for (const id of ['ab', 'a1', 'relayer.devnet', 'alice-bob_carol.x.devnet', '0'.repeat(64), `0x${'ab'.repeat(20)}`, 'a'.repeat(64)]) {
      expect(accountIdProblem(id), id).toBeUndefined()
    }
    expect(isImplicitAccountId('0f'.repeat(32))).toBe(true)
    expect(isEthImplicitAccountId(`0x${'0f'.repeat(20)}`)).toBe(true)
    expect(isImplicitAccountId(`0x${'0f'.repeat(20)}`)).toBe(false)
  })

  it('error: a NUL, capitals, other characters, bad separators and bad lengths are refused with the reason', () => {
    const refused: [string, RegExp][] = [
      ['evil\u0000.devnet', /character 4 \("\\u0000"\)/],
      ['Alice.devnet', /character 0 \("A"\)/],
      ['alice devnet', /character 5/],
      ['ålice', /character 0/],
      ['a', /at least 2/],
      ['', /at least 2/],
      ['a'.repeat(65), /at most 64/],
      ['.alice', /starts with the separator/],
      ['alice.', /ends with the separator/],
      ['alice..devnet', /follow each other/],
      ['alice-_devnet', /follow each other/],
      [`0x${'AB'.repeat(20)}`, /character 2/],
    ]
    for (const [id, reason] of refused) expect(accountIdProblem(id), JSON.stringify(id)).toMatch(reason)
  })
})
