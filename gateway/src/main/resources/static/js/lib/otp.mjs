// The one-time code field: digits only, six of them.

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
