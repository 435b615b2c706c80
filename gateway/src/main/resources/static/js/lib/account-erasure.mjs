// "Erase an account" on the administrators' accounts page (pure: the page passes the SDK's
// messageFor(), so node tests load this without the SDK's URL paths): the request body, and what an
// answer to POST /api/admin/account-erasures means.

/** The problem codes this page tells apart. */
export const ACCOUNT_NOT_FOUND = 'account-not-found';
export const ADMINISTRATOR_ACCOUNT = 'administrator-account';
export const ERASURE_INCOMPLETE = 'erasure-incomplete';
export const REAUTHENTICATION_REQUIRED = 'reauthentication-required';
export const FORBIDDEN = 'forbidden';

export const NOT_FOUND = 'No account has this username. Nothing was erased.';
export const ADMINISTRATOR =
  'This is an administrator’s account: only its owner can delete it, from their dashboard. Nothing was erased.';
export const ADMINS_ONLY = 'Erasing accounts is for administrators only.';
export const SIGN_IN_FIRST = 'Please sign in with an administrator’s account first.';
export const PENDING_NOTICE =
  'An erasure did not finish. Press “Erase account…” and confirm to finish it.';
export const SIGN_IN_AGAIN =
  'To erase an account, sign in again first: your last sign-in was too long ago. Nothing was erased.';
/** Said for 503 `erasure-incomplete`; the user id is the one the retry sends. */
export function incompleteMessage(userId) {
  return `The erasure of user id ${userId} has started, but not every step finished. Press “Erase” again to finish it.`;
}
export const NOT_ERASED = 'The account could not be erased right now. Nothing was changed; try again.';
export const UNKNOWN =
  'We could not tell whether the account was erased. Send the same request again: if it was, the answer is “No account has this username”.';

/** How two spellings of a username are compared here (the service's key is stricter). */
export function nameKey(username) {
  return String(username ?? '').trim().normalize('NFC').toLowerCase();
}

/**
 * The body of the request: the username as typed (trimmed), or, to finish an erasure of the same
 * name that answered `erasure-incomplete` (kept as {name, userId} in the tab's storage, so a
 * cancelled dialog, a reload or signing in again does not lose it), the user id that answer named:
 * by then the username may be free, and asking by name would answer "no such account".
 */
export function erasureRequest(username, pending) {
  return pending?.userId && nameKey(pending.name) === nameKey(username)
    ? { userId: pending.userId }
    : { username: String(username ?? '').trim() };
}

/**
 * What the page does with the answer (an api() result):
 * - {kind: 'erased', userId, accountErased, sessionsEnded}: 202 (any 2xx);
 * - {kind: 'not-found', message}: 404 `account-not-found`: the username field is marked;
 * - {kind: 'reauthenticate', message}: 403 `reauthentication-required`: the administrator signs in
 *   again (the service's own sentence when it sent one);
 * - {kind: 'incomplete', message, userId}: 503 `erasure-incomplete`: started, not finished; the
 *   next press sends {userId};
 * - {kind: 'signed-out', message}: 401: no session any more (signed out in another tab, expired);
 * - {kind: 'refused', message}: nothing was erased: 409 `administrator-account`, 403 (not an
 *   administrator), another 503, a 4xx;
 * - {kind: 'unknown', message}: the gateway's 502/504, any other 5xx, or no answer (status 0).
 */
export function erasureOutcome(result, messageOf) {
  if (result?.ok) {
    const data = result.data ?? {};
    return {
      kind: 'erased',
      userId: String(data.userId ?? ''),
      accountErased: data.accountErased !== false,
      sessionsEnded: Number.isFinite(data.sessionsEnded) ? data.sessionsEnded : 0,
    };
  }
  const status = Number(result?.status ?? 0);
  const code = result?.problem?.code;
  if (status === 404 && code === ACCOUNT_NOT_FOUND) {
    return { kind: 'not-found', message: NOT_FOUND };
  }
  if (status === 403 && code === REAUTHENTICATION_REQUIRED) {
    const detail = result.problem.detail;
    return { kind: 'reauthenticate', message: typeof detail === 'string' && detail ? detail : SIGN_IN_AGAIN };
  }
  if (status === 503 && code === ERASURE_INCOMPLETE) {
    const userId = result.problem.userId;
    return typeof userId === 'string' && userId
      ? { kind: 'incomplete', message: incompleteMessage(userId), userId }
      : { kind: 'unknown', message: UNKNOWN };
  }
  if (status === 409 && code === ADMINISTRATOR_ACCOUNT) {
    return { kind: 'refused', message: ADMINISTRATOR };
  }
  if (status === 401) {
    return { kind: 'signed-out', message: SIGN_IN_FIRST };
  }
  if (status === 403 && code === FORBIDDEN) {
    return { kind: 'refused', message: ADMINS_ONLY };
  }
  if (status === 503) {
    return { kind: 'refused', message: NOT_ERASED };
  }
  if (status === 0 || status >= 500 || !Number.isFinite(status)) {
    return { kind: 'unknown', message: UNKNOWN };
  }
  return { kind: 'refused', message: `Nothing was erased. ${messageOf(result?.problem)}` };
}

/** The page's sentence for an erasure that went through. */
export function erasedMessage(username, outcome) {
  const sessions = `${outcome.sessionsEnded} session${outcome.sessionsEnded === 1 ? '' : 's'} ended`;
  const id = outcome.userId ? ` (user id ${outcome.userId})` : '';
  return outcome.accountErased
    ? `The account “${username}” is erased${id}; ${sessions}. Its passkeys and profile go within seconds.`
    : `The erasure${id ? ` of user id ${outcome.userId}` : ''} is finished; ${sessions}.`;
}

/**
 * Whether the page may be used, from GET /api/me's answer: {allowed: true}, or {allowed: false,
 * message}: signed out (401), no administrator (a session without the `admin` role), or the
 * service's own reason when it could not answer (an outage is not "not an administrator").
 */
export function pageAccess(me, messageOf) {
  if (me?.ok) {
    return Array.isArray(me.data?.roles) && me.data.roles.includes('admin')
      ? { allowed: true }
      : { allowed: false, message: ADMINS_ONLY };
  }
  if (me?.status === 401) {
    return { allowed: false, message: SIGN_IN_FIRST };
  }
  if (me?.status === 403 && me?.problem?.code === FORBIDDEN) {
    return { allowed: false, message: ADMINS_ONLY };
  }
  return { allowed: false, message: messageOf(me?.problem) };
}
