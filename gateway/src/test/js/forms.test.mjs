// The pages' decisions on what was typed and what the services answered (pure parts): the OTP
// submit, the register body and its problems, the rename's problem, the session check, the dev inbox.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inboxErrorText } from '../../main/resources/static/js/lib/dev-sms.mjs';
import { fieldProblem } from '../../main/resources/static/js/lib/fields.mjs';
import { submitCheck } from '../../main/resources/static/js/lib/otp.mjs';
import { normalisePhone, registration } from '../../main/resources/static/js/lib/register.mjs';
import { isAdmin, sessionState } from '../../main/resources/static/js/lib/session.mjs';
import { messageFor } from '../../../../web-sdk/src/main/resources/META-INF/resources/sdk/v1/problems.mjs';

const entering = { phase: 'entering', resending: false, rejectedCode: null };

test('the OTP page sends a complete code once, and not the code just refused', () => {
  assert.deepEqual(submitCheck('705546', entering), { send: true });
  assert.equal(submitCheck('70554', entering).send, false);
  assert.equal(submitCheck('70554', entering).error, 'Enter the 6 digits from the message.');
  const refused = submitCheck('000000', { ...entering, rejectedCode: '000000' });
  assert.equal(refused.send, false);
  assert.match(refused.error, /^That code was not right\. Check the message/);
  // changed after the refusal: sent
  assert.deepEqual(submitCheck('000001', { ...entering, rejectedCode: '000000' }), { send: true });
});

test('the OTP page sends nothing while a code or a resend is on its way, and says nothing either', () => {
  assert.deepEqual(submitCheck('705546', { ...entering, phase: 'verifying' }), { send: false, error: null });
  assert.deepEqual(submitCheck('705546', { ...entering, resending: true }), { send: false, error: null });
  assert.deepEqual(submitCheck('705546', { ...entering, phase: 'ended' }), { send: false, error: null });
});

test('a phone number written with spaces, dashes, dots or parentheses is sent in E.164 form', () => {
  assert.equal(normalisePhone('+49 151 12345678'), '+4915112345678');
  assert.equal(normalisePhone(' +49 (151) 123-456.78 '), '+4915112345678');
  assert.equal(normalisePhone(null), '');
  assert.equal(
    registration(new Map([['phone', '+49 151 12345678']])).phone,
    '+4915112345678',
  );
});

const REGISTER = { username: 'Username', displayName: 'Your name', phone: 'Mobile number', password: 'Password' };

test('a register problem names its field: taken or invalid username, phone, weak password', () => {
  assert.deepEqual(fieldProblem({ code: 'username-taken' }, REGISTER, messageFor), {
    field: 'username',
    message: 'This username is taken. Choose another one.',
  });
  const invalid = { code: 'invalid-username', detail: 'A username has 3 to 64 letters, digits or . _ - @ +, and no spaces.' };
  assert.deepEqual(fieldProblem(invalid, REGISTER, messageFor), { field: 'username', message: invalid.detail });
  assert.equal(fieldProblem({ code: 'invalid-phone', detail: 'x' }, REGISTER, messageFor).field, 'phone');
  assert.equal(fieldProblem({ code: 'weak-password', detail: 'x' }, REGISTER, messageFor).field, 'password');
  assert.deepEqual(fieldProblem({ code: 'rate-limited' }, REGISTER, messageFor), {
    field: null,
    message: 'Too many attempts. Try again later.',
  });
});

test('validation-failed says the reason of errors.<field>, not "The request is not valid."', () => {
  const problem = {
    code: 'validation-failed',
    detail: 'The request is not valid.',
    errors: { name: 'must not contain control, format, line separator, private-use or unpaired surrogate characters' },
  };
  assert.deepEqual(fieldProblem(problem, { name: 'Name' }, messageFor), {
    field: 'name',
    message: 'Name: must not contain control, format, line separator, private-use or unpaired surrogate characters.',
  });
  assert.deepEqual(
    fieldProblem({ ...problem, errors: { displayName: 'must not contain control characters' } }, REGISTER, messageFor),
    { field: 'displayName', message: 'Your name: must not contain control characters.' },
  );
  // about no field of this form: the SDK's sentence, which says each field's reason
  assert.deepEqual(fieldProblem({ ...problem, errors: { other: 'x' } }, { name: 'Name' }, messageFor), {
    field: null,
    message: 'Other: x.',
  });
  assert.equal(fieldProblem({ ...problem, errors: null }, { name: 'Name' }, messageFor).message, 'The request is not valid.');
});

test('the session check: signed in on a user, signed out on 401, unknown otherwise', () => {
  assert.equal(sessionState({ ok: true, status: 200, data: { userId: 'u-1', username: 'alice' } }), 'signed-in');
  assert.equal(sessionState({ ok: false, status: 401, problem: { code: 'unauthenticated' } }), 'signed-out');
  assert.equal(sessionState({ ok: false, status: 503, problem: { code: 'service-unavailable' } }), 'unknown');
  assert.equal(sessionState({ ok: false, status: 0, problem: { code: 'network-error' } }), 'unknown');
  assert.equal(sessionState({ ok: true, status: 200, data: null }), 'unknown');
  assert.equal(sessionState(null), 'unknown');
});

test('the Insights link is for admins: /api/me roles', () => {
  assert.equal(isAdmin({ roles: ['user', 'admin'] }), true);
  assert.equal(isAdmin({ roles: ['user'] }), false);
  assert.equal(isAdmin({}), false);
  assert.equal(isAdmin(null), false);
});

test('the dev inbox blames a malformed or too long login id, not the inbox', () => {
  assert.equal(inboxErrorText(400), 'This login id is not valid.');
  assert.equal(inboxErrorText(414), 'This login id is not valid.');
  assert.equal(inboxErrorText(404), 'No message for this login.');
  assert.equal(inboxErrorText(503), 'The inbox cannot be read right now.');
  assert.equal(inboxErrorText(0), 'The inbox cannot be read right now.');
});
