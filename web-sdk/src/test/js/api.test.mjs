import assert from 'node:assert/strict';
import { test } from 'node:test';
import { api, apiClient, apiUrl, codeFromType, createSession, retryDelay } from '../../main/resources/META-INF/resources/sdk/v1/api.mjs';

function fakeFetch(status, body, headers = {}) {
  const calls = [];
  const fn = async (path, init) => {
    calls.push({ path, init });
    return {
      ok: status >= 200 && status < 300,
      status,
      headers: { get: (name) => headers[name] ?? null },
      json: async () => (typeof body === 'string' ? JSON.parse(body) : body),
    };
  };
  fn.calls = calls;
  return fn;
}

test('sends JSON with the session cookie and returns the data', async () => {
  const fetchFn = fakeFetch(200, { loginId: 'L' }, { 'Content-Type': 'application/json' });
  const result = await api('POST', '/api/auth/login', { username: 'alice' }, { fetchFn });
  assert.deepEqual(result, { ok: true, status: 200, data: { loginId: 'L' }, problem: null, retryAfter: null });
  const { init } = fetchFn.calls[0];
  assert.equal(init.method, 'POST');
  assert.equal(init.credentials, 'same-origin');
  assert.equal(init.headers['Content-Type'], 'application/json');
  assert.equal(init.body, '{"username":"alice"}');
});

test('returns problems as values with their code and Retry-After', async () => {
  const fetchFn = fakeFetch(
    429,
    { type: 'https://passbridge.dev/problems/rate-limited', code: 'rate-limited', retryAfterSeconds: 12 },
    { 'Content-Type': 'application/problem+json', 'Retry-After': '12' },
  );
  const result = await api('POST', '/api/otp/resend', {}, { fetchFn });
  assert.equal(result.ok, false);
  assert.equal(result.status, 429);
  assert.equal(result.problem.code, 'rate-limited');
  assert.equal(result.retryAfter, '12');
});

test('derives the code from the type, or from the status for non-problem errors', async () => {
  const typed = await api('GET', '/x', undefined, {
    fetchFn: fakeFetch(410, { type: 'https://passbridge.dev/problems/otp-expired' }, { 'Content-Type': 'application/problem+json' }),
  });
  assert.equal(typed.problem.code, 'otp-expired');
  const bare = await api('GET', '/x', undefined, { fetchFn: fakeFetch(502, '', { 'Content-Type': 'text/html' }) });
  assert.equal(bare.problem.code, 'http-502');
  assert.equal(codeFromType('about:blank'), null);
});

test('a request the server never answers is given up as request-timeout', async () => {
  const never = (path, init) =>
    new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason)));
  const started = Date.now();
  const awake = setTimeout(() => {}, 5000); // AbortSignal.timeout's timer does not keep node running
  const result = await api('GET', '/api/passkeys/upgrade', undefined, { fetchFn: never, timeoutMs: 30, wait: async () => {} });
  clearTimeout(awake);
  assert.equal(result.ok, false);
  assert.equal(result.status, 0);
  assert.equal(result.problem.code, 'request-timeout');
  assert.ok(Date.now() - started < 5000);
  const fetchFn = fakeFetch(200, {}, { 'Content-Type': 'application/json' });
  await api('GET', '/x', undefined, { fetchFn });
  assert.ok(fetchFn.calls[0].init.signal instanceof AbortSignal, 'every request has a deadline by default');
});

test('an answer whose body never finishes is request-timeout too', async () => {
  const stalled = async (path, init) => ({
    ok: true,
    status: 200,
    headers: { get: (name) => (name === 'Content-Type' ? 'application/json' : null) },
    json: () => new Promise((resolve, reject) => init.signal.addEventListener('abort', () => reject(init.signal.reason))),
  });
  const awake = setTimeout(() => {}, 5000);
  const result = await api('GET', '/api/passkeys/upgrade', undefined, { fetchFn: stalled, timeoutMs: 30, wait: async () => {} });
  clearTimeout(awake);
  assert.equal(result.ok, false);
  assert.equal(result.problem.code, 'request-timeout');
});

test('turns a network failure into a network-error problem', async () => {
  const result = await api('GET', '/x', undefined, { fetchFn: async () => { throw new TypeError('Failed to fetch'); } });
  assert.equal(result.ok, false);
  assert.equal(result.status, 0);
  assert.equal(result.problem.code, 'network-error');
});

