// fetch() for the Passbridge API: JSON in and out, problems (RFC 9457) as values.

/**
 * @typedef {{ok: boolean, status: number, data: any, problem: any, retryAfter: string | null}} ApiResult
 * @returns {Promise<ApiResult>}
 */
export async function api(method, path, body, { fetchFn = globalThis.fetch } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const init = { method, headers, credentials: 'same-origin', cache: 'no-store' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetchFn(path, init);
  } catch (error) {
    return {
      ok: false,
      status: 0,
      data: null,
      problem: { code: 'network-error', detail: 'The server cannot be reached. Check your connection.' },
      retryAfter: null,
    };
  }
  const type = response.headers.get('Content-Type') || '';
  let parsed = null;
  if (/json/i.test(type)) {
    try {
      parsed = await response.json();
    } catch (error) {
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
