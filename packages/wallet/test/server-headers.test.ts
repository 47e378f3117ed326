import type { IncomingMessage, ServerResponse } from 'node:http'
import { describe, expect, it } from 'vitest'
import walletBuild from '../vite.config'
import { walletIsolationHeaders } from '../server/headers'
import { walletOriginPlugin } from '../server/vite-plugin'

const config = {
  rpId: 'localhost',
  rpName: 'CrossChain Lending',
  allowedHostOrigins: ['http://127.0.0.1:5173'],
  relayerUrl: 'http://127.0.0.1:8787',
  rpcUrl: 'http://127.0.0.1:3030',
  contractId: 'lending.devnet',
  chainId: 'devnet' as const,
  passkeyWindow: 'auto' as const,
  approvalWindow: 'authority' as const,
}

/** The first middleware the plugin installs on the preview server, run on one request. */
function previewResponse(url: string) {
  const handlers: ((req: IncomingMessage, res: ServerResponse, next: () => void) => void)[] = []
  const plugin = walletOriginPlugin(config)
  const fakeServer = { middlewares: { use: (handler: (typeof handlers)[number]) => handlers.push(handler) }, config: { root: '/nowhere', build: { outDir: 'dist' } } }
  ;(plugin.configurePreviewServer as (server: unknown) => void)(fakeServer)
  const headers: Record<string, string> = {}
  const res = { statusCode: 200, ended: false, setHeader: (name: string, value: string) => (headers[name] = value), end: () => (res.ended = true) }
  let passedOn = false
  handlers[0]!({ url } as IncomingMessage, res as unknown as ServerResponse, () => (passedOn = true))
  return { headers, status: res.statusCode, passedOn }
}

describe('what the wallet server sends, per response', () => {
  it('behavior: the wallet’s scripts and styles carry Cross-Origin-Resource-Policy: same-origin; the framed page carries none, so partners with COEP can still frame it', () => {
    expect(walletIsolationHeaders('/assets/wallet-abc.js')).toEqual({ 'Cross-Origin-Resource-Policy': 'same-origin' })
    expect(walletIsolationHeaders('/passkey.html')).toEqual({ 'Cross-Origin-Resource-Policy': 'same-origin' })
    expect(walletIsolationHeaders('/')).toEqual({})
    expect(walletIsolationHeaders('/index.html')).toEqual({})
    expect(previewResponse('/assets/wallet-abc.js').headers['Cross-Origin-Resource-Policy']).toBe('same-origin')
  })

  it('behavior: no Cross-Origin-Opener-Policy on the passkey window, whose opener (the wallet frame under a partner page) COOP would sever', () => {
    for (const path of ['/', '/passkey.html', '/assets/passkey-abc.js']) {
      expect(previewResponse(path).headers).not.toHaveProperty('Cross-Origin-Opener-Policy')
    }
  })

  it('error: the production build makes no source maps, and the preview server refuses any .map request with 404', () => {
    expect(walletBuild.build?.sourcemap).toBe(false)
    const map = previewResponse('/assets/wallet-abc.js.map')
    expect(map.status).toBe(404)
    expect(map.passedOn).toBe(false)
    expect(previewResponse('/assets/wallet-abc.js').passedOn).toBe(true)
  })
})
