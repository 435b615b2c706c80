// "Delete your account" (pure parts): the typed username, what DELETE /api/me's answer means, the
// bounded wait for the Signal API call, and the sign-in page's notice afterwards.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  ERASURE_INCOMPLETE,
  INCOMPLETE,
  NOT_DELETED,
  REAUTHENTICATION_REQUIRED,
  SIGN_IN_AGAIN,
  SIGNAL_WAIT_MS,
  UNKNOWN,
  confirmsUsername,
  deletionOutcome,
  settleWithin,
} from '../../main/resources/static/js/lib/account-deletion.mjs';
import { AFTER_DELETION, SIGN_IN_TO_DELETE, signInNotice } from '../../main/resources/static/js/lib/notices.mjs';
import { messageFor } from '../../../../web-sdk/src/main/resources/META-INF/resources/sdk/v1/problems.mjs';

const problem = (status, code) => ({ ok: false, status, data: null, problem: { code, status }, retryAfter: null });

test('the username confirms the deletion trimmed and in any case, nothing else does', () => {
  assert.equal(confirmsUsername('alice', 'alice'), true);
  assert.equal(confirmsUsername('  ALICE ', 'alice'), true);
  assert.equal(confirmsUsername('Alice', 'aLiCe'), true);
  assert.equal(confirmsUsername('alic', 'alice'), false);
  assert.equal(confirmsUsername('alice2', 'alice'), false);
  assert.equal(confirmsUsername('al ice', 'alice'), false);
  assert.equal(confirmsUsername('bob', 'alice'), false);
});

test('an empty field or an unknown username never confirms', () => {
  assert.equal(confirmsUsername('', ''), false);
  assert.equal(confirmsUsername('   ', ' '), false);
  assert.equal(confirmsUsername('', undefined), false);
  assert.equal(confirmsUsername(undefined, null), false);
  assert.equal(confirmsUsername('alice', null), false);
});

test('the same username written in another Unicode form confirms', () => {
  // "é" as one code point and as "e" + combining accent
  assert.equal(confirmsUsername('Ren\u0065\u0301', 'ren\u00e9'), true);
});

test('202 means deleted, 401 signed out', () => {
  assert.deepEqual(deletionOutcome({ ok: true, status: 202, data: null, problem: null }, messageFor), { kind: 'deleted' });
  assert.deepEqual(deletionOutcome(problem(401, 'unauthenticated'), messageFor), { kind: 'signed-out' });
});

test('503 says nothing was changed; the gateway\'s 502/504 and no answer say it is not known', () => {
  assert.deepEqual(deletionOutcome(problem(503, 'service-unavailable'), messageFor), {
    kind: 'not-deleted',
    message: 'Your account could not be deleted right now. Nothing was changed; try again.',
  });
  assert.equal(NOT_DELETED, 'Your account could not be deleted right now. Nothing was changed; try again.');
  const unknown = 'We could not tell whether your account was deleted. Reload the page to check.';
  assert.equal(UNKNOWN, unknown);
  for (const result of [
    problem(502, 'bad-gateway'),
    problem(504, 'upstream-timeout'),
    problem(500, 'internal-error'),
    problem(0, 'network-error'),
    problem(0, 'request-timeout'),
    undefined,
  ]) {
    assert.deepEqual(deletionOutcome(result, messageFor), { kind: 'unknown', message: unknown }, JSON.stringify(result));
  }
});

test('503 erasure-incomplete says the deletion is under way and that pressing again finishes it', () => {
  const incomplete = {
    ...problem(503, 'erasure-incomplete'),
    problem: {
      type: 'https://passbridge.dev/problems/erasure-incomplete',
      code: 'erasure-incomplete',
      status: 503,
      detail: 'The erasure is recorded and under way, but not every step finished. Send the same request again to finish it.',
    },
    retryAfter: '1',
  };
  const message = 'Your account is being deleted, but not every step finished. Press “Delete my account” again to finish.';
  assert.equal(ERASURE_INCOMPLETE, 'erasure-incomplete');
  assert.equal(INCOMPLETE, message);
  assert.deepEqual(deletionOutcome(incomplete, messageFor), { kind: 'incomplete', message });
  assert.doesNotMatch(deletionOutcome(incomplete, messageFor).message, /Nothing was changed/);
});

test('"Nothing was changed" only for a 503 that is not erasure-incomplete', () => {
  for (const code of ['service-unavailable', 'http-503', 'erasure-not-finished', undefined]) {
    const result = code === undefined ? { ok: false, status: 503, data: null, problem: null } : problem(503, code);
    assert.deepEqual(deletionOutcome(result, messageFor), { kind: 'not-deleted', message: NOT_DELETED }, String(code));
  }
  // the code under another status is not the service's answer for an unfinished erasure
  assert.equal(deletionOutcome(problem(502, 'erasure-incomplete'), messageFor).kind, 'unknown');
});

