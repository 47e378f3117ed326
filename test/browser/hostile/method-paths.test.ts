import { walletOrigin } from '@crosschain-lending/testing/browser'
import { walletChannel } from '@crosschain-lending/protocol/messenger'
import { expect } from '@esm-bundle/chai'
import { type RemoteProxy, WindowMessenger, connect } from 'penpal'
import { cleanUp } from '../helpers'

/**
 * The host page talks penpal to the wallet itself, as a hostile script on an allowed partner
 * page can, and asks for paths that are not methods in the policy table.
 */
async function connectLikeAHostilePage(): Promise<RemoteProxy<Record<string, unknown>>> {
  const origin = await walletOrigin()
  const iframe = document.createElement('iframe')
  iframe.src = `${origin}/`
  document.body.append(iframe)
  await new Promise((resolve) => iframe.addEventListener('load', resolve, { once: true }))
  const connection = connect<Record<string, unknown>>({
    messenger: new WindowMessenger({ remoteWindow: iframe.contentWindow!, allowedOrigins: [origin] }),
    methods: { walletEvent: () => undefined },
    channel: walletChannel,
    timeout: 10_000,
  })
  return connection.promise
}

/** What the host receives for a call: the resolved value, or what the rejection carries, stack included. */
async function outcomeOf(call: () => unknown): Promise<{ resolved?: unknown; rejected?: { message: string; stack?: string } }> {
  try {
    return { resolved: await call() }
  } catch (error) {
    return { rejected: { message: (error as Error).message, stack: (error as Error).stack } }
  }
}

describe('a hostile page calls penpal paths that are not wallet methods', function () {
  this.timeout(30_000)
  afterEach(cleanUp)

  it('error: inherited members (constructor, __proto__.toString, hasOwnProperty) and nested paths are refused with METHOD_NOT_ALLOWED and never run', async () => {
    const remote = (await connectLikeAHostilePage()) as unknown as Record<string, any>
    for (const [label, call] of [
      ['constructor', () => remote.constructor()],
      ['__proto__.toString', () => remote.__proto__.toString()],
      ['hasOwnProperty', () => remote.hasOwnProperty('operate')],
      ['getState.constructor', () => remote.getState.constructor('return 1')],
    ] as const) {
      const outcome = await outcomeOf(call)
      expect(outcome.rejected, `${label} must be answered, not thrown`).to.equal(undefined)
      expect(outcome.resolved, label).to.deep.include({ ok: false })
      expect((outcome.resolved as { error: { code: string } }).error.code, label).to.equal('METHOD_NOT_ALLOWED')
    }
    // A real method still works on the same connection.
    expect(await remote.getState()).to.deep.include({ ok: true })
  })

  it('error: a method that does not exist crosses as code and message only, with no stack trace of the wallet', async () => {
    const remote = (await connectLikeAHostilePage()) as unknown as Record<string, any>
    const outcome = await outcomeOf(() => remote.exportKey())
    const text = JSON.stringify(outcome)
    expect(text).to.not.contain('.ts:')
    expect(text).to.not.contain('.js:')
    expect(text).to.not.contain(await walletOrigin())
    expect(outcome.resolved).to.deep.equal({ ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'The wallet has no method "exportKey". Call one of the methods its policy table names, by its plain name.' } })
  })
})
