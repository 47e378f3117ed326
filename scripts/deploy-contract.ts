/**
 * Deploys the lending contract (contracts/dist/lending.wasm) to a NEAR account and initializes or
 * migrates it, with near-api-js, against the local chain or a real NEAR network:
 *
 *   pnpm deploy:contract -- --network devnet|testnet|mainnet --account <id> [options]
 *
 * A fresh account gets DeployContract + `new` in one transaction; an account with the contract
 * gets DeployContract + `migrate` (so a failed migration leaves the old code in place), or the
 * code alone when its state is already at this version. Prints the code hash and the gas used.
 * docs/operate.md shows it for testnet.
 */
import { contractWasmPath } from '@crosschain-lending/contracts'
import { toBase58 } from '@crosschain-lending/protocol'
import { Account, JsonRpcProvider, KeyPair, type KeyPairString, actions } from 'near-api-js'
import { createHash } from 'node:crypto'
import { readFileSync } from 'node:fs'

export type DeployNetwork = 'devnet' | 'testnet' | 'mainnet'

/** The contract's `new` configuration (its ABI's ConfigArgs); `chainId` is the network's. */
export type DeployInit = {
  owner: string
  oracle?: string
  bridge?: string
  rpId: string
  walletOrigins: string[]
  partnerOrigins: string[]
  maxDeadlineWindowMs?: number
  securityPeriodMs?: number
}

export type DeployContractParameters = {
  network: DeployNetwork
  accountId: string
  /** The deploying account's full-access key (`ed25519:…`). */
  secretKey: string
  rpcUrl?: string
  wasmPath?: string
  /** Needed when the account has no contract yet. */
  init?: DeployInit
}

export type DeployContractReturnType = {
  action: 'initialized' | 'migrated' | 'code-only'
  codeHash: string
  gasBurnt: bigint
  transactionHash: string
}

export class DeployContractError extends Error {
  override name = 'DeployContractError'
  constructor(
    readonly code: 'MISSING_INIT' | 'DEPLOY_FAILED' | 'CODE_HASH_MISMATCH' | 'BAD_ARGUMENTS',
    message: string,
  ) {
    super(message)
  }
}

export const defaultRpcUrls: Record<DeployNetwork, string> = {
  devnet: 'http://127.0.0.1:3030',
  testnet: 'https://rpc.testnet.near.org',
  mainnet: 'https://rpc.mainnet.near.org',
}

const noCode = '11111111111111111111111111111111'
const TGAS = 1_000_000_000_000n

type Outcome = { status: unknown; transaction_outcome: { id: string; outcome: { gas_burnt: number } }; receipts_outcome: { outcome: { gas_burnt: number } }[] }

export async function deployContract({ network, accountId, secretKey, rpcUrl = defaultRpcUrls[network], wasmPath = contractWasmPath('lending'), init }: DeployContractParameters): Promise<DeployContractReturnType> {
  const wasm = readFileSync(wasmPath)
  const codeHash = toBase58(createHash('sha256').update(wasm).digest())
  const provider = new JsonRpcProvider({ url: rpcUrl }, { retries: 2 })
  const account = new Account(accountId, provider, KeyPair.fromString(secretKey as KeyPairString).toString() as KeyPairString)
  const before = (await provider.viewAccount({ accountId } as never)) as unknown as { code_hash: string }
  const send = async (calls: ReturnType<typeof actions.deployContract>[]) =>
    (await account.signAndSendTransaction({ receiverId: accountId, actions: calls, throwOnFailure: false } as never)) as unknown as Outcome

  let action: DeployContractReturnType['action']
  let outcome: Outcome
  if (before.code_hash === noCode) {
    if (!init) throw new DeployContractError('MISSING_INIT', `${accountId} has no contract yet: give the configuration to initialize it (--owner, --rp-id, --wallet-origin, --partner-origin).`)
    const config = {
      chainId: network,
      owner: init.owner,
      oracle: init.oracle ?? init.owner,
      bridge: init.bridge ?? init.owner,
      rpId: init.rpId,
      walletOrigins: init.walletOrigins,
      partnerOrigins: init.partnerOrigins,
      maxDeadlineWindowMs: init.maxDeadlineWindowMs ?? 60 * 60 * 1000,
      ...(init.securityPeriodMs === undefined ? {} : { securityPeriodMs: init.securityPeriodMs }),
    }
    outcome = await send([actions.deployContract(wasm), actions.functionCall('new', { config }, 300n * TGAS, 0n)])
    action = 'initialized'
  } else {
    // One transaction: if the migration refuses, the new code is not kept either.
    outcome = await send([actions.deployContract(wasm), actions.functionCall('migrate', {}, 300n * TGAS, 0n)])
    action = 'migrated'
    if (failure(outcome)?.includes('nothing to migrate')) {
      outcome = await send([actions.deployContract(wasm)])
      action = 'code-only'
    }
  }
  const failed = failure(outcome)
  if (failed) throw new DeployContractError('DEPLOY_FAILED', `The deployment to ${accountId} failed on ${network}: ${failed}`)
  const after = (await provider.viewAccount({ accountId } as never)) as unknown as { code_hash: string }
  if (after.code_hash !== codeHash) throw new DeployContractError('CODE_HASH_MISMATCH', `${accountId} runs code ${after.code_hash}, not the deployed ${codeHash}.`)
  const gasBurnt = BigInt(outcome.transaction_outcome.outcome.gas_burnt) + outcome.receipts_outcome.reduce((sum, receipt) => sum + BigInt(receipt.outcome.gas_burnt), 0n)
  return { action, codeHash, gasBurnt, transactionHash: outcome.transaction_outcome.id }
}

function failure(outcome: Outcome): string | undefined {
  const status = outcome.status as Record<string, unknown>
  return 'Failure' in status ? JSON.stringify(status.Failure) : undefined
}
