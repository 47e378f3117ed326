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
    })
    expect(config).toMatchObject({
      network: 'testnet',
      relayerKeys: [key!.secretKey],
      port: 9000,
      allowedWalletOrigins: ['https://wallet.example.com', 'https://wallet.example.org'],
      rateLimitPerAccount: 30,
      maxBodyBytes: 65536,
      trustProxy: true,
    })
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
