import { devnetRelayerKeys } from '@crosschain-lending/dev-keys'
import { BaseError } from '@crosschain-lending/protocol'
import { describe, expect, it } from 'vitest'
import { relayerConfigFromEnv } from '../src/config'

function refusal(env: Record<string, string>): BaseError {
  try {
    relayerConfigFromEnv(env)
  } catch (error) {
    expect(error).toBeInstanceOf(BaseError)
    return error as BaseError
  }
  throw new Error('expected the configuration to be refused')
}

describe('relayerConfigFromEnv', () => {
  it('behavior: an empty environment is the local devnet, with the devnet relayer keys', () => {
    const config = relayerConfigFromEnv({})
    expect(config).toMatchObject({
      rpcUrl: 'http://127.0.0.1:3030',
      network: 'devnet',
      contractId: 'lending.devnet',
      relayerAccountId: 'relayer.devnet',
      host: '127.0.0.1',
      port: 8787,
      allowedWalletOrigins: ['http://localhost:5174'],
      dataDir: '.data/relayer',
      rateLimitPerAccount: 120,
      rateLimitPerClient: 600,
      maxBodyBytes: 32768,
      trustProxy: false,
    })
    expect(config.relayerKeys).toEqual(devnetRelayerKeys().map((key) => key.secretKey))
  })

  it('behavior: every variable is read', () => {
    const [key] = devnetRelayerKeys(1)
    const config = relayerConfigFromEnv({
      CCL_RPC_URL: 'https://rpc.testnet.near.org',
      CCL_NETWORK: 'testnet',
      CCL_CONTRACT_ID: 'lending.testnet',
      CCL_RELAYER_ACCOUNT_ID: 'relayer.testnet',
      CCL_RELAYER_KEYS: ` ${key!.secretKey} , ${key!.secretKey} `,
      CCL_RELAYER_PORT: '9000',
      CCL_RELAYER_HOST: '0.0.0.0',
      CCL_ALLOWED_WALLET_ORIGINS: 'https://wallet.example.com, https://wallet.example.org',
      CCL_RELAYER_DATA_DIR: '/var/lib/relayer',
      CCL_RATE_LIMIT_PER_ACCOUNT: '30',
      CCL_RATE_LIMIT_PER_CLIENT: '300',
      CCL_MAX_BODY_BYTES: '65536',
      CCL_TRUST_PROXY: '1',
      CCL_REQUEST_BUDGET_PER_CLIENT: '20',
      CCL_REQUEST_BUDGET_PER_SUBNET: '80',
      CCL_REQUEST_BUDGET_GLOBAL: '2000',
      CCL_ACCOUNT_BUDGET_PER_CLIENT: '3',
      CCL_ACCOUNT_BUDGET_PER_SUBNET: '12',
      CCL_ACCOUNT_BUDGET_GLOBAL: '500',
      CCL_HEALTH_RATE_LIMIT_PER_CLIENT: '30',
      CCL_HEALTH_CACHE_MS: '5000',
      CCL_REFUSAL_WINDOW_MS: '3600000',
      CCL_DRY_RUN_AFTER_REFUSALS: '2',
      CCL_DRY_RUN_AFTER_SUBNET_REFUSALS: '5',
      CCL_DRY_RUN_AFTER_GLOBAL_REFUSALS: '20',
      CCL_HOLD_AFTER_REFUSALS: '4',
    })
    expect(config).toMatchObject({
      network: 'testnet',
      relayerKeys: [key!.secretKey],
      port: 9000,
      allowedWalletOrigins: ['https://wallet.example.com', 'https://wallet.example.org'],
      rateLimitPerAccount: 30,
      maxBodyBytes: 65536,
      trustProxy: true,
      requestBudget: { perClient: 20, perSubnet: 80, global: 2000 },
      accountBudget: { perClient: 3, perSubnet: 12, global: 500 },
      healthRateLimitPerClient: 30,
      healthCacheMs: 5000,
      refusals: { windowMs: 3_600_000, dryRunAfter: 2, dryRunAfterSubnet: 5, dryRunAfterGlobal: 20, holdAfter: 4 },
    })
  })

  it('behavior: off devnet the budgets start tight; on devnet they leave room for development from one address', () => {
    const [key] = devnetRelayerKeys(1)
    const mainnet = relayerConfigFromEnv({ CCL_NETWORK: 'mainnet', CCL_CONTRACT_ID: 'lending.near', CCL_RELAYER_ACCOUNT_ID: 'relayer.near', CCL_RELAYER_KEYS: key!.secretKey })
    expect(mainnet).toMatchObject({
      requestBudget: { perClient: 60, perSubnet: 300, global: 6_000 },
      accountBudget: { perClient: 10, perSubnet: 60, global: 1_200 },
      healthRateLimitPerClient: 60,
      healthCacheMs: 2_000,
      refusals: { windowMs: 600_000, dryRunAfter: 3, dryRunAfterSubnet: 10, dryRunAfterGlobal: 50, holdAfter: 10 },
    })
    expect(relayerConfigFromEnv({}).accountBudget).toEqual({ perClient: 120, perSubnet: 600, global: 6_000 })
  })

  it('error: off devnet the keys, the contract and the relayer account have no defaults', () => {
    const error = refusal({ CCL_NETWORK: 'mainnet', CCL_CONTRACT_ID: 'lending.near', CCL_RELAYER_ACCOUNT_ID: 'relayer.near' })
    expect(error.code).toBe('INVALID_CONFIGURATION')
    expect(error.shortMessage).toContain('CCL_RELAYER_KEYS')
    expect(refusal({ CCL_NETWORK: 'mainnet', CCL_RELAYER_KEYS: devnetRelayerKeys(1)[0]!.secretKey }).shortMessage).toContain('CCL_CONTRACT_ID')
  })

  it('error: each invalid value is refused naming its variable', () => {
    const cases: [Record<string, string>, string][] = [
      [{ CCL_NETWORK: 'betanet' }, 'CCL_NETWORK'],
      [{ CCL_RPC_URL: 'ftp://node' }, 'CCL_RPC_URL'],
      [{ CCL_RPC_URL: 'not a url' }, 'CCL_RPC_URL'],
      [{ CCL_CONTRACT_ID: 'Not An Account' }, 'CCL_CONTRACT_ID'],
      [{ CCL_RELAYER_PORT: '80a' }, 'CCL_RELAYER_PORT'],
      [{ CCL_RELAYER_PORT: '70000' }, 'CCL_RELAYER_PORT'],
      [{ CCL_ALLOWED_WALLET_ORIGINS: '*' }, 'CCL_ALLOWED_WALLET_ORIGINS'],
      [{ CCL_ALLOWED_WALLET_ORIGINS: 'https://wallet.example.com/path' }, 'CCL_ALLOWED_WALLET_ORIGINS'],
      [{ CCL_ALLOWED_WALLET_ORIGINS: ' , ' }, 'CCL_ALLOWED_WALLET_ORIGINS'],
      [{ CCL_RATE_LIMIT_PER_ACCOUNT: '0' }, 'CCL_RATE_LIMIT_PER_ACCOUNT'],
      [{ CCL_RATE_LIMIT_PER_CLIENT: '-5' }, 'CCL_RATE_LIMIT_PER_CLIENT'],
      [{ CCL_MAX_BODY_BYTES: '10' }, 'CCL_MAX_BODY_BYTES'],
      [{ CCL_TRUST_PROXY: 'yes' }, 'CCL_TRUST_PROXY'],
      [{ CCL_ACCOUNT_BUDGET_PER_CLIENT: '0' }, 'CCL_ACCOUNT_BUDGET_PER_CLIENT'],
      [{ CCL_REQUEST_BUDGET_GLOBAL: 'lots' }, 'CCL_REQUEST_BUDGET_GLOBAL'],
      [{ CCL_HEALTH_CACHE_MS: '120000' }, 'CCL_HEALTH_CACHE_MS'],
      // Holding a caller before its requests are even dry-run would refuse what a view could clear.
      [{ CCL_DRY_RUN_AFTER_REFUSALS: '5', CCL_HOLD_AFTER_REFUSALS: '4' }, 'CCL_HOLD_AFTER_REFUSALS'],
    ]
    for (const [env, variable] of cases) {
      const error = refusal(env)
      expect(error.code, variable).toBe('INVALID_CONFIGURATION')
      expect(error.shortMessage).toContain(variable)
    }
  })

  it('error: a malformed key is refused without echoing any key', () => {
    const good = devnetRelayerKeys(1)[0]!.secretKey
    const bad = 'ed25519:notbase58!!0OIl'
    const error = refusal({ CCL_RELAYER_KEYS: `${good},${bad}` })
    expect(error.shortMessage).toContain('CCL_RELAYER_KEYS')
    expect(error.shortMessage).toContain('entry 2')
    expect(error.message).not.toContain(bad)
    expect(error.message).not.toContain(good)
    expect(refusal({ CCL_RELAYER_KEYS: 'secp256k1:abc' }).shortMessage).toContain('ed25519')
  })
})
