/**
 * How codes leave the service: the {@link dev.passbridge.otp.sms.SmsSender} port, the text of a
 * code's SMS and the masking of phone numbers. Decides which adapter sends ({@code
 * passbridge.otp.sms.sender}): the HTTP provider ({@code provider}) or, locally, the dev outbox
 * ({@code outbox}).
 */
package dev.passbridge.otp.sms;
