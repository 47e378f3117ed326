import { describe, expect, it } from 'vitest'
import { walletServerConfigFromEnv } from '../server/config'
import { devWalletsScriptPath, injectDevWallets } from '../server/dev-wallets'
import { walletSecurityHeaders } from '../server/headers'
import { injectWalletConfig } from '../server/html'
import { parseWalletConfig } from '../src/config'

describe('wallet configuration', () => {
  it('behavior: with no environment the wallet is localhost:5174 and allows the demo on 127.0.0.1:5173', () => {
    expect(walletServerConfigFromEnv({})).toEqual({
      rpId: 'localhost',
      rpName: 'CrossChain Lending',
      allowedHostOrigins: ['http://127.0.0.1:5173'],
      relayerUrl: 'http://127.0.0.1:8787',
      rpcUrl: 'http://127.0.0.1:3030',
      contractId: 'lending.devnet',
      chainId: 'devnet',
      passkeyWindow: 'auto',
      approvalWindow: 'authority',
      walletOrigin: 'http://localhost:5174',
      listenHost: '127.0.0.1',
      port: 5174,
      devWallets: false,
    })
  })

  it('behavior: CCL_DEV_WALLETS=1 puts the development wallets in the wallet window of a local wallet, and only there', () => {
    expect(walletServerConfigFromEnv({ CCL_DEV_WALLETS: '1' }).devWallets).toBe(true)
    expect(walletServerConfigFromEnv({ CCL_DEV_WALLETS: '0' }).devWallets).toBe(false)
    const html = injectDevWallets('<html><head><title>w</title></head><body><script type="module" src="/src/wallet-window/window-main.ts"></script></body></html>')
    // First in the head: installed before the window's own script looks for wallets, as an extension would be.
    expect(html.indexOf(devWalletsScriptPath)).toBeGreaterThan(0)
    expect(html.indexOf(devWalletsScriptPath)).toBeLessThan(html.indexOf('<title>'))
  })

  it.each([
    [{ CCL_DEV_WALLETS: '1', CCL_WALLET_ORIGIN: 'https://wallet.example.com' }],
    [{ CCL_DEV_WALLETS: 'yes' }],
  ])('error: %j fails closed with INVALID_CONFIGURATION (development wallets only on a wallet on this machine)', (env) => {
    expect(() => walletServerConfigFromEnv(env)).toThrowError(expect.objectContaining({ code: 'INVALID_CONFIGURATION' }))
  })

  it('behavior: every value comes from the environment; origins are normalized and deduplicated', () => {
    const config = walletServerConfigFromEnv({
      CCL_WALLET_ORIGIN: 'https://wallet.example.com',
      CCL_WALLET_PORT: '8443',
      CCL_RP_ID: 'example.com',
      CCL_RP_NAME: ' Example ',
      CCL_ALLOWED_HOST_ORIGINS: 'https://shop.example, https://shop.example/ ,https://other.example',
      CCL_PASSKEY_WINDOW: 'popup',
      CCL_APPROVAL_WINDOW: 'all',
    })
    expect(config).toMatchObject({
      rpId: 'example.com',
      rpName: 'Example',
      port: 8443,
      allowedHostOrigins: ['https://shop.example', 'https://other.example'],
      passkeyWindow: 'popup',
      approvalWindow: 'all',
    })
  })

  it.each([
    [{ CCL_WALLET_ORIGIN: 'http://127.0.0.1:5174' }, 'INVALID_RP_ID'],
    [{ CCL_RP_ID: 'example.com' }, 'INVALID_RP_ID'],
    [{ CCL_ALLOWED_HOST_ORIGINS: ' , ' }, 'INVALID_CONFIGURATION'],
    [{ CCL_ALLOWED_HOST_ORIGINS: 'https://shop.example/path' }, 'INVALID_ORIGIN'],
    [{ CCL_ALLOWED_HOST_ORIGINS: '*' }, 'INVALID_ORIGIN'],
    [{ CCL_WALLET_ORIGIN: 'wallet.example.com' }, 'INVALID_ORIGIN'],
    [{ CCL_RELAYER_URL: 'relayer' }, 'INVALID_CONFIGURATION'],
    [{ CCL_RPC_URL: 'ftp://rpc.example' }, 'INVALID_CONFIGURATION'],
    [{ CCL_NETWORK: 'betanet' }, 'INVALID_CONFIGURATION'],
    [{ CCL_CONTRACT_ID: 'Not An Account' }, 'INVALID_CONFIGURATION'],
    [{ CCL_PASSKEY_WINDOW: 'tab' }, 'INVALID_CONFIGURATION'],
    // No value keeps authority in the frame: only the two that route it to the window exist.
    [{ CCL_APPROVAL_WINDOW: 'none' }, 'INVALID_CONFIGURATION'],
    [{ CCL_APPROVAL_WINDOW: 'panel' }, 'INVALID_CONFIGURATION'],
  ])('error: %j fails closed with %s', (env, code) => {
    expect(() => walletServerConfigFromEnv(env)).toThrowError(expect.objectContaining({ code }))
  })

  it('error: a port that is not a TCP port is refused', () => {
    expect(() => walletServerConfigFromEnv({ CCL_WALLET_PORT: 'eighty' })).toThrow(/CCL_WALLET_PORT/)
  })

  it('error: a configuration that is not an object, or lacks fields, is refused', () => {
    for (const raw of [null, 'x', {}, { rpId: 'localhost', rpName: '', allowedHostOrigins: ['http://a.test'] }, { rpId: 'localhost', rpName: 'A', allowedHostOrigins: [1] }]) {
      expect(() => parseWalletConfig(raw, 'localhost')).toThrowError(expect.objectContaining({ code: expect.stringMatching(/INVALID_/) }))
    }
  })
})

