/**
 * The OTP policy, plain Java: decides whether a code is issued, accepted or resent, when a login or
 * an account is locked and what the next stored state is (codes from a CSPRNG, kept as HMAC only).
 * The {@link dev.passbridge.otp.policy.ChallengeStore} port keeps that state; its Redis adapter is
 * in {@code internal}.
 */
package dev.passbridge.otp.policy;
