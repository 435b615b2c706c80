// The pages' texts per state (pure parts): register body, OTP page view, passkey rows, empty list.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { ENDING_PROBLEMS, otpView } from '../../main/resources/static/js/lib/otp.mjs';
import { messageFor } from '../../../../web-sdk/src/main/resources/META-INF/resources/sdk/v1/problems.mjs';
import { describePasskey, emptyListText } from '../../../../web-sdk/src/main/resources/META-INF/resources/sdk/v1/passkeys.mjs';
import { registration } from '../../main/resources/static/js/lib/register.mjs';

const OTP = { channel: 'SMS', maskedDestination: '+49******0001', expiresAt: '2026-03-01T10:05:00Z' };
const entering = {
  otp: OTP,
  phase: 'entering',
  attemptsLeft: null,
  resendSecondsLeft: 0,
  resendsExhausted: false,
  resending: false,
  error: '',
  notice: '',
};

test('the register body is read from the fields, trimmed except the password', () => {
  const fields = new Map([
    ['username', ' carol '],
    ['displayName', ' Carol  '],
    ['phone', ' +4915112345678'],
    ['password', ' secret pass '],
  ]);
  assert.deepEqual(registration(fields), {
    username: 'carol',
    displayName: 'Carol',
    phone: '+4915112345678',
    password: ' secret pass ',
  });
});

test('a register form without its fields (disabled controls are not in FormData) gives empty strings, not an exception', () => {
  assert.deepEqual(registration(new Map()), { username: '', displayName: '', phone: '', password: '' });
});

test('OTP page while waiting for the resend: countdown, button disabled, no attempts line', () => {
  const view = otpView({ ...entering, resendSecondsLeft: 28 });
  assert.equal(view.sentTo, 'We sent a code by SMS to +49******0001.');
  assert.equal(view.expiresAt.toISOString(), '2026-03-01T10:05:00.000Z');
  assert.equal(view.attempts, '');
  assert.equal(view.formEnabled, true);
  assert.equal(view.resendVisible, true);
  assert.equal(view.resendEnabled, false);
  assert.equal(view.resendWait, 'available in 0:28');
});

test('OTP page after the cooldown: resend enabled, nothing about waiting', () => {
  const view = otpView(entering);
  assert.equal(view.resendEnabled, true);
  assert.equal(view.resendWait, '');
});

test('OTP page with the code accepted but no session yet: Continue asks again, no new code is offered', () => {
  const view = otpView({ ...entering, codeAccepted: true, error: 'x' });
  assert.equal(view.formEnabled, true, 'Continue works: it asks for the session only');
  assert.equal(view.resendVisible, false);
  assert.equal(view.resendEnabled, false);
});

test('OTP page after a wrong code: the attempts left are said once', () => {
  assert.equal(otpView({ ...entering, attemptsLeft: 4 }).attempts, '4 attempts left.');
  assert.equal(otpView({ ...entering, attemptsLeft: 1 }).attempts, '1 attempt left.');
  assert.equal(otpView({ ...entering, attemptsLeft: 0 }).attempts, '');
});

test('OTP page after a wrong code: the alert and the attempts line say different things, each once', () => {
  const view = otpView({ ...entering, attemptsLeft: 4, error: 'That code is not right.' });
  const texts = [view.sentTo, view.attempts, view.resendWait, view.error, view.notice].filter(Boolean);
  assert.deepEqual(texts, ['We sent a code by SMS to +49******0001.', '4 attempts left.', 'That code is not right.']);
  assert.doesNotMatch(view.error, /attempt/);
});

test('OTP page: the attempts line is a polite live region, never hidden, so a new count is announced', () => {
  // the field keeps the focus after a wrong code: the count is heard only if its region announces
  // it, and a region hidden until it gets its text announces nothing
  const html = readFileSync(new URL('../../main/resources/static/otp.html', import.meta.url), 'utf8');
  const line = html.match(/<p id="attempts"[^>]*>/)?.[0];
  assert.ok(line, 'otp.html has the attempts line');
  assert.match(line, /aria-live="polite"/);
  assert.match(line, /role="status"/);
  assert.doesNotMatch(line, /\shidden[\s>=]/);
  assert.match(html, /aria-describedby="code-help attempts"/);
  const script = readFileSync(new URL('../../main/resources/static/js/pages/otp.mjs', import.meta.url), 'utf8');
  assert.doesNotMatch(script, /attempts\.hidden\s*=/);
});

test('OTP page when locked: only the ending message, no attempts, no countdown, no resend, no expiry', () => {
  const view = otpView({
    ...entering,
    phase: 'ended',
    attemptsLeft: 1,
    resendSecondsLeft: 28,
    error: 'Too many wrong codes. Sign in again to get a new code.',
  });
  assert.equal(view.attempts, '');
  assert.equal(view.resendWait, '');
  assert.equal(view.resendVisible, false);
  assert.equal(view.resendEnabled, false);
  assert.equal(view.formEnabled, false);
  assert.equal(view.expiresAt, null);
  assert.equal(view.error, 'Too many wrong codes. Sign in again to get a new code.');
});

test('OTP page with no resends left: one sentence, no countdown', () => {
  const view = otpView({ ...entering, resendsExhausted: true, resendSecondsLeft: 12 });
  assert.equal(view.resendEnabled, false);
  assert.equal(view.resendWait, 'No more new codes can be sent for this sign-in.');
});

