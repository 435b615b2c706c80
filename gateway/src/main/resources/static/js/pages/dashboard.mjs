// Dashboard: welcome, the SDK's <passbridge-passkey-list> (rename, delete, Signal API) and, right
// after a password login, its <passbridge-append> (silent conditional create, or the prompt with
// "Add a passkey" / "Not now"), logout. The page shows the elements' messages in its own live
// regions (a refused rename: the service's reason, which the element's error event says) and keeps
// the empty-list sentence in step with the upgrade; the Insights link is shown to admins only.
// At the end, "Delete your account": a dialog where the user types their username to confirm,
// DELETE /api/me, then the password manager is told the passkeys are gone (Signal API) and the
// sign-in page says so.

import '/sdk/v1/passbridge.js';
import { api } from '/sdk/v1/api.mjs';
import { emptyListText } from '/sdk/v1/passkeys.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import { signalAcceptedCredentials } from '/sdk/v1/webauthn.mjs';
import { confirmsUsername, deletionOutcome, settleWithin, SIGNAL_WAIT_MS } from '../lib/account-deletion.mjs';
import { $, goInstead, loadConfig, rpId, say, setBusy, store } from '../lib/dom.mjs';
import { AFTER_DELETION, SIGN_IN_TO_DELETE } from '../lib/notices.mjs';
import { isAdmin } from '../lib/session.mjs';
import { signOutWith } from '../lib/sign-out.mjs';

const error = $('#error');
const notice = $('#notice');
const list = $('#passkeys');
const upgrade = $('#upgrade');
let me = null;
let passkeyCount = null; // null until the list is loaded
let upgradeState = 'idle'; // 'idle' | 'offering' | 'declined' | 'failed'

/** The empty-list sentence follows the upgrade state: one place for it. */
function renderEmptyList() {
  const empty = $('#no-passkeys');
  empty.textContent = emptyListText(upgradeState);
  empty.hidden = passkeyCount !== 0;
}

function setUpgradeState(next) {
  upgradeState = next;
  renderEmptyList();
}

/** One message at a time: a new error replaces a notice and the other way round. */
function showError(message) {
  say(notice, '');
  say(error, message, 'error');
}

function showNotice(message, kind) {
  say(error, '');
  say(notice, message, kind);
}

/** Signed out: the sign-in page instead of this one, so Back does not come here again. */
function signedOut() {
  goInstead('/?signedOut=1');
}

async function loadMe() {
  const result = await api('GET', '/api/me');
  if (result.status === 401) {
    signedOut();
    return null;
  }
  if (!result.ok) {
    $('#loading').hidden = true; // nothing more is coming
    showError(messageFor(result.problem));
    return null;
  }
  me = result.data;
  $('#welcome').textContent = `Welcome, ${me.displayName || me.username}`;
  $('#insights-link').hidden = !isAdmin(me);
  $('#delete-account').hidden = false;
  return me;
}

/**
 * The WebAuthn user handle of the signed-in user, for the Signal API: from /api/me when it carries
 * one, else from the last ceremony in this tab (the creation options of the upgrade, or the
 * assertion of a passkey login), remembered per user id. The list element also takes it from the
 * passkey list answer when the service includes it.
 */
function currentUserHandle() {
  const key = me?.userId ? `pb.userHandle.${me.userId}` : null;
  const known = [me?.userHandle, me?.webAuthnUserId, store.get('userHandle')].find(
    (value) => typeof value === 'string' && value.length > 0,
  );
  if (known && key) {
    localStorage.setItem(key, known);
    return known;
  }
  return known ?? (key ? localStorage.getItem(key) : null);
}

/** The list again, with what the Signal API calls need as attributes; null after an error event. */
async function loadPasskeys() {
  const handle = currentUserHandle();
  if (handle) {
    list.setAttribute('user-handle', handle);
  }
  list.setAttribute('rp-id', await rpId());
  if (me?.username) {
    list.setAttribute('user-name', me.username);
    list.setAttribute('display-name', me.displayName || me.username);
  }
  return list.reload();
}

