package dev.passbridge.intelligence.decision;

import static dev.passbridge.intelligence.Fixtures.ALL_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.ANDROID_CHROME_141;
import static dev.passbridge.intelligence.Fixtures.IOS_SAFARI_18;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.brake.BrakeSettings;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.rules.RulesConfig.PlatformRollout;
import dev.passbridge.intelligence.settings.ActiveRules;
import dev.passbridge.intelligence.settings.RulesSnapshot;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rollout brake on a TopologyTestDriver: conditional decisions and conditional failures go
 * through the brake's repartition into its windows; over the threshold the rules change (on the
 * rules topic, read back by the global table) with an audit event.
 */
class RolloutBrakeTopologyTest {
  static final Instant START = Instant.parse("2025-09-15T08:00:00Z");

  /** 10 attempts at least, 50 % failures, over an hour. */
  static final BrakeSettings BRAKE =
      new BrakeSettings(true, Duration.ofHours(1), 10, 0.5, List.of("InvalidStateError"));

  @TempDir Path stateDir;
  TopologyHarness topology;
  Instant now = START;

  @BeforeEach
  void start() {
    topology =
        new TopologyHarness(stateDir, START, RulesConfig.defaults(), FunnelMetrics.NONE, BRAKE);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  /** A login decided on {@code platform}; returns the user and the decision. */
  record Login(UUID user, String loginId, PassbridgeEvent decision) {}

  Login login(Platform platform) {
    return login(UUID.randomUUID(), platform);
  }

  Login login(UUID user, Platform platform) {
    String loginId = Fixtures.loginId();
    topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, platform, now));
    topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(5)));
    now = now.plusSeconds(10);
    return new Login(user, loginId, topology.onlyDecisionOf(loginId));
  }

  List<Login> conditionalLogins(int n, Platform platform) {
    List<Login> logins = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Login login = login(platform);
      assertThat(mode(login.decision())).isEqualTo("CONDITIONAL");
      logins.add(login);
    }
    return logins;
  }

  void fail(Login login, UpgradeMode mode, String error, Platform platform) {
    topology.send(
        Fixtures.upgradeFailed(login.user(), login.loginId(), mode, error, platform, now));
    now = now.plusSeconds(1);
  }

  static String mode(PassbridgeEvent decision) {
    return switch (decision) {
      case PasskeyEligible e -> e.mode().name();
      case PasskeyUpgradeSkipped s -> s.reason();
      default -> throw new AssertionError(decision);
    };
  }

  @Test
  void theAuditEventCarriesTheTraceContextOfTheFailureThatTrippedTheBrake() {
    List<Login> logins = conditionalLogins(10, ANDROID_CHROME_141);
    for (int i = 0; i < 4; i++) {
      fail(logins.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    }
    String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    Headers headers = new RecordHeaders();
    headers.add("traceparent", traceparent.getBytes(StandardCharsets.UTF_8));
    headers.add(
        "ce_type", "dev.passbridge.PasskeyUpgradeFailed.v1".getBytes(StandardCharsets.UTF_8));
    topology.send(
        Fixtures.upgradeFailed(
            logins.get(4).user(),
            logins.get(4).loginId(),
            UpgradeMode.CONDITIONAL,
            "NotAllowedError",
            ANDROID_CHROME_141,
            now),
        headers);

    var audit = topology.rulesChangedRecords();
    assertThat(audit).hasSize(1);
    Headers written = audit.getFirst().headers();
    assertThat(new String(written.lastHeader("traceparent").value(), StandardCharsets.UTF_8))
        .isEqualTo(traceparent);
    // the event's own CloudEvents headers, not the failure's
    assertThat(new String(written.lastHeader("ce_type").value(), StandardCharsets.UTF_8))
        .isEqualTo("dev.passbridge.RulesChanged.v1");
    assertThat(written.headers("ce_type")).hasSize(1);
  }

  @Test
  void aFailureRateOverTheThresholdTurnsConditionalCreateOffOnThatPlatformWithAnAuditEvent() {
    List<Login> logins = conditionalLogins(10, ANDROID_CHROME_141);
    for (int i = 0; i < 4; i++) {
      fail(logins.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    }
    assertThat(topology.rulesChanged()).as("4 of 10 is below 50 %").isEmpty();

    fail(logins.get(4), UpgradeMode.CONDITIONAL, "AbortError", ANDROID_CHROME_141);
    List<RulesChanged> audit = topology.rulesChanged();
    assertThat(audit).hasSize(1);
    RulesChanged change = audit.getFirst();
    assertThat(change.kind()).isEqualTo(RulesChanged.AUTOMATIC_BRAKE);
    assertThat(change.userId()).isEqualTo(RulesChanged.AUTOMATIC);
    assertThat(change.changedBy()).isEqualTo("automatic-brake");
    assertThat(change.version()).isEqualTo(1);
    assertThat(change.previousVersion()).isZero();
    assertThat(change.reason())
        .contains("Android/Chrome 141")
        .contains("5 of 10 silent creates failed (50.0%, threshold 50.0%, minimum sample 10)")
        .contains("{AbortError=1, NotAllowedError=4}")
        .contains("from 100% to 0%");
    assertThat(change.changes())
        .containsExactly(
            "platformRollouts[Android/Chrome]: (none) -> "
                + "{\"os\":\"Android\",\"browser\":\"Chrome\",\"percent\":100,\"conditionalPercent\":0}");
    assertThat(topology.rulesWritten()).hasSize(1);

    RulesSnapshot inForce = topology.rulesInForce(RulesConfig.defaults());
    assertThat(inForce.version()).isEqualTo(1);
    assertThat(inForce.changedBy()).isEqualTo("automatic-brake");
    assertThat(inForce.rules().platformRollouts())
        .containsExactly(new PlatformRollout("Android", "Chrome", 100, 0));
    assertThat(inForce.recentChanges()).hasSize(1);
    assertThat(inForce.recentChanges().getFirst().reason()).isEqualTo(change.reason());

    // conditional create is off on Android/Chrome: the prompt instead; other platforms unchanged
    Login after = login(ANDROID_CHROME_141);
    assertThat(mode(after.decision())).isEqualTo("PROMPT");
    assertThat(((PasskeyEligible) after.decision()).trace())
        .contains(
            new RuleResult(
                "inside-conditional-rollout",
                false,
                ((PasskeyEligible) after.decision())
                    .trace().stream()
                        .filter(r -> r.rule().equals("inside-conditional-rollout"))
                        .findFirst()
                        .orElseThrow()
                        .detail()));
    assertThat(mode(login(IOS_SAFARI_18).decision())).isEqualTo("CONDITIONAL");

    // more failures do not brake again: it is off already
    for (int i = 5; i < 10; i++) {
      fail(logins.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    }
    assertThat(topology.rulesChanged()).isEmpty();
  }

  @Test
  void eachUserCountsOncePerWindowHoweverOftenTheyFail() {
    // one account logs in again and again and reports an error that starts no cooldown
    UUID repeater = UUID.randomUUID();
    for (int i = 0; i < 30; i++) {
      Login login = login(repeater, ANDROID_CHROME_141);
      assertThat(mode(login.decision())).isEqualTo("CONDITIONAL");
      fail(login, UpgradeMode.CONDITIONAL, "AbortError", ANDROID_CHROME_141);
    }
    assertThat(topology.rulesChanged())
        .as("30 of 30 from one user are one attempt and one failure, below the sample of 10")
        .isEmpty();

    // nine more users, three of them fail (each twice): 4 of 10 users is below 50 %
    List<Login> others = conditionalLogins(9, ANDROID_CHROME_141);
    for (int i = 0; i < 3; i++) {
      fail(others.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
      fail(others.get(i), UpgradeMode.CONDITIONAL, "AbortError", ANDROID_CHROME_141);
    }
    Login again = login(repeater, ANDROID_CHROME_141);
    fail(again, UpgradeMode.CONDITIONAL, "AbortError", ANDROID_CHROME_141);
    assertThat(topology.rulesChanged()).as("4 of 10 users").isEmpty();

    // a fifth user's failure is 5 of 10 users: the brake, with the users counted once
    fail(others.get(3), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    assertThat(topology.rulesChanged())
        .singleElement()
        .satisfies(
            change ->
                assertThat(change.reason())
                    .contains("5 of 10 silent creates failed")
                    .contains("{AbortError=1, NotAllowedError=4}"));
  }

  @Test
  void aUserCountsAgainOnceTheWindowHasPassed() {
    UUID repeater = UUID.randomUUID();
    List<Login> others = conditionalLogins(8, ANDROID_CHROME_141);
    for (int i = 0; i < 3; i++) {
      fail(others.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    }
    fail(
        login(repeater, ANDROID_CHROME_141),
        UpgradeMode.CONDITIONAL,
        "AbortError",
        ANDROID_CHROME_141);
    assertThat(topology.rulesChanged()).as("4 of 9 users, below the sample").isEmpty();

    // 61 minutes on, the window holds nobody: the same user and nine fresh ones are a new sample
    now = now.plus(Duration.ofMinutes(61));
    List<Login> fresh = conditionalLogins(9, ANDROID_CHROME_141);
    for (int i = 0; i < 4; i++) {
      fail(fresh.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    }
    assertThat(topology.rulesChanged()).as("4 of 9 users in the new window").isEmpty();
    fail(
        login(repeater, ANDROID_CHROME_141),
        UpgradeMode.CONDITIONAL,
        "AbortError",
        ANDROID_CHROME_141);
    assertThat(topology.rulesChanged())
        .singleElement()
        .satisfies(change -> assertThat(change.reason()).contains("5 of 10 silent creates failed"));
  }

  @Test
  void onlyAPersonRaisesItAgainAndThenAFreshSampleIsNeeded() {
    List<Login> logins = conditionalLogins(10, ANDROID_CHROME_141);
    for (int i = 0; i < 5; i++) {
      fail(logins.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    }
    assertThat(topology.rulesChanged()).hasSize(1);

    // an admin raises it again (version 2)
    topology.setRules(
        RulesConfig.defaults()
            .withPlatformRollouts(List.of(new PlatformRollout("Android", "Chrome", 100, 100))),
        2);
    List<Login> more = conditionalLogins(2, ANDROID_CHROME_141);
    // the window started afresh after the brake: 3 failures of 2 attempts are not a sample
    fail(more.get(0), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    fail(more.get(1), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    fail(logins.get(6), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    assertThat(topology.rulesChanged()).isEmpty();
    assertThat(mode(login(ANDROID_CHROME_141).decision())).isEqualTo("CONDITIONAL");
  }

  @Test
  void ignoredErrorsPromptFailuresAndSmallSamplesDoNotBrake() {
    List<Login> logins = conditionalLogins(10, ANDROID_CHROME_141);
    for (Login login : logins) {
      fail(login, UpgradeMode.CONDITIONAL, PasskeyUpgradeFailed.INVALID_STATE, ANDROID_CHROME_141);
      fail(login, UpgradeMode.PROMPT, "NotAllowedError", ANDROID_CHROME_141);
    }
    List<Login> few = conditionalLogins(5, IOS_SAFARI_18);
    for (Login login : few) {
      fail(login, UpgradeMode.CONDITIONAL, "NotAllowedError", IOS_SAFARI_18);
    }
    assertThat(topology.rulesChanged()).as("5 of 5 on iOS, but the minimum sample is 10").isEmpty();
    assertThat(topology.rulesWritten()).isEmpty();
  }

  @Test
  void theWindowSlidesAndIsKeptPerBrowserVersion() {
    List<Login> old = conditionalLogins(10, ANDROID_CHROME_141);
    for (int i = 0; i < 4; i++) {
      fail(old.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    }
    // two hours later the old attempts and failures are out of the window
    now = now.plus(Duration.ofHours(2));
    List<Login> fresh = conditionalLogins(10, ANDROID_CHROME_141);
    fail(fresh.get(0), UpgradeMode.CONDITIONAL, "NotAllowedError", ANDROID_CHROME_141);
    assertThat(topology.rulesChanged()).as("1 of 10 in the window").isEmpty();

    // another version of the same browser is measured on its own
    Platform chrome142 = new Platform("Android", "15", "Chrome", "142.0", "Phone");
    List<Login> next = conditionalLogins(10, chrome142);
    for (int i = 0; i < 4; i++) {
      fail(next.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", chrome142);
    }
    assertThat(topology.rulesChanged()).as("4 of 10 on 142, 1 of 10 on 141").isEmpty();
    fail(next.get(4), UpgradeMode.CONDITIONAL, "NotAllowedError", chrome142);
    assertThat(topology.rulesChanged().getFirst().reason()).contains("Android/Chrome 142");
  }

  @Test
  void aBrakeBuildsOnTheRulesInForceAndKeepsTheirOtherRows() {
    topology.setRules(
        RulesConfig.defaults()
            .withPlatformRollouts(
                List.of(
                    new PlatformRollout("iOS", "Safari", 40, 100),
                    new PlatformRollout("*", "Chrome", 100, 80))),
        5);
    failSilentCreates(ANDROID_CHROME_141, 5);
    RulesChanged change = topology.rulesChanged().getFirst();
    assertThat(change.previousVersion()).isEqualTo(5);
    assertThat(change.version()).isEqualTo(6);
    RulesSnapshot inForce = ActiveRules.decode(topology.rulesWritten().getFirst());
    assertThat(inForce.rules().platformRollouts())
        .containsExactly(
            new PlatformRollout("Android", "Chrome", 100, 0),
            new PlatformRollout("iOS", "Safari", 40, 100),
            new PlatformRollout("*", "Chrome", 100, 80));
  }

  /**
   * The platform has a row of its own below a wider one that matched first ({@code Android/*}): the
   * brake's row goes in front and the shadowed one goes, so the rules name the platform once
   * (twice, they were refused: the version written but in force nowhere, and on a restart the
   * configuration file's rules instead, an administrator's kill switches gone).
   */
  @Test
  void aBrakeOverAWiderRowReplacesTheShadowedRowOfThePlatform() {
    topology.setRules(
        RulesConfig.defaults()
            .withPlatformRollouts(
                List.of(
                    new PlatformRollout("Android", "*", 100, 100),
                    new PlatformRollout("Android", "Chrome", 50, 100))),
        5);
    failSilentCreates(ANDROID_CHROME_141, 5);
    RulesSnapshot inForce = ActiveRules.decode(topology.rulesWritten().getFirst());
    assertThat(inForce.version()).isEqualTo(6);
    assertThat(inForce.rules().platformRollouts())
        .containsExactly(
            new PlatformRollout("Android", "Chrome", 100, 0),
            new PlatformRollout("Android", "*", 100, 100));
    assertThat(inForce.rules().inconsistencies()).isEmpty();
  }

  /** {@code failures} silent creates on {@code platform} fail, among 10 conditional decisions. */
  private void failSilentCreates(Platform platform, int failures) {
    List<Login> logins = new ArrayList<>();
    while (logins.size() < 10) {
      Login login = login(platform);
      if (mode(login.decision()).equals("CONDITIONAL")) {
        logins.add(login);
      }
    }
    for (int i = 0; i < failures; i++) {
      fail(logins.get(i), UpgradeMode.CONDITIONAL, "NotAllowedError", platform);
    }
  }
}
