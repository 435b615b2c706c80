/**
 * Resending a code ({@code POST /api/otp/resend}): decides, through the policy, whether a login may
 * get a new code now (cooldown, resend budget, locks) and gives the resend back when the SMS could
 * not be sent.
 */
package dev.passbridge.otp.resend;
