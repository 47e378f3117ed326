import { BaseError, ErrorCode, type RequestStatusView, type SignedRequest, requestId } from '@crosschain-lending/protocol'
import { describe, expect, it } from 'vitest'
import { RelayerCallError } from '../src/chain/relayer-client'
import { type DeliverRequestDependencies, deliverRequest } from '../src/operations/deliver-request'

const signed: SignedRequest = { payload: '{"the":"payload"}', proof: { type: 'passkey', authenticatorData: 'AA', clientDataJSON: '{}', signature: 'p256:1' } }
const id = requestId(signed.payload)
const outcome = { requestId: id, accountId: 'pk-1', blockHeight: 7, transfers: [] }
const unreachable = () => new RelayerCallError(new BaseError({ code: ErrorCode.ChainUnavailable, shortMessage: 'The wallet cannot reach its relayer right now.' }), true)

/** A fake clock and relayer: `answers` are served in order, one per submit or status call. */
function harness(answers: (RequestStatusView | Error)[], overrides: Partial<DeliverRequestDependencies> = {}) {
  let clock = 1_000
  const calls: string[] = []
  const pending: string[] = []
  const next = (kind: string) => {
    calls.push(kind)
    const answer = answers.shift()
    if (!answer) throw new Error('no more answers')
    if (answer instanceof Error) throw answer
    return Promise.resolve(answer)
  }
  const deps: DeliverRequestDependencies = {
    submit: (request) => {
      expect(request).toBe(signed)
      return next('submit')
    },
    status: () => next('status'),
    executedRequest: async () => null,
    deadline: 60_000,
    onPending: (reason) => pending.push(reason),
    now: () => clock,
    sleep: async (ms) => {
      clock += ms
    },
    ...overrides,
  }
  return { deps, calls, pending, clock: () => clock }
}

describe('a signed request is delivered, never signed again', () => {
  it('behavior: final on the first answer', async () => {
    const { deps, calls, pending } = harness([{ requestId: id, status: 'final', transactionHash: 'tx1', outcome }])
    expect(await deliverRequest(signed, deps)).toEqual({ requestId: id, transactionHash: 'tx1', outcome })
    expect(calls).toEqual(['submit'])
    expect(pending).toEqual([])
  })

  it('behavior: a pending answer is polled until final', async () => {
    const { deps, calls } = harness([{ requestId: id, status: 'pending' }, { requestId: id, status: 'pending' }, { requestId: id, status: 'final', outcome }])
    expect((await deliverRequest(signed, deps)).outcome).toEqual(outcome)
    expect(calls).toEqual(['submit', 'status', 'status'])
  })

  it('behavior: while the relayer is unreachable the same bytes are resent with backoff, and the person is told once', async () => {
    const { deps, calls, pending } = harness([unreachable(), unreachable(), unreachable(), { requestId: id, status: 'final', outcome }])
    expect((await deliverRequest(signed, deps)).outcome).toEqual(outcome)
    expect(calls).toEqual(['submit', 'submit', 'submit', 'submit'])
    expect(pending).toEqual(['The wallet cannot reach its relayer right now.'])
  })

  it('error: a refusal of the request itself is final and not retried', async () => {
    const refusal = new RelayerCallError(new BaseError({ code: ErrorCode.HealthFactorTooLow, shortMessage: 'too low' }), false)
    const { deps, calls } = harness([refusal])
    await expect(deliverRequest(signed, deps)).rejects.toBe(refusal)
    expect(calls).toEqual(['submit'])
  })

  it('error: a failed status carries the chain\'s code', async () => {
    const { deps } = harness([{ requestId: id, status: 'failed', error: { code: ErrorCode.NonceAlreadyUsed, message: 'used' } }])
    await expect(deliverRequest(signed, deps)).rejects.toMatchObject({ code: 'NONCE_ALREADY_USED' })
  })

  it('error: unreachable until the deadline, and not on chain: REQUEST_EXPIRED, nothing changed', async () => {
    const answers = Array.from({ length: 100 }, unreachable)
    const { deps, clock } = harness(answers)
    await expect(deliverRequest(signed, deps)).rejects.toMatchObject({ code: 'REQUEST_EXPIRED' })
    expect(clock()).toBeGreaterThanOrEqual(60_000)
    expect(clock()).toBeLessThan(70_000)
  })

  it('behavior: unreachable until the deadline, but the chain ran it: the chain\'s record is the outcome', async () => {
    const answers = Array.from({ length: 100 }, unreachable)
    const { deps } = harness(answers, { executedRequest: async () => ({ ...outcome, nonce: 'n' }) })
    expect((await deliverRequest(signed, deps)).outcome).toEqual(outcome)
  })
})
