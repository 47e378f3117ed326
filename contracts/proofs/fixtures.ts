/**
 * The fixtures `ccl-proofs` is tested against, made by the TypeScript side itself: real
 * signatures by keys derived from public labels (P-256 passkeys, secp256k1 EIP-712, Ed25519 for
 * NEAR, Solana and Stellar), over messages built by `@crosschain-lending/protocol`, each with
 * mutated inputs and the outcome TypeScript's own verifier gives every one. The Rust tests
 * verify every case and expect the same outcome; `contracts/test/proofs-fixtures.test.ts`
 * rebuilds them in memory and fails when the committed files differ, so a change to a message or
 * a check on either side cannot go unnoticed.
 *
 * `pnpm --filter @crosschain-lending/contracts fixtures` writes tests/fixtures/*.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import path from 'node:path'
import { fileURLToPath } from 'node:url'
import {
  type Action,
  type BindingMessageFields,
  type ProofContext,
  type RequestSigner,
  type WalletChain,
  type WalletMessageRole,
  accountCreationChallenge,
  bindingSignable,
  encodeAccountCreation,
  encodeRequest,
  encodeStellarAddress,
  formatP256PublicKey,
  formatP256Signature,
  fromBase58,
  hashNep413Payload,
  hashWalletTypedData,
  p256Order,
  parseRequest,
  requestChallenge,
  requestSignable,
  toBase58,
  toBase64Url,
  verifyPasskeyAssertion,
  verifyPasskeyProof,
  verifySignable,
  verifyWalletProof,
} from '@crosschain-lending/protocol'
import { ed25519 } from '@noble/curves/ed25519.js'
import { p256 } from '@noble/curves/nist.js'
import { bytesToNumberBE, numberToBytesBE } from '@noble/curves/utils.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { bytesToHex, concatBytes, hexToBytes, utf8ToBytes } from '@noble/hashes/utils.js'
import { privateKeyToAccount, sign as signDigest } from 'viem/accounts'

const fixturesDir = fileURLToPath(new URL('./tests/fixtures/', import.meta.url))
const chromeVectorsPath = fileURLToPath(new URL('../../packages/protocol/test/vectors/webauthn-chrome-assertions.json', import.meta.url))

/** 32 bytes from a public label: every key and nonce here can be reproduced by anyone. */
const seed = (label: string) => sha256(utf8ToBytes(`ccl-proofs/fixtures/${label}`))

const context: ProofContext = {
  rpId: 'wallet.example',
  walletOrigins: ['https://wallet.example'],
  contractId: 'lending.testnet',
  partnerOrigins: ['https://partner.example', 'https://second-partner.example'],
}
const chainId = 'testnet'
const site = 'https://partner.example'
const accountId = 'ccl-fixture-account'
const deadline = 1_900_000_000_000
const nonce = toBase64Url(seed('request-nonce'))

async function outcome(run: () => unknown): Promise<string> {
  try {
    await run()
    return 'OK'
  } catch (error) {
    return (error as { code?: string }).code ?? `UNTYPED ${String(error)}`
  }
}

// ——— Passkeys ——————————————————————————————————————————————————————————————

const passkeySecret = seed('passkey')
const passkeyPublicKey = formatP256PublicKey(p256.getPublicKey(passkeySecret, true))
const otherPasskeyPublicKey = formatP256PublicKey(p256.getPublicKey(seed('other-passkey'), true))
const credentialId = toBase64Url(utf8ToBytes('ccl-fixture-credential'))

type ClientDataMembers = Record<string, unknown>
type AssertionParts = { rpId: string; flags: number; signCount: number; clientData: string }

function authenticatorData({ rpId, flags, signCount }: AssertionParts): Uint8Array {
  const counter = new Uint8Array(4)
  new DataView(counter.buffer).setUint32(0, signCount, false)
  return concatBytes(sha256(utf8ToBytes(rpId)), Uint8Array.of(flags), counter)
}

