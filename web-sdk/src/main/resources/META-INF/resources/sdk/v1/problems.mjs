// What to tell the user for a problem answer. Switch on the stable code, never on the title.

const MESSAGES = {
  'invalid-credentials': 'The username or password is not right.',
  'otp-expired': 'This code has expired. Sign in again to get a new one.',
  'otp-resend-cooldown': 'A code was sent moments ago. Wait a little before asking for another one.',
  'otp-resend-limit': 'No more codes can be sent for this sign-in. Sign in again.',
  'otp-locked': 'Too many wrong codes. Sign in again to get a new code.',
  'login-expired': 'This sign-in has expired. Please start again.',
  'login-locked': 'Too many wrong codes. Sign in again.',
  'login-not-completed': 'Signing in is taking longer than usual. Please try again.',
  unauthenticated: 'Please sign in.',
  forbidden: 'You are not allowed to see this.',
  'origin-not-allowed': 'This request came from a page that is not allowed to make it.',
  'service-unavailable': 'The service is unavailable at the moment. Try again shortly.',
  'login-started-elsewhere': 'This sign-in was started in another browser or replaced by a newer one. Sign in again.',
  'upstream-timeout': 'The service did not answer in time. Try again.',
  'bad-gateway': 'The service could not be reached just now. Try again.',
  'network-error': 'The server cannot be reached. Check your connection.',
  'request-timeout': 'The server did not answer in time. Try again.',
  'username-taken': 'This username is taken. Choose another one.',
  'unknown-credential': 'This passkey is no longer registered here. Sign in with your password.',
  'challenge-expired': 'The sign-in took too long. Please try again.',
  'credential-exists': 'You already have a passkey on this device.',
  'payload-too-large': 'That is too much text.',
  'not-found': 'Not found.',
};

/** "must not contain …" -> "must not contain ….": a reason ends like a sentence. */
function sentence(text) {
  const trimmed = text.trim();
  return /[.!?]$/.test(trimmed) ? trimmed : `${trimmed}.`;
}

/**
 * The reasons a `validation-failed` answer gives per field ({name: "must not contain …"}), as
 * "Name: must not contain …." (one sentence per field); null when it gives none.
 */
export function fieldReasons(problem) {
  const errors = problem?.errors;
  if (problem?.code !== 'validation-failed' || !errors || typeof errors !== 'object') {
    return null;
  }
  const reasons = Object.entries(errors)
    .filter(([, reason]) => typeof reason === 'string' && reason.trim())
    .map(([field, reason]) => `${field.charAt(0).toUpperCase()}${field.slice(1)}: ${sentence(reason)}`);
  return reasons.length > 0 ? reasons.join(' ') : null;
}

/** A sentence for the user; falls back to the problem's own detail. */
export function messageFor(problem) {
  if (!problem) {
    return 'Something went wrong. Try again.';
  }
  const code = problem.code;
  const reasons = fieldReasons(problem);
  if (reasons) {
    return reasons;
  }
  if (code === 'rate-limited') {
    const seconds = Number(problem.retryAfterSeconds);
    return Number.isFinite(seconds) && seconds > 0
      ? `Too many attempts. Try again in ${seconds} second${seconds === 1 ? '' : 's'}.`
      : 'Too many attempts. Try again later.';
  }
  if (code === 'otp-invalid') {
    const left = Number(problem.attemptsLeft);
    if (Number.isFinite(left)) {
      return left > 0
        ? `That code is not right. ${left} attempt${left === 1 ? '' : 's'} left.`
        : 'That code is not right, and no attempts are left.';
    }
    return 'That code is not right.';
  }
  if (MESSAGES[code]) {
    return MESSAGES[code];
  }
  if (typeof problem.detail === 'string' && problem.detail.length > 0) {
    return problem.detail;
  }
  return 'Something went wrong. Try again.';
}
