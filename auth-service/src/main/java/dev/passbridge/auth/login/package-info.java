/**
 * The password step of a login and the login transaction that follows it: the same answer, in the
 * same time, for an unknown user and a wrong password; the login limits that slow guessing without
 * a lockout switch ({@link dev.passbridge.auth.login.LoginLimitPolicy}); when a login is completed
 * (by {@code OtpVerified} or {@code PasskeyAuthenticated}, idempotently). Login ids are contracts'
 * {@code LoginId}. Redis, Kafka and the wiring are in {@code internal}; the user's device is read
 * in {@code device}.
 */
package dev.passbridge.auth.login;
