import { walletOrigin } from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { cleanUp } from '../helpers'
import { callPath, connectLikeAHostilePage } from './support'

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
    const remote = await connectLikeAHostilePage()
    for (const [label, ...args] of [['constructor'], ['__proto__.toString'], ['hasOwnProperty', 'operate'], ['getState.constructor', 'return 1']] as const) {
      const outcome = await outcomeOf(() => callPath(remote, label, ...args))
      expect(outcome.rejected, `${label} must be answered, not thrown`).to.equal(undefined)
      expect(outcome.resolved, label).to.deep.include({ ok: false })
      expect((outcome.resolved as { error: { code: string } }).error.code, label).to.equal('METHOD_NOT_ALLOWED')
    }
    // A real method still works on the same connection.
    expect(await callPath(remote, 'getState')).to.deep.include({ ok: true })
  })

  it('error: a method that does not exist crosses as code and message only, with no stack trace of the wallet', async () => {
    const remote = await connectLikeAHostilePage()
    const outcome = await outcomeOf(() => callPath(remote, 'exportKey'))
    const text = JSON.stringify(outcome)
    expect(text).to.not.contain('.ts:')
    expect(text).to.not.contain('.js:')
    expect(text).to.not.contain(await walletOrigin())
    expect(outcome.resolved).to.deep.equal({ ok: false, error: { code: 'METHOD_NOT_ALLOWED', message: 'The wallet has no method "exportKey". Call one of the methods its policy table names, by its plain name.' } })
  })
})
