// "Sign out" in a page's header bar (dashboard, insights, rules): revoke the session, forget this
// tab's user handle, back to the login page.

import { api } from '/sdk/v1/api.mjs';
import { go, store } from './dom.mjs';

/** Wires the header's Sign out button (absent: nothing to do). */
export function signOutWith(button) {
  if (!button) {
    return;
  }
  button.addEventListener('click', async () => {
    button.disabled = true;
    await api('POST', '/api/auth/logout');
    store.remove('userHandle');
    go('/?signedOut=1');
  });
}
