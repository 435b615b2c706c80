// Dev SMS inbox (local profile): shows the message otp-service "sent" for a login.

import { api } from '/sdk/v1/api.mjs';
import { inboxErrorText } from '../lib/dev-sms.mjs';
import { $, say } from '../lib/dom.mjs';

const form = $('#lookup-form');
const input = $('#login-id');
const error = $('#error');
const notice = $('#notice');
let poll = null;

async function lookup(loginId, attemptsLeft) {
  clearTimeout(poll);
  const result = await api('GET', `/api/dev/sms?loginId=${encodeURIComponent(loginId)}`);
  if (result.ok && result.data) {
    say(notice, '');
    say(error, '');
    $('#to').textContent = result.data.to ?? '';
    $('#text').textContent = result.data.text ?? '';
    $('#code').textContent = result.data.code ?? '';
    const sent = result.data.sentAt ? new Date(result.data.sentAt) : null;
    $('#sent-at').textContent = sent && !Number.isNaN(sent.getTime()) ? sent.toLocaleString() : '';
    $('#message').hidden = false;
    return;
  }
  $('#message').hidden = true;
  if (result.status === 404 && attemptsLeft > 0) {
    say(notice, 'No message yet, waiting…', 'info');
    poll = setTimeout(() => lookup(loginId, attemptsLeft - 1), 1500);
    return;
  }
  say(notice, '');
  say(error, inboxErrorText(result.status), 'error');
  if (result.status === 400 || result.status === 414) {
    input.setAttribute('aria-invalid', 'true');
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  const loginId = input.value.trim();
  input.removeAttribute('aria-invalid');
  if (!loginId) {
    say(error, 'Enter a login id.', 'error');
    input.focus();
    return;
  }
  history.replaceState(null, '', `?loginId=${encodeURIComponent(loginId)}`);
  lookup(loginId, 10);
});

const initial = new URLSearchParams(window.location.search).get('loginId');
if (initial) {
  input.value = initial;
  lookup(initial, 10);
}