test('OTP page while verifying and after acceptance: nothing to press', () => {
  const verifying = otpView({ ...entering, phase: 'verifying', resendSecondsLeft: 5 });
  assert.equal(verifying.formEnabled, false);
  assert.equal(verifying.resendEnabled, false);
  const accepted = otpView({ ...entering, phase: 'accepted', attemptsLeft: 3, notice: 'Code accepted. Signing you in…' });
  assert.equal(accepted.formEnabled, false);
  assert.equal(accepted.resendVisible, false);
  assert.equal(accepted.attempts, '');
  assert.equal(accepted.notice, 'Code accepted. Signing you in…');
});

test('OTP page while a resend is on its way: no countdown text', () => {
  const view = otpView({ ...entering, resending: true, resendSecondsLeft: 3 });
  assert.equal(view.resendEnabled, false);
  assert.equal(view.resendWait, '');
});

test('a passkey whose provider is unknown does not read "Passkey / Passkey"', () => {
  const unknown = describePasskey({ id: 'a', synced: false });
  assert.equal(unknown.name, 'Passkey');
  assert.equal(unknown.provider, null);
  assert.equal(unknown.meta, 'This device only');
  assert.equal(describePasskey({ id: 'a' }).meta, '');
  const unnamed = describePasskey({ id: 'a', providerName: 'iCloud Keychain', synced: true });
  assert.equal(unnamed.name, 'iCloud Keychain');
  assert.equal(unnamed.meta, 'Synced');
  assert.equal(describePasskey({ id: 'a', name: '  ', providerName: ' ' }).name, 'Passkey');
});

test('the empty passkey list says what fits the upgrade state', () => {
  assert.equal(emptyListText('offering'), 'You have no passkeys yet.');
  assert.equal(emptyListText('failed'), 'You have no passkeys yet.');
  assert.equal(emptyListText('declined'), 'You have no passkeys yet. Your password keeps working.');
  assert.equal(emptyListText('idle'), 'You have no passkeys yet. After a password sign-in we may offer to create one.');
  for (const state of ['offering', 'failed', 'declined']) {
    assert.doesNotMatch(emptyListText(state), /offer/);
  }
});

test('a session request from a browser that did not start the sign-in ends it on the page', () => {
  assert.ok(ENDING_PROBLEMS.includes('login-started-elsewhere'));
});

test('an account lock ends the sign-in and says how long it lasts, nothing else', () => {
  assert.ok(ENDING_PROBLEMS.includes('otp-account-locked'));
  assert.ok(ENDING_PROBLEMS.includes('login-locked'));
  const problem = {
    code: 'otp-account-locked',
    status: 429,
    retryAfterSeconds: 3540,
    detail: 'Too many wrong codes for this account. Code entry is locked for 59 more minutes.',
  };
  const message = messageFor(problem);
  assert.match(message, /59 more minutes/);
  const view = otpView({
    otp: { channel: 'SMS', maskedDestination: '+49 ••• ••01', expiresAt: '2026-12-03T10:00:00Z' },
    phase: 'ended',
    attemptsLeft: 1,
    resendSecondsLeft: 28,
    resendsExhausted: false,
    resending: false,
    error: message,
    notice: '',
  });
  assert.equal(view.attempts, '');
  assert.equal(view.expiresAt, null);
  assert.equal(view.resendVisible, false);
  assert.equal(view.resendWait, '');
  assert.equal(view.formEnabled, false);
  assert.equal(view.error, message);
});

test('OTP page: only the gateway’s 502/504 and no answer at all are unanswered, not a 502 the service sent', async () => {
  const { unanswered } = await import('../../main/resources/static/js/lib/otp.mjs');
  assert.equal(unanswered({ ok: false, status: 0 }), true, 'offline, timed out');
  assert.equal(unanswered({ ok: false, status: 504, problem: { code: 'upstream-timeout' } }), true);
  assert.equal(unanswered({ ok: false, status: 502, problem: { code: 'bad-gateway' } }), true);
  assert.equal(unanswered({ ok: false, status: 502 }), true, 'a proxy’s 502 without a problem');
  // the SMS provider refused the message: otp-service answered, no code is on its way
  assert.equal(unanswered({ ok: false, status: 502, problem: { code: 'sms-rejected' } }), false);
  assert.equal(unanswered({ ok: false, status: 503, problem: { code: 'service-unavailable' } }), false);
  assert.equal(unanswered({ ok: true, status: 204 }), false);
});

test('sign-in, code and registration pages: the submit button starts disabled and its page module enables it', () => {
  // pressed before the module ran (a slow phone, a password manager that filled the form at once),
  // the form was posted to the page itself: a 405 instead of a sign-in
  for (const [page, script] of [
    ['index.html', 'login.mjs'],
    ['otp.html', 'otp.mjs'],
    ['register.html', 'register.mjs'],
  ]) {
    const html = readFileSync(new URL(`../../main/resources/static/${page}`, import.meta.url), 'utf8');
    assert.match(html, /<button type="submit" id="submit" disabled>/, page);
    const code = readFileSync(new URL(`../../main/resources/static/js/pages/${script}`, import.meta.url), 'utf8');
    assert.match(code, /(\$\('#submit'\)|submit)\.disabled = false;/, script);
  }
});

test('every page\'s notice is a polite live region that starts rendered (say() keeps it so; WebAppBrowserIT checks it empty)', () => {
  // every notice region of the pages starts rendered
  for (const page of ['accounts', 'dashboard', 'dev-sms', 'index', 'insights', 'otp', 'register', 'rules']) {
    const html = readFileSync(new URL(`../../main/resources/static/${page}.html`, import.meta.url), 'utf8');
    const notice = html.match(/<p id="notice"[^>]*>/)?.[0];
    assert.ok(notice, page);
    assert.match(notice, /aria-live="polite"/, page);
    assert.doesNotMatch(notice, /\shidden[\s>=]/, page);
  }
});
