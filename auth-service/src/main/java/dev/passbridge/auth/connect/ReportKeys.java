package dev.passbridge.auth.connect;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * Remembers, per client, which login an {@code Idempotency-Key} of {@code POST /connect/v1/logins}
 * named, so that a platform's repeat of a report is the same login and the same event.
 */
public interface ReportKeys {

  /**
   * Keeps {@code first} under the client's key unless one is kept already (atomic on the store).
   *
   * @param keyDigest the key's digest; the key itself is not stored
   * @return what is kept under the key: {@code first} when it was not taken, else the report that
   *     took it
   */
  KeyedReport claim(String clientId, String keyDigest, KeyedReport first, Duration lifetime);

  /**
   * The report a key names.
   *
   * @param fingerprint the digest of the reported login's fields: a repeat must match it
   * @param loginId the login made for it
   * @param eventId its {@code PasswordAuthenticated} event's id
   * @param occurredAt that event's time, as first published
   */
  record KeyedReport(String fingerprint, String loginId, UUID eventId, Instant occurredAt) {
    public KeyedReport {
      Objects.requireNonNull(fingerprint, "fingerprint");
      Objects.requireNonNull(loginId, "loginId");
      Objects.requireNonNull(eventId, "eventId");
      Objects.requireNonNull(occurredAt, "occurredAt");
    }
  }
}
