package dev.passbridge.otp.sms.outbox;

import java.time.Instant;

/** What the dev inbox shows for one SMS: {@code GET /api/dev/sms?loginId=}. */
public record OutboxMessage(String to, String text, String code, Instant sentAt) {}
