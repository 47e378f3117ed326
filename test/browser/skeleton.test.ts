import {
  clickInWallet,
  getCredentials,
  walletOrigin,
} from '@crosschain-lending/testing/browser'
import { expect } from '@esm-bundle/chai'
import { base64ToBase64Url, mountConnectedElement, nextEvent, settledHeight, useVirtualAuthenticator, waitFor } from './helpers'

describe('walking skeleton: <crosschain-lending> and the wallet iframe across two origins', () => {
  const authenticator = useVirtualAuthenticator()

  it('behavior: the element connects to the wallet across origins and reports ready', async () => {
    const origin = await walletOrigin()
    // Different sites, not just different origins: 127.0.0.1 hosts the page, localhost the wallet.
    expect(new URL(origin).hostname).to.equal('localhost')
    expect(location.hostname).to.equal('127.0.0.1')

    const element = document.createElement('crosschain-lending')
    element.walletOrigin = origin
    const ready = nextEvent(element, 'ccl-ready')
    document.body.append(element)
    const event = await ready

    expect(event.detail.walletOrigin).to.equal(origin)
    expect(event.detail.state).to.deep.equal({ status: 'signed-out', rpId: 'localhost' })
    expect(element.status).to.equal('ready')
    const iframe = element.shadowRoot!.querySelector('iframe')!
    expect(new URL(iframe.src).origin).to.equal(origin)
    expect(iframe.allow).to.include(`publickey-credentials-create ${origin}`)
    expect(iframe.allow).to.include(`publickey-credentials-get ${origin}`)
    expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.match(/Not signed in/)
  })

  it('behavior: a click inside the wallet iframe creates a passkey; the host receives its credential id', async () => {
    const element = await mountConnectedElement()

    const frame = element.shadowRoot!.querySelector('iframe')!
    const heightSignedOut = await settledHeight(frame)

    const created = nextEvent(element, 'ccl-account-created')
    await clickInWallet('#create-account')
    const { passkey } = (await created).detail

    expect(passkey.rpId).to.equal('localhost')
    expect(passkey.publicKey).to.match(/^p256:[1-9A-HJ-NP-Za-km-z]{40,50}$/)
    const credentials = await getCredentials(authenticator())
    expect(credentials).to.have.length(1)
    expect(credentials[0]!.rpId).to.equal('localhost')
    expect(credentials[0]!.isResidentCredential).to.equal(true)
    expect(base64ToBase64Url(credentials[0]!.credentialId)).to.equal(passkey.credentialId)

    expect(element.walletState).to.deep.include({ status: 'signed-in' })
    // The iframe follows the wallet's content: the signed-in panel (account, warning, bind buttons) has another height.
    await waitFor(() => frame.getBoundingClientRect().height !== heightSignedOut, 'the iframe resizes to the signed-in panel')
    expect(element.shadowRoot!.querySelector('[part="status"]')!.textContent).to.include((await created).detail.account.id.slice(0, 14))
  })

  it('error: a create() started without a click inside the iframe is refused with a typed error the element shows', async () => {
    const element = await mountConnectedElement()
    const unhandled: unknown[] = []
    const onUnhandled = (event: PromiseRejectionEvent) => unhandled.push(event.reason)
    window.addEventListener('unhandledrejection', onUnhandled)

    const errorEvent = nextEvent(element, 'ccl-error')
    let thrown: unknown
    try {
      await element.createAccount()
    } catch (error) {
      thrown = error
    }

    expect(thrown).to.be.instanceOf(Error)
    expect((thrown as { code?: string }).code).to.equal('USER_ACTIVATION_REQUIRED')
    expect((await errorEvent).detail.code).to.equal('USER_ACTIVATION_REQUIRED')
    const shown = element.shadowRoot!.querySelector('[part="error"]')!
    expect(shown.getAttribute('role')).to.equal('alert')
    expect(shown.getAttribute('data-code')).to.equal('USER_ACTIVATION_REQUIRED')
    expect(shown.textContent).to.match(/click inside the wallet/)
    // No stack trace crosses the boundary.
    expect(JSON.stringify((await errorEvent).detail)).not.to.match(/\bat .*:\d+:\d+/)
    expect(await getCredentials(authenticator())).to.have.length(0)
    // The element stays usable: the wallet is still connected and signed out.
    expect(element.status).to.equal('ready')
    await new Promise((resolve) => setTimeout(resolve, 100))
    window.removeEventListener('unhandledrejection', onUnhandled)
    expect(unhandled).to.deep.equal([])
  })
})
