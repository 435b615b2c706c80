// The account page: says what Passbridge's <passbridge-passkey-list> did.
// Each handler cancels the event: the shop says it in its own words, and the element then says
// nothing itself (one message, announced once).
const notice = document.getElementById('notice');
const error = document.getElementById('error');

// Module scripts run in document order, Passbridge's SDK first: if its list is not defined by now,
// the SDK did not load (Passbridge unreachable, or refused by the browser), and the page says so
// instead of showing an empty section.
const list = document.querySelector('passbridge-passkey-list');
if (list && !customElements.get('passbridge-passkey-list')) {
  list.hidden = true;
  document.getElementById('passkeys-unavailable').hidden = false;
}

// "Delete my account" came back as a new page, the account still there: without the ticked box the
// focus goes to the box, marked invalid and described by the error; when Passbridge did not erase the
// account (or started but did not finish), to the error (an alert that is there when the page loads
// is not reliably announced).
const deleteConfirm = document.getElementById('delete-confirm');
const deleteError = document.getElementById('delete-error');
if (deleteConfirm.getAttribute('aria-invalid') === 'true') {
  deleteConfirm.focus();
} else if (deleteError.textContent.trim() !== '') {
  deleteError.focus();
}

/** One message at a time: a success in the status line, a refusal in the alert. */
function say(text, isError) {
  notice.textContent = isError ? '' : text;
  error.textContent = isError ? text : '';
}

document.addEventListener('passbridge:deleted', (event) => {
  event.preventDefault();
  say('Passkey deleted.', false);
  // the passkey's buttons went with it: the focus goes to the list's heading, not to nothing
  document.getElementById('passkeys-heading').focus();
});
document.addEventListener('passbridge:renamed', (event) => {
  event.preventDefault();
  say('Passkey renamed.', false);
});
document.addEventListener('passbridge:error', (event) => {
  event.preventDefault();
  // the element's reason when it has one (a name the service refused says why), else a general one
  say(event.detail?.message || 'That did not work. Try again.', true);
  // a rename or delete of a passkey gone meanwhile redraws the list first: the control that had
  // the focus went with it, so the focus goes to the message
  if (!document.activeElement || document.activeElement === document.body) {
    error.focus();
  }
});
