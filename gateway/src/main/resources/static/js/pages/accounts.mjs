// Accounts (administrators): erase a hosted account on the person's request. The username is typed,
// a dialog confirms it (the focus on Cancel, so Enter twice erases nothing); one request at a time.
// The dialog stays open with the reason when nothing (or perhaps nothing) was erased, when the
// administrator must sign in again, or when an erasure started but did not finish (503
// erasure-incomplete): that one is remembered in this tab ({name, userId}), so the next Erase for
// the same name sends the user id it named, after a cancelled dialog, a reload or a new sign-in too.

import { api } from '/sdk/v1/api.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import {
  PENDING_NOTICE,
  erasedMessage,
  erasureOutcome,
  erasureRequest,
  nameKey,
  pageAccess,
} from '../lib/account-erasure.mjs';
import { $, goInstead, say, setBusy, store } from '../lib/dom.mjs';
import { SIGN_IN_TO_ERASE } from '../lib/notices.mjs';
import { signOutWith } from '../lib/sign-out.mjs';

const ERASURES = '/api/admin/account-erasures';
const PENDING = 'pendingErasure';
const error = $('#error');
const notice = $('#notice');
const section = $('#erase');
const form = $('#erase-form');
const username = $('#username');
const dialog = $('#erase-dialog');
const confirmForm = $('#erase-confirm');
const submit = $('#erase-submit');
const cancel = $('#erase-cancel');
const reauth = $('#erase-reauth');
const dialogError = $('#erase-error');

/** The username the open dialog is about. */
let target = '';
let erasing = false;

signOutWith($('#logout'));
// a sign-in too old to erase: this button signs out and goes to sign in again
signOutWith(reauth, dialogError, SIGN_IN_TO_ERASE);

function markUsername(message) {
  say(error, message, 'error');
  username.setAttribute('aria-invalid', 'true');
  username.setAttribute('aria-describedby', 'username-help error');
  username.focus();
}

function clearUsernameMark() {
  username.removeAttribute('aria-invalid');
  username.setAttribute('aria-describedby', 'username-help');
}

function showReauth(shown) {
  reauth.hidden = !shown;
  submit.hidden = shown;
  submit.disabled = shown;
}

username.addEventListener('input', () => {
  if (username.getAttribute('aria-invalid') === 'true') {
    clearUsernameMark();
  }
});

form.addEventListener('submit', (event) => {
  event.preventDefault();
  if (dialog.open || erasing) {
    return;
  }
  say(notice, '');
  say(error, '');
  clearUsernameMark();
  const typed = username.value.trim();
  if (!typed) {
    markUsername('Type the username of the account to erase.');
    return;
  }
  target = typed;
  $('#erase-username').textContent = typed;
  say(dialogError, '');
  showReauth(false);
  dialog.showModal();
  cancel.focus(); // not the destructive button: Enter twice must not erase
});

cancel.addEventListener('click', () => dialog.close());
dialog.addEventListener('cancel', (event) => {
  if (erasing) {
    event.preventDefault(); // Esc while the request is on its way (a browser may close it anyway)
  }
});
dialog.addEventListener('close', () => {
  if (erasing) {
    return; // the answer says where the focus goes
  }
  if (notice.textContent) {
    notice.focus();
  } else if (username.getAttribute('aria-invalid') !== 'true') {
    username.focus();
  }
});

/** A reason shown in the dialog, or in the page's alert when the dialog was closed meanwhile. */
function tell(message) {
  if (dialog.open) {
    say(dialogError, message, 'error');
    dialogError.focus();
  } else {
    say(error, message, 'error');
    error.focus();
  }
}

confirmForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (erasing || submit.hidden) {
    return;
  }
  const name = target;
  const pending = store.get(PENDING);
  erasing = true;
  setBusy(confirmForm, true);
  say(dialogError, '');
  const outcome = erasureOutcome(await api('POST', ERASURES, erasureRequest(name, pending)), messageFor);
  erasing = false;
  setBusy(confirmForm, false);
  if (outcome.kind === 'erased') {
    if (pending && nameKey(pending.name) === nameKey(name)) {
      store.remove(PENDING);
    }
    username.value = '';
    say(notice, erasedMessage(name, outcome), 'ok');
    if (dialog.open) {
      dialog.close();
    } else {
      notice.focus();
    }
    return;
  }
  if (outcome.kind === 'not-found') {
    if (dialog.open) {
      dialog.close();
    }
    markUsername(outcome.message);
    return;
  }
  if (outcome.kind === 'signed-out') {
    goInstead('/?signedOut=1'); // an unfinished erasure stays remembered in this tab
    return;
  }
  if (outcome.kind === 'reauthenticate') {
    showReauth(true);
    tell(outcome.message);
    if (dialog.open) {
      reauth.focus();
    }
    return;
  }
  if (outcome.kind === 'incomplete') {
    store.set(PENDING, { name, userId: outcome.userId });
  }
  tell(outcome.message);
});

async function init() {
  const access = pageAccess(await api('GET', '/api/me'), messageFor);
  if (!access.allowed) {
    say(error, access.message, 'error');
    return;
  }
  section.hidden = false;
  const pending = store.get(PENDING);
  if (pending?.name && pending?.userId) {
    username.value = pending.name;
    say(notice, PENDING_NOTICE, 'info');
  }
  username.focus();
}

// Back to this page from the back-forward cache (after signing out, say): no load, so the session
// is checked again before the form is offered.
window.addEventListener('pageshow', (event) => {
  if (event.persisted) {
    section.hidden = true;
    say(notice, '');
    init();
  }
});

init();
