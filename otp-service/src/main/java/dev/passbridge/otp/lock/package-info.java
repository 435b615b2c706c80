/**
 * Announcing locks: {@code OtpLocked} for a locked login or a locked account, once per lock and
 * with the event id fixed when the lock happened, for verify (where locks happen) and issue (a
 * login issued while its account is locked).
 */
package dev.passbridge.otp.lock;
