import { walletOrigin } from '@crosschain-lending/testing/browser'
import { walletChannel } from '@crosschain-lending/protocol/messenger'
import { type Methods, type RemoteProxy, WindowMessenger, connect } from 'penpal'

/**
 * The host page talks penpal to the wallet itself, as a hostile script on an allowed partner
 * page can, and asks for paths that are not methods in the policy table.
 */
export async function connectLikeAHostilePage(): Promise<RemoteProxy<Methods>> {
  const origin = await walletOrigin()
  const iframe = document.createElement('iframe')
  iframe.src = `${origin}/`
  document.body.append(iframe)
  await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }))
  const connection = connect<Methods>({
    messenger: new WindowMessenger({ remoteWindow: iframe.contentWindow!, allowedOrigins: [origin] }),
    methods: { walletEvent: () => undefined },
    channel: walletChannel,
    timeout: 10_000,
  })
  return connection.promise
}

/** Calls `path` on penpal's remote proxy, where each property read extends the path the call sends. */
export function callPath(remote: unknown, path: string, ...args: unknown[]): Promise<unknown> {
  let target = remote as Record<string, unknown>
  for (const segment of path.split('.')) target = target[segment] as Record<string, unknown>
  return (target as unknown as (...values: unknown[]) => Promise<unknown>)(...args)
}