list.addEventListener('passbridge:listed', (event) => {
  $('#loading').hidden = true;
  passkeyCount = event.detail.count;
  renderEmptyList();
});
list.addEventListener('passbridge:renamed', (event) => {
  // the element has put the focus on the renamed passkey's Rename button
  event.preventDefault();
  showNotice(`Renamed to “${event.detail.name}”.`, 'ok');
});
list.addEventListener('passbridge:deleted', (event) => {
  event.preventDefault();
  showNotice(`Deleted “${event.detail.name}”.`, 'ok');
  $('#passkeys-heading').focus();
});
list.addEventListener('passbridge:error', (event) => {
  event.preventDefault();
  if (event.detail.status === 401) {
    signedOut();
    return;
  }
  if (event.detail.stage === 'list') {
    $('#loading').hidden = true;
  }
  showError(event.detail.message);
  // a rename or delete of a passkey gone meanwhile redraws the list first: the control that had
  // the focus went with it, so the focus goes to the message
  if (!document.activeElement || document.activeElement === document.body) {
    error.focus();
  }
});

upgrade.addEventListener('passbridge:appended', async (event) => {
  event.preventDefault();
  if (event.detail.userHandle) {
    store.set('userHandle', event.detail.userHandle);
  }
  setUpgradeState('idle');
  showNotice('Your passkey is ready. Next time, sign in with it.', 'ok');
  await loadPasskeys();
});
upgrade.addEventListener('passbridge:dismissed', (event) => {
  event.preventDefault();
  setUpgradeState('declined');
});
upgrade.addEventListener('passbridge:skipped', (event) => {
  event.preventDefault();
  setUpgradeState('idle'); // nothing was shown to the user
});
upgrade.addEventListener('passbridge:error', (event) => {
  event.preventDefault();
  if (event.detail.status === 401) {
    signedOut(); // the session ended meanwhile (a sign-out in another tab): as the list does
    return;
  }
  if (event.detail.stage === 'decision') {
    setUpgradeState('idle'); // no offer on this visit
  } else if (event.detail.code === 'credential-exists') {
    setUpgradeState('idle');
    showNotice(event.detail.message, 'info');
  } else {
    setUpgradeState('failed');
    showError(event.detail.message);
  }
});

// The prompt is a modal dialog; when it closes the focus returns to what had it before, which
// right after the page loaded is nothing. Once the upgrade has ended, the focus goes to the
// passkeys, where its outcome shows (the new passkey, or the sentence that the password works).
let promptClosed = false;
upgrade.addEventListener('close', () => (promptClosed = true), true); // 'close' does not bubble

function focusAfterPrompt() {
  const active = document.activeElement;
  if (promptClosed && (!active || active === document.body)) {
    $('#passkeys-heading').focus();
  }
}

signOutWith($('#logout'));

// Delete your account: the dialog's button works only once the username is typed; one request at a
// time; the dialog stays open with the reason when the account was not (or perhaps not) deleted, or
// when its deletion started but did not finish (503 erasure-incomplete: pressing again finishes it).
const deleteOpen = $('#delete-account-open');
const deleteDialog = $('#delete-account-dialog');
const deleteForm = $('#delete-account-form');
const deleteConfirm = $('#delete-account-confirm');
const deleteSubmit = $('#delete-account-submit');
const deleteError = $('#delete-account-error');
const deleteReauth = $('#delete-account-reauth');
let deleting = false;

// a sign-in too old to delete the account: this button signs out and goes to sign in again
signOutWith(deleteReauth, deleteError, SIGN_IN_TO_DELETE);

let mustSignInAgain = false;

/**
 * The dialog's buttons: Delete, or (the sign-in too old) Sign in again instead; then the hidden
 * Delete button is disabled too, so Enter in the field (a form's implicit submission) sends nothing.
 */
