package dev.passbridge.examples.analytics;

import java.time.Instant;
import java.util.UUID;

/**
 * The fields this example reads from each Passbridge event, as plain records. The JSON has more
 * fields (see the JSON Schemas in {@code contracts/src/main/resources/schemas} and {@code
 * docs/asyncapi.yaml}); unknown fields are ignored, so new producer fields never break the reader.
 */
public final class Events {
  private Events() {}

  /** The client platform auth-service parsed; the funnel's platform is {@code os/browser}. */
  public record Platform(String os, String browser) {
    public String label() {
      return os + "/" + browser;
    }
  }

  /** {@code passbridge.auth.password-authenticated.v1}: a password login (first factor). */
  public record PasswordAuthenticated(
      UUID eventId, Instant occurredAt, UUID userId, String loginId, Platform platform) {}

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
      Platform platform) {}

  /** {@code passbridge.intelligence.passkey-upgrade-skipped.v1}: no upgrade for this login. */
  public record PasskeyUpgradeSkipped(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String reason,
      Platform platform) {}

  /** {@code passbridge.passkey.passkey-created.v1}; {@code platform} may be absent. */
  public record PasskeyCreated(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String credentialId,
      String mode,
      Platform platform) {}

  /** {@code passbridge.passkey.passkey-upgrade-failed.v1}; {@code platform} may be absent. */
  public record PasskeyUpgradeFailed(
      UUID eventId,
      Instant occurredAt,
      UUID userId,
      String loginId,
      String errorName,
      Platform platform) {}

  /** {@code passbridge.passkey.passkey-authenticated.v1}: a login with a passkey. */
  public record PasskeyAuthenticated(
      UUID eventId, Instant occurredAt, UUID userId, String loginId, String credentialId) {}

  /** {@code passbridge.passkey.passkey-deleted.v1}: a passkey removed. */
  public record PasskeyDeleted(
      UUID eventId, Instant occurredAt, UUID userId, String credentialId) {}
}
