/**
 * The lending UI: loaded by the element once an account is signed in, so the script tag a
 * partner adds carries only what draws the first state (the connection and the wallet frame).
 */
export { messagesFor } from '../../i18n'
export { LendingController } from '../../internal/lending-controller'
export { renderHistory, renderOperations, renderPosition } from './lending-view'
