// "Erase an account" on the administrators' page (pure parts): the request body, what each answer
// of POST /api/admin/account-erasures means, the sentence after an erasure, who may use the page.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import {
  ADMINISTRATOR,
  ADMINS_ONLY,
  NOT_ERASED,
  NOT_FOUND,
  SIGN_IN_AGAIN,
  SIGN_IN_FIRST,
  UNKNOWN,
  erasedMessage,
  erasureOutcome,
  erasureRequest,
  incompleteMessage,
  nameKey,
  pageAccess,
} from '../../main/resources/static/js/lib/account-erasure.mjs';
import { SIGN_IN_TO_ERASE, signInNotice } from '../../main/resources/static/js/lib/notices.mjs';
import { messageFor } from '../../../../web-sdk/src/main/resources/META-INF/resources/sdk/v1/problems.mjs';

const USER = '6f1c2a9e-3b4d-4e5f-8a7b-1c2d3e4f5a6b';
const problem = (status, code, extra = {}) => ({
  ok: false,
  status,
  data: null,
  problem: { code, status, ...extra },
  retryAfter: null,
});

test('the request names the typed username, or the user id an unfinished erasure of that name named', () => {
  assert.deepEqual(erasureRequest('  Alice ', null), { username: 'Alice' });
  assert.deepEqual(erasureRequest(undefined, null), { username: '' });
  const pending = { name: 'alice', userId: USER };
  assert.deepEqual(erasureRequest('ALICE ', pending), { userId: USER });
  assert.deepEqual(erasureRequest('Ren\u0065\u0301', { name: 'ren\u00e9', userId: USER }), { userId: USER });
  // another name is asked for by name: the unfinished one is not sent for it
  assert.deepEqual(erasureRequest('bob', pending), { username: 'bob' });
  assert.deepEqual(erasureRequest('alice', { name: 'alice' }), { username: 'alice' });
  assert.equal(nameKey('  Alice '), 'alice');
});

test('202 is an erasure, with the user id and the sessions ended', () => {
  const erased = erasureOutcome(
    { ok: true, status: 202, data: { userId: USER, accountErased: true, sessionsEnded: 2 }, problem: null },
    messageFor,
  );
  assert.deepEqual(erased, { kind: 'erased', userId: USER, accountErased: true, sessionsEnded: 2 });
  assert.equal(
    erasedMessage('alice', erased),
    `The account “alice” is erased (user id ${USER}); 2 sessions ended. Its passkeys and profile go within seconds.`,
  );
  const finished = erasureOutcome(
    { ok: true, status: 202, data: { userId: USER, accountErased: false, sessionsEnded: 1 }, problem: null },
    messageFor,
  );
  assert.equal(finished.accountErased, false);
  assert.equal(erasedMessage('alice', finished), `The erasure of user id ${USER} is finished; 1 session ended.`);
});

test('404 marks the username; 409 and a user without the role say why nothing was erased', () => {
  assert.deepEqual(erasureOutcome(problem(404, 'account-not-found'), messageFor), {
    kind: 'not-found',
    message: NOT_FOUND,
  });
  assert.deepEqual(erasureOutcome(problem(409, 'administrator-account'), messageFor), {
    kind: 'refused',
    message: ADMINISTRATOR,
  });
  assert.deepEqual(erasureOutcome(problem(403, 'forbidden'), messageFor), { kind: 'refused', message: ADMINS_ONLY });
  assert.deepEqual(erasureOutcome(problem(401, 'unauthenticated'), messageFor), {
    kind: 'signed-out',
    message: SIGN_IN_FIRST,
  });
  // a 404 of another kind (no route) is not "no such account"
  assert.equal(erasureOutcome(problem(404, 'not-found'), messageFor).kind, 'refused');
});

test('a stale sign-in asks to sign in again, in the service\'s words when it sent some', () => {
  const said = 'To erase an account, sign in again first: your last sign-in was more than 10 minutes ago.';
  assert.deepEqual(erasureOutcome(problem(403, 'reauthentication-required', { detail: said }), messageFor), {
    kind: 'reauthenticate',
    message: said,
  });
  assert.deepEqual(erasureOutcome(problem(403, 'reauthentication-required'), messageFor), {
    kind: 'reauthenticate',
    message: SIGN_IN_AGAIN,
  });
});

