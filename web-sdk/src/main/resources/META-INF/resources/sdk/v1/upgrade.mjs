// The upgrade after a password + OTP login (docs/architecture.md §4 "Automatic upgrade"): what to do with the decision
// from GET /api/passkeys/upgrade, and the silent (conditional) creation with its abort timer.

export const DISMISSED = 'Dismissed';

/**
 * 'conditional' (silent create), 'prompt' (explain and ask), or 'none'.
 * CONDITIONAL_CREATE falls back to the prompt when this browser cannot create silently.
 */
export function chooseUpgradePath(decision, capabilities) {
  if (!decision || !decision.ceremonyId || !decision.publicKey) {
    return 'none';
  }
  if (decision.action === 'CONDITIONAL_CREATE') {
    return capabilities && capabilities.conditionalCreate === true ? 'conditional' : 'prompt';
  }
  if (decision.action === 'PROMPT') {
    return 'prompt';
  }
  return 'none';
}

/** No decision yet within the service's wait (reason PENDING): worth asking again. */
export function isPending(decision) {
  return !!decision && decision.action === 'NONE' && decision.reason === 'PENDING';
}

/** The DOMException name to report as errorName; anything odd becomes "UnknownError". */
export function errorNameOf(error) {
  const name = error && typeof error.name === 'string' ? error.name : '';
  return /^[A-Za-z]{1,64}$/.test(name) ? name : 'UnknownError';
}

/**
 * navigator.credentials.create({mediation: 'conditional'}) aborted after timeoutMs (or by `signal`).
 * @returns {Promise<{credential: object} | {errorName: string}>}
 */
export async function runConditionalCreate({
  publicKey,
  timeoutMs,
  credentials = globalThis.navigator?.credentials,
  signal = null,
  setTimeoutFn = setTimeout,
  clearTimeoutFn = clearTimeout,
}) {
  const controller = new AbortController();
  const timer = setTimeoutFn(() => controller.abort(), timeoutMs);
  // an outside signal (the element left the page) aborts too
  signal?.addEventListener?.('abort', () => controller.abort(), { once: true });
  try {
    const credential = await credentials.create({
      mediation: 'conditional',
      publicKey,
      signal: controller.signal,
    });
    if (!credential) {
      return { errorName: 'NotAllowedError' };
    }
    return { credential };
  } catch (error) {
    // an abort through our controller rejects with an AbortError DOMException
    return { errorName: controller.signal.aborted ? 'AbortError' : errorNameOf(error) };
  } finally {
    clearTimeoutFn(timer);
  }
}
