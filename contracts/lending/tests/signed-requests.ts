/**
 * One account's life as the wallet really signs it, for the Rust contract's whole path
 * (`src/tests/signed_requests.rs`) and the wasm on the local chain
 * (`packages/devnet/test/lending-signed.test.ts`): create_account with the passkey's proof, bind an
 * EVM wallet, the bridge's deposits, Supply, Borrow to the bound wallet, Borrow elsewhere with the
 * wallet's co-signature, Repay, Adjust, a recovery (the wallet adds a passkey) and a removal (the
 * wallet cancels it). Every request is signed by `@crosschain-lending/testing`'s signers through
 * `@crosschain-lending/protocol`'s builders, with keys derived from public labels, and run through
 * the TypeScript contract, whose outcome each step records; beside each step, mutations an attacker
 * would try (another key, a replay, an expired deadline, another site, a swapped role, a missing
 * co-signature, a Supply before any binding) with the code TypeScript refuses each with.
 *
 *   pnpm --filter @crosschain-lending/contracts fixtures    rewrites lending/tests/signed-requests.json
 *
 * `contracts/test/signed-requests-fixtures.test.ts` rebuilds it and fails when the file differs.
 */
import { type Action, type SignedRequest, parseP256PublicKey } from '@crosschain-lending/protocol'
import { LendingContract } from '@crosschain-lending/contract'
import { SoftwarePasskey, createDevWallet } from '@crosschain-lending/testing/signers'
import { createHash } from 'node:crypto'
import { writeFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { accountIdFor } from '../../../packages/contract/src/accounts'
import { type SignOptions, type User, World, bindAction, config, eth, partnerOrigin, usdc, walletOrigin } from '../../../packages/contract/test/world'

/** A contract call as the relayer, the bridge or the oracle sends it. */
export type Call =
  | { method: 'create_account'; args: Record<string, unknown> }
  | { method: 'deposit'; args: { account_id: string; asset: string; amount: string; chain: string; ref: string } }
  | { method: 'execute'; args: SignedRequest }

/** "OK", or the code the TypeScript contract refused with. */
export type Outcome = string
export type Mutation = { name: string; call: Call; outcome: Outcome }
export type Step = { name: string; call: Call; outcome: Outcome; mutations: Mutation[]; position: unknown }
export type Sequence = { contractId: string; startMs: number; accountId: string; steps: Step[] }

/** 32 bytes from a public label: anyone can reproduce every key and nonce here. */
const seed = (label: string) => new Uint8Array(createHash('sha256').update(`lending/signed-requests/${label}`).digest())
/** The compressed point of a `p256:<base58>` key. */
const fromP256Text = (text: string) => parseP256PublicKey(text)
const nonce = (label: string) => Buffer.from(seed(`nonce/${label}`)).toString('base64url')

const passkey = (label: string, credentialId = Buffer.from(seed(`credential/${label}`).slice(0, 16)).toString('base64url')) =>
  new SoftwarePasskey({ rpId: config.rpId, origin: walletOrigin, topOrigin: partnerOrigin, credentialId, secretKey: seed(`passkey/${label}`) })

/**
 * Signs and runs the sequence on a TypeScript contract deployed as `contractId` at `startMs`.
 * The fixtures use the Rust tests' mocked chain (lending.devnet, 1.8e12 ms); the local chain's
 * test passes its own contract account and block time.
 */
export async function signedSequence(options: { contractId?: string; startMs?: number } = {}): Promise<Sequence> {
  const contractId = options.contractId ?? config.contractId
  const world = new World({ contractId })
  if (options.startMs !== undefined) {
    // Markets accrue from genesis: the contract must be born at the chain's time, not World's.
    world.now = options.startMs
    Object.assign(world, { contract: LendingContract.genesis({ ...config, contractId }, world.now) })
  }
  const steps: Step[] = []
  const ownerPasskey = passkey('owner')
  const user: User = { accountId: accountIdFor(fromP256Text(ownerPasskey.publicKey), ownerPasskey.credentialId), passkey: ownerPasskey, wallets: [] }
  const wallet = createDevWallet('evm', seed('wallet/evm'))
  const stranger = createDevWallet('evm', seed('wallet/stranger'))
  const outside = createDevWallet('evm', seed('wallet/outside')).address
  const newcomer = passkey('recovered')

  const outcome = async (call: Call): Promise<Outcome> => {
    try {
      if (call.method === 'create_account') world.contract.createAccount(call.args as never, world.ctx())
      else if (call.method === 'deposit') world.contract.deposit(call.args, world.ctx(config.owner))
      else await world.contract.execute(call.args, world.ctx())
      return 'OK'
    } catch (error) {
      return (error as { code?: string }).code ?? `UNTYPED ${String(error)}`
    }
  }
  /** Runs the mutations first (each must leave nothing behind), then the step itself. */
  const step = async (name: string, call: Call, mutations: { name: string; call: Call }[] = []) => {
    const refused = []
    for (const mutation of mutations) refused.push({ ...mutation, outcome: await outcome(mutation.call) })
    const result = await outcome(call)
    steps.push({ name, call, outcome: result, mutations: refused, position: world.contract.getPosition({ account_id: user.accountId }, world.now) })
  }

  const sign = async (label: string, signer: Parameters<World['sign']>[1], actions: Action[], more: SignOptions = {}): Promise<Call> => ({
    method: 'execute',
    args: await world.sign(user, signer, actions, { nonce: nonce(label), contractId, ...more }),
  })
  // World's helpers name its default contract: this one is named here, for the chain's account.
  const creation = (signer: SoftwarePasskey, more: { deadline?: number; publicKey?: string } = {}) =>
    signer.createAccountArgs({ chainId: config.chainId, contractId, deadline: more.deadline ?? world.deadline, ...(more.publicKey ? { publicKey: more.publicKey } : {}) })
  const byPasskey = { passkey: user.passkey }
  const byWallet = { wallet }

  // ——— create_account: the passkey's own signature over the creation statement.
  const impostor = passkey('impostor', user.passkey.credentialId)
  await step('create_account', { method: 'create_account', args: creation(user.passkey) }, [
    { name: 'signed by another key than the one it registers', call: { method: 'create_account', args: creation(impostor, { publicKey: user.passkey.publicKey }) } },
    { name: 'an expired creation proof', call: { method: 'create_account', args: creation(passkey('late'), { deadline: world.now }) } },
  ])

  // ——— Bind the EVM wallet (the account's first, by its passkey).
  const supplyEth: Action = { type: 'supply', asset: 'ETH', amount: eth(2), collateral: true }
  const bind = await world.bindAction(wallet, user.accountId, nonce('bind'), { contractId })
  const bindForAnotherSite = await world.bindAction(wallet, user.accountId, nonce('bind'), { contractId, origin: walletOrigin })
  const bindSignedByStranger = await bindAction(stranger, user.accountId, nonce('bind'), { contractId, deadline: world.deadline, wallet: { chain: 'evm', address: wallet.address } })
  const bindCall = await sign('bind', byPasskey, [bind])
  await step('bind EVM wallet', bindCall, [
    { name: 'a Supply before any wallet is bound', call: await sign('supply-unbound', byPasskey, [supplyEth]) },
    { name: 'a binding message for another site', call: await sign('bind', byPasskey, [bindForAnotherSite]) },
    { name: 'the binding signed by another wallet', call: await sign('bind', byPasskey, [{ ...bindSignedByStranger, wallet: { chain: 'evm', address: wallet.address } } as Action]) },
  ])

  // ——— The bridge credits what arrived on the EVM chain.
  await step('deposit ETH', { method: 'deposit', args: { account_id: user.accountId, asset: 'ETH', amount: eth(2), chain: 'evm', ref: 'evm-tx-1' } })
  await step('deposit USDC', { method: 'deposit', args: { account_id: user.accountId, asset: 'USDC', amount: usdc(1000), chain: 'evm', ref: 'evm-tx-2' } })

  // ——— Supply: ETH as collateral, USDC to the pool (the liquidity the Borrows draw on).
  await step('Supply', await sign('supply', byPasskey, [supplyEth]), [
    { name: 'a replay of the bind request', call: bindCall },
    { name: 'a request naming another site than the page the passkey ran in', call: await sign('supply-site', byPasskey, [supplyEth], { site: walletOrigin }) },
  ])
  await step('Supply USDC', await sign('supply-usdc', byPasskey, [{ type: 'supply', asset: 'USDC', amount: usdc(500), collateral: false }]))

  // ——— Borrow to the bound wallet: the passkey alone.
  const borrowHome: Action = { type: 'borrow', asset: 'USDC', amount: usdc(100), recipient: { chain: 'evm', address: wallet.address } }
  await step('Borrow to the bound wallet', await sign('borrow-home', byPasskey, [borrowHome]), [
    { name: 'signed by another key under the same credential', call: await sign('borrow-home', { passkey: impostor }, [borrowHome]) },
    { name: 'an expired request', call: await sign('borrow-late', byPasskey, [borrowHome], { deadline: world.now }) },
  ])

  // ——— Borrow elsewhere: the bound wallet co-signs.
  const borrowOut: Action = { type: 'borrow', asset: 'USDC', amount: usdc(50), recipient: { chain: 'evm', address: outside } }
  await step('Borrow elsewhere, co-signed', await sign('borrow-out', byPasskey, [borrowOut], { cosigner: wallet }), [
    { name: 'without the co-signature', call: await sign('borrow-out', byPasskey, [borrowOut]) },
    { name: "a co-signature in the request role", call: await sign('borrow-out', byPasskey, [borrowOut], { cosigner: wallet, cosignRole: 'request' }) },
    { name: 'co-signed by a wallet that is not bound', call: await sign('borrow-out', byPasskey, [borrowOut], { cosigner: stranger }) },
  ])

  // ——— Repay and Adjust.
  const repay: Action = { type: 'repay', asset: 'USDC', amount: usdc(20) }
  await step('Repay', await sign('repay', byPasskey, [repay]), [
    { name: 'the payload changed after signing', call: await sign('repay', byPasskey, [repay], { tamper: (payload) => payload.replace(usdc(20), usdc(2)) }) },
  ])
  const adjust: Action = { type: 'adjust', asset: 'ETH', amount: eth(0.5), direction: 'to-supplied' }
  await step('Adjust', await sign('adjust', byPasskey, [adjust]), [
    { name: "an assertion whose counter went back", call: await sign('adjust-counter', byPasskey, [adjust], { passkey: { signCount: 1 } }) },
  ])

  // ——— Recovery: the bound wallet adds a passkey (probationary), then cancels it.
  const addPasskey: Action = { type: 'add_passkey', passkey: { credentialId: newcomer.credentialId, publicKey: newcomer.publicKey } }
  await step('recover with the wallet', await sign('recover', byWallet, [addPasskey]), [
    { name: 'the wallet signed it in the request role', call: await sign('recover', byWallet, [addPasskey], { proofRole: 'request' }) },
    { name: 'signed by a wallet that is not bound', call: await sign('recover', { wallet: stranger }, [addPasskey]) },
  ])
  const removePasskey: Action = { type: 'remove_passkey', credentialId: newcomer.credentialId }
  await step('remove the added passkey with the wallet', await sign('remove', byWallet, [removePasskey]), [
    { name: 'the wallet signed it in the recover role', call: await sign('remove', byWallet, [removePasskey], { proofRole: 'recover' }) },
  ])

  return { contractId, startMs: options.startMs ?? 1_800_000_000_000, accountId: user.accountId, steps }
}

export const fixturePath = fileURLToPath(new URL('./signed-requests.json', import.meta.url))

export async function buildSignedRequestsFixture(): Promise<string> {
  return `${JSON.stringify(await signedSequence(), null, 1)}\n`
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(fixturePath, await buildSignedRequestsFixture())
  console.log(`wrote ${fixturePath}`)
}
