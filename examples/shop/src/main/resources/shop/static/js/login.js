// The shop's login page: its own password form (with the browser's signals in hidden fields, for Passbridge),
// and Passbridge's <passbridge-login>, whose login result the shop's backend verifies.
import { csrfHeader } from './csrf.js';
import { collectCapabilities, collectClientHints, isUserEdit, matchesAutofill } from './signals.js';

const form = document.getElementById('login-form');
const username = document.getElementById('username');
const password = document.getElementById('password');
const error = document.getElementById('error');
let typed = false;
let sending = false;

/**
 * A passkey login's message in the error line: the fields a wrong password marked (and described
 * by that line) are not what went wrong now, so they are marked no longer.
 */
function passkeyMessage(text) {
  for (const field of [username, password]) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
  error.textContent = text;
}

// A wrong password comes back as /login?error, a new page: the e-mail address the customer typed is
// kept in this tab and put back, and the password is asked for again.
const LAST_USERNAME = 'shop.login.username';
if (new URLSearchParams(location.search).has('error')) {
  const last = sessionStorage.getItem(LAST_USERNAME);
  if (last && !username.value) {
    username.value = last;
    password.focus();
  }
}
sessionStorage.removeItem(LAST_USERNAME);

password.addEventListener('input', (event) => {
  if (isUserEdit(event)) {
    typed = true;
  }
});

form.addEventListener('submit', async (event) => {
  if (sending) {
    return; // the second, programmatic submit below
  }
  event.preventDefault();
  const autofilled = matchesAutofill(password) && !typed;
  const [capabilities, hints] = await Promise.all([collectCapabilities(), collectClientHints()]);
  document.getElementById('client-autofilled').value = String(autofilled);
  document.getElementById('client-capabilities').value = JSON.stringify(capabilities);
  document.getElementById('client-hints').value = JSON.stringify(hints);
  sessionStorage.setItem(LAST_USERNAME, username.value);
  sending = true;
  // the button's id "submit" shadows form.submit: the prototype's method submits all the same
  HTMLFormElement.prototype.submit.call(form);
});

// A passkey login on this page: Passbridge signed a login result, the shop's backend verifies it (once)
// and logs the customer in. Whatever goes wrong on the way (no answer at all, e.g. the connection
// dropped, or a refusal) ends in the error line, and the element offers passkeys in the username
// field's autofill again (restart(): its autofill request ended with the passkey chosen); the password
// form and the element's button stay as they were.
document.addEventListener('passbridge:login', async (event) => {
  const loginResult = event.detail?.loginResult;
  if (!loginResult) {
    return;
  }
  passkeyMessage('');
  let response;
  try {
    response = await fetch('/login/passkey', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', ...csrfHeader() },
      body: JSON.stringify({ loginResult }),
    });
  } catch (failed) {
    passkeyMessage('We could not finish the passkey sign-in. Check your connection and try again.');
    event.target?.restart?.();
    return;
  }
  const body = (await response.json().catch(() => null)) ?? {};
  if (response.ok && typeof body.redirect === 'string' && body.redirect.startsWith('/')) {
    location.assign(body.redirect);
    return;
  }
  // a refusal's problem detail (e.g. "This page was out of date ... Reload the page and try again.")
  passkeyMessage(
    typeof body.detail === 'string' && body.detail
      ? body.detail
      : 'The passkey login did not work. Use your password.',
  );
  event.target?.restart?.();
});

document.addEventListener('passbridge:error', (event) => {
  const name = event.detail?.name;
  if (name === 'AbortError' || name === 'NotAllowedError') {
    return; // the customer cancelled, or the page moved on: the password form stays
  }
  passkeyMessage('The passkey login did not work. Use your password.');
});
