/**
 * The penpal channel both sides name, so that other penpal connections on the same windows
 * (a partner's own iframes) never cross ours. The version moves when the schema breaks.
 */
export const walletChannel = 'crosschain-lending/wallet/v1'

/** How long the element waits for the wallet iframe to load and complete the handshake. */
export const defaultConnectTimeoutMs = 15_000

/** How long a method that needs no person (state reads) may take before it is reported late. */
export const defaultCallTimeoutMs = 10_000
