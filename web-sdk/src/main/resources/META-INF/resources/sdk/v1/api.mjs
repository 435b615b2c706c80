// fetch() for the Passbridge API: JSON in and out, problems (RFC 9457) as values.
// Hosted mode (no token): same-origin requests with the session cookie. Connect mode (a connect
// token): requests to the Passbridge origin given as `base`, `Authorization: Bearer`, no cookies.

/**
 * @typedef {{ok: boolean, status: number, data: any, problem: any, retryAfter: string | null}} ApiResult
 * @param {{fetchFn?: Function, base?: string | null, token?: string | null, credentials?: RequestCredentials, wait?: Function, timeoutMs?: number}} [options]
 *     base: the Passbridge origin ("http://localhost:8080"), empty for same-origin; token: a connect
 *     token (sent as Bearer, cookies omitted); credentials: the fetch credentials mode without a token;
 *     wait: how to wait before a GET answered 503 is asked again (GET_RETRIES); timeoutMs: how long
 *     one request may take before it is given up as `request-timeout` (REQUEST_TIMEOUT_MS)
 * @returns {Promise<ApiResult>}
 */
export async function api(method, path, body, options = {}) {
  const { wait = sleep } = options;
  for (let attempt = 0; ; attempt++) {
    const result = await once(method, path, body, options);
    if (method !== 'GET' || result.status !== 503 || attempt >= GET_RETRIES) {
      return result;
    }
    await wait(retryDelay(result.retryAfter));
  }
}

/**
 * A read answered 503 is asked again, at most this often: the services answer 503 with Retry-After
 * when something they need is briefly out of reach (Kafka, Redis, the revocation check), and a
 * page that gave up on the first one (the dashboard's GET /api/me) showed an error for a moment's
 * hiccup. Writes are never repeated here: their callers decide.
 */
const GET_RETRIES = 2;

/**
 * One request is given up after this long (status 0, problem `request-timeout`): a gateway that
 * accepted the connection and never answered left a page, or an element's run(), waiting for good.
 * Longer than any wait a service does on purpose (the session exchange waits up to ~5 s, the
 * upgrade decision ~2 s) and than the gateway's own route timeouts, which answer 504 first.
 */
export const REQUEST_TIMEOUT_MS = 15000;

/** Retry-After in seconds, as milliseconds between 0 and 2 s (1 s when absent or unreadable). */
export function retryDelay(retryAfter) {
  const seconds = Number.parseFloat(retryAfter);
  if (!Number.isFinite(seconds) || seconds < 0) {
    return 1000;
  }
  return Math.min(seconds, 2) * 1000;
}

async function once(
  method,
  path,
  body,
  {
    fetchFn = globalThis.fetch,
    base = null,
    token = null,
    credentials = 'same-origin',
    timeoutMs = REQUEST_TIMEOUT_MS,
  } = {},
) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const init = { method, headers, credentials: token ? 'omit' : credentials, cache: 'no-store' };
  if (timeoutMs > 0 && typeof globalThis.AbortSignal?.timeout === 'function') {
    init.signal = AbortSignal.timeout(timeoutMs); // covers reading the body too
  }
  if (token) {
    headers.Authorization = `Bearer ${token}`;
  }
  const url = base ? apiUrl(base, path) : path;
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetchFn(url, init);
  } catch (error) {
    return unanswered(error);
  }
  const type = response.headers.get('Content-Type') || '';
  let parsed = null;
  if (/json/i.test(type)) {
    try {
      parsed = await response.json();
    } catch (error) {
      if (error?.name === 'TimeoutError' || init.signal?.aborted) {
        return unanswered(error); // the answer began but its body never finished
      }
      parsed = null;
    }
  }
  const retryAfter = response.headers.get('Retry-After');
  if (response.ok) {
    return { ok: true, status: response.status, data: parsed, problem: null, retryAfter };
  }
  const problem =
    parsed && typeof parsed === 'object'
      ? { ...parsed, code: parsed.code || codeFromType(parsed.type) || `http-${response.status}` }
      : { code: `http-${response.status}`, status: response.status };
  return { ok: false, status: response.status, data: null, problem, retryAfter };
}

/** No answer: the request timed out (request-timeout) or never reached the server (network-error). */
function unanswered(error) {
  const timedOut = error?.name === 'TimeoutError';
  return {
    ok: false,
    status: 0,
    data: null,
    problem: timedOut
      ? { code: 'request-timeout', detail: 'The server did not answer in time. Try again.' }
      : { code: 'network-error', detail: 'The server cannot be reached. Check your connection.' },
    retryAfter: null,
  };
}

/** base "http://localhost:8080/" + "/api/x" -> "http://localhost:8080/api/x" (the base's path is kept). */
export function apiUrl(base, path) {
  return `${String(base).replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}

/**
 * An api() bound to one Passbridge origin and, in Connect mode, one connect token; in hosted mode
 * (no token, no client id) requests stay same-origin with the cookie.
 */
export function apiClient({ base = null, token = null, omitCredentials = false, fetchFn } = {}) {
  const options = { base: base || null, token: token || null, credentials: omitCredentials ? 'omit' : 'same-origin' };
  if (fetchFn) {
    options.fetchFn = fetchFn;
  }
  return (method, path, body) => api(method, path, body, options);
}

/** "https://passbridge.dev/problems/otp-invalid" -> "otp-invalid" */
export function codeFromType(type) {
  if (typeof type !== 'string') {
    return null;
  }
  const match = /\/problems\/([a-z0-9-]+)$/.exec(type);
  return match ? match[1] : null;
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * POST /api/auth/session {loginId}: sets the session cookie once the login is complete. The
 * service already waits ~5 s; if the login is still not complete, try a couple more times.
 */
export async function createSession(loginId, { call = api, wait = sleep, attempts = 3 } = {}) {
  let result;
  for (let attempt = 1; attempt <= attempts; attempt++) {
    result = await call('POST', '/api/auth/session', { loginId });
    const retryable =
      !result.ok && (result.status === 425 || result.problem?.code === 'login-not-completed');
    if (!retryable) {
      return result;
    }
    if (attempt < attempts) {
      await wait(500);
    }
  }
  return result;
}
