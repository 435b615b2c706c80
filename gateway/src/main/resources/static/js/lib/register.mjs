// The register form's request body.

/**
 * POST /api/auth/register's body from the form's fields (a FormData or any object with get()):
 * names trimmed, the password exactly as typed. A missing field becomes "" (the service answers
 * with a problem), never an exception.
 */
export function registration(fields) {
  const text = (name) => {
    const value = fields.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    username: text('username').trim(),
    displayName: text('displayName').trim(),
    phone: text('phone').trim(),
    password: text('password'),
  };
}
