package dev.passbridge.intelligence.decision;

import static dev.passbridge.intelligence.Fixtures.ALL_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.AUTHENTICATOR_ONLY;
import static dev.passbridge.intelligence.Fixtures.NO_CAPABILITIES;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.rules.RulesConfig.BlockedPlatform;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each rule decides a login through the running topology: the events that set the scene, the login,
 * and the expected outcome with the rule that failed (or none). One driver for all cases, with
 * rules that block one platform, so the cases also show that users do not affect each other.
 */
class EveryRuleThroughTheTopologyTest {
  static final Instant T = Instant.parse("2025-09-15T08:00:00Z");
  static final Platform BLOCKED = new Platform("Windows", "11", "Chrome", "137.2", "Desktop");
  static final Platform CHROME_135 = Fixtures.WINDOWS_CHROME_135;
  static Path stateDir;
  static TopologyHarness topology;

  @BeforeAll
  static void start() throws Exception {
    stateDir = Files.createTempDirectory("intel-every-rule");
    topology =
        new TopologyHarness(
            stateDir,
            T,
            RulesConfig.defaults()
                .withBlockedPlatforms(
                    List.of(new BlockedPlatform("Windows", "Chrome", List.of("137"), "crash"))),
            dev.passbridge.intelligence.funnel.FunnelMetrics.NONE);
  }

  @AfterAll
  static void stop() {
    topology.close();
  }

  /** Scene-setting events for a user before the login, sent at T minus one hour. */
  interface Scene extends BiConsumer<UUID, Instant> {}

  static Scene nothing() {
    return (user, at) -> {};
  }

  static Scene failed(String error, Platform platform) {
    return (user, at) ->
        topology.send(
            Fixtures.upgradeFailed(
                user, Fixtures.loginId(), UpgradeMode.PROMPT, error, platform, at));
  }

  static Scene created(String provider, Platform platform) {
    return (user, at) ->
        topology.send(Fixtures.passkeyCreated(user, "cred-" + user, provider, platform, at));
  }

  static Scene prompted(int times) {
    return (user, at) -> {
      for (int i = 0; i < times; i++) {
        String loginId = Fixtures.loginId();
        topology.send(
            Fixtures.password(
                user, loginId, false, AUTHENTICATOR_ONLY, Fixtures.WINDOWS_FIREFOX, at));
        topology.send(Fixtures.otpVerified(user, loginId, at.plusSeconds(5)));
      }
    };
  }

