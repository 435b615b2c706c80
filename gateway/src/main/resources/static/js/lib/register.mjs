// The register form's request body.

/**
 * A phone number as people write it ("+49 151 12345678", "+49 (151) 123-456.78") in the E.164 form
 * the service takes ("+4915112345678"): spaces, dashes, dots and parentheses go, nothing else
 * changes (whatever is still wrong is for the form's pattern and the service to say).
 */
export function normalisePhone(text) {
  return String(text ?? '').replace(/[\s().-]/g, '');
}

/**
 * POST /api/auth/register's body from the form's fields (a FormData or any object with get()):
 * names trimmed, the phone without separators, the password exactly as typed. A missing field
 * becomes "" (the service answers with a problem), never an exception.
 */
export function registration(fields) {
  const text = (name) => {
    const value = fields.get(name);
    return typeof value === 'string' ? value : '';
  };
  return {
    username: text('username').trim(),
    displayName: text('displayName').trim(),
    phone: normalisePhone(text('phone')),
    password: text('password'),
  };
}