/** What an authenticator returns for these parts: its P-256 signature over authData ‖ sha256(clientData). */
function assert(parts: AssertionParts, secret = passkeySecret) {
  const authData = authenticatorData(parts)
  const signature = p256.sign(concatBytes(authData, sha256(utf8ToBytes(parts.clientData))), secret, { prehash: true, lowS: true })
  return { authenticatorData: toBase64Url(authData), clientDataJSON: parts.clientData, signature: formatP256Signature(signature) }
}

const clientData = (members: ClientDataMembers) => JSON.stringify(members)

function withSignatureBytes(signature: string, change: (bytes: Uint8Array) => void): string {
  const bytes = p256Raw(signature)
  change(bytes)
  return `p256:${toBase58(bytes)}`
}

function p256Raw(signature: string): Uint8Array {
  return fromBase58(signature.slice('p256:'.length))
}

type PasskeyInput = { publicKey: string; challenge: string; site?: string; proof: { type: 'passkey'; authenticatorData: string; clientDataJSON: string; signature: string } }

async function passkeyOutcome(input: PasskeyInput): Promise<{ outcome: string; signCount?: number; topOrigin?: string }> {
  let result: { signCount: number; topOrigin?: string } | undefined
  const code = await outcome(() => {
    result = verifyPasskeyProof(input.proof, input.publicKey, hexToBytes(input.challenge), context, input.site)
  })
  return code === 'OK' ? { outcome: code, ...result } : { outcome: code }
}

async function passkeyCase(name: string, challenge: Uint8Array, caseSite: string | undefined, members: ClientDataMembers, signCount: number) {
  const parts: AssertionParts = { rpId: context.rpId, flags: 0x1d, signCount, clientData: clientData(members) }
  const base: PasskeyInput = { publicKey: passkeyPublicKey, challenge: bytesToHex(challenge), ...(caseSite ? { site: caseSite } : {}), proof: { type: 'passkey', ...assert(parts) } }
  const resigned = (change: Partial<AssertionParts> & { members?: ClientDataMembers }) =>
    ({ ...base, proof: { type: 'passkey' as const, ...assert({ ...parts, ...change, clientData: change.clientData ?? clientData({ ...members, ...change.members }) }) } })
  const mutations: Array<[string, PasskeyInput]> = [
    ['a byte of r', { ...base, proof: { ...base.proof, signature: withSignatureBytes(base.proof.signature, (bytes) => (bytes[20]! ^= 1)) } }],
    ['the high-S twin of the signature', { ...base, proof: { ...base.proof, signature: highSTwin(base.proof.signature) } }],
    ['the sign counter, not re-signed', { ...base, proof: { ...base.proof, authenticatorData: toBase64Url(authenticatorData({ ...parts, signCount: signCount + 1 })) } }],
    ['another key', { ...base, publicKey: otherPasskeyPublicKey }],
    ['another challenge', { ...base, challenge: bytesToHex(sha256(utf8ToBytes('another payload'))) }],
    ['an origin that is not the wallet', resigned({ members: { origin: 'https://evil.example' } })],
    ['a registration (webauthn.create)', resigned({ members: { type: 'webauthn.create' } })],
    ['another RP ID', resigned({ rpId: 'evil.example' })],
    ['user presence cleared', resigned({ flags: 0x1c })],
    ['user verification cleared', resigned({ flags: 0x19 })],
    ['backed up without backup eligibility', resigned({ flags: 0x15 })],
    ['a page that is not a partner (topOrigin)', resigned({ members: { crossOrigin: true, topOrigin: 'https://evil.example' } })],
    ['another partner page than the site', resigned({ members: { crossOrigin: true, topOrigin: 'https://second-partner.example' } })],
    ['crossOrigin as a string', resigned({ members: { crossOrigin: 'true' } })],
    ['type given twice, the last one webauthn.get', resigned({ clientData: clientData({ type: 'webauthn.create', ...members }).replace(/}$/, ',"type":"webauthn.get"}') })],
    ['type given twice, the last one webauthn.create', resigned({ clientData: clientData(members).replace(/}$/, ',"type":"webauthn.create"}') })],
    ['clientDataJSON that is not JSON', resigned({ clientData: '{"type":"webauthn.get",' })],
    ['authenticator data of 36 bytes', { ...base, proof: { ...base.proof, authenticatorData: toBase64Url(authenticatorData(parts).subarray(0, 36)) } }],
    ['authenticator data that is not base64url', { ...base, proof: { ...base.proof, authenticatorData: `${base.proof.authenticatorData}=` } }],
    ['a signature that is not p256:<base58>', { ...base, proof: { ...base.proof, signature: base.proof.signature.replace('p256:', 'p256:0') } }],
    ['a key that is not p256:<base58>', { ...base, publicKey: 'ed25519:abc' }],
  ]
  return {
    name,
    input: base,
    expected: await passkeyOutcome(base),
    mutations: await Promise.all(mutations.map(async ([mutation, input]) => ({ mutation, input, expected: await passkeyOutcome(input) }))),
  }
}