test('403 reauthentication-required asks for a new sign-in, in the service\'s words when it gives them', () => {
  assert.equal(REAUTHENTICATION_REQUIRED, 'reauthentication-required');
  const said = 'To delete your account, sign in again first: your last sign-in was more than 10 minutes ago.';
  const refused = { ...problem(403, REAUTHENTICATION_REQUIRED), problem: { code: REAUTHENTICATION_REQUIRED, detail: said } };
  assert.deepEqual(deletionOutcome(refused, messageFor), { kind: 'reauthenticate', message: said });
  assert.deepEqual(deletionOutcome(problem(403, REAUTHENTICATION_REQUIRED), messageFor), { kind: 'reauthenticate', message: SIGN_IN_AGAIN });
  // another 403 is no reason to sign in again
  assert.equal(deletionOutcome(problem(403, 'origin-not-allowed'), messageFor).kind, 'not-deleted');
});

test('another refusal says the account was not deleted and why', () => {
  const limited = { ...problem(429, 'rate-limited'), problem: { code: 'rate-limited', retryAfterSeconds: 5 } };
  assert.deepEqual(deletionOutcome(limited, messageFor), {
    kind: 'not-deleted',
    message: 'Your account was not deleted. Too many attempts. Try again in 5 seconds.',
  });
  assert.equal(
    deletionOutcome(problem(403, 'origin-not-allowed'), messageFor).message,
    'Your account was not deleted. This request came from a page that is not allowed to make it.',
  );
});

/** Timers the test runs by hand. */
function manualTimers() {
  const timers = new Map();
  let next = 1;
  return {
    setTimeoutFn: (fn, ms) => {
      timers.set(next, { fn, ms });
      return next++;
    },
    clearTimeoutFn: (id) => timers.delete(id),
    fire() {
      for (const [id, { fn }] of [...timers]) {
        timers.delete(id);
        fn();
      }
    },
    timers,
  };
}

test('the Signal API wait ends when the call settles, and its timer is cleared', async () => {
  const timers = manualTimers();
  assert.equal(await settleWithin(async () => 'done', 1000, timers), 'settled');
  assert.equal(timers.timers.size, 0);
});

test('a call that throws or rejects does not stop the page going on', async () => {
  assert.equal(
    await settleWithin(() => {
      throw new TypeError('no Signal API');
    }, 1000, manualTimers()),
    'failed',
  );
  assert.equal(await settleWithin(() => Promise.reject(new Error('NotAllowedError')), 1000, manualTimers()), 'failed');
});

test('a call that never settles is given up after the wait', async () => {
  const timers = manualTimers();
  const waiting = settleWithin(() => new Promise(() => {}), SIGNAL_WAIT_MS, timers);
  assert.equal([...timers.timers.values()][0].ms, SIGNAL_WAIT_MS);
  assert.ok(SIGNAL_WAIT_MS <= 1000, 'the navigation waits at most about a second');
  timers.fire();
  assert.equal(await waiting, 'timeout');
});

test('with real timers, a hanging call is given up in time', async () => {
  const started = Date.now();
  assert.equal(await settleWithin(() => new Promise(() => {}), 50), 'timeout');
  assert.ok(Date.now() - started < 1000);
});

test('the sign-in page says the account is deleted after the dashboard sent the user there', () => {
  assert.equal(AFTER_DELETION, '/?deleted=1');
  assert.deepEqual(signInNotice(new URL(AFTER_DELETION, 'http://localhost').search), {
    text: 'Your account is deleted.',
    kind: 'ok',
  });
});

test('the sign-in page asks to sign in again and delete from the dashboard after a too old sign-in', () => {
  assert.equal(SIGN_IN_TO_DELETE, '/?reauth=1');
  assert.deepEqual(signInNotice(new URL(SIGN_IN_TO_DELETE, 'http://localhost').search), {
    text: 'Sign in again, then delete your account from your dashboard.',
    kind: 'info',
  });
});

test('the sign-in page keeps its other notices, and shows none without a reason', () => {
  assert.deepEqual(signInNotice('?signedOut=1'), { text: 'You are signed out.', kind: 'info' });
  assert.deepEqual(signInNotice('?registered=1'), { text: 'Your account is ready. Sign in.', kind: 'ok' });
  assert.equal(signInNotice(''), null);
  assert.equal(signInNotice(undefined), null);
  assert.equal(signInNotice('?deleted=0'), null);
  assert.equal(signInNotice('?signedOut=1&deleted=1').text, 'Your account is deleted.');
});

test('the dashboard\'s delete dialog: a labelled field, its alert inside the dialog, the button disabled until confirmed', () => {
  const html = readFileSync(new URL('../../main/resources/static/dashboard.html', import.meta.url), 'utf8');
  const dialog = html.match(/<dialog id="delete-account-dialog"[\s\S]*?<\/dialog>/)?.[0];
  assert.ok(dialog, 'dashboard.html has the delete dialog');
  assert.match(dialog, /<label for="delete-account-confirm">/);
  assert.match(dialog, /<p id="delete-account-error" class="error" role="alert" tabindex="-1" hidden><\/p>/);
  assert.match(dialog, /<button id="delete-account-submit" type="submit" class="danger" disabled>Delete my account<\/button>/);
  assert.match(html, /<button id="delete-account-open"[^>]*>Delete account…<\/button>/);
  assert.doesNotMatch(html, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(html, /\sstyle=/, 'no inline style');
});
