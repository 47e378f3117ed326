/**
 * Passkey-signed requests executed per second by the contract (parse, hash, every check, the
 * P-256 signature, the state change), next to Node's own crypto.verify of a bare P-256
 * signature with a cached key, measured in the same process on one core.
 */
import { LendingContract } from '@crosschain-lending/contract'
import { type SignedRequest, bindingMessage, bindingSignable, encodeRequest, toBase64Url } from '@crosschain-lending/protocol'
import { useNodeCrypto } from '@crosschain-lending/protocol/node'
import { SoftwarePasskey, createDevWallet, signSignable } from '@crosschain-lending/testing/signers'
import { createPublicKey, generateKeyPairSync, sign as cryptoSign, verify as cryptoVerify } from 'node:crypto'

export type ContractBench = {
  requestsPerSecond: number
  bareVerifyPerSecond: number
  ratio: number
  requests: number
  /** Microseconds per `get_account_requests` (20 newest), for the account that made every request and for one that made none. */
  historyReadMicros: { busy: number; quiet: number }
}

const config = {
  contractId: 'lending.devnet',
  chainId: 'devnet' as const,
  owner: 'owner.devnet',
  rpId: 'localhost',
  walletOrigins: ['http://localhost:5174'],
  maxDeadlineWindowMs: 3_600_000,
  partnerOrigins: ['http://127.0.0.1:5173'],
  securityPeriodMs: 48 * 60 * 60 * 1000,
}

export async function benchContract(requests = 3000): Promise<ContractBench> {
  useNodeCrypto()
  const now = 1_800_000_000_000
  let height = 1
  const ctx = (predecessorId = 'relayer.devnet') => ({ predecessorId, blockTimestampMs: now, blockHeight: height++ })
  const contract = LendingContract.genesis(config, now)
  const passkey = new SoftwarePasskey({ rpId: config.rpId, origin: config.walletOrigins[0]! })
  const creation = (key: SoftwarePasskey) => key.createAccountArgs({ chainId: config.chainId, contractId: config.contractId, deadline: now + 600_000 })
  const { account_id: accountId } = contract.createAccount(creation(passkey), ctx())
  const nonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))
  const signRequest = (actions: Parameters<typeof encodeRequest>[0]['actions'], n = nonce()): SignedRequest => {
    const payload = encodeRequest({ chainId: config.chainId, contractId: config.contractId, accountId, site: config.partnerOrigins[0]!, signer: { type: 'passkey', credentialId: passkey.credentialId }, nonce: n, deadline: now + 600_000, actions })
    return { payload, proof: passkey.sign(payload) }
  }
  // Bind a wallet and fund the account, so every measured request is a Supply that succeeds.
  const wallet = createDevWallet('evm')
  const bindNonce = nonce()
  const binding = { accountId, contractId: config.contractId, chainId: config.chainId, wallet: { chain: 'evm' as const, address: wallet.address }, nonce: bindNonce, origin: config.partnerOrigins[0]!, deadline: now + 600_000 }
  const proof = { message: bindingMessage(binding), signature: await signSignable(wallet, bindingSignable(binding)) }
  await contract.execute(signRequest([{ type: 'add_wallet', wallet: { chain: 'evm', address: wallet.address }, proof }], bindNonce), ctx())
  contract.deposit({ account_id: accountId, asset: 'USDC', amount: String(10n ** 12n), chain: 'evm', ref: 'bench' }, ctx(config.owner))

  const supply = () => signRequest([{ type: 'supply', asset: 'USDC', amount: '1000', collateral: true }])
  // Untimed warm-up, so the figure is the steady state rather than the JIT's first minutes.
  for (let i = 0; i < Math.min(1000, requests); i++) await contract.execute(supply(), ctx())
  const signed = Array.from({ length: requests }, supply)

  // The native baseline: one P-256 verify with a cached KeyObject, same message size as a request's.
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' })
  const key = createPublicKey(publicKey.export({ format: 'pem', type: 'spki' }))
  const message = new Uint8Array(37 + 32)
  const signature = cryptoSign('sha256', message, { key: privateKey, dsaEncoding: 'ieee-p1363' })
  const bareVerify = () => {
    if (!cryptoVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature)) throw new Error('baseline verify failed')
  }
  for (let i = 0; i < 1000; i++) bareVerify()

  // Contract and baseline take turns in slices of 250, so a change in the machine's speed
  // (another process, the clock) weighs on both sides of the ratio alike.
  const slice = 250
  let contractMs = 0
  let bareMs = 0
  for (let from = 0; from < requests; from += slice) {
    const batch = signed.slice(from, from + slice)
    let started = performance.now()
    for (const request of batch) await contract.execute(request, ctx())
    contractMs += performance.now() - started
    started = performance.now()
    for (let i = 0; i < batch.length; i++) bareVerify()
    bareMs += performance.now() - started
  }
  const requestsPerSecond = requests / (contractMs / 1000)
  const bareVerifyPerSecond = requests / (bareMs / 1000)

  // The history view, with every request above on the chain: its cost should follow the
  // account's own requests (read through its index), not everyone's.
  const quiet = new SoftwarePasskey({ rpId: config.rpId, origin: config.walletOrigins[0]! })
  const { account_id: quietId } = contract.createAccount(creation(quiet), ctx())
  const historyRead = (account_id: string) => {
    const reads = 2000
    for (let i = 0; i < 200; i++) contract.getAccountRequests({ account_id })
    const readStarted = performance.now()
    for (let i = 0; i < reads; i++) contract.getAccountRequests({ account_id })
    return ((performance.now() - readStarted) * 1000) / reads
  }
  const historyReadMicros = { busy: historyRead(accountId), quiet: historyRead(quietId) }
  return { requestsPerSecond, bareVerifyPerSecond, ratio: requestsPerSecond / bareVerifyPerSecond, requests, historyReadMicros }
}
