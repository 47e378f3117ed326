import { useNodeCrypto } from '@crosschain-lending/protocol/node'
import type { AddressInfo } from 'node:net'
import { Devnet, type DevnetOptions } from './chain'
import { type RpcServerOptions, createRpcServer } from './rpc-server'

export type StartDevnetParameters = DevnetOptions &
  RpcServerOptions & {
    host?: string
    port?: number
    /** Deploy lending.wasm on a fresh chain (default). Tests of the bare chain, with their own runtime or manual blocks, turn it off. */
    lending?: boolean
  }

export type RunningDevnet = { url: string; chain: Devnet; close(): Promise<void> }

/** Opens the chain (replaying its log), starts producing blocks, deploys the lending contract on a fresh chain and serves JSON-RPC. */
export async function startDevnet({ host = '127.0.0.1', port = 3030, devRpcOrigins, lending = true, ...options }: StartDevnetParameters): Promise<RunningDevnet> {
  // The contract verifies passkeys on every request: use OpenSSL, not JavaScript, for P-256.
  useNodeCrypto()
  const chain = await Devnet.open(options)
  chain.start()
  try {
    // A fresh chain's first transaction deploys lending.wasm; a replayed one already has it.
    if (lending) await chain.deployLending()
  } catch (error) {
    await chain.close()
    throw error
  }
  const server = createRpcServer(chain, { devRpcOrigins })
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(port, host, () => resolve())
  })
  const address = server.address() as AddressInfo
  return {
    url: `http://${host}:${address.port}`,
    chain,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()))
      server.closeAllConnections()
      await chain.close()
    },
  }
}
