// The one-time code field (digits only, six of them) and what the OTP page shows in each state.

import { formatSeconds } from './countdown.mjs';

export const CODE_LENGTH = 6;

/** Keeps the digits of what was typed or pasted ("123 456" -> "123456"), at most six. */
export function normaliseCode(text) {
  return String(text ?? '')
    .replace(/[^0-9]/g, '')
    .slice(0, CODE_LENGTH);
}

export function isCompleteCode(text) {
  return new RegExp(`^[0-9]{${CODE_LENGTH}}$`).test(String(text ?? ''));
}

/**
 * Whether a submit may send the code, or what to say instead: never while a code or a resend is
 * on its way (two requests at once would use two attempts), never an incomplete code, and never
 * the code the service has just refused (pressing Enter again would use up an attempt for nothing).
 * state: {phase, resending, rejectedCode}; answers {send: true} or {send: false, error}.
 */
export function submitCheck(code, state) {
  if ((state.phase ?? 'entering') !== 'entering' || state.resending) {
    return { send: false, error: null }; // busy: the answer on its way decides, nothing to add
  }
  if (!isCompleteCode(code)) {
    return { send: false, error: 'Enter the 6 digits from the message.' };
  }
  if (state.rejectedCode && code === state.rejectedCode) {
    return {
      send: false,
      error: 'That code was not right. Check the message and type the code again, or ask for a new one.',
    };
  }
  return { send: true };
}

/** "Sent by SMS to +49******0001" */
export function sentToText(otp) {
  if (!otp || !otp.maskedDestination) {
    return 'We sent you a code.';
  }
  const channel = String(otp.channel ?? 'SMS').toUpperCase() === 'SMS' ? 'SMS' : String(otp.channel);
  return `We sent a code by ${channel} to ${otp.maskedDestination}.`;
}

/**
 * What a successful POST /api/otp/resend means for the page: the new code's details, and when
 * (if at all) another code may be asked for. Reads {channel, maskedDestination, expiresAt,
 * resendsLeft, nextResendAt}; fields the service leaves out fall back to the configured cooldown.
 */
export function resendOutcome(data, nowMs, cooldownSeconds) {
  const otp =
    data && (data.expiresAt || data.maskedDestination)
      ? { channel: data.channel, maskedDestination: data.maskedDestination, expiresAt: data.expiresAt }
      : null;
  const next = data?.nextResendAt ? Date.parse(data.nextResendAt) : NaN;
  const left = Number(data?.resendsLeft);
  return {
    otp,
    canResendAgain: !(Number.isFinite(left) && left <= 0),
    nextResendAt: Number.isNaN(next) ? nowMs + cooldownSeconds * 1000 : Math.max(nowMs, next),
  };
}

/** The gateway's own answers when a service gave none: 502 bad-gateway, 504 upstream-timeout. */
const NO_ANSWER_PROBLEMS = Object.freeze(['bad-gateway', 'upstream-timeout']);

/**
 * No answer from the service: none at all (offline, timed out) or the gateway's 502/504 (the
 * service went away or answered too late). The request may have been done there or not. A 502 the
 * service sent itself (sms-rejected: the provider refused the message) is an answer.
 */
export function unanswered(result) {
  if (result.ok) {
    return false;
  }
  if (result.status === 0) {
    return true;
  }
  const code = result.problem?.code;
  return [502, 504].includes(result.status) && (!code || NO_ANSWER_PROBLEMS.includes(code));
}

/** Problem codes after which this sign-in cannot go on: the page says so and offers nothing else. */
export const ENDING_PROBLEMS = Object.freeze([
  'otp-locked',
  'otp-account-locked', // too many wrong codes across sign-ins: the account's code entry is locked
  'otp-expired',
  'login-expired',
  'login-locked', // the session call after the code was locked
  'login-started-elsewhere', // verify, resend or the session call from a browser that did not pass the password step
]);

/**
 * Everything the OTP page shows for one state, decided in one place so that no two texts can
 * disagree (no "1 attempt left." or a resend countdown next to "Too many wrong codes").
 *
 * state: {
 *   otp: {channel, maskedDestination, expiresAt} | null,
 *   phase: 'entering' | 'verifying' | 'accepted' | 'ended',
 *   attemptsLeft: number | null,    // from the last wrong code
 *   resendSecondsLeft: number,      // 0: a new code may be asked for now
 *   resendsExhausted: boolean,      // the service said no more new codes
 *   resending: boolean,
 *   codeAccepted: boolean,          // the code was taken; only the session exchange is left
 *   error: string, notice: string,
 * }
 */
export function otpView(state) {
  const phase = state.phase ?? 'entering';
  const live = phase === 'entering' || phase === 'verifying';
  const expires = state.otp?.expiresAt ? new Date(state.otp.expiresAt) : null;
  const left = Number(state.attemptsLeft);
  let resendWait = '';
  if (live && state.resendsExhausted) {
    resendWait = 'No more new codes can be sent for this sign-in.';
  } else if (live && !state.resending && state.resendSecondsLeft > 0) {
    resendWait = `available in ${formatSeconds(state.resendSecondsLeft)}`;
  }
  return {
    sentTo: sentToText(state.otp),
    expiresAt: live && expires && !Number.isNaN(expires.getTime()) ? expires : null,
    attempts:
      live && state.attemptsLeft !== null && state.attemptsLeft !== undefined && Number.isFinite(left) && left > 0
        ? `${left} attempt${left === 1 ? '' : 's'} left.`
        : '',
    formEnabled: phase === 'entering',
    resendVisible: live && !state.codeAccepted,
    resendEnabled:
      phase === 'entering' &&
      !state.codeAccepted &&
      !state.resending &&
      !state.resendsExhausted &&
      !(state.resendSecondsLeft > 0),
    resendWait,
    error: state.error ?? '',
    notice: state.notice ?? '',
  };
}
