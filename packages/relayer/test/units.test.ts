import { KeyPair, type PublicKey } from 'near-api-js'
import { describe, expect, it } from 'vitest'
import { refusalFromFailure, refusalFromText } from '../src/chain/contract-errors'
import { KeyPool, NoIdleKeyError } from '../src/chain/key-pool'
import { RpcTimeoutError, isTransientRpcError, withRetries } from '../src/chain/retry'
import { subnetOf } from '../src/http/client-address'
import { TokenBucketLimiter } from '../src/rate-limit'

describe('TokenBucketLimiter', () => {
  it('behavior: allows a burst of perMinute, then one more per 60/perMinute seconds', () => {
    let now = 0
    const limiter = new TokenBucketLimiter({ perMinute: 60, now: () => now })
    for (let i = 0; i < 60; i++) expect(limiter.take('a').allowed).toBe(true)
    const refused = limiter.take('a')
    expect(refused).toEqual({ allowed: false, retryAfterMs: 1000 })
    expect(limiter.take('b').allowed).toBe(true)
    now += 1000
    expect(limiter.take('a').allowed).toBe(true)
    expect(limiter.take('a').allowed).toBe(false)
  })

  it('behavior: memory stays bounded however many keys appear', () => {
    let now = 0
    const limiter = new TokenBucketLimiter({ perMinute: 10, now: () => now, maxKeys: 100 })
    for (let i = 0; i < 10_000; i++) {
      now += 1
      limiter.take(`client-${i}`)
    }
    // A key that was just limited is still remembered (it is recent, not idle).
    for (let i = 0; i < 10; i++) limiter.take('busy')
    expect(limiter.take('busy').allowed).toBe(false)
  })
})

describe('subnetOf', () => {
  it('behavior: an IPv4 address counts in its /24, an IPv6 one in its /64, whatever its spelling', () => {
    expect(subnetOf('203.0.113.77')).toBe('203.0.113.0/24')
    expect(subnetOf('2001:db8:1:2:3:4:5:6')).toBe('2001:db8:1:2::/64')
    expect(subnetOf('2001:0DB8:0001:0002::9')).toBe('2001:db8:1:2::/64')
    expect(subnetOf('2001:db8::1')).toBe('2001:db8:0:0::/64')
    expect(subnetOf('fe80::1%eth0')).toBe('fe80:0:0:0::/64')
    // Not an address (a proxy that wrote something else): its own subnet, still counted.
    expect(subnetOf('unknown')).toBe('unknown')
  })
})

describe('KeyPool', () => {
  const keys = Array.from({ length: 3 }, () => KeyPair.fromRandom('ed25519'))

  it('behavior: each lease has a key no one else holds; the rest wait their turn, first come first served', async () => {
    const pool = new KeyPool(keys, async () => 0n)
    const leases = await Promise.all([pool.lease(), pool.lease(), pool.lease()])
    expect(new Set(leases.map((lease) => lease.publicKey.toString())).size).toBe(3)
    const order: number[] = []
    const waiting = [pool.lease().then(() => order.push(1)), pool.lease().then(() => order.push(2))]
    await new Promise((resolve) => setTimeout(resolve, 10))
    expect(order).toEqual([])
    leases[1]!.release()
    leases[1]!.release() // twice is harmless
    await waiting[0]
    expect(order).toEqual([1])
    leases[0]!.release()
    await waiting[1]
    expect(order).toEqual([1, 2])
  })

  it('error: a lease that waits longer than it may is refused, and leaves the queue', async () => {
    const pool = new KeyPool(keys.slice(0, 1), async () => 0n)
    const held = await pool.lease()
    await expect(pool.lease(20)).rejects.toBeInstanceOf(NoIdleKeyError)
    const next = pool.lease(1_000)
    held.release()
    expect((await next).publicKey.toString()).toBe(held.publicKey.toString())
  })

  it('behavior: nonces are read once per key, counted locally, and a refresh never moves them back', async () => {
    const reads: string[] = []
    let onChain = 41n
    const pool = new KeyPool(keys.slice(0, 1), async (publicKey: PublicKey) => {
      reads.push(publicKey.toString())
      return onChain
    })
    const lease = await pool.lease()
    expect([await lease.nextNonce(), await lease.nextNonce()]).toEqual([42n, 43n])
    expect(reads).toHaveLength(1)
    onChain = 10n
    await lease.refreshNonce()
    expect(await lease.nextNonce()).toBe(44n)
    onChain = 100n
    await lease.refreshNonce()
    expect(await lease.nextNonce()).toBe(101n)
    await lease.refreshNonce(500n)
    expect(await lease.nextNonce()).toBe(501n)
  })
})

describe('retries', () => {
  const policy = { attempts: 4, baseDelayMs: 1, maxDelayMs: 5, timeoutMs: 50 }

  it('behavior: transient failures are retried up to the limit; others fail at once', async () => {
    let calls = 0
    const unavailable = Object.assign(new Error('unavailable'), { cause: 503 })
    await expect(withRetries('x', policy, async () => {
      calls++
      throw unavailable
    })).rejects.toBe(unavailable)
    expect(calls).toBe(4)
    calls = 0
    const refused = new Error('ContractError: {}')
    await expect(withRetries('x', policy, async () => {
      calls++
      throw refused
    })).rejects.toBe(refused)
    expect(calls).toBe(1)
  })

  it('behavior: an attempt slower than the timeout counts as transient', async () => {
    let calls = 0
    const result = await withRetries('x', policy, (attempt) => {
      calls++
      return attempt === 1 ? new Promise(() => undefined) : Promise.resolve('ok')
    })
    expect([result, calls]).toEqual(['ok', 2])
    expect(isTransientRpcError(new RpcTimeoutError('slow'))).toBe(true)
    expect(isTransientRpcError(new TypeError('fetch failed'))).toBe(true)
    expect(isTransientRpcError(Object.assign(new Error('bad request'), { cause: 400 }))).toBe(false)
  })
})

describe('contract refusals', () => {
  const panic = 'Smart contract panicked: NONCE_ALREADY_USED: This request was already used.'

  it('behavior: the refusal is read from a failed transaction, at whatever depth', () => {
    const refusal = refusalFromFailure({ ActionError: { index: 0, kind: { FunctionCallError: { ExecutionError: panic } } } })
    expect([refusal?.code, refusal?.shortMessage]).toEqual(['NONCE_ALREADY_USED', 'This request was already used.'])
  })

  it('behavior: a wrapped string and an unknown code are still read; a panic without the code is not a refusal', () => {
    expect(refusalFromText(`wasm execution failed with error: FunctionCallError(ExecutionError("NONCE_ALREADY_USED: Replay."))`)?.code).toBe('NONCE_ALREADY_USED')
    expect(refusalFromText('Smart contract panicked: SOMETHING_NEW: m')?.code).toBe('UNKNOWN')
    expect(refusalFromText('Smart contract panicked: oops')).toBeUndefined()
    expect(refusalFromFailure({ InvalidTxError: 'InvalidSignature' })).toBeUndefined()
  })
})
