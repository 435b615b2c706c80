// OTP page: enter the SMS code, resend with a countdown, then the session and the dashboard.
// All texts come from one state through otpView(); handlers change the state and call render().

import { api, createSession } from '/sdk/v1/api.mjs';
import { deadlineFromRetryAfter, secondsLeft, startCountdown } from '../lib/countdown.mjs';
import { $, go, goInstead, loadConfig, say, store } from '../lib/dom.mjs';
import { ENDING_PROBLEMS, normaliseCode, otpView, resendOutcome, submitCheck, unanswered } from '../lib/otp.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';

const login = store.get('login');
if (!login || !login.loginId) {
  go('/');
}

const form = $('#otp-form');
const code = $('#code');
const submit = $('#submit');
const attempts = $('#attempts');
const resend = $('#resend');
const resendWait = $('#resend-wait');
let stopCountdown = () => {};

const state = {
  otp: login?.otp ?? null,
  phase: 'entering',
  attemptsLeft: null,
  resendSecondsLeft: 0,
  resendsExhausted: false,
  resending: false,
  error: '',
  notice: '',
  rejectedCode: null, // the last code the service refused: not sent again unchanged
  // kept in the tab's store too, so a reload does not forget them:
  codeAccepted: Boolean(login?.codeAccepted), // the service took the code: a retry asks for the session only
  verifyUnanswered: Boolean(login?.verifyUnanswered), // a code went out, no answer came back: it may have been taken
};

/** Changes the state and keeps what a reload must not forget in the tab's store. */
function remember(changes) {
  Object.assign(login, {
    codeAccepted: changes.codeAccepted ?? state.codeAccepted,
    verifyUnanswered: changes.verifyUnanswered ?? state.verifyUnanswered,
  });
  store.set('login', login);
  update(changes);
}

function render() {
  const view = otpView(state);
  $('#sent-to').textContent = view.sentTo;
  const time = $('#expires');
  if (view.expiresAt) {
    time.dateTime = view.expiresAt.toISOString();
    time.textContent = view.expiresAt.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
  }
  $('#code-help').hidden = !view.expiresAt;
  // a live region, never hidden: one that is hidden until it has text is not announced when it
  // gets it (the field keeps the focus after a wrong code, so the count is heard only from here)
  attempts.textContent = view.attempts;
  code.disabled = !view.formEnabled;
  submit.disabled = !view.formEnabled;
  form.setAttribute('aria-busy', state.phase === 'verifying' ? 'true' : 'false');
  resend.hidden = !view.resendVisible;
  resend.disabled = !view.resendEnabled;
  resendWait.textContent = view.resendWait;
  say($('#error'), view.error, 'error');
  say($('#notice'), view.notice, state.phase === 'accepted' ? 'ok' : 'info');
}

function update(changes) {
  Object.assign(state, changes);
  render();
}

function waitBeforeResend(deadline) {
  stopCountdown();
  stopCountdown = startCountdown({
    deadline,
    onTick: (left) => update({ resendSecondsLeft: left }),
    onDone: () => update({ resendSecondsLeft: 0 }),
  });
}

/**
 * A problem that ends this sign-in: one message, nothing left to do but start again (where the
 * focus goes, so it is not lost with the disabled field). The tab remembers it, so a reload shows
 * the same instead of a form that only the next try would call locked.
 */
function end(problem) {
  stopCountdown();
  const message = messageFor(problem);
  store.set('login', { ...login, ended: { code: problem?.code ?? null, detail: message } });
  update({ phase: 'ended', resendSecondsLeft: 0, resending: false, notice: '', error: message });
  $('#start-again').focus();
}

