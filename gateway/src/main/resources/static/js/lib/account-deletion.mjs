// "Delete your account" on the dashboard (pure: the page passes the SDK's messageFor(), so node
// tests load this without the SDK's URL paths): when the typed username confirms the deletion,
// what an answer to DELETE /api/me means, and a wait that never holds the page up for long.

/**
 * Said when the service answered that nothing was done (503, but not `erasure-incomplete`): the same
 * request may go again.
 */
export const NOT_DELETED = 'Your account could not be deleted right now. Nothing was changed; try again.';

/**
 * Said when the service answered 503 `erasure-incomplete`: the erasure has started and cannot be
 * undone (the passkeys and the profile are being deleted), but not every step finished (the account,
 * the sessions). The same request finishes it, so the dialog stays open with the button usable.
 */
export const INCOMPLETE =
  'Your account is being deleted, but not every step finished. Press “Delete my account” again to finish.';

/** The problem code of a 503 that says the erasure started but did not finish. */
export const ERASURE_INCOMPLETE = 'erasure-incomplete';

/** The problem code of a 403 that asks for a recent sign-in before the account may be deleted. */
export const REAUTHENTICATION_REQUIRED = 'reauthentication-required';

/** Said for that 403 when the service's own sentence is missing: nothing was changed. */
export const SIGN_IN_AGAIN =
  'To delete your account, sign in again first: your last sign-in was too long ago. Nothing was changed.';

/** Said when no answer tells whether it was done (the gateway's 502/504, no answer at all). */
export const UNKNOWN = 'We could not tell whether your account was deleted. Reload the page to check.';

/** How long the page waits for the password manager's Signal API call before it goes on. */
export const SIGNAL_WAIT_MS = 1000;

function comparable(text) {
  return String(text ?? '').trim().normalize('NFC').toLowerCase();
}

/**
 * Whether what was typed is the account's username: trimmed, case-insensitive. Never for an empty
 * (or unknown) username, so an empty field cannot confirm anything.
 */
export function confirmsUsername(typed, username) {
  const expected = comparable(username);
  return expected !== '' && comparable(typed) === expected;
}

/**
 * What the page does with DELETE /api/me's answer (an api() result):
 * - {kind: 'deleted'}: 202 (any 2xx), the account is gone and the session with it;
 * - {kind: 'signed-out'}: 401, no session (signed out in another tab, expired, revoked);
 * - {kind: 'reauthenticate', message}: 403 `reauthentication-required`: the session's sign-in is
 *   not recent enough; nothing was changed; the user signs in again and deletes from there;
 * - {kind: 'incomplete', message}: 503 `erasure-incomplete`: the erasure has started and cannot be
 *   undone, but not every step finished; sending the same request again finishes it;
 * - {kind: 'not-deleted', message}: the service said no (any other 503, or a 4xx such as a rate
 *   limit): nothing was changed;
 * - {kind: 'unknown', message}: the gateway's 502/504, any other 5xx, or no answer (status 0: a
 *   network failure or a timeout): the deletion may or may not have happened.
 */
export function deletionOutcome(result, messageOf) {
  if (result?.ok) {
    return { kind: 'deleted' };
  }
  const status = Number(result?.status ?? 0);
  if (status === 401) {
    return { kind: 'signed-out' };
  }
  if (status === 403 && result?.problem?.code === REAUTHENTICATION_REQUIRED) {
    const detail = result.problem.detail;
    return { kind: 'reauthenticate', message: typeof detail === 'string' && detail ? detail : SIGN_IN_AGAIN };
  }
  if (status === 503 && result?.problem?.code === ERASURE_INCOMPLETE) {
    return { kind: 'incomplete', message: INCOMPLETE };
  }
  if (status === 503) {
    return { kind: 'not-deleted', message: NOT_DELETED };
  }
  if (status === 0 || status >= 500 || !Number.isFinite(status)) {
    return { kind: 'unknown', message: UNKNOWN };
  }
  return { kind: 'not-deleted', message: `Your account was not deleted. ${messageOf(result?.problem)}` };
}

/**
 * Runs `work` (a function, sync or async) and resolves once it has settled or `ms` have passed,
 * whichever comes first: 'settled', 'failed' (it threw or rejected) or 'timeout'. Never rejects.
 * Timers are injectable for tests.
 */
export function settleWithin(work, ms, { setTimeoutFn = setTimeout, clearTimeoutFn = clearTimeout } = {}) {
  return new Promise((resolve) => {
    let done = false;
    const finish = (how) => {
      if (!done) {
        done = true;
        clearTimeoutFn(timer);
        resolve(how);
      }
    };
    const timer = setTimeoutFn(() => finish('timeout'), ms);
    Promise.resolve()
      .then(work)
      .then(
        () => finish('settled'),
        () => finish('failed'),
      );
  });
}
