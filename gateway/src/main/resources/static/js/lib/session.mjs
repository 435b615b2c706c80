// What GET /api/me says about the session (pure: the pages pass the api() result in).

/**
 * 'signed-in' (200 with a user), 'signed-out' (401: no session, an expired or a revoked one) or
 * 'unknown' (the service could not tell: 5xx, no network). The login page goes on to the dashboard
 * only on 'signed-in' and treats 'unknown' like 'signed-out' (the sign-in form still works).
 */
export function sessionState(result) {
  if (result?.ok && result.data && typeof result.data === 'object' && result.data.userId) {
    return 'signed-in';
  }
  return result?.status === 401 ? 'signed-out' : 'unknown';
}

/** Whether /api/me's user has the admin role (the insights pages are for admins only). */
export function isAdmin(me) {
  return Array.isArray(me?.roles) && me.roles.includes('admin');
}
