import { type WalletChain, toBase64Url, toWireError, walletChains } from '@crosschain-lending/protocol'
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http'
import { permissionView } from './access-keys'
import type { Devnet } from './chain'
import { defaultDevRpcOrigins, devCaller } from './dev-origins'
import { depositAddresses } from './external-chains'
import { devnetChainId, devnetContractId, devnetOwnerAccountId, devnetRelayerAccountId } from './genesis'
import { bridgeDeposit, oracleSetPrice } from './dev-calls'
import { explorerSnapshot } from './explorer'
import { accountIdProblem } from './near-account-id'
import {
  RpcFault,
  contractExecution,
  devError,
  methodNotFound,
  noContractCode,
  parseError,
  unknownAccessKey,
  unknownAccount,
  unknownBlock,
  unknownTransaction,
} from './rpc-errors'
import { maxTransactionSize } from './transaction-bytes'
import { protocolParameters } from './wasm'

/**
 * Room for a transaction of NEAR's maximum size in base64 (2 MiB) and its JSON envelope, with
 * margin: an oversized transaction is then refused by its own check (TransactionSizeExceeded,
 * with its size and the limit) rather than as an unreadable body.
 */
const maxBodyBytes = 2 * Math.ceil((maxTransactionSize * 4) / 3)
const nsPerMs = 1_000_000n

type Params = Record<string, unknown> | unknown[]

export type RpcServerOptions = {
  /** The web origins whose pages may call `dev_*` methods (see dev-origins.ts); the demo's by default. */
  devRpcOrigins?: readonly string[]
}

/**
 * The JSON-RPC front of the local chain: the subset of NEAR's API near-api-js uses, with NEAR's
 * result and error shapes, plus `dev_*` methods that exist only here (faucet, oracle, ledgers).
 */
export function createRpcServer(chain: Devnet, options: RpcServerOptions = {}): Server {
  const devOrigins = options.devRpcOrigins ?? defaultDevRpcOrigins
  return createServer((req, res) => {
    void handle(chain, devOrigins, req, res)
  })
}

async function handle(chain: Devnet, devOrigins: readonly string[], req: IncomingMessage, res: ServerResponse): Promise<void> {
  // NEAR's own methods answer any page, as a public RPC does; dev_* narrows this below.
  res.setHeader('Access-Control-Allow-Origin', '*')
  res.setHeader('Access-Control-Allow-Headers', 'content-type')
  res.setHeader('Vary', 'Origin')
  // A preflight carries no body, so which method follows is unknown: the POST itself is checked.
  if (req.method === 'OPTIONS') return void res.writeHead(204).end()
  if (req.method === 'GET' && (req.url === '/health' || req.url === '/status')) {
    return send(res, 200, { ok: true, height: chain.head.height })
  }
  if (req.method !== 'POST') return send(res, 405, { error: 'POST a JSON-RPC request' })
  let body: string
  try {
    body = await readBody(req)
  } catch {
    return send(res, 413, { jsonrpc: '2.0', id: null, error: parseError('request too large').body })
  }
  let request: { id?: unknown; method?: unknown; params?: unknown }
  try {
    request = JSON.parse(body)
  } catch {
    return send(res, 200, { jsonrpc: '2.0', id: null, error: parseError('invalid JSON').body })
  }
  const id = request.id ?? null
  if (typeof request.method === 'string' && request.method.startsWith('dev_')) {
    const caller = devCaller(req.headers.origin, devOrigins)
    res.removeHeader('Access-Control-Allow-Origin')
    if (!caller.allowed) {
      // Refused before it runs, and with no CORS grant: the page cannot read even this answer.
      const refusal = devError(
        'ORIGIN_NOT_ALLOWED',
        `The local chain's dev_* methods answer only its configured origins (${devOrigins.join(', ') || 'none'}), and ${caller.origin} is not one. To let pages on it use the faucet and explorer, add it to CCL_DEV_RPC_ORIGINS.`,
      )
      return send(res, 403, { jsonrpc: '2.0', id, error: refusal.body })
    }
    if (caller.corsOrigin) res.setHeader('Access-Control-Allow-Origin', caller.corsOrigin)
  }
  try {
    if (typeof request.method !== 'string') throw parseError('method must be a string')
    const result = await dispatch(chain, request.method, (request.params ?? {}) as Params)
    send(res, 200, { jsonrpc: '2.0', id, result })
  } catch (error) {
    const fault = error instanceof RpcFault ? error : devError('INTERNAL', error instanceof Error ? error.message : String(error))
    send(res, 200, { jsonrpc: '2.0', id, error: fault.body })
  }
}

