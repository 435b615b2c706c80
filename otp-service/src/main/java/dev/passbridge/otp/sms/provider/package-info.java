/**
 * The production SMS adapter: an HTTP provider behind timeouts, retries with backoff, an
 * idempotency key per message and a circuit breaker. Decides which failures are retried.
 */
package dev.passbridge.otp.sms.provider;
