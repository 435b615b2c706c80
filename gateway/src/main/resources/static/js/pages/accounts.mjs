// Accounts (administrators): erase a hosted account on the person's request. The username is typed,
// a dialog confirms it; one request at a time. The dialog stays open with the reason when nothing
// (or perhaps nothing) was erased, when the administrator must sign in again, or when an erasure
// started but did not finish (503 erasure-incomplete: pressing again sends the user id it named).

import { api } from '/sdk/v1/api.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import {
  erasedMessage,
  erasureOutcome,
  erasureRequest,
  pageAccess,
} from '../lib/account-erasure.mjs';
import { $, say, setBusy } from '../lib/dom.mjs';
import { signOutWith } from '../lib/sign-out.mjs';

const ERASURES = '/api/admin/account-erasures';
const error = $('#error');
const notice = $('#notice');
const section = $('#erase');
const form = $('#erase-form');
const username = $('#username');
const dialog = $('#erase-dialog');
const confirmForm = $('#erase-confirm');
const submit = $('#erase-submit');
const reauth = $('#erase-reauth');
const dialogError = $('#erase-error');

/** The username the open dialog is about, and the user id a started erasure named. */
let target = '';
let pendingUserId = null;
let erasing = false;

signOutWith($('#logout'));
// a sign-in too old to erase: this button signs out and goes to sign in again
signOutWith(reauth, dialogError);

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

form.addEventListener('submit', (event) => {
  event.preventDefault();
  say(notice, '');
  say(error, '');
  clearUsernameMark();
  const typed = username.value.trim();
  if (!typed) {
    markUsername('Type the username of the account to erase.');
    return;
  }
  if (dialog.open) {
    return;
  }
  target = typed;
  pendingUserId = null;
  $('#erase-username').textContent = typed;
  say(dialogError, '');
  showReauth(false);
  dialog.showModal();
  submit.focus();
});

$('#erase-cancel').addEventListener('click', () => dialog.close());
dialog.addEventListener('cancel', (event) => {
  if (erasing) {
    event.preventDefault(); // Esc while the request is on its way: its answer is shown here
  }
});
dialog.addEventListener('close', () => {
  if (!notice.hidden) {
    notice.focus();
  } else if (username.getAttribute('aria-invalid') !== 'true') {
    username.focus();
  }
});

confirmForm.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (erasing || submit.hidden) {
    return;
  }
  erasing = true;
  setBusy(confirmForm, true);
  say(dialogError, '');
  const outcome = erasureOutcome(await api('POST', ERASURES, erasureRequest(target, pendingUserId)), messageFor);
  erasing = false;
  setBusy(confirmForm, false);
  if (outcome.kind === 'erased') {
    pendingUserId = null;
    username.value = '';
    say(notice, erasedMessage(target, outcome), 'ok');
    dialog.close();
    return;
  }
  if (outcome.kind === 'not-found') {
    dialog.close();
    markUsername(outcome.message);
    return;
  }
  if (outcome.kind === 'reauthenticate') {
    showReauth(true);
    say(dialogError, outcome.message, 'error');
    reauth.focus();
    return;
  }
  if (outcome.kind === 'incomplete') {
    pendingUserId = outcome.userId;
  }
  say(dialogError, outcome.message, 'error');
  dialogError.focus();
});

async function init() {
  const access = pageAccess(await api('GET', '/api/me'));
  if (!access.allowed) {
    say(error, access.message, 'error');
    return;
  }
  section.hidden = false;
  username.focus();
}

init();