function highSTwin(signature: string): string {
  const bytes = p256Raw(signature)
  const s = bytesToNumberBE(bytes.subarray(32))
  bytes.set(numberToBytesBE(p256Order - s, 32), 32)
  return `p256:${toBase58(bytes)}`
}

async function passkeyFixtures() {
  const creation = { chainId, contractId: context.contractId, credentialId, publicKey: passkeyPublicKey, userHandle: 'dXNlci1oYW5kbGU', deadline } as const
  const payload = requestPayload({ type: 'passkey', credentialId }, [{ type: 'supply', asset: 'USDC', amount: '12500000', collateral: true }])
  const requestMembers = { type: 'webauthn.get', challenge: toBase64Url(requestChallenge(payload)), origin: context.walletOrigins[0], crossOrigin: true, topOrigin: site }
  const creationMembers = { type: 'webauthn.get', challenge: toBase64Url(accountCreationChallenge(creation)), origin: context.walletOrigins[0], crossOrigin: false }
  return {
    context: { rpId: context.rpId, walletOrigins: context.walletOrigins, partnerOrigins: context.partnerOrigins },
    creation: { fields: creation, statement: encodeAccountCreation(creation), challenge: bytesToHex(accountCreationChallenge(creation)) },
    request: { payload, challenge: bytesToHex(requestChallenge(payload)) },
    cases: [
      await passkeyCase('a request approved in the wallet frame inside the partner page', requestChallenge(payload), site, requestMembers, 0),
      await passkeyCase('an account creation in the wallet window', accountCreationChallenge(creation), undefined, creationMembers, 7),
    ],
  }
}

/** What TypeScript's verifier says of each of the 100 Chrome assertions, with and without UV, and after low-S normalization. */
async function chromeOutcomes() {
  const vectors = JSON.parse(readFileSync(chromeVectorsPath, 'utf8')) as { cases: Array<{ publicKey: string; challengeUtf8: string; authenticatorData: string; clientDataJSON: string; signature: string }> }
  const check = (vector: (typeof vectors.cases)[number], signature: Uint8Array, requireUserVerification: boolean) =>
    outcome(() =>
      verifyPasskeyAssertion({
        publicKey: hexToBytes(vector.publicKey),
        authenticatorData: hexToBytes(vector.authenticatorData),
        clientDataJSON: vector.clientDataJSON,
        signature,
        expectedChallenge: utf8ToBytes(vector.challengeUtf8),
        expectedRpId: 'localhost',
        expectedOrigins: ['http://localhost:5000'],
        requireUserVerification,
      }),
    )
  return Promise.all(
    vectors.cases.map(async (vector) => {
      const signature = hexToBytes(vector.signature)
      const s = bytesToNumberBE(signature.subarray(32))
      const lowS = concatBytes(signature.subarray(0, 32), numberToBytesBE(s > p256Order >> 1n ? p256Order - s : s, 32))
      return { asIs: await check(vector, signature, true), withoutUserVerification: await check(vector, signature, false), lowSWithoutUserVerification: await check(vector, lowS, false) }
    }),
  )
}

