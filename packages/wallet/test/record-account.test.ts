import { BaseError, ErrorCode } from '@crosschain-lending/protocol'
import { describe, expect, it } from 'vitest'
import { type AccountCreation, accountCreations, recordAccount } from '../src/accounts/record-account'
import { RelayerCallError } from '../src/chain/relayer-client'

const proof = { type: 'passkey' as const, authenticatorData: 'AA', clientDataJSON: '{}', signature: 'p256:1' }
const creation: AccountCreation = { credentialId: 'cred-1', publicKey: 'p256:AA', userHandle: 'uh', createdAt: 1, deadline: 10_000_000, proof }
const unreachable = () => new RelayerCallError(new BaseError({ code: ErrorCode.ChainUnavailable, shortMessage: 'The wallet cannot reach its relayer right now.' }), true)

function harness(answers: (string | Error)[], giveUpAt = 60_000) {
  let clock = 1_000
  const pending: string[] = []
  const proved: AccountCreation[] = []
  let calls = 0
  const deps = {
    create: async (parameters: unknown) => {
      calls += 1
      expect(parameters).toEqual({ credentialId: 'cred-1', publicKey: 'p256:AA', userHandle: 'uh', deadline: expect.any(Number), proof })
      const answer = answers.shift()
      if (answer === undefined) throw unreachable()
      if (answer instanceof Error) throw answer
      return { accountId: answer, created: true }
    },
    giveUpAt,
    prove: async () => ({ deadline: clock + 1_800_000, proof }),
    onProved: (updated: AccountCreation) => proved.push(updated),
    onPending: (reason: string) => pending.push(reason),
    now: () => clock,
    sleep: async (ms: number) => {
      clock += ms
    },
  }
  return { deps, pending, proved, calls: () => calls }
}

/** A Storage over a Map, as the browser's would behave. */
function memoryStorage(): Storage {
  const map = new Map<string, string>()
  return {
    get length() {
      return map.size
    },
    key: (index: number) => [...map.keys()][index] ?? null,
    getItem: (key: string) => map.get(key) ?? null,
    setItem: (key: string, value: string) => void map.set(key, value),
    removeItem: (key: string) => void map.delete(key),
    clear: () => map.clear(),
  }
}

describe('recording a new passkey’s account', () => {
  it('behavior: sent again while the relayer is away, the same creation lands once it is back; pending is told once', async () => {
    const { deps, pending, calls } = harness([unreachable(), unreachable(), 'pk-1'])
    await expect(recordAccount(creation, deps)).resolves.toBe('pk-1')
    expect(calls()).toBe(3)
    expect(pending).toEqual(['The wallet cannot reach its relayer right now.'])
  })

  it('error: a refusal is final and not retried', async () => {
    const refused = new RelayerCallError(new BaseError({ code: ErrorCode.InvalidCredential, shortMessage: 'not a P-256 key' }), false)
    const { deps, calls } = harness([refused])
    await expect(recordAccount(creation, deps)).rejects.toBe(refused)
    expect(calls()).toBe(1)
  })

  it('error: past the session’s limit it stops with a retryable CHAIN_UNAVAILABLE that says the passkey is kept', async () => {
    const { deps } = harness([], 10_000)
    const failure = await recordAccount(creation, deps).catch((error: unknown) => error)
    expect(failure).toBeInstanceOf(RelayerCallError)
    expect(failure).toMatchObject({ code: 'CHAIN_UNAVAILABLE', retryable: true })
    expect((failure as Error).message).toMatch(/finishes it the next time it opens/)
  })

  it('behavior: a creation kept without a proof of possession, or with an expiring one, is proved again before it is sent, and kept with the new proof', async () => {
    const { deps, proved } = harness(['pk-1', 'pk-1'])
    const { proof: _proof, deadline: _deadline, ...unproved } = creation
    await expect(recordAccount(unproved, deps)).resolves.toBe('pk-1')
    expect(proved).toEqual([{ ...unproved, deadline: 1_000 + 1_800_000, proof }])
    await expect(recordAccount({ ...creation, deadline: 1_000 + 30_000 }, deps)).resolves.toBe('pk-1')
    expect(proved).toHaveLength(2)
    // One still good for the relayer is sent as it is.
    await recordAccount(creation, { ...deps, create: async () => ({ accountId: 'pk-1', created: false }) })
    expect(proved).toHaveLength(2)
  })

  it('behavior: creations are kept across loads until removed; entries that do not parse are dropped', () => {
    const storage = memoryStorage()
    accountCreations(storage).save(creation)
    storage.setItem('ccl-account-creation:broken', '{not json')
    storage.setItem('ccl-account-creation:partial', JSON.stringify({ credentialId: 'x' }))
    const later = accountCreations(storage)
    expect(later.all()).toEqual([creation])
    expect(later.get('cred-1')).toEqual(creation)
    expect(storage.length).toBe(1)
    later.remove('cred-1')
    expect(accountCreations(storage).all()).toEqual([])
  })
})