describe('what the wallet server sends', () => {
  const config = {
    rpId: 'localhost',
    rpName: 'A "quoted" <name>',
    allowedHostOrigins: ['http://127.0.0.1:5173', 'https://shop.example'],
    relayerUrl: 'http://127.0.0.1:8787',
    rpcUrl: 'https://rpc.example/near',
    contractId: 'lending.devnet',
    chainId: 'devnet' as const,
    passkeyWindow: 'popup' as const,
    approvalWindow: 'authority' as const,
  }

  it('behavior: frame-ancestors is exactly the partner allowlist; scripts come only from the wallet', () => {
    const csp = walletSecurityHeaders(config)['Content-Security-Policy']!
    expect(csp).toContain("frame-ancestors http://127.0.0.1:5173 https://shop.example;")
    expect(csp).toContain("script-src 'self';")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).not.toContain('unsafe-eval')
    // Only the wallet's own origin, the relayer and the RPC: nothing else can be reached.
    expect(csp).toContain("connect-src 'self' http://127.0.0.1:8787 https://rpc.example;")
    expect(walletSecurityHeaders(config, { dev: true })['Content-Security-Policy']).toContain("connect-src 'self' http://127.0.0.1:8787 https://rpc.example ws: wss:")
    expect(walletSecurityHeaders(config)['Permissions-Policy']).toContain('publickey-credentials-create=(self)')
  })

  it('behavior: the configuration is written into the page as an escaped meta tag the wallet can read back', () => {
    const html = injectWalletConfig('<html><head><meta charset="utf-8"></head><body></body></html>', config)
    expect(html).not.toContain('<name>')
    const content = /<meta name="ccl-wallet-config" content="([^"]*)"/.exec(html)![1]!
    const decoded = content.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
    expect(parseWalletConfig(JSON.parse(decoded), 'localhost')).toEqual(config)
    expect(html.indexOf('charset')).toBeLessThan(html.indexOf('ccl-wallet-config'))
  })

  it('error: a page without a head cannot hold the configuration', () => {
    expect(() => injectWalletConfig('<p>no head</p>', config)).toThrow(/<\/head>/)
  })
})
