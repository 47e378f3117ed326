import { BaseError, ErrorCode, err, ok, toWireResult, walletChains } from '@crosschain-lending/protocol'
import {
  type AccessToRemove,
  type AccountInfo,
  type ExternalChain,
  type LendingSnapshot,
  type OperationPreview,
  type HostMethods,
  type OperationReceipt,
  type OperationRequest,
  parseOperationRequest,
  type SignedIn,
  type WalletEvent,
  type WalletMethods,
  type WalletState,
  type WalletTheme,
  parseWalletTheme,
  policyFor,
  walletChannel,
} from '@crosschain-lending/protocol/messenger'
import { type RemoteProxy, WindowMessenger, connect } from 'penpal'
import type { WalletConfig } from './config'
import { type MessageGate, installMessageGate } from './message-gate'
import { gateMethodPaths } from './method-path-gate'

/**
 * Wraps each wallet method so it runs only as the policy table allows. A method missing from
 * the table is refused: the table is the list of what the host may ask.
 */
export function enforcePolicy(methods: WalletMethods, env: { hasUserActivation(): boolean; isVisible(): boolean }): WalletMethods {
  // No prototype: penpal looks a method up by walking properties, and an ordinary object would
  // answer `constructor`, `toString` or `__proto__` with members no policy names.
  const guarded = Object.create(null) as Record<string, (...args: unknown[]) => Promise<unknown>>
  for (const [name, method] of Object.entries(methods) as [string, (...args: unknown[]) => Promise<unknown>][]) {
    guarded[name] = async (...args: unknown[]) => {
      const policy = policyFor(name)
      if (!policy) {
        return err(new BaseError({ code: ErrorCode.MethodNotAllowed, shortMessage: `The wallet has no method "${name}".` }))
      }
      if (policy.visibleUi && !env.isVisible()) {
        return err(
          new BaseError({
            code: ErrorCode.MethodNotAllowed,
            shortMessage: `"${name}" needs the wallet to be visible. Show the element before calling it.`,
          }),
        )
      }
      if (policy.userGesture === 'iframe' && !env.hasUserActivation()) {
        return err(
          new BaseError({
            code: ErrorCode.UserActivationRequired,
            shortMessage: `"${name}" needs a click inside the wallet. The host page can ask, but only the person can approve.`,
            details: 'Browsers require user activation inside the cross-origin iframe for passkey creation; a click forwarded from the host page does not count.',
            docsPath: '/docs/integrate.md#user-activation',
          }),
        )
      }
      return method(...args)
    }
  }
  return guarded as unknown as WalletMethods
}

export type HostChannel = {
  /** Sends an event to the host once connected; events before the handshake are queued. */
  emit(event: WalletEvent): void
  /** The host's methods, once connected. */
  host(): Promise<RemoteProxy<HostMethods>>
  readonly gate: MessageGate
  /**
   * The site embedding the wallet, as the connection verified it: the origin penpal accepted the
   * handshake from (an allowed origin, from the parent window). Throws WALLET_DISCONNECTED before
   * the handshake, or when the browser names another parent origin: every request names its
   * site, so an unknown one signs nothing.
   */
  site(): string
  destroy(): void
}

/**
 * The connection's verified origin, checked against the browser's own word where it gives one
 * (`location.ancestorOrigins`, Chromium and Safari). Fails closed: no verified origin, or two
 * that disagree, is an error, never a guess from `document.referrer`.
 */
export function verifiedSite(connectedOrigin: string | undefined, ancestorOrigin: string | undefined): string {
  if (!connectedOrigin) {
    throw new BaseError({
      code: ErrorCode.WalletDisconnected,
      shortMessage: 'The wallet is not connected to the site that embeds it yet, so it cannot say which site asks. Reload the page and try again.',
    })
  }
  if (ancestorOrigin !== undefined && ancestorOrigin !== connectedOrigin) {
    throw new BaseError({
      code: ErrorCode.WalletDisconnected,
      shortMessage: `The wallet's connection is with ${connectedOrigin}, but the page around it is ${ancestorOrigin}. Reload the page and try again.`,
    })
  }
  return connectedOrigin
}

/**
 * Connects to the embedding page with penpal. Only the parent window, from an origin on the
 * partner allowlist, is heard: by the message gate first, then by penpal's own checks.
 */
