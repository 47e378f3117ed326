import {
  type Action,
  type ChainId,
  type SignedRequest,
  type WalletChain,
  type BindingMessageFields,
  bindingMessage,
  bindingSignable,
  encodeRequest,
  fromBase64Url,
  toBase64Url,
  type WalletMessageRole,
  parseRequest,
  requestSignable,
  walletRequestRole,
} from '@crosschain-lending/protocol'
import { useNodeCrypto } from '@crosschain-lending/protocol/node'
import { type DevWallet, SoftwarePasskey, type SoftwarePasskeySignOptions, createDevWallet, signSignable } from '@crosschain-lending/testing/signers'
import { type CallContext, LendingContract } from '../src/index'

useNodeCrypto()

export const walletOrigin = 'http://localhost:5174'
/** The partner page the wallet is embedded in (clientData.topOrigin of every test assertion). */
export const partnerOrigin = 'http://127.0.0.1:5173'
export const securityPeriodMs = 48 * 60 * 60 * 1000
export const config = {
  contractId: 'lending.devnet',
  chainId: 'devnet' as ChainId,
  owner: 'owner.devnet',
  rpId: 'localhost',
  walletOrigins: [walletOrigin],
  maxDeadlineWindowMs: 60 * 60 * 1000,
  partnerOrigins: [partnerOrigin],
  securityPeriodMs,
}

/** 32 random bytes, base64url: what the wallet puts in every request. */
export const randomNonce = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))

export type User = { accountId: string; passkey: SoftwarePasskey; wallets: DevWallet[] }
export type Signer = { passkey: SoftwarePasskey } | { wallet: DevWallet }

export const units = (amount: number | string, decimals: number) => {
  const [whole, fraction = ''] = String(amount).split('.')
  return (BigInt(whole!) * 10n ** BigInt(decimals) + BigInt(fraction.padEnd(decimals, '0') || '0')).toString()
}

/** A contract on a clock the test owns, with helpers that sign as real users would. */
export class World {
  readonly contract: LendingContract
  now = 1_800_000_000_000
  height = 1
  #deposits = 0

  constructor(overrides: Partial<typeof config> = {}) {
    this.contract = LendingContract.genesis({ ...config, ...overrides }, this.now)
  }

  ctx(predecessorId = 'relayer.devnet'): CallContext {
    return { predecessorId, blockTimestampMs: this.now, blockHeight: this.height++ }
  }

  tick(ms: number): void {
    this.now += ms
  }

  /** A new passkey on the partner page; `credentialId` reuses a known one (a squatter's). */
  newPasskey(credentialId?: string): SoftwarePasskey {
    return new SoftwarePasskey({ rpId: config.rpId, origin: walletOrigin, topOrigin: partnerOrigin, ...(credentialId ? { credentialId } : {}) })
  }

  /** `create_account`'s arguments, proved by the passkey itself, as the wallet sends them. */
  creationArgs(passkey: SoftwarePasskey, options: { deadline?: number; publicKey?: string } = {}) {
    return passkey.createAccountArgs({ chainId: config.chainId, contractId: config.contractId, deadline: options.deadline ?? this.now + 5 * 60 * 1000, ...(options.publicKey ? { publicKey: options.publicKey } : {}) })
  }

  createUser(passkey = this.newPasskey()): User {
    const { account_id } = this.contract.createAccount(this.creationArgs(passkey), this.ctx())
    return { accountId: account_id, passkey, wallets: [] }
  }

  deposit(user: User, asset: string, amount: string, chain: WalletChain): void {
    this.contract.deposit({ account_id: user.accountId, asset, amount, chain, ref: `dep-${++this.#deposits}` }, this.ctx(config.owner))
  }

  /** The deadline a request gets when a test names none: five minutes ahead. */
  get deadline(): number {
    return this.now + 5 * 60 * 1000
  }

  /** Builds and signs a request; `tamper` edits the signed payload afterwards. */
  async sign(user: User, signer: Signer, actions: Action[], options: SignOptions = {}): Promise<SignedRequest> {
    const nonce = options.nonce ?? randomNonce()
    const payload = encodeRequest({
      chainId: options.chainId ?? config.chainId,
      contractId: options.contractId ?? config.contractId,
      accountId: options.accountId ?? user.accountId,
      site: options.site ?? partnerOrigin,
      signer: 'passkey' in signer ? { type: 'passkey', credentialId: signer.passkey.credentialId } : { type: 'wallet', chain: signer.wallet.chain, address: signer.wallet.address },
      nonce,
      deadline: options.deadline ?? this.deadline,
      actions,
    })
    const proof = 'passkey' in signer ? signer.passkey.sign(payload, options.passkey) : await walletProof(signer.wallet, payload, nonce, options.proofRole)
    const signed: SignedRequest = { payload: options.tamper ? options.tamper(payload) : payload, proof }
    if (options.cosigner) signed.cosignature = await walletProof(options.cosigner, payload, nonce, options.cosignRole ?? 'cosign')
    return signed
  }

