/**
 * What the relayer pays for requests the contract refuses and for accounts it creates, measured
 * at the RPC: a counting proxy between the relayer and the local chain sees every transaction
 * (with the gas and tokens the chain says it burnt) and every view. The attacks of issue 14,
 * item 9, replayed: doomed requests (NOTHING_TO_REPAY) from free accounts, account creations from
 * one address and from one /24, a /health flood. Figures only; nothing here is timed.
 */
import { type ChainId, type SignedRequest, encodeRequest, toBase64Url } from '@crosschain-lending/protocol'
import { useNodeCrypto } from '@crosschain-lending/protocol/node'
import { startDevnet } from '@crosschain-lending/devnet'
import { type RelayerConfig, networkBudgets, relayerConfigFromEnv, startRelayer } from '@crosschain-lending/relayer'
import { SoftwarePasskey, relayerCreationBody } from '@crosschain-lending/testing/signers'
import { createServer } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

export type Cost = { transactions: number; gasBurnt: number; tokensBurnt: bigint; views: number; rpcCalls: number }
export type RelayerSpendBench = {
  refused: { requests: number; accounts: number; beforePattern: { requests: number; perRequest: Cost }; afterPattern: { requests: number; perRequest: Cost }; total: Cost }
  creation: { perAccount: Cost; oneAddress: { tried: number; created: number; transactions: number }; oneSubnet: { tried: number; created: number; transactions: number } }
  health: { hits: number; rpcCalls: number; fromOneAddress: { hits: number; served: number } }
  budgets: RelayerConfig['accountBudget']
  dryRunAfter: number
}

const walletOrigin = 'http://localhost:5174'
const zero = (): Cost => ({ transactions: 0, gasBurnt: 0, tokensBurnt: 0n, views: 0, rpcCalls: 0 })
const minus = (a: Cost, b: Cost): Cost => ({ transactions: a.transactions - b.transactions, gasBurnt: a.gasBurnt - b.gasBurnt, tokensBurnt: a.tokensBurnt - b.tokensBurnt, views: a.views - b.views, rpcCalls: a.rpcCalls - b.rpcCalls })
const per = (cost: Cost, n: number): Cost => ({ transactions: cost.transactions / n, gasBurnt: cost.gasBurnt / n, tokensBurnt: cost.tokensBurnt / BigInt(Math.max(n, 1)), views: cost.views / n, rpcCalls: cost.rpcCalls / n })

