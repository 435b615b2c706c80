/**
 * Verifying a code ({@code POST /api/otp/verify}): decides, through the policy, whether a code is
 * accepted, wrong or locked out, and publishes {@code OtpVerified} or {@code OtpLocked}. The right
 * code takes the challenge with a lease until Kafka acknowledged {@code OtpVerified} (then it is
 * deleted; if Kafka does not acknowledge, it is given back; if the instance dies, it is live again
 * once the lease has passed).
 */
package dev.passbridge.otp.verify;
