import type { PasskeyWindowMode } from '../config'
import { type CeremonyRunner, inFrameRunner } from '../passkeys/ceremony-runner'
import { FallbackRunner } from './fallback-runner'
import { PopupRunner, type PopupRunnerDependencies } from './popup-runner'

/** The search parameter by which the embedding element may ask for the passkey window. */
export const passkeyWindowParameter = 'passkey-window'

/**
 * Where this wallet's passkey prompts open: the operator's `passkeyWindow`, unless the page
 * embedding the wallet asked for the window (`?passkey-window=popup`, e.g. for tests, or a site
 * whose frame permissions it cannot change). The host can only move prompts into the wallet's
 * own top-level window, never back into a frame the operator ruled out.
 */
export function chooseRunner(mode: PasskeyWindowMode, search: string, deps: PopupRunnerDependencies): CeremonyRunner {
  const asked = new URLSearchParams(search).get(passkeyWindowParameter)
  if (mode === 'popup' || asked === 'popup') return new PopupRunner(deps)
  if (mode === 'iframe') return inFrameRunner
  return new FallbackRunner(inFrameRunner, new PopupRunner(deps))
}
