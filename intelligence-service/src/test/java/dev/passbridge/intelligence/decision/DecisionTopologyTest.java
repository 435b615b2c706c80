package dev.passbridge.intelligence.decision;

import static dev.passbridge.intelligence.Fixtures.ALL_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.AUTHENTICATOR_ONLY;
import static dev.passbridge.intelligence.Fixtures.IOS_SAFARI_18;
import static dev.passbridge.intelligence.Fixtures.MAC_SAFARI_18;
import static dev.passbridge.intelligence.Fixtures.NO_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.WINDOWS_CHROME_136;
import static dev.passbridge.intelligence.Fixtures.WINDOWS_FIREFOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.funnel.internal.MicrometerFunnelMetrics;
import dev.passbridge.intelligence.rules.RulesConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The topology end to end on a TopologyTestDriver: join, rules, feedback, timeouts, funnel. */
class DecisionTopologyTest {
  static final Instant START = Instant.parse("2025-09-15T08:00:00Z");

  @TempDir Path stateDir;
  TopologyHarness topology;
  Instant now = START;

  @BeforeEach
  void start() {
    topology = new TopologyHarness(stateDir, START);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  /** Moves event time and the wall clock together. */
  void elapse(Duration d) {
    now = now.plus(d);
    topology.advanceWallClock(d);
  }

  /** A full password + OTP login; returns its decision. */
  PassbridgeEvent login(
      UUID user, Platform platform, Map<String, Boolean> caps, boolean autofilled) {
    String loginId = Fixtures.loginId();
    topology.send(Fixtures.password(user, loginId, autofilled, caps, platform, now));
    topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(20)));
    return topology.onlyDecisionOf(loginId);
  }

  static String outcome(PassbridgeEvent decision) {
    return switch (decision) {
      case PasskeyEligible e -> e.mode().name();
      case PasskeyUpgradeSkipped s -> s.reason();
      default -> throw new AssertionError(decision);
    };
  }

  @Nested
  class TheJoin {
    @Test
    void passwordAndOtpOfAnAutofilledSafariLoginGiveConditionalWithEverythingPasskeyServiceNeeds() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      PasswordAuthenticated password =
          Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now);
      topology.send(password);
      assertThat(topology.decisions()).isEmpty();
      topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(30)));

      PasskeyEligible eligible = (PasskeyEligible) topology.onlyDecisionOf(loginId);
      assertThat(eligible.mode()).isEqualTo(UpgradeMode.CONDITIONAL);
      assertThat(eligible.userId()).isEqualTo(user);
      assertThat(eligible.username()).isEqualTo(password.username());
      assertThat(eligible.displayName()).isEqualTo(password.displayName());
      assertThat(eligible.userHandle()).isEqualTo(password.userHandle());
      assertThat(eligible.platform()).isEqualTo(IOS_SAFARI_18);
      assertThat(eligible.eventId()).isEqualTo(DecisionEventId.decisionEventId(loginId));
      assertThat(eligible.trace()).extracting(RuleResult::passed).containsOnly(true);
    }

    @Test
    void theOtpMayArriveBeforeThePassword() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(5)));
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, MAC_SAFARI_18, now));
      assertThat(outcome(topology.onlyDecisionOf(loginId))).isEqualTo("CONDITIONAL");
    }

    @Test
    void typedPasswordOnAPlatformWithAnAuthenticatorGivesAPrompt() {
      assertThat(outcome(login(UUID.randomUUID(), IOS_SAFARI_18, ALL_CAPABILITIES, false)))
          .isEqualTo("PROMPT");
    }

    @Test
    void noAuthenticatorAndNoConditionalCreateSkips() {
      PasskeyUpgradeSkipped skipped =
          (PasskeyUpgradeSkipped) login(UUID.randomUUID(), WINDOWS_FIREFOX, NO_CAPABILITIES, true);
      assertThat(skipped.reason()).isEqualTo(SkipReasons.NO_CONDITIONAL_CREATE);
      assertThat(skipped.platform()).isEqualTo(WINDOWS_FIREFOX);
      assertThat(skipped.trace()).isNotEmpty();
    }

    @Test
    void duplicatesBeforeAndAfterTheDecisionGiveOneDecision() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      PasswordAuthenticated password =
          Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now);
      var otp = Fixtures.otpVerified(user, loginId, now.plusSeconds(10));
      topology.send(password);
      topology.send(password);
      topology.send(otp);
      topology.send(otp);
      topology.send(password);
      elapse(Duration.ofMinutes(15));
      assertThat(topology.decisionsOf(loginId)).hasSize(1);
    }

    @Test
    void eachLoginOfAUserGetsItsOwnDecision() {
      UUID user = UUID.randomUUID();
      login(user, IOS_SAFARI_18, AUTHENTICATOR_ONLY, false);
      login(user, IOS_SAFARI_18, AUTHENTICATOR_ONLY, false);
      assertThat(topology.decisions()).hasSize(2);
    }
  }

  @Nested
  class Timeouts {
    @Test
    void aLoginWithoutSecondFactorTimesOutOnTheWallClockAfterWindowAndGrace() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now));
      elapse(Duration.ofMinutes(10));
      assertThat(topology.decisionsOf(loginId)).isEmpty();
      elapse(Duration.ofSeconds(31));
      PasskeyUpgradeSkipped skipped = (PasskeyUpgradeSkipped) topology.onlyDecisionOf(loginId);
      assertThat(skipped.reason()).isEqualTo(SkipReasons.SECOND_FACTOR_TIMEOUT);
      assertThat(skipped.eventId()).isEqualTo(DecisionEventId.decisionEventId(loginId));
    }

    /**
     * A timeout is decided by a timer, with no record of its own: it carries the login's trace
     * context (it had none), and a new trace when the login's record had none.
     */
    @Test
    void aTimeoutCarriesTheLoginsTraceContext() {
      String traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
      var headers = new org.apache.kafka.common.header.internals.RecordHeaders();
      headers.add("traceparent", traceparent.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
      String traced = Fixtures.loginId();
      topology.send(
          Fixtures.password(UUID.randomUUID(), traced, true, ALL_CAPABILITIES, IOS_SAFARI_18, now),
          headers);
      String untraced = Fixtures.loginId();
      topology.send(
          Fixtures.password(
              UUID.randomUUID(), untraced, true, ALL_CAPABILITIES, IOS_SAFARI_18, now),
          new org.apache.kafka.common.header.internals.RecordHeaders());
      elapse(Duration.ofMinutes(11));

      var records = topology.skippedRecords();
      assertThat(records).hasSize(2);
      for (var record : records) {
        assertThat(record.value().reason()).isEqualTo(SkipReasons.SECOND_FACTOR_TIMEOUT);
        var header = record.headers().lastHeader("traceparent");
        assertThat(header).as("traceparent of %s", record.value().loginId()).isNotNull();
        String value = new String(header.value(), java.nio.charset.StandardCharsets.US_ASCII);
        if (record.value().loginId().equals(traced)) {
          assertThat(value).isEqualTo(traceparent);
        } else {
          assertThat(value).matches("00-[0-9a-f]{32}-[0-9a-f]{16}-00").isNotEqualTo(traceparent);
        }
      }
    }

    /**
     * After downtime the backlog is read at full speed while the wall clock punctuates: a login
     * from 15 minutes ago, whose deadline is long past on the wall clock, is joined with its second
     * factor a few records later, as it was, not timed out in between.
     */
    @Test
    void aBacklogReadAfterDowntimeIsJoinedOnStreamTimeNotTimedOutOnTheWallClock() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      Instant then = now.minus(Duration.ofMinutes(15));
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, then));
      topology.advanceWallClock(TopologyHarness.SETTINGS.punctuateInterval());
      assertThat(topology.decisionsOf(loginId)).as("not timed out while records flow").isEmpty();
      topology.send(Fixtures.otpVerified(user, loginId, then.plusSeconds(40)));

      assertThat(outcome(topology.onlyDecisionOf(loginId))).isEqualTo("CONDITIONAL");
    }

    @Test
    void streamTimeTimesALoginOutExactlyAtTheWindowWhenOtherTrafficMovesIt() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now));
      // another user's login 10 minutes later moves stream time; the wall clock stands still
      topology.send(
          Fixtures.password(
              UUID.randomUUID(),
              Fixtures.loginId(),
              true,
              ALL_CAPABILITIES,
              IOS_SAFARI_18,
              now.plus(Duration.ofMinutes(10))));
      assertThat(outcome(topology.onlyDecisionOf(loginId)))
          .isEqualTo(SkipReasons.SECOND_FACTOR_TIMEOUT);
    }

    @Test
    void anOtpAfterTheWindowDoesNotCountAndATimedOutLoginIsNotDecidedAgain() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now));
      topology.send(Fixtures.otpVerified(user, loginId, now.plus(Duration.ofMinutes(11))));
      assertThat(outcome(topology.onlyDecisionOf(loginId)))
          .isEqualTo(SkipReasons.SECOND_FACTOR_TIMEOUT);
      elapse(Duration.ofMinutes(12));
      topology.send(Fixtures.otpVerified(user, loginId, now));
      assertThat(topology.decisionsOf(loginId)).hasSize(1);
    }

    @Test
    void aLockedCodeSkipsAtOnce() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now));
      topology.send(Fixtures.otpLocked(user, loginId, now.plusSeconds(40)));
      assertThat(outcome(topology.onlyDecisionOf(loginId)))
          .isEqualTo(SkipReasons.SECOND_FACTOR_LOCKED);
    }

    @Test
    void aSecondFactorWithoutPasswordLoginIsDroppedSilently() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(Fixtures.otpVerified(user, loginId, now));
      elapse(Duration.ofMinutes(11));
      assertThat(topology.decisionsOf(loginId)).isEmpty();
    }

    @Test
    void loginEventsOlderThanTheDecidedRetentionAreIgnored() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      Instant old = now.minus(Duration.ofDays(8));
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, old));
      topology.send(Fixtures.otpVerified(user, loginId, old.plusSeconds(5)));
      elapse(Duration.ofMinutes(11));
      assertThat(topology.decisionsOf(loginId)).isEmpty();
    }

    @Test
    void aReplayWithinTheRetentionIsNotDecidedAgainAfterTheMarkWasSweptBeyondIt() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      PasswordAuthenticated password =
          Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now);
      var otp = Fixtures.otpVerified(user, loginId, now.plusSeconds(5));
      topology.send(password);
      topology.send(otp);
      elapse(Duration.ofDays(3));
      topology.send(password);
      topology.send(otp);
      assertThat(topology.decisionsOf(loginId)).hasSize(1);
      elapse(Duration.ofDays(5)); // mark swept, and the events are now stale
      topology.send(password);
      topology.send(otp);
      assertThat(topology.decisionsOf(loginId)).hasSize(1);
    }
  }

  @Nested
  class TheProfile {
    @Test
    void aCreatedPasskeyStopsUpgradesAndItsDeletionAllowsThemAgain() {
      UUID user = UUID.randomUUID();
      topology.send(Fixtures.passkeyCreated(user, "cred-1", "iCloud Keychain", IOS_SAFARI_18, now));
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo(SkipReasons.HAS_PASSKEY);
      topology.send(Fixtures.passkeyDeleted(user, "cred-1", now.plusSeconds(60)));
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo("CONDITIONAL");
    }

    @Test
    void notAllowedErrorCoolsDownTheLoginsPlatformForAWeek() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now));
      topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(5)));
      // passkey-service may leave out the platform: the decided login supplies it
      topology.send(
          Fixtures.upgradeFailed(
              user,
              loginId,
              UpgradeMode.CONDITIONAL,
              PasskeyUpgradeFailed.NOT_ALLOWED,
              null,
              now.plusSeconds(9)));
      elapse(Duration.ofHours(1));
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo(SkipReasons.COOLDOWN);
      assertThat(outcome(login(user, WINDOWS_CHROME_136, ALL_CAPABILITIES, true)))
          .isEqualTo("CONDITIONAL");
      elapse(Duration.ofDays(7));
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo("CONDITIONAL");
    }

    @Test
    void invalidStateErrorMeansAPasskeyOnThatAuthenticator() {
      UUID user = UUID.randomUUID();
      topology.send(
          Fixtures.upgradeFailed(
              user,
              Fixtures.loginId(),
              UpgradeMode.CONDITIONAL,
              PasskeyUpgradeFailed.INVALID_STATE,
              MAC_SAFARI_18,
              now));
      assertThat(outcome(login(user, MAC_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo(SkipReasons.HAS_PASSKEY);
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo("CONDITIONAL");
    }

    @Test
    void atMostThreePromptsThenThirtyDaysThenPromptsAgain() {
      UUID user = UUID.randomUUID();
      for (int i = 0; i < 3; i++) {
        assertThat(outcome(login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false)))
            .isEqualTo("PROMPT");
        elapse(Duration.ofDays(2));
      }
      PasskeyUpgradeSkipped limit =
          (PasskeyUpgradeSkipped) login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false);
      assertThat(limit.reason()).isEqualTo(SkipReasons.NOT_AUTOFILLED);
      assertThat(limit.trace())
          .filteredOn(r -> r.rule().equals("prompt-limit"))
          .singleElement()
          .satisfies(r -> assertThat(r.passed()).isFalse());
      elapse(Duration.ofDays(29));
      assertThat(outcome(login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false)))
          .isEqualTo("PROMPT");
    }

    @Test
    void notNowPausesPromptsForADay() {
      UUID user = UUID.randomUUID();
      String loginId = Fixtures.loginId();
      topology.send(
          Fixtures.password(user, loginId, false, AUTHENTICATOR_ONLY, WINDOWS_FIREFOX, now));
      topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(5)));
      assertThat(outcome(topology.onlyDecisionOf(loginId))).isEqualTo("PROMPT");
      topology.send(
          Fixtures.upgradeFailed(
              user,
              loginId,
              UpgradeMode.PROMPT,
              PasskeyUpgradeFailed.DISMISSED,
              WINDOWS_FIREFOX,
              now.plusSeconds(8)));
      elapse(Duration.ofHours(2));
      PasskeyUpgradeSkipped skipped =
          (PasskeyUpgradeSkipped) login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false);
      assertThat(skipped.trace())
          .filteredOn(r -> !r.passed())
          .extracting(RuleResult::rule)
          .contains("prompt-not-dismissed-recently");
      elapse(Duration.ofDays(1));
      assertThat(outcome(login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false)))
          .isEqualTo("PROMPT");
    }

    @Test
    void aRedeliveredFeedbackEventChangesNothing() {
      UUID user = UUID.randomUUID();
      var created = Fixtures.passkeyCreated(user, "cred-9", "iCloud Keychain", IOS_SAFARI_18, now);
      topology.send(created);
      topology.send(Fixtures.passkeyDeleted(user, "cred-9", now.plusSeconds(1)));
      topology.send(created); // redelivered after the deletion: already applied, ignored
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo("CONDITIONAL");
      assertThat(topology.funnel())
          .containsEntry("2025-09-15|iOS/Safari|passkey_created|CONDITIONAL", 1L);
    }

    @Test
    void aPasskeyWhoseDeletionArrivesBeforeItsCreationStaysDeletedAndIsCounted() {
      UUID user = UUID.randomUUID();
      // different topics: Kafka keeps no order between them (seen under load in the benchmark)
      topology.send(Fixtures.passkeyDeleted(user, "cred-7", now.plusSeconds(1)));
      topology.send(Fixtures.passkeyCreated(user, "cred-7", "iCloud Keychain", IOS_SAFARI_18, now));
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo("CONDITIONAL");
      assertThat(topology.funnel())
          .containsEntry("2025-09-15|iOS/Safari|passkey_created|CONDITIONAL", 1L);
      // another passkey of the same user is still known
      topology.send(Fixtures.passkeyCreated(user, "cred-8", "iCloud Keychain", IOS_SAFARI_18, now));
      assertThat(outcome(login(user, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo(SkipReasons.HAS_PASSKEY);
    }
  }

  @Nested
  class RulesAtRuntime {
    @Test
    void aNewRolloutAppliesToTheNextLoginWithoutLosingState() {
      UUID user = UUID.randomUUID();
      for (int i = 0; i < 2; i++) {
        login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false);
      }
      topology.setRules(RulesConfig.defaults().withRolloutPercent(0), 1);
      assertThat(outcome(login(UUID.randomUUID(), IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo(SkipReasons.ROLLOUT_EXCLUDED);

      topology.setRules(
          RulesConfig.defaults().withPromptLimits(2, Duration.ofDays(30), Duration.ZERO), 2);
      // the two earlier prompts are still counted: the limit of two is reached
      assertThat(
              ((PasskeyUpgradeSkipped) login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false))
                  .trace()
                  .getLast()
                  .rule())
          .isEqualTo("prompt-limit");

      topology.resetRules();
      assertThat(outcome(login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false)))
          .isEqualTo("PROMPT");
    }

    @Test
    void aBlockedVersionAppliesAtOnce() {
      topology.setRules(
          RulesConfig.defaults()
              .withBlockedPlatforms(
                  java.util.List.of(
                      new RulesConfig.BlockedPlatform(
                          "iOS", "Safari", java.util.List.of("18.1"), "bug"))),
          1);
      assertThat(outcome(login(UUID.randomUUID(), IOS_SAFARI_18, ALL_CAPABILITIES, true)))
          .isEqualTo(SkipReasons.PLATFORM_BLOCKED);
    }
  }

  @Nested
  class TheFunnel {
    @Test
    void countsEveryStepPerDayAndPlatform() {
      UUID alice = UUID.randomUUID();
      login(alice, IOS_SAFARI_18, ALL_CAPABILITIES, true); // CONDITIONAL
      login(UUID.randomUUID(), IOS_SAFARI_18, ALL_CAPABILITIES, false); // PROMPT
      login(UUID.randomUUID(), WINDOWS_FIREFOX, NO_CAPABILITIES, false); // skipped
      topology.send(
          Fixtures.password(
              UUID.randomUUID(), Fixtures.loginId(), true, ALL_CAPABILITIES, IOS_SAFARI_18, now));
      topology.send(
          Fixtures.passkeyCreated(alice, "cred-a", "iCloud Keychain", IOS_SAFARI_18, now));
      topology.send(Fixtures.passkeyAuthenticated(alice, "cred-a", now.plusSeconds(60)));
      topology.send(Fixtures.passkeyAuthenticated(alice, "cred-a", now.plusSeconds(120)));
      elapse(Duration.ofMinutes(11)); // the last login times out

      String day = "2025-09-15|";
      assertThat(topology.funnel())
          .containsEntry(day + "iOS/Safari|password_login|", 3L)
          .containsEntry(day + "iOS/Safari|second_factor_passed|", 2L)
          .containsEntry(day + "iOS/Safari|eligible|CONDITIONAL", 1L)
          .containsEntry(day + "iOS/Safari|eligible|PROMPT", 1L)
          .containsEntry(day + "iOS/Safari|skipped|SECOND_FACTOR_TIMEOUT", 1L)
          .containsEntry(day + "Windows/Firefox|password_login|", 1L)
          .containsEntry(day + "Windows/Firefox|skipped|NOT_AUTOFILLED", 1L)
          .containsEntry(day + "iOS/Safari|passkey_created|CONDITIONAL", 1L)
          .containsEntry(day + "iOS/Safari|passkey_login|", 2L)
          .containsEntry(day + "iOS/Safari|first_passkey_login|", 1L);
    }

    @Test
    void stepsAreSummedBeforeTheRepartitionOneRecordPerCounterAndInterval() {
      for (int i = 0; i < 10; i++) {
        login(UUID.randomUUID(), IOS_SAFARI_18, ALL_CAPABILITIES, false); // PROMPT
      }
      assertThat(topology.funnelIncrements()).as("nothing sent before the interval").isEmpty();

      topology.advanceWallClock(TopologyHarness.SETTINGS.punctuateInterval());
      String day = "2025-09-15|iOS/Safari|";
      assertThat(topology.funnelIncrements())
          .as("30 steps of 10 logins: one increment per counter")
          .containsExactlyInAnyOrder(
              Map.entry(day + "password_login|", 10L),
              Map.entry(day + "second_factor_passed|", 10L),
              Map.entry(day + "eligible|PROMPT", 10L));

      login(UUID.randomUUID(), IOS_SAFARI_18, ALL_CAPABILITIES, false);
      assertThat(topology.funnel())
          .containsEntry(day + "password_login|", 11L)
          .containsEntry(day + "eligible|PROMPT", 11L);
      assertThat(topology.funnelIncrements())
          .containsExactlyInAnyOrder(
              Map.entry(day + "password_login|", 1L),
              Map.entry(day + "second_factor_passed|", 1L),
              Map.entry(day + "eligible|PROMPT", 1L));
      topology.advanceWallClock(TopologyHarness.SETTINGS.punctuateInterval());
      assertThat(topology.funnelIncrements()).as("sent sums are not sent again").isEmpty();
    }

    @Test
    void upgradeFailuresAreCountedByErrorWithHostileNamesBucketed() {
      UUID user = UUID.randomUUID();
      topology.send(
          Fixtures.upgradeFailed(
              user, "l1", UpgradeMode.CONDITIONAL, "AbortError", IOS_SAFARI_18, now));
      topology.send(
          Fixtures.upgradeFailed(
              user, "l2", UpgradeMode.CONDITIONAL, "x|y<script>", IOS_SAFARI_18, now));
      assertThat(topology.funnel())
          .containsEntry("2025-09-15|iOS/Safari|upgrade_failed|AbortError", 1L)
          .containsEntry("2025-09-15|iOS/Safari|upgrade_failed|other", 1L);
    }
  }

  @Test
  void funnelStepsAndDecisionLatencyReachPrometheus() {
    topology.close();
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    topology =
        new TopologyHarness(
            stateDir.resolve("metrics"),
            START,
            RulesConfig.defaults(),
            new MicrometerFunnelMetrics(registry));
    login(UUID.randomUUID(), IOS_SAFARI_18, ALL_CAPABILITIES, true);
    assertThat(
            registry
                .get("passbridge.funnel.events")
                .tags(
                    "step",
                    "eligible",
                    "detail",
                    "CONDITIONAL",
                    "platform",
                    "iOS/Safari",
                    "source",
                    "hosted")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(registry.get("passbridge.intelligence.decision.latency").timer().count())
        .isEqualTo(1);
  }
}
