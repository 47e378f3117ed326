/**
 * `pnpm deploy:contract -- --network devnet|testnet|mainnet --account <id> [options]`
 *
 *   --rpc <url>               the network's RPC (default: the local chain, or NEAR's public RPCs)
 *   --owner <id>              on a fresh account: the owner (and oracle and bridge unless given)
 *   --oracle <id> --bridge <id>
 *   --rp-id <domain>          the wallet's passkey RP ID
 *   --wallet-origin <origin>  repeatable
 *   --partner-origin <origin> repeatable: the partner sites allowed to embed the wallet
 *   --no-build                deploy contracts/dist/lending.wasm as it is
 *   --create                  devnet only: create the account first (dev_create_near_account), with a new key
 *
 * The deploying account's full-access key comes from CCL_DEPLOYER_KEY (ed25519:…), never a flag,
 * so it stays out of shell history.
 */
import { KeyPair } from 'near-api-js'
import { execFileSync } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { parseArgs } from 'node:util'
import { type DeployNetwork, DeployContractError, defaultRpcUrls, deployContract } from './deploy-contract'

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    network: { type: 'string' },
    account: { type: 'string' },
    rpc: { type: 'string' },
    owner: { type: 'string' },
    oracle: { type: 'string' },
    bridge: { type: 'string' },
    'rp-id': { type: 'string' },
    'wallet-origin': { type: 'string', multiple: true },
    'partner-origin': { type: 'string', multiple: true },
    'no-build': { type: 'boolean', default: false },
    create: { type: 'boolean', default: false },
  },
})

function fail(message: string): never {
  console.error(`[deploy:contract] ${message}`)
  process.exit(1)
}

const network = values.network as DeployNetwork | undefined
if (!network || !(network in defaultRpcUrls)) fail('Say where: --network devnet, testnet or mainnet.')
const accountId = values.account ?? fail('Say which account: --account <id> (the contract account, holding the key in CCL_DEPLOYER_KEY).')
const rpcUrl = values.rpc ?? defaultRpcUrls[network]
let secretKey = process.env.CCL_DEPLOYER_KEY

if (values.create) {
  if (network !== 'devnet') fail('--create makes accounts on the local chain only; on testnet or mainnet create the account with a wallet or near-cli.')
  const key = KeyPair.fromRandom('ed25519')
  const reply = (await fetch(rpcUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ jsonrpc: '2.0', id: 1, method: 'dev_create_near_account', params: { account_id: accountId, public_key: key.getPublicKey().toString() } }),
  }).then((response) => response.json())) as { error?: unknown }
  if (reply.error) fail(`dev_create_near_account refused: ${JSON.stringify(reply.error)}`)
  secretKey = key.toString()
  console.log(`[deploy:contract] created ${accountId} on the local chain; its key (keep it to redeploy): CCL_DEPLOYER_KEY=${secretKey}`)
}
if (!secretKey) fail(`Set CCL_DEPLOYER_KEY to a full-access key of ${accountId} (ed25519:…).`)

if (!values['no-build']) {
  console.log('[deploy:contract] building contracts/dist/lending.wasm…')
  execFileSync('pnpm', ['--filter', '@crosschain-lending/contracts', 'run', 'build'], { cwd: fileURLToPath(new URL('..', import.meta.url)), stdio: 'inherit' })
}

const owner = values.owner
const init = owner
  ? {
      owner,
      ...(values.oracle ? { oracle: values.oracle } : {}),
      ...(values.bridge ? { bridge: values.bridge } : {}),
      rpId: values['rp-id'] ?? fail('A fresh contract needs --rp-id, the wallet\'s domain.'),
      walletOrigins: values['wallet-origin'] ?? fail('A fresh contract needs --wallet-origin.'),
      partnerOrigins: values['partner-origin'] ?? [],
    }
  : undefined

try {
  const result = await deployContract({ network, accountId, secretKey, rpcUrl, ...(init ? { init } : {}) })
  console.log(`[deploy:contract] ${result.action} ${accountId} on ${network}: code hash ${result.codeHash}, ${(Number(result.gasBurnt) / 1e12).toFixed(2)} Tgas burnt, transaction ${result.transactionHash}`)
} catch (error) {
  if (error instanceof DeployContractError) fail(`${error.code}: ${error.message}`)
  throw error
}
