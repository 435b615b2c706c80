// The sign-in page's notice after another page sent the user there (pure): the pages say why in a
// query parameter, the sign-in page shows the sentence in its notice region.

/** Where the dashboard goes after the account was deleted. */
export const AFTER_DELETION = '/?deleted=1';

/** Where the dashboard sends a user whose sign-in is too old to delete the account. */
export const SIGN_IN_TO_DELETE = '/?reauth=1';

/** Where the accounts page sends an administrator whose sign-in is too old to erase an account. */
export const SIGN_IN_TO_ERASE = '/?reauth=erase';

/**
 * The notice for the sign-in page's query string ("?signedOut=1"), or null: {text, kind}, kind
 * as the page's say() takes it. One at a time; a deletion says more than a sign-out.
 */
export function signInNotice(search) {
  const params = new URLSearchParams(search ?? '');
  if (params.get('deleted') === '1') {
    return { text: 'Your account is deleted.', kind: 'ok' };
  }
  if (params.get('reauth') === 'erase') {
    return {
      text: 'Sign in again, then open Insights → Erasure to erase the account (an unfinished erasure is remembered in this tab).',
      kind: 'info',
    };
  }
  if (params.get('reauth') === '1') {
    return { text: 'Sign in again, then delete your account from your dashboard.', kind: 'info' };
  }
  if (params.get('signedOut') === '1') {
    return { text: 'You are signed out.', kind: 'info' };
  }
  if (params.get('registered') === '1') {
    return { text: 'Your account is ready. Sign in.', kind: 'ok' };
  }
  return null;
}
