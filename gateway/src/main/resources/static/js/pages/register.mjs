// Register page (demo): POST /api/auth/register, then sign in.

import { api } from '/sdk/v1/api.mjs';
import { $, go, say, setBusy } from '../lib/dom.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import { fieldProblem } from '../lib/fields.mjs';
import { normalisePhone, registration } from '../lib/register.mjs';

const form = $('#register-form');
const error = $('#error');
const phone = $('#phone');

/** The request's field names and the labels the user sees, in the form's order. */
const LABELS = { username: 'Username', displayName: 'Your name', phone: 'Mobile number', password: 'Password' };
const INPUTS = { username: '#username', displayName: '#display-name', phone: '#phone', password: '#password' };

/** Marks the field, says why, and puts the cursor there. */
function invalidField(input, message) {
  input.setAttribute('aria-invalid', 'true');
  say(error, message, 'error');
  input.focus();
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  for (const input of form.querySelectorAll('input')) {
    input.removeAttribute('aria-invalid');
  }
  // "+49 151 12345678" is a fine number: the separators go before the pattern is checked
  phone.value = normalisePhone(phone.value);
  const invalid = [...form.querySelectorAll('input')].find((input) => !input.checkValidity());
  if (invalid) {
    const label = form.querySelector(`label[for="${invalid.id}"]`)?.textContent ?? 'This field';
    invalidField(invalid, `${label}: ${invalid.validationMessage}`);
    return;
  }
  // read the fields before disabling them: disabled controls are not part of FormData
  const body = registration(new FormData(form));
  setBusy(form, true);
  const result = await api('POST', '/api/auth/register', body);
  setBusy(form, false);
  if (!result.ok) {
    const { field, message } = fieldProblem(result.problem, LABELS, messageFor);
    if (field) {
      invalidField($(INPUTS[field]), message);
    } else {
      say(error, message, 'error');
    }
    return;
  }
  go('/?registered=1');
});

// the button starts disabled: pressed before this module ran, the form would have been posted to the
// page itself (a 405 for the new password and phone number), not to the service
$('#submit').disabled = false;
