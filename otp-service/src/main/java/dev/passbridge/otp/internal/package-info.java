/**
 * Service-wide web adapter code shared by the verify and resend controllers: the {@code
 * otp-account-locked} and {@code login-started-elsewhere} answers. Nothing here decides anything.
 */
package dev.passbridge.otp.internal;
