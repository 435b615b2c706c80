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
