package dev.passbridge.examples.analytics;

import java.util.Optional;

/**
 * The Passbridge topics the funnel is counted from, and the record each is read into; and the
 * erasures, which every reader of these topics must honour.
 */
public enum FunnelTopic {
  PASSWORD_AUTHENTICATED(
      "passbridge.auth.password-authenticated.v1", Events.PasswordAuthenticated.class),
  OTP_VERIFIED("passbridge.otp.otp-verified.v1", Events.SecondFactor.class),
  OTP_LOCKED("passbridge.otp.otp-locked.v1", Events.SecondFactor.class),
  PASSKEY_ELIGIBLE("passbridge.intelligence.passkey-eligible.v1", Events.PasskeyEligible.class),
  PASSKEY_UPGRADE_SKIPPED(
      "passbridge.intelligence.passkey-upgrade-skipped.v1", Events.PasskeyUpgradeSkipped.class),
  PASSKEY_CREATED("passbridge.passkey.passkey-created.v1", Events.PasskeyCreated.class),
  PASSKEY_DELETED("passbridge.passkey.passkey-deleted.v1", Events.PasskeyDeleted.class),
  PASSKEY_UPGRADE_FAILED(
      "passbridge.passkey.passkey-upgrade-failed.v1", Events.PasskeyUpgradeFailed.class),
  PASSKEY_AUTHENTICATED(
      "passbridge.passkey.passkey-authenticated.v1", Events.PasskeyAuthenticated.class),
  /** No funnel step: the per-user state is dropped (see {@link Funnel#forgetErasedUsers}). */
  USER_ERASED("passbridge.auth.user-erased.v1", Events.UserErased.class);

  private final String topic;
  private final Class<?> type;

  FunnelTopic(String topic, Class<?> type) {
    this.topic = topic;
    this.type = type;
  }

  public String topic() {
    return topic;
  }

  Class<?> type() {
    return type;
  }

  public static Optional<FunnelTopic> byName(String topic) {
    for (FunnelTopic t : values()) {
      if (t.topic.equals(topic)) {
        return Optional.of(t);
      }
    }
    return Optional.empty();
  }
}
