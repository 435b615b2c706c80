// OTP page: enter the SMS code, resend with a countdown, then the session and the dashboard.

import { api, createSession } from '../lib/api.mjs';
import { deadlineFromRetryAfter, formatSeconds, startCountdown } from '../lib/countdown.mjs';
import { $, go, loadConfig, say, setBusy, store } from '../lib/dom.mjs';
import { isCompleteCode, normaliseCode, resendOutcome, sentToText } from '../lib/otp.mjs';
import { messageFor } from '../lib/problems.mjs';

const login = store.get('login');
if (!login || !login.loginId) {
  go('/');
}

const form = $('#otp-form');
const code = $('#code');
const error = $('#error');
const notice = $('#notice');
const attempts = $('#attempts');
const resend = $('#resend');
const resendWait = $('#resend-wait');
let stopCountdown = () => {};

function showExpiry(otp) {
  $('#sent-to').textContent = sentToText(otp);
  const expires = otp?.expiresAt ? new Date(otp.expiresAt) : null;
  if (expires && !Number.isNaN(expires.getTime())) {
    const time = $('#expires');
    time.dateTime = expires.toISOString();
    time.textContent = expires.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
    $('#code-help').hidden = false;
  }
}

function waitBeforeResend(deadline) {
  stopCountdown();
  resend.disabled = true;
  stopCountdown = startCountdown({
    deadline,
    onTick: (left) => {
      resendWait.textContent = `available in ${formatSeconds(left)}`;
    },
    onDone: () => {
      resend.disabled = false;
      resendWait.textContent = '';
    },
  });
}

async function init() {
  const config = await loadConfig();
  showExpiry(login.otp);
  const startedAt = Number(login.startedAt) || Date.now();
  waitBeforeResend(startedAt + (config.otpResendCooldownSeconds ?? 30) * 1000);
  if (config.devTools) {
    const link = $('#dev-inbox-link');
    link.href = `/dev-sms.html?loginId=${encodeURIComponent(login.loginId)}`;
    $('#dev-inbox').hidden = false;
  }
  code.focus();
}

code.addEventListener('input', () => {
  const digits = normaliseCode(code.value);
  if (digits !== code.value) {
    code.value = digits;
  }
  code.removeAttribute('aria-invalid');
});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  say(error, '');
  const value = normaliseCode(code.value);
  if (!isCompleteCode(value)) {
    code.setAttribute('aria-invalid', 'true');
    say(error, 'Enter the 6 digits from the message.', 'error');
    code.focus();
    return;
  }
  setBusy(form, true);
  const verify = await api('POST', '/api/otp/verify', { loginId: login.loginId, code: value });
  if (!verify.ok) {
    setBusy(form, false);
    const problem = verify.problem;
    if (problem?.code === 'otp-invalid' && Number.isFinite(Number(problem.attemptsLeft))) {
      attempts.textContent = `${problem.attemptsLeft} attempt${Number(problem.attemptsLeft) === 1 ? '' : 's'} left.`;
      attempts.hidden = false;
    }
    if (['otp-locked', 'otp-expired', 'login-expired'].includes(problem?.code)) {
      form.querySelector('button[type="submit"]').disabled = true;
      code.disabled = true;
      resend.disabled = true;
      stopCountdown();
    }
    code.setAttribute('aria-invalid', 'true');
    say(error, messageFor(problem), 'error');
    code.select();
    return;
  }
  say(notice, 'Code accepted. Signing you in…', 'ok');
  const session = await createSession(login.loginId);
  if (!session.ok) {
    setBusy(form, false);
    say(notice, '');
    say(error, messageFor(session.problem), 'error');
    return;
  }
  store.remove('login');
  store.set('upgrade', true);
  go('/dashboard.html');
});

resend.addEventListener('click', async () => {
  say(error, '');
  resend.disabled = true;
  const result = await api('POST', '/api/otp/resend', { loginId: login.loginId });
  const config = await loadConfig();
  const cooldown = config.otpResendCooldownSeconds ?? 30;
  if (result.ok) {
    const sent = resendOutcome(result.data, Date.now(), cooldown);
    if (sent.otp) {
      login.otp = { ...login.otp, ...sent.otp };
      store.set('login', login);
      showExpiry(login.otp);
    }
    attempts.hidden = true;
    say(notice, 'We sent you a new code.', 'ok');
    code.value = '';
    code.focus();
    if (sent.canResendAgain) {
      waitBeforeResend(sent.nextResendAt);
    } else {
      stopCountdown();
      resendWait.textContent = 'That was the last new code for this sign-in.';
    }
    return;
  }
  say(error, messageFor(result.problem), 'error');
  if (result.problem?.code === 'otp-resend-cooldown' || result.problem?.code === 'rate-limited') {
    waitBeforeResend(deadlineFromRetryAfter(result.retryAfter, Date.now(), cooldown));
  } else if (result.status === 0 || result.status >= 500) {
    resend.disabled = false;
  }
});

if (login && login.loginId) {
  init();
}