/** A JSON-RPC proxy that counts what passes: transactions with what they burnt, views, every call. */
async function countingProxy(target: string): Promise<{ url: string; cost: Cost; calls: Record<string, number>; close(): Promise<void> }> {
  const cost = zero()
  const calls: Record<string, number> = {}
  const server = createServer(async (request, response) => {
    const chunks: Buffer[] = []
    for await (const chunk of request as AsyncIterable<Buffer>) chunks.push(chunk)
    const body = Buffer.concat(chunks).toString('utf8')
    const { method, params } = JSON.parse(body) as { method: string; params: Record<string, unknown> }
    const label = method === 'query' ? `query:${String(params.request_type)}${params.method_name ? `:${String(params.method_name)}` : ''}` : method
    calls[label] = (calls[label] ?? 0) + 1
    cost.rpcCalls++
    if (label.startsWith('query:call_function')) cost.views++
    const answer = await fetch(target, { method: 'POST', headers: { 'content-type': 'application/json' }, body })
    const text = await answer.text()
    if (method === 'send_tx' || method === 'broadcast_tx_commit') {
      const result = (JSON.parse(text) as { result?: { transaction_outcome?: Outcome; receipts_outcome?: Outcome[] } }).result
      if (result?.transaction_outcome) {
        cost.transactions++
        for (const outcome of [result.transaction_outcome, ...(result.receipts_outcome ?? [])]) {
          cost.gasBurnt += outcome.outcome.gas_burnt
          cost.tokensBurnt += BigInt(outcome.outcome.tokens_burnt)
        }
      }
    }
    response.writeHead(answer.status, { 'content-type': 'application/json' }).end(text)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, cost, calls, close: () => new Promise((resolve) => server.close(() => resolve())) }
}
type Outcome = { outcome: { gas_burnt: number; tokens_burnt: string } }

export async function benchRelayerSpend({ doomed = 200, doomedAccounts = 5, creations = 625 } = {}): Promise<RelayerSpendBench> {
  useNodeCrypto()
  const dir = mkdtempSync(path.join(tmpdir(), 'ccl-bench-spend-'))
  const chain = await startDevnet({ dataDir: path.join(dir, 'chain'), port: 0, blockIntervalMs: 20 })
  const proxy = await countingProxy(chain.url)
  // The budgets a relayer off devnet starts with, on the local chain; addresses come from X-Forwarded-For.
  const budgetEnv = (prefix: string, limits: RelayerConfig['accountBudget']) => ({ [`${prefix}_PER_CLIENT`]: String(limits.perClient), [`${prefix}_PER_SUBNET`]: String(limits.perSubnet), [`${prefix}_GLOBAL`]: String(limits.global) })
  const config = relayerConfigFromEnv({
    CCL_RPC_URL: proxy.url,
    CCL_RELAYER_PORT: '0',
    CCL_RELAYER_DATA_DIR: path.join(dir, 'relayer'),
    CCL_TRUST_PROXY: '1',
    ...budgetEnv('CCL_ACCOUNT_BUDGET', networkBudgets.accounts),
    // Room for all the doomed requests from one address, so what is measured is the dry run, not
    // the request budget (60 a minute from one address would refuse most of them before either).
    ...budgetEnv('CCL_REQUEST_BUDGET', { ...networkBudgets.requests, perClient: 100_000 }),
  })
  const relayer = await startRelayer(config, { log: () => undefined })
  const post = async (route: string, body: unknown, address: string) => {
    const response = await fetch(`${relayer.url}${route}`, { method: 'POST', headers: { 'content-type': 'application/json', origin: walletOrigin, 'x-forwarded-for': address }, body: JSON.stringify(body) })
    return { status: response.status, body: (await response.json()) as { accountId?: string; error?: { code: string } } }
  }
  /** What the wallet sends for a new passkey: its key and id with its proof of possession. */
  const creationBody = (passkey: SoftwarePasskey) =>
    relayerCreationBody(passkey.createAccountArgs({ chainId: config.network as ChainId, contractId: config.contractId, deadline: Date.now() + 5 * 60 * 1000 }))
  const snapshot = (): Cost => ({ ...proxy.cost })
  try {
    // ——— Creation: what one account costs, then 625 from one address and from one /24.
    const passkeys = Array.from({ length: doomedAccounts }, () => new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin }))
    const beforeCreation = snapshot()
    const accountIds: string[] = []
    for (const [i, passkey] of passkeys.entries()) {
      const reply = await post('/v1/accounts', creationBody(passkey), `192.0.2.${i + 1}`)
      if (!reply.body.accountId) throw new Error(`account creation failed: ${JSON.stringify(reply.body)}`)
      accountIds.push(reply.body.accountId)
    }
    const perAccount = per(minus(snapshot(), beforeCreation), doomedAccounts)
    const flood = async (address: (i: number) => string) => {
      const before = snapshot()
      let created = 0
      for (let i = 0; i < creations; i += 25) {
        const wave = await Promise.all(
          Array.from({ length: Math.min(25, creations - i) }, (_, j) => post('/v1/accounts', creationBody(new SoftwarePasskey({ rpId: 'localhost', origin: walletOrigin })), address(i + j))),
        )
        created += wave.filter((reply) => reply.status === 201).length
      }
      return { tried: creations, created, transactions: snapshot().transactions - before.transactions }
    }
    const oneAddress = await flood(() => '203.0.113.50')
    const oneSubnet = await flood((i) => `198.51.100.${i % 256}`)

    // ——— Doomed requests: repaying a debt that does not exist, from free accounts, one address.
    const sign = (index: number): SignedRequest => {
      const passkey = passkeys[index % doomedAccounts]!
      const payload = encodeRequest({
        chainId: config.network as ChainId,
        contractId: config.contractId,
        accountId: accountIds[index % doomedAccounts]!,
        site: 'http://127.0.0.1:5173',
        signer: { type: 'passkey', credentialId: passkey.credentialId },
        nonce: toBase64Url(crypto.getRandomValues(new Uint8Array(32))),
        deadline: Date.now() + 600_000,
        actions: [{ type: 'repay', asset: 'USDC', amount: '1000' }],
      })
      return { payload, proof: passkey.sign(payload) }
    }
    const beforeDoomed = snapshot()
    const phases = { beforePattern: { requests: 0, cost: zero() }, afterPattern: { requests: 0, cost: zero() } }
    for (let i = 0; i < doomed; i++) {
      const before = snapshot()
      const reply = await post('/v1/requests', sign(i), '203.0.113.77')
      if (reply.body.error?.code !== 'NOTHING_TO_REPAY') throw new Error(`expected NOTHING_TO_REPAY, got ${JSON.stringify(reply.body)}`)
      const cost = minus(snapshot(), before)
      // Before the pattern shows, a refusal is a paid transaction; after it, a dry run.
      const phase = cost.transactions > 0 && phases.afterPattern.requests === 0 ? phases.beforePattern : phases.afterPattern
      phase.requests++
      phase.cost = { ...phase.cost, ...sum(phase.cost, cost) }
    }
    const total = minus(snapshot(), beforeDoomed)

    // ——— /health: a flood from one monitor-sized budget.
    const beforeHealth = proxy.calls.status ?? 0
    const hits = 1000
    await Promise.all(Array.from({ length: hits }, (_, i) => fetch(`${relayer.url}/health`, { headers: { 'x-forwarded-for': `10.9.${i >> 8}.${i & 255}` } }).then((r) => r.text())))
    const rpcCalls = (proxy.calls.status ?? 0) - beforeHealth
    const fromOne = await Promise.all(Array.from({ length: 200 }, () => fetch(`${relayer.url}/health`, { headers: { 'x-forwarded-for': '10.8.0.1' } }).then(async (r) => (await r.text(), r.status))))
    return {
      refused: {
        requests: doomed,
        accounts: doomedAccounts,
        beforePattern: { requests: phases.beforePattern.requests, perRequest: per(phases.beforePattern.cost, phases.beforePattern.requests || 1) },
        afterPattern: { requests: phases.afterPattern.requests, perRequest: per(phases.afterPattern.cost, phases.afterPattern.requests || 1) },
        total,
      },
      creation: { perAccount, oneAddress, oneSubnet },
      health: { hits, rpcCalls, fromOneAddress: { hits: fromOne.length, served: fromOne.filter((status) => status === 200).length } },
      budgets: config.accountBudget,
      dryRunAfter: config.refusals.dryRunAfter,
    }
  } finally {
    await relayer.close()
    await proxy.close()
    await chain.close()
    rmSync(dir, { recursive: true, force: true })
  }
}

function sum(a: Cost, b: Cost): Cost {
  return { transactions: a.transactions + b.transactions, gasBurnt: a.gasBurnt + b.gasBurnt, tokensBurnt: a.tokensBurnt + b.tokensBurnt, views: a.views + b.views, rpcCalls: a.rpcCalls + b.rpcCalls }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  console.log(JSON.stringify(await benchRelayerSpend(), (_, value: unknown) => (typeof value === 'bigint' ? value.toString() : value), 2))
}
