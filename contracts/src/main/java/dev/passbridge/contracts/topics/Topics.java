package dev.passbridge.contracts.topics;

import dev.passbridge.contracts.events.LoginSucceeded;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.contracts.events.UserErased;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Every topic of docs/architecture.md §3: one per event type, one writing service per topic. */
public final class Topics {
  private Topics() {}

  public static final String AUTH = "auth-service";
  public static final String OTP = "otp-service";
  public static final String INTELLIGENCE = "intelligence-service";
  public static final String PASSKEY = "passkey-service";

  /** One partition count for all topics keeps them co-partitioned by user id. */
  public static final int DEFAULT_PARTITIONS = 3;

  public static final Topic<PasswordAuthenticated> PASSWORD_AUTHENTICATED =
      new Topic<>(
          "passbridge.auth.password-authenticated.v1",
          PasswordAuthenticated.class,
          AUTH,
          DEFAULT_PARTITIONS);
  public static final Topic<LoginSucceeded> LOGIN_SUCCEEDED =
      new Topic<>(
          "passbridge.auth.login-succeeded.v1", LoginSucceeded.class, AUTH, DEFAULT_PARTITIONS);
  public static final Topic<OtpVerified> OTP_VERIFIED =
      new Topic<>("passbridge.otp.otp-verified.v1", OtpVerified.class, OTP, DEFAULT_PARTITIONS);
  public static final Topic<OtpLocked> OTP_LOCKED =
      new Topic<>("passbridge.otp.otp-locked.v1", OtpLocked.class, OTP, DEFAULT_PARTITIONS);
  public static final Topic<PasskeyEligible> PASSKEY_ELIGIBLE =
      new Topic<>(
          "passbridge.intelligence.passkey-eligible.v1",
          PasskeyEligible.class,
          INTELLIGENCE,
          DEFAULT_PARTITIONS);
  public static final Topic<PasskeyUpgradeSkipped> PASSKEY_UPGRADE_SKIPPED =
      new Topic<>(
          "passbridge.intelligence.passkey-upgrade-skipped.v1",
          PasskeyUpgradeSkipped.class,
          INTELLIGENCE,
          DEFAULT_PARTITIONS);
  public static final Topic<PasskeyCreated> PASSKEY_CREATED =
      new Topic<>(
          "passbridge.passkey.passkey-created.v1",
          PasskeyCreated.class,
          PASSKEY,
          DEFAULT_PARTITIONS);
  public static final Topic<PasskeyUpgradeFailed> PASSKEY_UPGRADE_FAILED =
      new Topic<>(
          "passbridge.passkey.passkey-upgrade-failed.v1",
          PasskeyUpgradeFailed.class,
          PASSKEY,
          DEFAULT_PARTITIONS);
  public static final Topic<PasskeyAuthenticated> PASSKEY_AUTHENTICATED =
      new Topic<>(
          "passbridge.passkey.passkey-authenticated.v1",
          PasskeyAuthenticated.class,
          PASSKEY,
          DEFAULT_PARTITIONS);
  public static final Topic<PasskeyDeleted> PASSKEY_DELETED =
      new Topic<>(
          "passbridge.passkey.passkey-deleted.v1",
          PasskeyDeleted.class,
          PASSKEY,
          DEFAULT_PARTITIONS);

  public static final Topic<RulesChanged> RULES_CHANGED =
      new Topic<>(
          "passbridge.intelligence.rules-changed.v1",
          RulesChanged.class,
          INTELLIGENCE,
          DEFAULT_PARTITIONS);

  public static final Topic<UserErased> USER_ERASED =
      new Topic<>("passbridge.auth.user-erased.v1", UserErased.class, AUTH, DEFAULT_PARTITIONS);

  public static final List<Topic<?>> ALL =
      List.of(
          PASSWORD_AUTHENTICATED,
          OTP_VERIFIED,
          OTP_LOCKED,
          PASSKEY_ELIGIBLE,
          PASSKEY_UPGRADE_SKIPPED,
          PASSKEY_CREATED,
          PASSKEY_UPGRADE_FAILED,
          PASSKEY_AUTHENTICATED,
          PASSKEY_DELETED,
          LOGIN_SUCCEEDED,
          RULES_CHANGED,
          USER_ERASED);

  private static final Map<String, Topic<?>> BY_NAME =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::name, Function.identity()));
  private static final Map<Class<?>, Topic<?>> BY_TYPE =
      ALL.stream().collect(Collectors.toUnmodifiableMap(Topic::valueType, Function.identity()));

  public static Optional<Topic<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** The topic an event is written to. */
  @SuppressWarnings("unchecked")
  public static <V extends PassbridgeEvent> Topic<V> of(Class<V> type) {
    Topic<?> topic = BY_TYPE.get(type);
    if (topic == null) {
      throw new IllegalArgumentException("no topic for " + type.getName());
    }
    return (Topic<V>) topic;
  }

  @SuppressWarnings("unchecked")
  public static <V extends PassbridgeEvent> Topic<V> of(V event) {
    return (Topic<V>) of(event.getClass());
  }
}