async function dispatch(chain: Devnet, method: string, params: Params): Promise<unknown> {
  const named = (Array.isArray(params) ? {} : params) as Record<string, unknown>
  switch (method) {
    case 'status':
      return status(chain)
    case 'block':
      return block(chain, named)
    case 'gas_price':
      return { gas_price: '100000000' }
    case 'EXPERIMENTAL_protocol_config':
      return protocolConfig()
    case 'query':
      return query(chain, named)
    case 'broadcast_tx_commit':
      return chain.submit(txBytes(Array.isArray(params) ? params[0] : named.signed_tx_base64)).outcome
    case 'broadcast_tx_async':
      return chain.submit(txBytes(Array.isArray(params) ? params[0] : named.signed_tx_base64)).hash
    case 'send_tx': {
      const submitted = chain.submit(txBytes(named.signed_tx_base64))
      if (named.wait_until === 'NONE') {
        submitted.outcome.catch(() => undefined)
        return { final_execution_status: 'NONE' }
      }
      return submitted.outcome
    }
    case 'tx':
    case 'EXPERIMENTAL_tx_status': {
      const hash = String(Array.isArray(params) ? params[0] : named.tx_hash)
      const waitUntil = Array.isArray(params) ? 'FINAL' : (named.wait_until ?? 'EXECUTED_OPTIMISTIC')
      const known = chain.outcome(hash)
      if (known) return known
      const pending = waitUntil === 'NONE' ? undefined : chain.waitFor(hash)
      if (!pending) throw unknownTransaction(hash)
      return pending
    }
    // ——— dev-only methods: this chain's own, never on a real NEAR RPC.
    case 'dev_info':
      return {
        chain_id: devnetChainId,
        contract_id: devnetContractId,
        relayer_account_id: devnetRelayerAccountId,
        owner_account_id: devnetOwnerAccountId,
        data_dir: chain.dataDir,
        head: chain.head,
        recovered: chain.recovered,
        stats: chain.stats,
      }
    case 'dev_deposit_addresses':
      return depositAddresses(requireAccountId(named, 'account_id'))
    case 'dev_deposit': {
      const chainName = requireChain(named)
      const accountId = named.account_id !== undefined ? requireAccountId(named, 'account_id') : chain.accountForDepositAddress(chainName, requireString(named, 'to'))
      if (!accountId) throw devError('UNKNOWN_DEPOSIT_ADDRESS', `No account has the ${chainName} deposit address ${String(named.to)}.`)
      const ref = `${chainName}:${toBase64Url(crypto.getRandomValues(new Uint8Array(16)))}`
      return bridgeDeposit(chain, { accountId, chain: chainName, asset: requireString(named, 'asset'), amount: requireString(named, 'amount'), ref })
    }
    case 'dev_set_price':
      return oracleSetPrice(chain, requireString(named, 'asset'), requireString(named, 'price_usd'))
    case 'dev_create_near_account':
      return enqueue(chain, { kind: 'create_near_account', accountId: requireString(named, 'account_id'), publicKey: requireString(named, 'public_key') })
    case 'dev_explorer':
      return await explorerSnapshot(chain, typeof named.limit === 'number' ? Math.min(Math.max(1, named.limit), 100) : 20)
    case 'dev_ledger': {
      // What arrived on an external chain: Borrow's transfers out, by recipient.
      const transfers = await chain.view<{ asset: string; amount: string }[]>('get_transfers', { chain: requireChain(named), ...(typeof named.address === 'string' ? { address: named.address } : {}), limit: 500 })
      const totals: Record<string, string> = {}
      for (const transfer of transfers) totals[transfer.asset] = (BigInt(totals[transfer.asset] ?? '0') + BigInt(transfer.amount)).toString()
      return { transfers, totals }
    }
    default:
      throw methodNotFound(method)
  }
}

async function enqueue(chain: Devnet, op: Parameters<Devnet['enqueue']>[0]): Promise<unknown> {
  try {
    return await chain.enqueue(op)
  } catch (error) {
    if (error instanceof RpcFault) throw error
    const wire = toWireError(error)
    throw devError(wire.code, wire.message)
  }
}

/**
 * The protocol this chain runs (`EXPERIMENTAL_protocol_config`): its version and the runtime
 * figures a client may read, in nearcore's field names, with whether `p256_verify` is on.
 */
function protocolConfig() {
  const p = protocolParameters
  return {
    protocol_version: p.protocolVersion,
    chain_id: devnetChainId,
    genesis_height: 0,
    runtime_config: {
      storage_amount_per_byte: p.storageAmountPerByte.toString(),
      wasm_config: {
        ext_costs: p.extCosts,
        regular_op_cost: p.wasmCosts.regularOp,
        limit_config: { max_total_prepaid_gas: p.limits.maxTotalPrepaidGas, max_gas_burnt: p.limits.maxGasBurnt, max_contract_size: p.limits.maxContractSize },
        p256_verify_host_fn: p.features.p256VerifyHostFn,
        sha3_host_fns: p.features.sha3HostFns,
      },
      transaction_costs: { action_creation_config: p.actionFees },
    },
  }
}