  static Stream<Arguments> cases() {
    return Stream.of(
        // name, scene, platform, capabilities, autofilled, second factor, outcome, failing rule
        Arguments.of(
            "all pass",
            nothing(),
            Fixtures.IOS_SAFARI_18,
            ALL_CAPABILITIES,
            true,
            "otp",
            "CONDITIONAL",
            null),
        Arguments.of(
            "second factor timeout",
            nothing(),
            Fixtures.IOS_SAFARI_18,
            ALL_CAPABILITIES,
            true,
            "none",
            SkipReasons.SECOND_FACTOR_TIMEOUT,
            "second-factor-passed"),
        Arguments.of(
            "second factor locked",
            nothing(),
            Fixtures.IOS_SAFARI_18,
            ALL_CAPABILITIES,
            true,
            "locked",
            SkipReasons.SECOND_FACTOR_LOCKED,
            "second-factor-passed"),
        Arguments.of(
            "platform blocked",
            nothing(),
            BLOCKED,
            ALL_CAPABILITIES,
            true,
            "otp",
            SkipReasons.PLATFORM_BLOCKED,
            "platform-not-blocked"),
        Arguments.of(
            "has passkey",
            created("iCloud Keychain", Fixtures.IOS_SAFARI_18),
            Fixtures.MAC_SAFARI_18,
            ALL_CAPABILITIES,
            true,
            "otp",
            SkipReasons.HAS_PASSKEY,
            "no-passkey-yet"),
        Arguments.of(
            "passkey on this authenticator",
            failed(PasskeyUpgradeFailed.INVALID_STATE, Fixtures.MAC_SAFARI_18),
            Fixtures.MAC_SAFARI_18,
            ALL_CAPABILITIES,
            true,
            "otp",
            SkipReasons.HAS_PASSKEY,
            "no-passkey-yet"),
        Arguments.of(
            "cooldown",
            failed(PasskeyUpgradeFailed.NOT_ALLOWED, Fixtures.ANDROID_CHROME_141),
            Fixtures.ANDROID_CHROME_141,
            ALL_CAPABILITIES,
            true,
            "otp",
            SkipReasons.COOLDOWN,
            "not-in-cooldown"),
        Arguments.of(
            "typed password, prompt",
            nothing(),
            Fixtures.IOS_SAFARI_18,
            ALL_CAPABILITIES,
            false,
            "otp",
            "PROMPT",
            null),
        Arguments.of(
            "no capability, prompt",
            nothing(),
            Fixtures.IOS_SAFARI_18,
            AUTHENTICATOR_ONLY,
            true,
            "otp",
            "PROMPT",
            null),
        Arguments.of(
            "below the table, prompt",
            nothing(),
            CHROME_135,
            ALL_CAPABILITIES,
            true,
            "otp",
            "PROMPT",
            null),
        Arguments.of(
            "below the table, no authenticator",
            nothing(),
            CHROME_135,
            Map.of("conditionalCreate", true),
            true,
            "otp",
            SkipReasons.NO_CONDITIONAL_CREATE,
            "conditional-create-platform"),
        Arguments.of(
            "no authenticator",
            nothing(),
            Fixtures.WINDOWS_FIREFOX,
            NO_CAPABILITIES,
            true,
            "otp",
            SkipReasons.NO_CONDITIONAL_CREATE,
            "conditional-create-capability"),
        Arguments.of(
            "said not now",
            failed(PasskeyUpgradeFailed.DISMISSED, Fixtures.WINDOWS_FIREFOX),
            Fixtures.WINDOWS_FIREFOX,
            AUTHENTICATOR_ONLY,
            false,
            "otp",
            SkipReasons.NOT_AUTOFILLED,
            "prompt-not-dismissed-recently"),
        Arguments.of(
            "prompt limit",
            prompted(3),
            Fixtures.WINDOWS_FIREFOX,
            AUTHENTICATOR_ONLY,
            false,
            "otp",
            SkipReasons.NOT_AUTOFILLED,
            "prompt-limit"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void eachRuleDecidesThroughTheTopology(
      String name,
      Scene scene,
      Platform platform,
      Map<String, Boolean> capabilities,
      boolean autofilled,
      String secondFactor,
      String outcome,
      String failingRule) {
    UUID user = UUID.randomUUID();
    Instant now = topology.clock.instant();
    scene.accept(user, now.minus(Duration.ofHours(1)));
    String loginId = Fixtures.loginId();
    topology.send(Fixtures.password(user, loginId, autofilled, capabilities, platform, now));
    switch (secondFactor) {
      case "otp" -> topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(10)));
      case "locked" -> topology.send(Fixtures.otpLocked(user, loginId, now.plusSeconds(10)));
      default -> topology.advanceWallClock(Duration.ofMinutes(11));
    }
    PassbridgeEvent decision = topology.onlyDecisionOf(loginId);
    List<RuleResult> trace =
        decision instanceof PasskeyEligible e
            ? e.trace()
            : ((PasskeyUpgradeSkipped) decision).trace();
    String actual =
        decision instanceof PasskeyEligible e
            ? e.mode().name()
            : ((PasskeyUpgradeSkipped) decision).reason();
    assertThat(actual).as(name).isEqualTo(outcome);
    if (failingRule == null) {
      assertThat(trace.getLast().passed()).as(name).isTrue();
    } else {
      assertThat(trace)
          .as(name)
          .filteredOn(r -> !r.passed())
          .extracting(RuleResult::rule)
          .contains(failingRule);
    }
    topology.advanceWallClock(Duration.ofMinutes(1));
  }
}