  execute(signed: SignedRequest) {
    return this.contract.execute(signed, this.ctx())
  }

  /** Binds a fresh dev wallet on `chain`, signed by `signer` (the passkey by default). */
  async bind(user: User, chain: WalletChain, signer: Signer = { passkey: user.passkey }): Promise<DevWallet> {
    const wallet = createDevWallet(chain)
    const nonce = randomNonce()
    const action = await this.bindAction(wallet, user.accountId, nonce)
    await this.execute(await this.sign(user, signer, [action], { nonce }))
    user.wallets.push(wallet)
    return wallet
  }

  /** An add_wallet action for a request with `nonce` and the default deadline (see `bindAction`). */
  bindAction(wallet: DevWallet, accountId: string, nonce: string, overrides: Partial<BindingMessageFields> = {}): Promise<Action> {
    return bindAction(wallet, accountId, nonce, { deadline: this.deadline, ...overrides })
  }
}

export const usdc = (amount: number | string) => units(amount, 6)
export const eth = (amount: number | string) => units(amount, 18)

/** A user with a bound EVM wallet (its first, bound by the passkey) and 2 ETH and 1000 USDC deposited. */
export async function fundedBoundUser(world: World): Promise<User> {
  const user = world.createUser()
  await world.bind(user, 'evm')
  world.deposit(user, 'ETH', eth(2), 'evm')
  world.deposit(user, 'USDC', usdc(1000), 'evm')
  return user
}

/** A second user who supplies USDC, so there is liquidity to borrow. */
export async function liquidity(world: World, amount = 100_000): Promise<void> {
  const lender = world.createUser()
  await world.bind(lender, 'solana')
  world.deposit(lender, 'USDC', usdc(amount), 'solana')
  await world.execute(await world.sign(lender, { passkey: lender.passkey }, [{ type: 'supply', asset: 'USDC', amount: usdc(amount), collateral: false }]))
}

export type SignOptions = {
  nonce?: string
  deadline?: number
  chainId?: ChainId
  contractId?: string
  accountId?: string
  /** The partner site the request names (the page the passkey ran in by default). */
  site?: string
  passkey?: SoftwarePasskeySignOptions
  cosigner?: DevWallet
  /** The role a wallet signer's message names (by default the request's own; a test may swap it). */
  proofRole?: WalletMessageRole
  /** The role the co-signer's message names (a test may swap it for another role's). */
  cosignRole?: WalletMessageRole
  tamper?: (payload: string) => string
}

/** A bound wallet's signature of the request's message in `role` (by default the role the request has): typed data for EVM, text for the others. */
export async function walletProof(wallet: DevWallet, payload: string, nonce: string, role: WalletMessageRole = walletRequestRole(parseRequest(payload).actions)) {
  const signature = await signSignable(wallet, requestSignable(wallet.chain, role, payload), wallet.chain === 'near' ? { nonce: fromBase64Url(nonce), recipient: config.contractId } : undefined)
  return { type: 'wallet' as const, chain: wallet.chain, address: wallet.address, signature, ...(wallet.publicKey && wallet.chain === 'near' ? { publicKey: wallet.publicKey } : {}) }
}

/**
 * An add_wallet action with the wallet's signature over the binding for a request with `nonce`
 * and `overrides.deadline`: the text message, which EVM wallets sign as its typed data.
 */
export async function bindAction(wallet: DevWallet, accountId: string, nonce: string, overrides: Partial<BindingMessageFields> & { deadline: number }): Promise<Action> {
  const fields: BindingMessageFields = {
    accountId,
    contractId: config.contractId,
    chainId: config.chainId,
    wallet: { chain: wallet.chain, address: wallet.address },
    nonce,
    origin: partnerOrigin,
    ...overrides,
  }
  const message = bindingMessage(fields)
  const nep413 = wallet.chain === 'near' ? { nonce: crypto.getRandomValues(new Uint8Array(32)), recipient: config.contractId } : undefined
  const signature = await signSignable(wallet, bindingSignable(fields), nep413)
  return {
    type: 'add_wallet',
    wallet: { chain: wallet.chain, address: wallet.address },
    proof: {
      message,
      signature,
      ...(wallet.chain === 'near' ? { publicKey: wallet.publicKey!, nep413: { nonce: Buffer.from(nep413!.nonce).toString('base64'), recipient: config.contractId } } : {}),
    },
  }
}