// ——— Wallets ———————————————————————————————————————————————————————————————

type Wallet = { chain: WalletChain; address: string; publicKey?: string; sign: (signable: ReturnType<typeof bindingSignable>, nep413?: { nonce: Uint8Array; recipient: string }) => Promise<string> }

const evmSecret = `0x${bytesToHex(seed('evm'))}` as const
const ed25519Key = (label: string) => ({ secret: seed(label), publicKey: ed25519.getPublicKey(seed(label)) })
const solanaKey = ed25519Key('solana')
const stellarKey = ed25519Key('stellar')
const nearImplicitKey = ed25519Key('near-implicit')
const nearNamedKey = ed25519Key('near-named')
const nearOtherKey = ed25519Key('near-other')
const bindingNep413Nonce = seed('binding-nep413-nonce')

const sep53 = (message: string) => sha256(concatBytes(utf8ToBytes('Stellar Signed Message:\n'), utf8ToBytes(message)))
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64')

function nearWallet(address: string, key: { secret: Uint8Array; publicKey: Uint8Array }): Wallet {
  return {
    chain: 'near',
    address,
    publicKey: `ed25519:${toBase58(key.publicKey)}`,
    sign: async (signable, nep413) => base64(ed25519.sign(hashNep413Payload({ message: signable.message!, nonce: nep413!.nonce, recipient: nep413!.recipient }), key.secret)),
  }
}

const wallets: Record<string, Wallet> = {
  evm: { chain: 'evm', address: privateKeyToAccount(evmSecret).address, sign: async (signable) => signDigest({ hash: hashWalletTypedData(signable.typedData!), privateKey: evmSecret, to: 'hex' }) },
  solana: { chain: 'solana', address: toBase58(solanaKey.publicKey), sign: async (signable) => toBase58(ed25519.sign(utf8ToBytes(signable.message!), solanaKey.secret)) },
  stellar: { chain: 'stellar', address: encodeStellarAddress(stellarKey.publicKey), sign: async (signable) => base64(ed25519.sign(sep53(signable.message!), stellarKey.secret)) },
  'near-implicit': nearWallet(bytesToHex(nearImplicitKey.publicKey), nearImplicitKey),
  'near-named': nearWallet('alice.testnet', nearNamedKey),
}

function requestPayload(signer: RequestSigner, actions: Action[], change: Partial<{ chainId: string; contractId: string; accountId: string; site: string; deadline: number }> = {}): string {
  return encodeRequest({ chainId, contractId: context.contractId, accountId, site, signer, nonce, deadline, actions, ...change } as Parameters<typeof encodeRequest>[0])
}

const otherEvm = '0x00000000000000000000000000000000000000aa'
function roleActions(role: WalletMessageRole): Action[] {
  switch (role) {
    case 'cosign':
      return [{ type: 'borrow', asset: 'USDC', amount: '100000000', recipient: { chain: 'evm', address: otherEvm } }]
    case 'recover':
      return [{ type: 'add_passkey', passkey: { credentialId: 'bmV3LWRldmljZQ', publicKey: otherPasskeyPublicKey } }]
    case 'remove':
      return [
        { type: 'remove_passkey', credentialId },
        { type: 'remove_wallet', wallet: { chain: 'solana', address: wallets.solana!.address } },
      ]
    case 'request':
      return [
        { type: 'supply', asset: 'USDC', amount: '12500000', collateral: true },
        { type: 'adjust', asset: 'ETH', amount: '1000000000000000001', direction: 'to-supplied' },
        { type: 'repay', asset: 'NEAR', amount: '5' },
        { type: 'borrow', asset: 'XLM', amount: '10000000', recipient: { chain: 'stellar', address: wallets.stellar!.address } },
        { type: 'add_wallet', wallet: { chain: 'near', address: 'alice.testnet' }, proof: { message: 'm', signature: 's' } },
      ]
  }
}