test('a started erasure is finished by its user id; without one the page cannot tell', () => {
  assert.deepEqual(erasureOutcome(problem(503, 'erasure-incomplete', { userId: USER }), messageFor), {
    kind: 'incomplete',
    message: incompleteMessage(USER),
    userId: USER,
  });
  assert.equal(
    incompleteMessage(USER),
    `The erasure of user id ${USER} has started, but not every step finished. Press “Erase” again to finish it.`,
  );
  assert.deepEqual(erasureOutcome(problem(503, 'erasure-incomplete'), messageFor), {
    kind: 'unknown',
    message: UNKNOWN,
  });
});

test('another 503 changed nothing; the gateway\'s 502/504 and no answer are not known', () => {
  assert.deepEqual(erasureOutcome(problem(503, 'service-unavailable'), messageFor), {
    kind: 'refused',
    message: NOT_ERASED,
  });
  for (const result of [
    problem(502, 'bad-gateway'),
    problem(504, 'gateway-timeout'),
    { ok: false, status: 0, data: null, problem: { code: 'network-error' } },
  ]) {
    assert.deepEqual(erasureOutcome(result, messageFor), { kind: 'unknown', message: UNKNOWN });
  }
});

test('a refused request says the service\'s reason', () => {
  const outcome = erasureOutcome(problem(400, 'validation-failed'), messageFor);
  assert.equal(outcome.kind, 'refused');
  assert.ok(outcome.message.startsWith('Nothing was erased. '));
  assert.ok(outcome.message.length > 'Nothing was erased. '.length);
});

test('only a signed-in administrator uses the page; an outage says so, not "no administrator"', () => {
  assert.deepEqual(pageAccess({ ok: true, status: 200, data: { roles: ['user', 'admin'] } }, messageFor), {
    allowed: true,
  });
  assert.deepEqual(pageAccess({ ok: true, status: 200, data: { roles: ['user'] } }, messageFor), {
    allowed: false,
    message: ADMINS_ONLY,
  });
  assert.deepEqual(pageAccess({ ok: false, status: 401, data: null }, messageFor), {
    allowed: false,
    message: SIGN_IN_FIRST,
  });
  assert.deepEqual(pageAccess(problem(403, 'forbidden'), messageFor), { allowed: false, message: ADMINS_ONLY });
  for (const outage of [
    problem(503, 'service-unavailable'),
    problem(502, 'bad-gateway'),
    { ok: false, status: 0, data: null, problem: { code: 'network-error', detail: 'The server cannot be reached.' } },
  ]) {
    const access = pageAccess(outage, messageFor);
    assert.equal(access.allowed, false);
    assert.notEqual(access.message, ADMINS_ONLY);
    assert.equal(access.message, messageFor(outage.problem));
  }
});

test('signing in again to erase says where to go back to', () => {
  assert.equal(SIGN_IN_TO_ERASE, '/?reauth=erase');
  const said = signInNotice('?reauth=erase');
  assert.equal(said.kind, 'info');
  assert.match(said.text, /^Sign in again, then open Insights → Erasure/);
});

test('the page loads only its own script, has its dialog and is linked from the other admin pages', () => {
  const read = (name) => readFileSync(new URL(`../../main/resources/static/${name}`, import.meta.url), 'utf8');
  const page = read('accounts.html');
  assert.match(page, /<script type="module" src="\/js\/pages\/accounts\.mjs"><\/script>/);
  assert.doesNotMatch(page, /<script(?![^>]*\ssrc=)[^>]*>/, 'no inline script');
  assert.doesNotMatch(page, /\sstyle=/, 'no inline style');
  assert.doesNotMatch(page, /\son[a-z]+=/i, 'no inline handler');
  assert.match(page, /<dialog id="erase-dialog"/);
  assert.match(page, /<label for="username">Username<\/label>/);
  for (const other of ['insights.html', 'rules.html']) {
    assert.match(read(other), /<a href="\/accounts\.html">Erasure<\/a>/, other);
  }
});
