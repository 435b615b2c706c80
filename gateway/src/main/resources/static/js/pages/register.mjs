// Register page (demo): POST /api/auth/register, then sign in.

import { api } from '/sdk/v1/api.mjs';
import { $, go, say, setBusy } from '../lib/dom.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import { registration } from '../lib/register.mjs';

const form = $('#register-form');
const error = $('#error');

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  for (const input of form.querySelectorAll('input')) {
    input.removeAttribute('aria-invalid');
  }
  const invalid = [...form.querySelectorAll('input')].find((input) => !input.checkValidity());
  if (invalid) {
    invalid.setAttribute('aria-invalid', 'true');
    const label = form.querySelector(`label[for="${invalid.id}"]`)?.textContent ?? 'This field';
    say(error, `${label}: ${invalid.validationMessage}`, 'error');
    invalid.focus();
    return;
  }
  // read the fields before disabling them: disabled controls are not part of FormData
  const body = registration(new FormData(form));
  setBusy(form, true);
  const result = await api('POST', '/api/auth/register', body);
  setBusy(form, false);
  if (!result.ok) {
    say(error, messageFor(result.problem), 'error');
    return;
  }
  go('/?registered=1');
});
