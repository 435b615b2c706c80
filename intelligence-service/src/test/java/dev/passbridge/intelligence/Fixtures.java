package dev.passbridge.intelligence;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.intelligence.rules.LoginFacts;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Platforms, capabilities and events as the other services produce them. */
public final class Fixtures {
  private Fixtures() {}

  public static final Platform IOS_SAFARI_18 =
      new Platform("iOS", "18.1", "Safari", "18.1", "Phone");
  public static final Platform IOS_SAFARI_17 =
      new Platform("iOS", "17.5", "Safari", "17.5", "Phone");
  public static final Platform IPADOS_SAFARI_18 =
      new Platform("iPadOS", "18.0", "Safari", "18.0", "Tablet");

  /** Safari on a Mac: the OS version is frozen, so auth-service reports none. */
  public static final Platform MAC_SAFARI_18 =
      new Platform("Mac OS", null, "Safari", "18.3", "Desktop");

  public static final Platform MAC_SAFARI_17 =
      new Platform("Mac OS", null, "Safari", "17.6", "Desktop");
  public static final Platform WINDOWS_CHROME_136 =
      new Platform("Windows", "11", "Chrome", "136.0", "Desktop");
  public static final Platform WINDOWS_CHROME_135 =
      new Platform("Windows", "11", "Chrome", "135.0", "Desktop");
  public static final Platform ANDROID_CHROME_141 =
      new Platform("Android", "15", "Chrome", "141.0", "Phone");
  public static final Platform ANDROID_CHROME_140 =
      new Platform("Android", "15", "Chrome", "140.0", "Phone");
  public static final Platform LINUX_CHROMIUM_137 =
      new Platform("Linux", null, "Chromium", "137.0", "Desktop");
  public static final Platform WINDOWS_EDGE_137 =
      new Platform("Windows", "11", "Edge", "137.0", "Desktop");
  public static final Platform WINDOWS_FIREFOX =
      new Platform("Windows", "11", "Firefox", "139.0", "Desktop");

  /** What a current Safari or Chrome reports. */
  public static final Map<String, Boolean> ALL_CAPABILITIES =
      Map.of(
          LoginFacts.CONDITIONAL_CREATE, true,
          LoginFacts.PASSKEY_PLATFORM_AUTHENTICATOR, true,
          LoginFacts.USER_VERIFYING_PLATFORM_AUTHENTICATOR, true);

  /** A platform authenticator but no conditional create. */
  public static final Map<String, Boolean> AUTHENTICATOR_ONLY =
      Map.of(
          LoginFacts.CONDITIONAL_CREATE, false,
          LoginFacts.USER_VERIFYING_PLATFORM_AUTHENTICATOR, true);

  public static final Map<String, Boolean> NO_CAPABILITIES = Map.of();

  public static String loginId() {
    return UUID.randomUUID().toString().replace("-", "").substring(0, 22);
  }

  public static PasswordAuthenticated password(
      UUID userId,
      String loginId,
      boolean autofilled,
      Map<String, Boolean> capabilities,
      Platform platform,
      Instant at) {
    return new PasswordAuthenticated(
        UUID.randomUUID(),
        at,
        userId,
        loginId,
        "user-" + userId.toString().substring(0, 8),
        "User " + userId.toString().substring(0, 4),
        "handle-" + userId.toString().substring(0, 8),
        new SecondFactor(SecondFactor.SMS, "+4915110000001"),
        new ClientSignals(autofilled, capabilities, "Mozilla/5.0 (test)", Map.of()),
        platform);
  }

  public static OtpVerified otpVerified(UUID userId, String loginId, Instant at) {
    return new OtpVerified(UUID.randomUUID(), at, userId, loginId, SecondFactor.SMS);
  }

  public static OtpLocked otpLocked(UUID userId, String loginId, Instant at) {
    return new OtpLocked(UUID.randomUUID(), at, userId, loginId, OtpLocked.TOO_MANY_ATTEMPTS);
  }

  public static PasskeyCreated passkeyCreated(
      UUID userId, String credentialId, String provider, Platform platform, Instant at) {
    return new PasskeyCreated(
        UUID.randomUUID(),
        at,
        userId,
        null,
        credentialId,
        "00000000-0000-0000-0000-000000000000",
        provider,
        UpgradeMode.CONDITIONAL,
        true,
        true,
        List.of("internal", "hybrid"),
        platform);
  }

  public static PasskeyDeleted passkeyDeleted(UUID userId, String credentialId, Instant at) {
    return new PasskeyDeleted(UUID.randomUUID(), at, userId, credentialId);
  }

  public static PasskeyUpgradeFailed upgradeFailed(
      UUID userId,
      String loginId,
      UpgradeMode mode,
      String errorName,
      Platform platform,
      Instant at) {
    return new PasskeyUpgradeFailed(
        UUID.randomUUID(), at, userId, loginId, "ceremony-" + loginId, mode, errorName, platform);
  }

  public static PasskeyAuthenticated passkeyAuthenticated(
      UUID userId, String credentialId, Instant at) {
    return new PasskeyAuthenticated(UUID.randomUUID(), at, userId, loginId(), credentialId);
  }

  /** auth-service's erasure of a hosted user (an admin deleted the account). */
  public static UserErased userErased(UUID userId, Instant at) {
    return new UserErased(UserErased.idFor(userId), at, userId, null, null);
  }
}
