package dev.passbridge.examples.analytics;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields this example reads from each Passbridge event, as plain records. The JSON has more
 * fields (see the JSON Schemas in {@code contracts/src/main/resources/schemas} and {@code
 * docs/asyncapi.yaml}); unknown fields are ignored, so new producer fields never break the reader.
 * {@code source} ({@code HOSTED} or {@code CONNECT}) is optional on every event that has it: absent
 * means hosted.
 */
public final class Events {
  private Events() {}

  /** Logins on Passbridge's own pages; an event without {@code source} is one of these. */
  public static final String HOSTED = "HOSTED";

  /** Logins a platform reported through Passbridge Connect. */
  public static final String CONNECT = "CONNECT";

  /**
   * The source an event's optional {@code source} field stands for: absent is {@link #HOSTED}. An
   * unknown value makes the record unreadable (the service cannot read it either).
   */
  public static String source(String source) {
    if (source == null || source.equals(HOSTED)) {
      return HOSTED;
    }
    if (source.equals(CONNECT)) {
      return CONNECT;
    }
    throw new IllegalArgumentException("unknown source " + source);
  }

  /** The client platform auth-service parsed; the funnel's platform is {@code os/browser}. */
  public record Platform(String os, String browser) {
    public String label() {
      return os + "/" + browser;
    }
  }

  /**
   * {@code passbridge.auth.password-authenticated.v1}: a password login (first factor), on
   * Passbridge's pages or reported by a Connect platform ({@code source}).
   */
  public record PasswordAuthenticated(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      Platform platform,
      String source) {}

  /**
   * {@code passbridge.otp.otp-verified.v1} and {@code passbridge.otp.otp-locked.v1}: the second
   * factor of a login.
   */
  public record SecondFactor(UUID eventId, Instant occurredAt, UUID userId, String loginId) {}

  /** {@code passbridge.intelligence.passkey-eligible.v1}: the login may get a passkey. */
  public record PasskeyEligible(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String mode,
      Platform platform,
      String source) {}

  /** {@code passbridge.intelligence.passkey-upgrade-skipped.v1}: no upgrade for this login. */
  public record PasskeyUpgradeSkipped(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String reason,
      Platform platform,
      String source) {}

  /** {@code passbridge.passkey.passkey-created.v1}; {@code platform} may be absent. */
  public record PasskeyCreated(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String credentialId,
      String mode,
      Platform platform,
      String source) {}

  /** {@code passbridge.passkey.passkey-upgrade-failed.v1}; {@code platform} may be absent. */
  public record PasskeyUpgradeFailed(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String errorName,
      Platform platform,
      String source) {}

  /** {@code passbridge.passkey.passkey-authenticated.v1}: a login with a passkey. */
  public record PasskeyAuthenticated(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String credentialId,
      String source) {}

  /** {@code passbridge.passkey.passkey-deleted.v1}: a passkey removed. */
  public record PasskeyDeleted(
      UUID eventId, Instant occurredAt, UUID userId, String credentialId) {}

  /**
   * {@code passbridge.auth.user-erased.v1}: the user was erased (a Connect platform erased the
   * user, or a hosted user deleted their own account). Every reader drops what it keeps for the
   * user id.
   */
  public record UserErased(UUID eventId, Instant occurredAt, UUID userId) {}
}