test('a read answered 503 is asked again after Retry-After, at most twice; a write never', async () => {
  const answers = [
    { status: 503, body: { code: 'service-unavailable' }, headers: { 'Content-Type': 'application/problem+json', 'Retry-After': '1' } },
    { status: 200, body: { userId: 'u' }, headers: { 'Content-Type': 'application/json' } },
  ];
  const calls = [];
  const waits = [];
  const fetchFn = async (path, init) => {
    calls.push(init.method);
    const a = answers.shift() ?? { status: 503, body: {}, headers: { 'Retry-After': '30' } };
    return {
      ok: a.status < 300,
      status: a.status,
      headers: { get: (name) => a.headers[name] ?? null },
      json: async () => a.body,
    };
  };
  const wait = async (ms) => waits.push(ms);
  const me = await api('GET', '/api/me', undefined, { fetchFn, wait });
  assert.equal(me.status, 200);
  assert.deepEqual(me.data, { userId: 'u' });
  assert.deepEqual(waits, [1000]);

  calls.length = 0;
  waits.length = 0;
  const stillDown = await api('GET', '/api/me', undefined, { fetchFn, wait });
  assert.equal(stillDown.status, 503);
  assert.equal(calls.length, 3);
  assert.deepEqual(waits, [2000, 2000]); // Retry-After 30 s, capped

  calls.length = 0;
  const write = await api('POST', '/api/otp/verify', {}, { fetchFn, wait });
  assert.equal(write.status, 503);
  assert.deepEqual(calls, ['POST']);
});

test('retryDelay reads Retry-After seconds', () => {
  assert.equal(retryDelay('0'), 0);
  assert.equal(retryDelay('0.5'), 500);
  assert.equal(retryDelay(null), 1000);
  assert.equal(retryDelay('Wed, 21 Oct 2015 07:28:00 GMT'), 1000);
  assert.equal(retryDelay('-3'), 1000);
});

test('a 204 has no data', async () => {
  const result = await api('POST', '/api/otp/verify', {}, { fetchFn: fakeFetch(204, null) });
  assert.equal(result.ok, true);
  assert.equal(result.data, null);
});

test('retries the session while the login is not completed, then gives up', async () => {
  const answers = [
    { ok: false, status: 409, problem: { code: 'login-not-completed' } },
    { ok: true, status: 204 },
  ];
  const calls = [];
  const call = async (...args) => {
    calls.push(args);
    return answers.shift();
  };
  const result = await createSession('L1', { call, wait: async () => {} });
  assert.equal(result.ok, true);
  assert.equal(calls.length, 2);
  assert.deepEqual(calls[0], ['POST', '/api/auth/session', { loginId: 'L1' }]);

  let count = 0;
  const never = async () => {
    count++;
    return { ok: false, status: 425, problem: { code: 'too-early' } };
  };
  assert.equal((await createSession('L2', { call: never, wait: async () => {} })).ok, false);
  assert.equal(count, 3);

  let expired = 0;
  const gone = async () => {
    expired++;
    return { ok: false, status: 410, problem: { code: 'login-expired' } };
  };
  await createSession('L3', { call: gone, wait: async () => {} });
  assert.equal(expired, 1, 'no retry for other problems');
});

test('Connect mode: the api origin, Authorization Bearer, no cookies', async () => {
  const fetchFn = fakeFetch(200, [], { 'Content-Type': 'application/json' });
  const call = apiClient({ base: 'https://passbridge.example/', token: 'T', fetchFn });
  const result = await call('GET', '/api/passkeys');
  assert.equal(result.ok, true);
  const { path, init } = fetchFn.calls[0];
  assert.equal(path, 'https://passbridge.example/api/passkeys');
  assert.equal(init.headers.Authorization, 'Bearer T');
  assert.equal(init.credentials, 'omit');
});

test('a client id without a token omits cookies too; hosted mode stays same-origin', async () => {
  const fetchFn = fakeFetch(200, {}, { 'Content-Type': 'application/json' });
  await apiClient({ base: 'http://localhost:8080', omitCredentials: true, fetchFn })('POST', '/api/passkeys/login/options', {
    clientId: 'shop',
  });
  assert.equal(fetchFn.calls[0].path, 'http://localhost:8080/api/passkeys/login/options');
  assert.equal(fetchFn.calls[0].init.credentials, 'omit');
  assert.equal(fetchFn.calls[0].init.headers.Authorization, undefined);
  await apiClient({ fetchFn })('GET', '/api/me');
  assert.equal(fetchFn.calls[1].path, '/api/me');
  assert.equal(fetchFn.calls[1].init.credentials, 'same-origin');
  assert.equal(apiUrl('http://h:1/base/', 'api/x'), 'http://h:1/base/api/x');
});
