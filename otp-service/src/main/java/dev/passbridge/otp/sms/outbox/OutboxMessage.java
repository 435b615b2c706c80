package dev.passbridge.otp.sms.outbox;

import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/** What the dev inbox shows for one SMS: {@code GET /api/dev/sms?loginId=}. */
@Schema(requiredProperties = {"to", "text", "code", "sentAt"})
public record OutboxMessage(String to, String text, String code, Instant sentAt) {}