async function init() {
  if (login.ended) {
    render();
    end(login.ended); // the stored {code, detail} reads as the problem it came from
    return;
  }
  if (state.codeAccepted) {
    // reloaded after the code was taken and the session exchange failed: only that is left
    render();
    await finishSignIn();
    return;
  }
  const config = await loadConfig();
  const startedAt = Number(login.startedAt) || Date.now();
  render();
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


/**
 * The code was accepted: the session, then the dashboard. A failure leaves the code accepted, so
 * Continue asks for the session again instead of sending a code the service has used up (it would
 * answer otp-expired and end a sign-in that is complete).
 */
async function finishSignIn() {
  stopCountdown();
  remember({ phase: 'accepted', codeAccepted: true, resendSecondsLeft: 0, error: '', notice: 'Code accepted. Signing you in…' });
  const session = await createSession(login.loginId);
  if (sessionDone(session)) {
    return;
  }
  update({
    phase: 'entering',
    notice: '',
    error: `${messageFor(session.problem)} Your code was accepted: press Continue to finish signing in.`,
  });
  submit.focus();
}

/**
 * After a code whose answer was lost: the session exchange says whether the login is complete (an
 * incomplete one answers login-not-completed after its wait, up to ~5 s, and nothing changes).
 * True when that ended this page (the session, or an ending problem).
 */
async function completedMeanwhile() {
  update({ notice: 'Checking whether your code went through…' });
  if (sessionDone(await createSession(login.loginId, { attempts: 1 }))) {
    return true;
  }
  update({ notice: '' });
  return false;
}

/**
 * otp-expired (from verify or resend) after a code went out without an answer: that code may have
 * been the one taken (the service ends a code once it is used). True when the login was complete.
 */
async function takenBefore(problem) {
  return problem?.code === 'otp-expired' && state.verifyUnanswered && (await completedMeanwhile());
}

/**
 * The session exchange's answer, when it ends this page: the session (on to the dashboard), one an
 * earlier try got whose answer was lost (login-already-used: the dashboard shows the session, or
 * sends a browser without the cookie to the sign-in page), or a problem that ends the sign-in.
 */
function sessionDone(session) {
  if (session.ok || session.problem?.code === 'login-already-used') {
    store.remove('login');
    store.set('upgrade', true);
    // this page is done with: Back from the dashboard skips it (it would show a used code)
    goInstead('/dashboard.html');
    return true;
  }
  if (ENDING_PROBLEMS.includes(session.problem?.code)) {
    end(session.problem);
    return true;
  }
  return false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  if (state.codeAccepted) {
    if (state.phase === 'entering') {
      await finishSignIn();
    }
    return;
  }
  const value = normaliseCode(code.value);
  const check = submitCheck(value, state);
  if (!check.send) {
    if (check.error) {
      code.setAttribute('aria-invalid', 'true');
      update({ error: check.error, notice: '' });
      code.focus();
    }
    return;
  }
  // a reload (or a discarded tab) while the code is out must not forget it went: the service may
  // take it, and then the same code answers otp-expired for a sign-in that is complete
  const unansweredBefore = state.verifyUnanswered;
  remember({ phase: 'verifying', error: '', notice: '', verifyUnanswered: true });
  const verify = await api('POST', '/api/otp/verify', { loginId: login.loginId, code: value });
  if (unanswered(verify)) {
    // the answer was lost, not necessarily the request: if the code was taken, the login is
    // complete and the session comes at once; if not, the service says login-not-completed and
    // the same code may be sent again
    remember({ verifyUnanswered: true });
    if (await completedMeanwhile()) {
      return;
    }
    update({ phase: 'entering', error: messageFor(verify.problem) });
    code.focus();
    return;
  }
  if (!verify.ok) {
    const problem = verify.problem;
    remember({ verifyUnanswered: unansweredBefore }); // answered: this code was not taken
    if (problem?.code === 'otp-invalid') {
      code.setAttribute('aria-invalid', 'true'); // only a wrong code is one: not an outage or a limit
    }
    if (await takenBefore(problem)) {
      return;
    }
    if (problem?.code === 'otp-invalid') {
      remember({ verifyUnanswered: false }); // the code is still there: none was taken
    }
    if (ENDING_PROBLEMS.includes(problem?.code)) {
      end(problem);
      return;
    }
    const left = Number(problem?.attemptsLeft);
    update({
      phase: 'entering',
      rejectedCode: problem?.code === 'otp-invalid' ? value : state.rejectedCode,
      attemptsLeft: problem?.code === 'otp-invalid' && Number.isFinite(left) ? left : state.attemptsLeft,
      // the count is on the attempts line (announced as it changes), said once
      error: problem?.code === 'otp-invalid' ? 'That code is not right.' : messageFor(problem),
    });
    code.focus();
    code.select();
    return;
  }
  await finishSignIn();
});

// Restored from the back-forward cache after this sign-in was completed (its login is no longer
// in the tab's store): the page would show "Code accepted" with nothing left to do; the dashboard
// knows whether the session is still there (and sends a signed-out browser to the sign-in page).
window.addEventListener('pageshow', (event) => {
  if (event.persisted && !store.get('login')) {
    goInstead('/dashboard.html');
  }
});

resend.addEventListener('click', async () => {
  if (state.phase !== 'entering') {
    return;
  }
  update({ resending: true, error: '', notice: '' });
  const result = await api('POST', '/api/otp/resend', { loginId: login.loginId });
  const config = await loadConfig();
  const cooldown = config.otpResendCooldownSeconds ?? 30;
  if (result.ok) {
    const sent = resendOutcome(result.data, Date.now(), cooldown);
    if (sent.otp) {
      login.otp = { ...login.otp, ...sent.otp };
      store.set('login', login);
    }
    code.value = '';
    code.removeAttribute('aria-invalid');
    remember({ verifyUnanswered: false }); // a new code was issued: the unanswered one was not taken
    update({
      otp: login.otp,
      rejectedCode: null,
      resending: false,
      attemptsLeft: null,
      resendsExhausted: !sent.canResendAgain,
      resendSecondsLeft: sent.canResendAgain ? secondsLeft(sent.nextResendAt, Date.now()) : 0,
      notice: 'We sent you a new code.',
    });
    if (sent.canResendAgain) {
      waitBeforeResend(sent.nextResendAt);
    } else {
      stopCountdown();
    }
    code.focus();
    return;
  }
  const problem = result.problem;
  if (await takenBefore(problem)) {
    return;
  }
  if (ENDING_PROBLEMS.includes(problem?.code)) {
    end(problem);
  } else if (problem?.code === 'otp-resend-limit') {
    stopCountdown();
    update({ resending: false, resendsExhausted: true, resendSecondsLeft: 0 });
  } else if (problem?.code === 'otp-resend-cooldown' || problem?.code === 'rate-limited') {
    update({ resending: false, error: messageFor(problem) });
    waitBeforeResend(deadlineFromRetryAfter(result.retryAfter, Date.now(), cooldown));
  } else if (unanswered(result)) {
    // the request may have reached the service: a new code may be on its way, and then only the
    // newest one works
    update({
      resending: false,
      rejectedCode: null,
      error: `${messageFor(problem)} A new code may still arrive: if it does, use the newest one.`,
    });
    waitBeforeResend(Date.now() + cooldown * 1000);
  } else {
    update({ resending: false, error: messageFor(problem) });
  }
});

// the button starts disabled: pressed before this module ran, the form would have been posted to the
// page itself (a 405), not to the service; from here on render() decides
submit.disabled = false;
if (login && login.loginId) {
  init();
}
