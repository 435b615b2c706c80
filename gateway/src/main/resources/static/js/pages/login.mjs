// Login page: the SDK's <passbridge-login> (conditional-UI passkey login started on load, and its
// button), password login with client signals. A browser that comes back to it still signed in
// (Back after a login, or the page restored from the back-forward cache) goes on to the dashboard
// instead: then the session is checked first (GET /api/me), and the passkey autofill starts only
// when signed out.

import '/sdk/v1/passbridge.js';
import { api, createSession } from '/sdk/v1/api.mjs';
import { createAutofillTracker, matchesAutofill } from '/sdk/v1/autofill.mjs';
import { collectClientHints } from '/sdk/v1/hints.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import { collectCapabilities } from '/sdk/v1/webauthn.mjs';
import { $, go, goInstead, say, setBusy, store } from '../lib/dom.mjs';
import { signInNotice } from '../lib/notices.mjs';
import { sessionState } from '../lib/session.mjs';

const form = $('#login-form');
const username = $('#username');
const password = $('#password');
const error = $('#error');
const notice = $('#notice');
const passkeyLogin = $('#passkey-login');

let submitting = false; // a password login is on its way: the autofill is not started under it

const tracker = createAutofillTracker();
password.addEventListener('input', (event) => tracker.onInput(event));

/** An error in the alert region; a notice from before ("Your account is ready") goes with it. */
function showError(message) {
  say(notice, '');
  say(error, message, 'error');
}

// the page shows the element's messages in its own live regions
passkeyLogin.addEventListener('passbridge:verifying', () => {
  setBusy(form, true);
  say(error, '');
  say(notice, 'Signing you in…', 'info');
});

passkeyLogin.addEventListener('passbridge:error', (event) => {
  event.preventDefault();
  setBusy(form, false);
  showError(event.detail.message);
});

/** A passkey login answered {loginId}: the session cookie, then the dashboard. */
passkeyLogin.addEventListener('passbridge:login', async (event) => {
  event.preventDefault();
  const session = await createSession(event.detail.loginId);
  if (!session.ok) {
    setBusy(form, false);
    showError(messageFor(session.problem));
    passkeyLogin.restart();
    return;
  }
  store.remove('login');
  if (event.detail.userHandle) {
    store.set('userHandle', event.detail.userHandle);
  }
  go('/dashboard.html');
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  const autofilled = tracker.verdict(matchesAutofill(password));
  if (!username.value.trim() || !password.value) {
    showError('Enter your username and password.');
    (username.value.trim() ? password : username).focus();
    return;
  }
  passkeyLogin.stop();
  submitting = true;
  setBusy(form, true);
  passkeyLogin.disabled = true; // its button is outside the form: one sign-in at a time
  const [capabilities, hints] = await Promise.all([collectCapabilities(), collectClientHints()]);
  const result = await api('POST', '/api/auth/login', {
    username: username.value,
    password: password.value,
    client: { autofilled, capabilities, hints },
  });
  if (!result.ok) {
    submitting = false;
    setBusy(form, false);
    passkeyLogin.disabled = false;
    showError(messageFor(result.problem));
    if (result.problem?.code === 'invalid-credentials') {
      password.value = '';
      tracker.reset();
    }
    // otherwise (an outage, a limit, no answer) the password stays as it was filled: the retry
    // resumes the held login with the same signals, autofilled included
    password.focus();
    passkeyLogin.start();
    return;
  }
  store.set('login', { loginId: result.data.loginId, otp: result.data.otp ?? null, startedAt: Date.now() });
  go('/otp.html');
});

/** Still signed in: the dashboard, and Back does not come here again. */
async function stillSignedIn() {
  if (sessionState(await api('GET', '/api/me')) !== 'signed-in') {
    return false;
  }
  goInstead('/dashboard.html');
  return true;
}

/**
 * Whether this load came from the history (Back or Forward). Only then is the session checked: a
 * signed-out browser's check is a 401, which Chrome logs as a console error, so a fresh visit to
 * the sign-in page, the usual case, asks nothing.
 */
function cameBack() {
  const navigation = performance.getEntriesByType?.('navigation')?.[0];
  return navigation?.type === 'back_forward';
}

async function init() {
  if (cameBack() && (await stillSignedIn())) {
    return;
  }
  // a new sign-in starts here: forget the previous user's WebAuthn user handle in this tab
  store.remove('userHandle');
  // why another page sent the user here: registered, signed out, the account deleted
  const shown = signInNotice(window.location.search);
  if (shown) {
    say(notice, shown.text, shown.kind);
  }
  if (!submitting) {
    passkeyLogin.start();
  }
}

// Back to a page kept in the back-forward cache: no load, so check again; signed out, the page is
// as it was left (perhaps mid-sign-in), so it starts over.
window.addEventListener('pageshow', async (event) => {
  if (!event.persisted || (await stillSignedIn())) {
    return;
  }
  submitting = false;
  setBusy(form, false);
  passkeyLogin.disabled = false;
  say(notice, '');
  passkeyLogin.start();
});

// the button starts disabled: pressed before this module ran (a slow phone, a password manager that
// filled the form at once), the form would have been posted to the page itself, a 405, not signed in
$('#submit').disabled = false;
init();
