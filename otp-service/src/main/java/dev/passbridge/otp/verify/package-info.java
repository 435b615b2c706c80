/**
 * Verifying a code ({@code POST /api/otp/verify}): decides, through the policy, whether a code is
 * accepted, wrong or locked out, and publishes {@code OtpVerified} or {@code OtpLocked} (the code
 * is put back if Kafka does not acknowledge {@code OtpVerified}).
 */
package dev.passbridge.otp.verify;