type Signer = { chain: WalletChain; address: string; publicKey?: string }
type RequestInput = { role: WalletMessageRole; signer: Signer; payload: string; signature: string }
type BindingInput = { role: 'bind'; signer: Signer; binding: BindingMessageFields & { nep413?: { nonce: string; recipient: string } }; signature: string }
type WalletInput = RequestInput | BindingInput

const signerOf = (wallet: Wallet): Signer => ({ chain: wallet.chain, address: wallet.address, ...(wallet.publicKey ? { publicKey: wallet.publicKey } : {}) })

/** TypeScript's verdict, through the functions the contract calls (and, for a binding, its NEAR pre-checks). */
function walletOutcome(input: WalletInput): Promise<string> {
  return outcome(async () => {
    const { signer, signature } = input
    if (input.role !== 'bind') {
      const proof = { type: 'wallet' as const, chain: signer.chain, address: signer.address, signature }
      return verifyWalletProof(proof, signer, input.payload, parseRequest(input.payload).nonce, context, input.role)
    }
    const { nep413, ...fields } = input.binding
    if (signer.chain === 'near') {
      if (!signer.publicKey || !nep413 || nep413.recipient !== fields.contractId) throw Object.assign(new Error('binding'), { code: 'INVALID_BINDING_PROOF' })
      return verifySignable({ chain: 'near', address: signer.address, signable: bindingSignable(fields), signature, publicKey: signer.publicKey, nep413 })
    }
    return verifySignable({ chain: signer.chain, address: signer.address, signable: bindingSignable(fields), signature })
  })
}

/** The same signature bytes with one bit of byte 10 flipped, written in the same encoding. */
function flipSignatureBit(chain: WalletChain, signature: string): string {
  const bytes = chain === 'evm' || chain === 'stellar' ? hexOrBase64(signature) : chain === 'solana' ? fromBase58(signature) : Buffer.from(signature, 'base64')
  bytes[10]! ^= 1
  if (chain === 'evm') return `0x${bytesToHex(bytes)}`
  return chain === 'solana' ? toBase58(bytes) : base64(bytes)
}

const hexOrBase64 = (signature: string) => (signature.startsWith('0x') ? hexToBytes(signature.slice(2)) : Uint8Array.from(Buffer.from(signature, 'base64')))

function evmSignatureWith(signature: string, change: (bytes: Uint8Array) => void): string {
  const bytes = hexToBytes(signature.slice(2))
  change(bytes)
  return `0x${bytesToHex(bytes)}`
}

const secp256k1Order = 0xfffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141n

async function requestCase(walletName: string, role: WalletMessageRole) {
  const wallet = wallets[walletName]!
  const signer = signerOf(wallet)
  const requestSigner: RequestSigner = role === 'cosign' ? { type: 'passkey', credentialId } : { type: 'wallet', chain: wallet.chain, address: wallet.address }
  const actions = roleActions(role)
  const payload = requestPayload(requestSigner, actions)
  const signable = requestSignable(wallet.chain, role, payload)
  const signature = await wallet.sign(signable, { nonce: requestNonceBytes(), recipient: context.contractId })
  const base: RequestInput = { role, signer, payload, signature }
  const otherRole: WalletMessageRole = role === 'request' ? 'cosign' : role === 'cosign' ? 'request' : role === 'recover' ? 'remove' : 'recover'
  const changedAmount = actions.map((action) => ('amount' in action ? { ...action, amount: `${action.amount}0` } : action)) as Action[]
  const mutations: Array<[string, RequestInput]> = [
    ['a bit of the signature', { ...base, signature: flipSignatureBit(wallet.chain, signature) }],
    ['a signature cut short', { ...base, signature: signature.slice(0, -4) }],
    [`the role read as ${otherRole}`, { ...base, role: otherRole }],
    ['another account', { ...base, payload: requestPayload(requestSigner, actions, { accountId: 'mallory-account' }) }],
    ['another network', { ...base, payload: requestPayload(requestSigner, actions, { chainId: 'mainnet' }) }],
    ['another contract', { ...base, payload: requestPayload(requestSigner, actions, { contractId: 'other-lending.testnet' }) }],
    ['another site', { ...base, payload: requestPayload(requestSigner, actions, { site: 'https://second-partner.example' }) }],
    ['a later deadline', { ...base, payload: requestPayload(requestSigner, actions, { deadline: deadline + 1 }) }],
  ]
  if (actions.some((action) => 'amount' in action)) mutations.push(['ten times the amount', { ...base, payload: requestPayload(requestSigner, changedAmount) }])
  mutations.push(...chainMutations(base))
  return walletCase(`${walletName}/${role}`, base, signable, mutations)
}

