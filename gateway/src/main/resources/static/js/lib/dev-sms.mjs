// The dev SMS inbox's texts (pure).

/**
 * What a failed GET /api/dev/sms?loginId= means for the user: 404 no message (yet), 400 or 414 a
 * login id the service cannot take (malformed, too long): the input is at fault, not the inbox.
 */
export function inboxErrorText(status) {
  if (status === 404) {
    return 'No message for this login.';
  }
  if (status === 400 || status === 414) {
    return 'This login id is not valid.';
  }
  return 'The inbox cannot be read right now.';
}
