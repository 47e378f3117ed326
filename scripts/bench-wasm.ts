/**
 * The local chain's wasm runtime (`packages/devnet/src/wasm`): function calls per second for a
 * trivial method, a small state change and a WebAuthn P-256 verification, their gas against
 * nearcore's parameters, and how fast instrumented code runs. One core, one process.
 * `tsx scripts/bench-wasm.ts`, or as part of `pnpm bench`.
 */
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'
import { type FunctionCallOutcome, executeFunctionCall, prepareContract } from '../packages/devnet/src/wasm'
import { extCosts, wasmCosts } from '../packages/devnet/src/wasm/protocol-parameters'
import { MapStorage, context, watFile } from '../packages/devnet/test/wasm/harness'

export type WasmBench = {
  callsPerSecond: { noop: number; readWrite: number; webauthn: number; bareDigest: number }
  p256Gas: { total: number; hostFunctions: number; p256Verify: number; nearcoreParameter: number }
  instructionsPerSecond: { memory: number; arithmetic: number }
}

function perSecond(seconds: number, call: () => FunctionCallOutcome): number {
  for (let i = 0; i < 200; i++) call()
  let calls = 0
  const start = performance.now()
  while (performance.now() - start < seconds * 1000) {
    const outcome = call()
    if (outcome.error) throw new Error(`benchmark call failed: ${JSON.stringify(outcome.error)}`)
    calls++
  }
  return calls / ((performance.now() - start) / 1000)
}

export function benchWasm(seconds = 2): WasmBench {
  const contract = prepareContract(watFile('bench'))
  if (!contract.ok) throw new Error('the benchmark contract did not prepare')
  const storage = new MapStorage({ counter: '41' })
  const call = (method: string, args = new Uint8Array(), isView = false) => () =>
    executeFunctionCall({ contract, method, args, context: context({ isView }), storage })

  const assertion = JSON.parse(readFileSync(new URL('../packages/protocol/test/vectors/webauthn-chrome-assertions.json', import.meta.url), 'utf8')).cases[0]
  const signedData = Buffer.concat([Buffer.from(assertion.authenticatorData, 'hex'), createHash('sha256').update(assertion.clientDataJSON).digest()])
  const signature = Buffer.from(assertion.signature, 'hex')
  // The compressed point: 02 or 03 by the parity of y, then x.
  const point = Buffer.from(assertion.publicKey, 'hex')
  const publicKey = Buffer.concat([Buffer.from([point[64]! & 1 ? 3 : 2]), point.subarray(1, 33)])
  const webauthn = Buffer.concat([signature, publicKey, signedData])
  const digest = Buffer.concat([signature, publicKey, createHash('sha256').update(signedData).digest()])

  const verification = call('verify_webauthn', webauthn)()
  const p256Verify = verification.profile.p256_verify_base! + verification.profile.p256_verify_byte!
  // Instructions are counted from the gas the loop burnt; the best of a few runs, once V8 has optimized the code.
  const instructions = (method: string) => {
    let best = 0
    for (let i = 0; i < 8; i++) {
      const start = performance.now()
      const outcome = call(method)()
      best = Math.max(best, outcome.profile.wasm_execution! / wasmCosts.regularOp / ((performance.now() - start) / 1000))
    }
    return best
  }
  return {
    callsPerSecond: {
      noop: perSecond(seconds, call('noop')),
      readWrite: perSecond(seconds, call('read_write', new TextEncoder().encode('42'))),
      webauthn: perSecond(seconds, call('verify_webauthn', webauthn)),
      bareDigest: perSecond(seconds / 2, call('verify_digest', digest)),
    },
    p256Gas: {
      total: verification.gasBurnt,
      hostFunctions: verification.gasBurnt - verification.profile.wasm_execution!,
      p256Verify,
      nearcoreParameter: extCosts.p256_verify_base + 32 * extCosts.p256_verify_byte,
    },
    instructionsPerSecond: { memory: instructions('memory_loop'), arithmetic: instructions('arithmetic_loop') },
  }
}

export function printWasmBench(bench: WasmBench): void {
  const rate = (n: number) => `${Math.round(n).toLocaleString('en')} /s`
  const tgas = (gas: number) => `${(gas / 1e12).toFixed(6)} Tgas`
  const { callsPerSecond: calls, p256Gas: gas, instructionsPerSecond: ips } = bench
  console.log(`
  trivial method (no host call)                          ${rate(calls.noop)}
  small state change (input, storage read+write, log)    ${rate(calls.readWrite)}
  WebAuthn check (sha256 of the signed data, p256_verify) ${rate(calls.webauthn)}
  p256_verify of a bare digest (JavaScript verifier)     ${rate(calls.bareDigest)}
  gas of the WebAuthn check                              ${tgas(gas.total)} in all, ${tgas(gas.hostFunctions)} in host functions
  p256_verify's own charge                               ${tgas(gas.p256Verify)} (nearcore: 1.3 Tgas + 13 Mgas x 32 bytes = ${tgas(gas.nearcoreParameter)})
  instrumented wasm, store+load loop                     ${(ips.memory / 1e6).toFixed(0)} M instructions/s
  instrumented wasm, arithmetic loop                     ${(ips.arithmetic / 1e6).toFixed(0)} M instructions/s`)
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log('The wasm runtime: calls per second (one core)…')
  printWasmBench(benchWasm())
}