/** Requests sign NEP-413 with the request's own nonce; the NEAR wallets read it from the payload. */
function requestNonceBytes(): Uint8Array {
  return Uint8Array.from(Buffer.from(nonce, 'base64url'))
}

function chainMutations<T extends WalletInput>(base: T): Array<[string, T]> {
  const { signer, signature } = base
  switch (signer.chain) {
    case 'evm': {
      const highS = evmSignatureWith(signature, (bytes) => {
        bytes.set(numberToBytesBE(secp256k1Order - bytesToNumberBE(bytes.subarray(32, 64)), 32), 32)
        bytes[64] = bytes[64] === 27 ? 28 : 27
      })
      return [
        ['the high-S twin of the signature', { ...base, signature: highS }],
        ['v = 29', { ...base, signature: evmSignatureWith(signature, (bytes) => (bytes[64] = 29)) }],
        ['v as 0 or 1', { ...base, signature: evmSignatureWith(signature, (bytes) => (bytes[64]! -= 27)) }],
        ['the address in lower case', { ...base, signer: { ...signer, address: signer.address.toLowerCase() } }],
        ['a wrong EIP-55 checksum', { ...base, signer: { ...signer, address: swapCase(signer.address) } }],
        ['another address', { ...base, signer: { ...signer, address: '0x00000000000000000000000000000000000000bb' } }],
      ]
    }
    case 'near': {
      const other = `ed25519:${toBase58(nearOtherKey.publicKey)}`
      return [
        ['another key on record', { ...base, signer: { ...signer, publicKey: other } }],
        ['no key on record', { ...base, signer: { chain: signer.chain, address: signer.address } }],
        ['an account id that is not one', { ...base, signer: { ...signer, address: 'Alice.testnet' } }],
        ...(signer.address.length === 64 ? ([['another implicit account for the same key', { ...base, signer: { ...signer, address: bytesToHex(nearOtherKey.publicKey) } }]] as Array<[string, T]>) : []),
        ['the signature as ed25519:<base58>', { ...base, signature: `ed25519:${toBase58(Buffer.from(signature, 'base64'))}` }],
      ]
    }
    case 'solana':
      return [
        ['the signature as base64', { ...base, signature: base64(fromBase58(signature)) }],
        ['an address that is a small-order point', { ...base, signer: { ...signer, address: toBase58(Uint8Array.of(1, ...new Uint8Array(31))) } }],
        ['another address', { ...base, signer: { ...signer, address: toBase58(nearOtherKey.publicKey) } }],
      ]
    case 'stellar':
      return [
        ['the signature as hex', { ...base, signature: bytesToHex(Buffer.from(signature, 'base64')) }],
        ['a wrong StrKey checksum', { ...base, signer: { ...signer, address: `${signer.address.slice(0, 55)}${signer.address.endsWith('A') ? 'B' : 'A'}` } }],
        ['a muxed (M…) address', { ...base, signer: { ...signer, address: `M${signer.address.slice(1)}` } }],
      ]
  }
}