export function connectToHost(config: WalletConfig, methods: WalletMethods, options: { ownWindows?: { has(source: MessageEventSource | null): boolean } } = {}): HostChannel {
  const gate = installMessageGate({
    target: window,
    allowedOrigins: config.allowedHostOrigins,
    expectedSource: window.parent,
    ...(options.ownWindows ? { ownWindows: options.ownWindows } : {}),
    onDrop: ({ origin, reason }) => {
      console.warn(`[crosschain-lending wallet] ignored a message from ${origin} (${reason})`)
      // Readable from the wallet's own document only (the host cannot see across origins).
      document.documentElement.dataset.droppedMessages = String(gate.dropped.length)
    },
  })
  const connection = connect<HostMethods>({
    messenger: gateMethodPaths(new WindowMessenger({ remoteWindow: window.parent, allowedOrigins: config.allowedHostOrigins }), (name) => policyFor(name) !== undefined),
    methods: enforcePolicy(methods, {
      hasUserActivation: () => navigator.userActivation?.isActive ?? false,
      isVisible: () => document.visibilityState === 'visible',
    }),
    channel: walletChannel,
  })
  let connected = false
  connection.promise.then(
    () => (connected = true),
    () => undefined,
  )
  return {
    gate,
    host: () => connection.promise,
    site: () => verifiedSite(connected ? gate.parentOrigin : undefined, location.ancestorOrigins?.[0]),
    emit: (event) => {
      connection.promise.then((host) => host.walletEvent(event)).catch(() => {
        // The host went away; there is nobody to tell.
      })
    },
    destroy: () => {
      connection.destroy()
      gate.dispose()
    },
  }
}

/** The methods the host may call, bound to the wallet's actions and store. */
export function walletMethods(deps: {
  getState: () => WalletState
  createAccount: () => Promise<SignedIn>
  signIn: () => Promise<SignedIn>
  bindWallet: (chain: ExternalChain) => Promise<AccountInfo>
  operate: (request: OperationRequest) => Promise<OperationReceipt>
  recover: (chain: ExternalChain) => Promise<SignedIn>
  removeAccess: (target: AccessToRemove) => Promise<AccountInfo>
  setTheme: (theme: WalletTheme) => { adjusted: string[] }
  getLending: () => Promise<LendingSnapshot>
  previewOperation: (request: OperationRequest) => Promise<OperationPreview>
  checkAddress: (chain: ExternalChain, address: string) => Promise<{ chain: ExternalChain; address: string }>
}): WalletMethods {
  return {
    getState: async () => ok(deps.getState()),
    createAccount: () => toWireResult(deps.createAccount),
    signIn: () => toWireResult(deps.signIn),
    bindWallet: (request) => toWireResult(() => deps.bindWallet(parseChain(request))),
    operate: (request) => toWireResult(() => deps.operate(parseOperationRequest(request))),
    recover: (request) => toWireResult(() => deps.recover(parseChain(request))),
    removeAccess: (request) => toWireResult(() => deps.removeAccess(parseAccessToRemove(request))),
    setTheme: (theme) => toWireResult(async () => deps.setTheme(parseWalletTheme(theme))),
    getLending: () => toWireResult(deps.getLending),
    previewOperation: (request) => toWireResult(() => deps.previewOperation(parseOperationRequest(request))),
    checkAddress: (request) => toWireResult(() => deps.checkAddress(parseChain(request), parseAddressText(request))),
  }
}

/** Which passkey or wallet to remove, from the host: checked, not trusted. */
function parseAccessToRemove(request: unknown): AccessToRemove {
  const value = request as { passkey?: unknown; wallet?: { chain?: unknown; address?: unknown } } | null
  if (value && typeof value.passkey === 'string' && /^[A-Za-z0-9_-]{16,1400}$/.test(value.passkey) && Object.keys(value).length === 1) return { passkey: value.passkey }
  if (value && typeof value.wallet === 'object' && value.wallet !== null && Object.keys(value).length === 1) {
    const chain = parseChain(value.wallet)
    if (typeof value.wallet.address === 'string' && value.wallet.address.length > 0 && value.wallet.address.length <= 128) return { wallet: { chain, address: value.wallet.address } }
  }
  throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: 'Name what to remove: { passkey: credentialId } or { wallet: { chain, address } }.' })
}

function parseAddressText(request: unknown): string {
  const address = (request as { address?: unknown } | null)?.address
  if (typeof address !== 'string' || address.length === 0 || address.length > 128) {
    throw new BaseError({ code: ErrorCode.InvalidAddress, shortMessage: 'Enter an address (at most 128 characters).' })
  }
  return address
}

/** The host's argument is data from another origin: checked, not trusted. */
function parseChain(request: unknown): ExternalChain {
  const chain = (request as { chain?: unknown } | null)?.chain
  if (typeof chain !== 'string' || !walletChains.includes(chain as ExternalChain)) {
    throw new BaseError({ code: ErrorCode.InvalidRequest, shortMessage: `Choose a chain to bind: ${walletChains.join(', ')}.` })
  }
  return chain as ExternalChain
}