function showReauth(shown) {
  mustSignInAgain = shown;
  deleteReauth.hidden = !shown;
  deleteSubmit.hidden = shown;
  renderDeleteButton();
}

function renderDeleteButton() {
  deleteSubmit.disabled = deleting || mustSignInAgain || !confirmsUsername(deleteConfirm.value, me?.username);
}

/** The account is gone: this browser forgets its WebAuthn user handle. */
function forgetUserHandle() {
  store.remove('userHandle');
  if (me?.userId) {
    localStorage.removeItem(`pb.userHandle.${me.userId}`);
  }
}

/**
 * Tells the password manager that none of the user's passkeys is accepted any more, so it can hide
 * them (signalAllAcceptedCredentials with an empty list; nothing where the browser lacks it).
 */
async function hidePasskeysOf(userHandle) {
  if (userHandle) {
    await signalAcceptedCredentials(await rpId(), userHandle, [], globalThis.PublicKeyCredential);
  }
}

/**
 * A failure, or an erasure that started but did not finish, keeps the dialog open with its message,
 * focused, and the button usable with the typed username; closed meanwhile, the page's alert.
 */
function deletionFailed(message) {
  deleting = false;
  setBusy(deleteForm, false);
  renderDeleteButton();
  if (deleteDialog.open) {
    say(deleteError, message, 'error');
    deleteError.focus();
  } else {
    showError(message);
    error.focus();
  }
}

deleteOpen.addEventListener('click', () => {
  if (!me?.username || deleteDialog.open) {
    return;
  }
  $('#delete-account-username').textContent = me.username;
  deleteConfirm.value = '';
  say(deleteError, '');
  showReauth(false);
  renderDeleteButton();
  deleteDialog.showModal();
  deleteConfirm.focus();
});
deleteConfirm.addEventListener('input', renderDeleteButton);
$('#delete-account-cancel').addEventListener('click', () => deleteDialog.close());
deleteDialog.addEventListener('cancel', (event) => {
  if (deleting) {
    event.preventDefault(); // Esc while the request is on its way: its answer is shown here
  }
});
deleteDialog.addEventListener('close', () => deleteOpen.focus());

deleteForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (deleting || mustSignInAgain || !confirmsUsername(deleteConfirm.value, me?.username)) {
    return;
  }
  deleting = true;
  setBusy(deleteForm, true);
  say(deleteError, '');
  const userHandle = currentUserHandle();
  const outcome = deletionOutcome(await api('DELETE', '/api/me'), messageFor);
  if (outcome.kind === 'deleted') {
    forgetUserHandle();
    await settleWithin(() => hidePasskeysOf(userHandle), SIGNAL_WAIT_MS);
    goInstead(AFTER_DELETION); // Back does not come to the deleted account's page
    return;
  }
  if (outcome.kind === 'signed-out') {
    signedOut();
    return;
  }
  if (outcome.kind === 'reauthenticate' && deleteDialog.open) {
    deleting = false;
    setBusy(deleteForm, false);
    showReauth(true);
    say(deleteError, outcome.message, 'error');
    deleteReauth.focus();
    return;
  }
  // 'incomplete': the user handle is kept, the press that finishes it (202) still needs it
  deletionFailed(outcome.message);
});

async function init() {
  const user = await loadMe();
  if (!user) {
    return;
  }
  const offer = store.get('upgrade');
  store.remove('upgrade');
  if (offer) {
    upgradeState = 'offering'; // until the decision says otherwise
  }
  await loadPasskeys();
  if (offer) {
    const config = await loadConfig();
    upgrade.setAttribute('conditional-timeout', String(config.conditionalCreateTimeoutMs ?? 10000));
    await upgrade.run();
    if (upgradeState === 'offering') {
      setUpgradeState('idle'); // no offer after all
    }
    focusAfterPrompt();
  }
}

// Back to this page from the back-forward cache (after signing out, say): no load, so the session
// is checked again, and a signed-out browser goes to the sign-in page instead of a stale account.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    loadMe();
  }
});

init();
