// "Sign out" in a page's header bar (dashboard, insights, rules): revoke the session, forget this
// tab's user handle, back to the login page. Only when the service said the session is over: a
// sign-out that failed (no answer, 503) must not say "You are signed out." while the session still
// works (a shared computer), so the page says so and the button works again.

import { api } from '/sdk/v1/api.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import { go, say, store } from './dom.mjs';

/**
 * Whether the logout answer means the session is over: revoked now (auth-service answers 204 with
 * or without a session), or a 401 from a session check in front of it (there is none).
 */
export function signedOut(result) {
  return result.ok || result.status === 401;
}

/**
 * Wires the header's Sign out button (absent: nothing to do); a failure is said in `errorLine`
 * (the page's alert), focused when it can be; signed out, the sign-in page (`after`, with the
 * notice it names).
 */
export function signOutWith(button, errorLine = document.getElementById('error'), after = '/?signedOut=1') {
  if (!button) {
    return;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    const result = await api('POST', '/api/auth/logout');
    if (!signedOut(result)) {
      button.disabled = false;
      say(errorLine, `Signing out did not work, so you are still signed in. ${messageFor(result.problem)}`, 'error');
      errorLine?.focus?.();
      return;
    }
    store.remove('userHandle');
    go(after);
  });
}
