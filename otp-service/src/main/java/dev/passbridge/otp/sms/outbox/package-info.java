/**
 * The local profile's SMS "provider": messages are kept in Redis per login and shown at {@code GET
 * /api/dev/sms?loginId=}, which exists only in the {@code local} profile.
 */
package dev.passbridge.otp.sms.outbox;
