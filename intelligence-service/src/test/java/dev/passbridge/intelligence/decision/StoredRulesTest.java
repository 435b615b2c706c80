package dev.passbridge.intelligence.decision;

import static dev.passbridge.intelligence.Fixtures.ALL_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.IOS_SAFARI_18;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.RulesConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whatever the compacted rules topic holds (a document of an older version, one written by hand,
 * garbage), the decision keeps running with the last good rules. The driver fails on any exception
 * of the topology (no log-and-continue handler here), so a document that broke the decision would
 * fail this test.
 */
class StoredRulesTest {
  static final Instant START = Instant.parse("2025-09-15T08:00:00Z");

  /** Documents no PUT would store: each must leave the last good rules in force. */
  static final List<String> OUT_OF_RANGE =
      List.of(
          rules("{\"notAllowedCooldown\":\"P999999999999D\",\"rolloutPercent\":100}"),
          rules("{\"promptCooldown\":\"PT2562047788015215H\",\"rolloutPercent\":100}"),
          rules("{\"dismissCooldown\":\"-P1D\",\"rolloutPercent\":100}"),
          rules("{\"notAllowedCooldown\":\"P3651D\",\"rolloutPercent\":100}"),
          rules("{\"rolloutPercent\":150}"),
          rules("{\"rolloutPercent\":-5}"),
          rules("{\"rolloutPercent\":99999999999999999999}"),
          rules("{\"maxPrompts\":-1,\"rolloutPercent\":100}"),
          rules("{\"conditionalCreatePlatforms\":null,\"rolloutPercent\":100}"),
          rules("{\"rolloutPercent\":null}"),
          rules(
              "{\"rolloutPercent\":100,\"conditionalCreatePlatforms\":"
                  + "[{\"os\":\"iOS\",\"browser\":\"Safari\",\"minBrowserVersion\":\"x\"}]}"),
          rules("\"everyone\""),
          "{\"version\":9,\"updatedBy\":\"x\",\"rules\":null}",
          "{\"version\":9,\"updatedBy\":null,\"rules\":{\"rolloutPercent\":100}}",
          "{\"version\":9,\"updatedBy\":\"x\"}",
          "{not json",
          "[]",
          "null",
          "",
          "\u0000\u0001binary");

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

  static String rules(String json) {
    return "{\"version\":7,\"updatedAt\":\"2025-09-15T08:00:00Z\",\"updatedBy\":\"hand\","
        + "\"rules\":"
        + json
        + "}";
  }

  PassbridgeEvent login(UUID user) {
    String loginId = Fixtures.loginId();
    topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, now));
    topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(20)));
    now = now.plusSeconds(60);
    topology.advanceWallClock(Duration.ofSeconds(60));
    return topology.onlyDecisionOf(loginId);
  }

  @Test
  void anOutOfRangeOrUnreadableDocumentKeepsTheLastGoodRulesAndTheDecisionRunning() {
    UUID user = UUID.randomUUID();
    // a NotAllowedError, so the cooldown arithmetic runs in every later decision of this user
    topology.send(
        Fixtures.upgradeFailed(
            user, Fixtures.loginId(), UpgradeMode.PROMPT, "NotAllowedError", IOS_SAFARI_18, now));
    topology.setRules(RulesConfig.defaults().withRolloutPercent(0), 1);
    assertThat(((PasskeyUpgradeSkipped) login(user)).reason()).isEqualTo(SkipReasons.COOLDOWN);
    assertThat(((PasskeyUpgradeSkipped) login(UUID.randomUUID())).reason())
        .isEqualTo(SkipReasons.ROLLOUT_EXCLUDED);

    for (String stored : OUT_OF_RANGE) {
      topology.setRawRules(stored);
      assertThat(login(user))
          .as("the user in cooldown after %s", stored)
          .isInstanceOfSatisfying(
              PasskeyUpgradeSkipped.class,
              skipped -> assertThat(skipped.reason()).isEqualTo(SkipReasons.COOLDOWN));
      assertThat(login(UUID.randomUUID()))
          .as("another user after %s: still rollout 0", stored)
          .isInstanceOfSatisfying(
              PasskeyUpgradeSkipped.class,
              skipped -> assertThat(skipped.reason()).isEqualTo(SkipReasons.ROLLOUT_EXCLUDED));
    }
  }

  @Test
  void theLimitsThemselvesApplyAndAGoodDocumentAfterABadOneApplies() {
    UUID failed = UUID.randomUUID();
    topology.send(
        Fixtures.upgradeFailed(
            failed, Fixtures.loginId(), UpgradeMode.PROMPT, "NotAllowedError", IOS_SAFARI_18, now));
    topology.setRawRules(rules("{\"notAllowedCooldown\":\"P999999999999D\"}"));

    // zero everywhere: no cooldown at all, so the failed user is eligible at once
    topology.setRawRules(
        rules(
            "{\"notAllowedCooldown\":\"PT0S\",\"promptCooldown\":\"PT0S\","
                + "\"dismissCooldown\":\"PT0S\",\"rolloutPercent\":100}"));
    assertThat(login(failed)).isInstanceOf(PasskeyEligible.class);

    // ten years: the longest allowed cooldown is applied, without overflowing
    topology.send(
        Fixtures.upgradeFailed(
            failed, Fixtures.loginId(), UpgradeMode.PROMPT, "NotAllowedError", IOS_SAFARI_18, now));
    topology.setRawRules(rules("{\"notAllowedCooldown\":\"P3650D\",\"rolloutPercent\":100}"));
    assertThat(((PasskeyUpgradeSkipped) login(failed)).reason()).isEqualTo(SkipReasons.COOLDOWN);
    assertThat(login(UUID.randomUUID())).isInstanceOf(PasskeyEligible.class);

    topology.setRawRules("{not json");
    assertThat(((PasskeyUpgradeSkipped) login(failed)).reason()).isEqualTo(SkipReasons.COOLDOWN);
    topology.resetRules();
    assertThat(((PasskeyUpgradeSkipped) login(failed)).reason()).isEqualTo(SkipReasons.COOLDOWN);
  }
}
