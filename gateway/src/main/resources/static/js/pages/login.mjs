// Login page: conditional-UI passkey login started on load, password login with client signals.

import { api, createSession } from '../lib/api.mjs';
import { createAutofillTracker, matchesAutofill } from '../lib/autofill.mjs';
import { $, go, rpId, say, setBusy, store } from '../lib/dom.mjs';
import { collectClientHints } from '../lib/hints.mjs';
import { messageFor } from '../lib/problems.mjs';
import {
  collectCapabilities,
  conditionalGetAvailable,
  credentialToJSON,
  requestOptionsFromJSON,
  signalUnknownCredential,
} from '../lib/webauthn.mjs';

const form = $('#login-form');
const username = $('#username');
const password = $('#password');
const error = $('#error');
const notice = $('#notice');
const passkeyButton = $('#passkey-button');

// a new sign-in starts here: forget the previous user's WebAuthn user handle in this tab
store.remove('userHandle');

const tracker = createAutofillTracker();
password.addEventListener('input', (event) => tracker.onInput(event));

let pendingGet = null; // AbortController of the running navigator.credentials.get
// conditional UI restarts after a failed passkey login; bounded, so an authenticator that keeps
// offering a refused credential (automation does that by itself) cannot loop
let restartsLeft = 3;

function restartConditionalLogin() {
  if (restartsLeft > 0) {
    restartsLeft--;
    startConditionalLogin();
  }
}

function abortPasskeyRequest() {
  if (pendingGet) {
    pendingGet.abort();
    pendingGet = null;
  }
}

async function passkeyOptions() {
  const result = await api('POST', '/api/passkeys/login/options', {});
  return result.ok && result.data?.publicKey && result.data?.ceremonyId ? result.data : null;
}

/** Sends the assertion; on success creates the session and opens the dashboard. */
async function finishPasskeyLogin(ceremonyId, credential) {
  setBusy(form, true);
  say(notice, 'Signing you in…', 'info');
  const login = await api('POST', '/api/passkeys/login', {
    ceremonyId,
    credential: credentialToJSON(credential),
  });
  if (!login.ok) {
    setBusy(form, false);
    say(notice, '');
    if (login.problem?.code === 'unknown-credential') {
      await signalUnknownCredential(await rpId(), login.problem.credentialId ?? credential.id);
    }
    say(error, messageFor(login.problem), 'error');
    restartConditionalLogin();
    return;
  }
  const session = await createSession(login.data.loginId);
  if (!session.ok) {
    setBusy(form, false);
    say(notice, '');
    say(error, messageFor(session.problem), 'error');
    restartConditionalLogin();
    return;
  }
  store.remove('login');
  const handle = credentialToJSON(credential).response?.userHandle;
  if (handle) {
    store.set('userHandle', handle);
  }
  go('/dashboard.html');
}

/** Passkeys offered in the username field's autofill (WebAuthn conditional mediation). */
async function startConditionalLogin() {
  if (!(await conditionalGetAvailable())) {
    return;
  }
  abortPasskeyRequest();
  const options = await passkeyOptions();
  if (!options) {
    return;
  }
  const controller = new AbortController();
  pendingGet = controller;
  try {
    const credential = await navigator.credentials.get({
      mediation: 'conditional',
      publicKey: requestOptionsFromJSON(options.publicKey),
      signal: controller.signal,
    });
    if (pendingGet === controller) {
      pendingGet = null;
    }
    if (credential) {
      await finishPasskeyLogin(options.ceremonyId, credential);
    }
  } catch (e) {
    // NotAllowedError (nothing chosen, no passkey here) and AbortError (we aborted): not errors
    if (pendingGet === controller) {
      pendingGet = null;
    }
  }
}

/** The explicit button, for browsers without passkey autofill or users who look for it. */
async function modalPasskeyLogin() {
  abortPasskeyRequest();
  say(error, '');
  const options = await passkeyOptions();
  if (!options) {
    say(error, 'Passkey sign-in is not available right now. Use your password.', 'error');
    return;
  }
  const controller = new AbortController();
  pendingGet = controller;
  try {
    const credential = await navigator.credentials.get({
      publicKey: requestOptionsFromJSON(options.publicKey),
      signal: controller.signal,
    });
    pendingGet = null;
    if (credential) {
      await finishPasskeyLogin(options.ceremonyId, credential);
    }
  } catch (e) {
    pendingGet = null;
    if (e?.name !== 'AbortError') {
      say(error, 'Passkey sign-in was cancelled or is not possible on this device.', 'error');
    }
    startConditionalLogin();
  }
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  const autofilled = tracker.verdict(matchesAutofill(password));
  if (!username.value.trim() || !password.value) {
    say(error, 'Enter your username and password.', 'error');
    (username.value.trim() ? password : username).focus();
    return;
  }
  abortPasskeyRequest();
  setBusy(form, true);
  const [capabilities, hints] = await Promise.all([collectCapabilities(), collectClientHints()]);
  const result = await api('POST', '/api/auth/login', {
    username: username.value,
    password: password.value,
    client: { autofilled, capabilities, hints },
  });
  if (!result.ok) {
    setBusy(form, false);
    say(error, messageFor(result.problem), 'error');
    password.value = '';
    tracker.reset();
    password.focus();
    startConditionalLogin();
    return;
  }
  store.set('login', { loginId: result.data.loginId, otp: result.data.otp ?? null, startedAt: Date.now() });
  go('/otp.html');
});

if (window.PublicKeyCredential) {
  passkeyButton.hidden = false;
  passkeyButton.addEventListener('click', modalPasskeyLogin);
}

const params = new URLSearchParams(window.location.search);
if (params.get('registered') === '1') {
  say(notice, 'Your account is ready. Sign in.', 'ok');
}
if (params.get('signedOut') === '1') {
  say(notice, 'You are signed out.', 'info');
}

startConditionalLogin();