const swapCase = (address: string) => `0x${[...address.slice(2)].map((c) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase())).join('')}`

async function bindingCase(walletName: string) {
  const wallet = wallets[walletName]!
  const fields: BindingMessageFields = { accountId, contractId: context.contractId, chainId, wallet: { chain: wallet.chain, address: wallet.address }, nonce, origin: site, deadline }
  const nep413 = wallet.chain === 'near' ? { nonce: base64(bindingNep413Nonce), recipient: context.contractId } : undefined
  const signable = bindingSignable(fields)
  const signature = await wallet.sign(signable, nep413 && { nonce: bindingNep413Nonce, recipient: nep413.recipient })
  const base: BindingInput = { role: 'bind', signer: signerOf(wallet), binding: { ...fields, ...(nep413 ? { nep413 } : {}) }, signature }
  const changed = (change: Partial<BindingInput['binding']>): BindingInput => ({ ...base, binding: { ...base.binding, ...change } })
  const mutations: Array<[string, BindingInput]> = [
    ['a bit of the signature', { ...base, signature: flipSignatureBit(wallet.chain, signature) }],
    ['another account', changed({ accountId: 'mallory-account' })],
    ['another network', changed({ chainId: 'mainnet' })],
    ['another contract', changed({ contractId: 'other-lending.testnet' })],
    ['another site', changed({ origin: 'https://second-partner.example' })],
    ['a later deadline', changed({ deadline: deadline + 1 })],
    ['another request nonce', changed({ nonce: toBase64Url(seed('another-nonce')) })],
    ...chainMutations(base),
  ]
  if (nep413) {
    mutations.push(['another NEP-413 recipient', changed({ nep413: { ...nep413, recipient: 'evil.testnet' } })])
    mutations.push(['another NEP-413 nonce', changed({ nep413: { ...nep413, nonce: base64(seed('another-nep413-nonce')) } })])
    mutations.push(['a NEP-413 nonce of 31 bytes', changed({ nep413: { ...nep413, nonce: base64(bindingNep413Nonce.subarray(1)) } })])
    mutations.push(['no NEP-413 parameters', { ...base, binding: fields }])
  }
  return walletCase(`${walletName}/bind`, base, signable, mutations)
}

async function walletCase(name: string, input: WalletInput, signable: ReturnType<typeof bindingSignable>, mutations: Array<[string, WalletInput]>) {
  return {
    name,
    input,
    signed: signable.typedData ? { typedDataDigest: hashWalletTypedData(signable.typedData) } : { text: signable.message },
    expected: await walletOutcome(input),
    mutations: await Promise.all(mutations.map(async ([mutation, mutated]) => ({ mutation, input: mutated, expected: await walletOutcome(mutated) }))),
  }
}

async function walletFixtures() {
  const cases = []
  for (const walletName of Object.keys(wallets)) {
    cases.push(await bindingCase(walletName))
    for (const role of ['cosign', 'recover', 'remove', 'request'] as const) cases.push(await requestCase(walletName, role))
  }
  return { contractId: context.contractId, cases }
}

/** Every fixture file by name, as the committed text. */
export async function buildFixtures(): Promise<Record<string, string>> {
  const text = (value: unknown) => `${JSON.stringify(value, null, 1)}\n`
  return {
    'passkeys.json': text(await passkeyFixtures()),
    'chrome-outcomes.json': text(await chromeOutcomes()),
    'wallets.json': text(await walletFixtures()),
  }
}

export function committedFixture(name: string): string {
  return readFileSync(path.join(fixturesDir, name), 'utf8')
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  mkdirSync(fixturesDir, { recursive: true })
  for (const [name, content] of Object.entries(await buildFixtures())) {
    writeFileSync(path.join(fixturesDir, name), content)
    console.log(`[fixtures] ${name}: ${content.length} bytes`)
  }
}