function status(chain: Devnet) {
  const head = chain.head
  return {
    chain_id: devnetChainId,
    version: { version: 'crosschain-lending-devnet', build: 'local', rustc_version: '' },
    protocol_version: protocolParameters.protocolVersion,
    latest_protocol_version: protocolParameters.protocolVersion,
    rpc_addr: null,
    validators: [{ account_id: 'devnet', is_slashed: false }],
    sync_info: {
      latest_block_hash: head.hash,
      latest_block_height: head.height,
      latest_state_root: head.hash,
      latest_block_time: new Date(head.timestampMs).toISOString(),
      syncing: false,
      earliest_block_hash: head.hash,
      earliest_block_height: head.height,
      earliest_block_time: new Date(head.timestampMs).toISOString(),
      epoch_id: '11111111111111111111111111111111',
      epoch_start_height: 0,
    },
    uptime_sec: Math.round(process.uptime()),
  }
}

function block(chain: Devnet, params: Record<string, unknown>) {
  const reference = params.block_id
  const header =
    reference === undefined ? chain.head : chain.block(typeof reference === 'number' ? { height: reference } : { hash: String(reference) })
  if (!header) throw unknownBlock(reference)
  const timestampNs = BigInt(header.timestampMs) * nsPerMs
  return {
    author: 'devnet',
    header: {
      height: header.height,
      prev_height: Math.max(0, header.height - 1),
      hash: header.hash,
      prev_hash: header.prevHash,
      timestamp: Number(timestampNs),
      timestamp_nanosec: timestampNs.toString(),
      epoch_id: '11111111111111111111111111111111',
      next_epoch_id: '11111111111111111111111111111111',
      chunks_included: header.txHashes.length > 0 ? 1 : 0,
      gas_price: '100000000',
      latest_protocol_version: protocolParameters.protocolVersion,
      total_supply: '0',
    },
    chunks: [],
  }
}

async function query(chain: Devnet, params: Record<string, unknown>): Promise<unknown> {
  const ref = chain.blockRef
  const accountId = requireAccountId(params, 'account_id')
  const account = chain.account(accountId)
  if (!account) throw unknownAccount(accountId, ref)
  switch (params.request_type) {
    case 'view_account':
      return {
        amount: account.amount.toString(),
        locked: account.locked.toString(),
        code_hash: account.codeHash ?? '11111111111111111111111111111111',
        storage_usage: Number(account.storageUsage),
        storage_paid_at: 0,
        ...ref,
      }
    case 'view_access_key': {
      const publicKey = requireString(params, 'public_key')
      const key = account.keys.get(publicKey)
      if (!key) throw unknownAccessKey(publicKey, ref)
      return { nonce: Number(key.nonce), permission: permissionView(key), ...ref }
    }
    case 'view_access_key_list':
      return { keys: [...account.keys].map(([publicKey, key]) => ({ public_key: publicKey, access_key: { nonce: Number(key.nonce), permission: permissionView(key) } })), ...ref }
    case 'view_code': {
      const deployed = chain.code(accountId)
      if (!deployed) throw noContractCode(accountId, ref)
      return { code_base64: Buffer.from(deployed.code).toString('base64'), hash: deployed.hash, ...ref }
    }
    case 'view_state': {
      const prefix = Buffer.from(typeof params.prefix_base64 === 'string' ? params.prefix_base64 : '', 'base64').toString('hex')
      const values = [...account.data]
        .filter(([key]) => key.startsWith(prefix))
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([key, value]) => ({ key: Buffer.from(key, 'hex').toString('base64'), value: Buffer.from(value).toString('base64') }))
      return { values, ...ref }
    }
    case 'call_function': {
      const method = requireString(params, 'method_name')
      const args = new Uint8Array(Buffer.from(String(params.args_base64 ?? ''), 'base64'))
      const outcome = await chain.callView(accountId, method, args)
      if (!outcome) throw noContractCode(accountId, ref)
      if (!outcome.ok) throw contractExecution(outcome.error, ref)
      return { result: [...outcome.value], logs: outcome.logs, ...ref }
    }
    default:
      throw parseError(`request_type ${String(params.request_type)} is not served by the local chain`)
  }
}

function txBytes(value: unknown): Uint8Array {
  if (typeof value !== 'string' || value.length === 0) throw parseError('expected a base64 signed transaction')
  return new Uint8Array(Buffer.from(value, 'base64'))
}

function requireString(params: Record<string, unknown>, name: string): string {
  const value = params[name]
  if (typeof value !== 'string' || value.length === 0) throw parseError(`${name} must be a non-empty string`)
  return value
}

/** An account id parameter, held to NEAR's rules (its RPC refuses others as it parses the request). */
function requireAccountId(params: Record<string, unknown>, name: string): string {
  const value = requireString(params, name)
  const problem = accountIdProblem(value)
  if (problem) throw parseError(`${name} ${JSON.stringify(value)} is not a valid NEAR account id: ${problem}`)
  return value
}

function requireChain(params: Record<string, unknown>): WalletChain {
  const value = params.chain
  if (typeof value !== 'string' || !walletChains.includes(value as WalletChain)) throw parseError(`chain must be one of ${walletChains.join(', ')}`)
  return value as WalletChain
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > maxBodyBytes) {
        reject(new Error('too large'))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, statusCode: number, body: unknown): void {
  res.writeHead(statusCode, { 'content-type': 'application/json' })
  res.end(JSON.stringify(body))
}
