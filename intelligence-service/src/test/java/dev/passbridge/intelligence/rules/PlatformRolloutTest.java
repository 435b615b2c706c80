package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.RulesConfig.BlockedPlatform;
import dev.passbridge.intelligence.rules.RulesConfig.PlatformRollout;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The rollout per platform, its conditional share, and kill switches by version range. */
class PlatformRolloutTest {
  private final int bucket = Rollout.bucket(RuleInputs.USER, "");

  @Test
  void aPlatformsRowDecidesItsRolloutAndTheDefaultCoversTheRest() {
    RulesConfig rules =
        RulesConfig.defaults()
            .withRolloutPercent(bucket + 1)
            .withPlatformRollouts(List.of(new PlatformRollout("iOS", "Safari", bucket, 100)));
    Rule rule = new InsideRolloutRule();
    RuleOutcome ios = rule.evaluate(RuleInputs.login(Fixtures.IOS_SAFARI_18), rules);
    assertThat(ios.passed()).isFalse();
    assertThat(ios.skipReason()).isEqualTo(SkipReasons.ROLLOUT_EXCLUDED);
    assertThat(ios.detail()).contains("(iOS/Safari)");
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_CHROME_136), rules).passed())
        .isTrue();
  }

  @Test
  void rowsMatchAfterAliasesAndTheFirstMatchingRowWins() {
    RulesConfig rules =
        RulesConfig.defaults()
            .withPlatformRollouts(
                List.of(
                    new PlatformRollout("iOS", "*", 0, 100),
                    new PlatformRollout("*", "*", 100, 100)));
    assertThat(rules.rolloutFor(PlatformView.of(Fixtures.IPADOS_SAFARI_18, rules)).percent())
        .isZero();
    assertThat(rules.rolloutFor(PlatformView.of(Fixtures.MAC_SAFARI_18, rules)).percent())
        .isEqualTo(100);
  }

  @Test
  void outsideTheConditionalShareTheEngineFallsBackToThePrompt() {
    RulesConfig rules =
        RulesConfig.defaults()
            .withPlatformRollouts(List.of(new PlatformRollout("iOS", "Safari", 100, bucket)));
    Decision decision =
        DecisionEngine.standard().decide(RuleInputs.login(Fixtures.IOS_SAFARI_18), rules);
    assertThat(decision.outcome()).isEqualTo("PROMPT");
    assertThat(decision.trace())
        .anySatisfy(
            r -> {
              assertThat(r.rule()).isEqualTo("inside-conditional-rollout");
              assertThat(r.passed()).isFalse();
            });
    RulesConfig inside =
        rules.withPlatformRollouts(List.of(new PlatformRollout("iOS", "Safari", 100, bucket + 1)));
    assertThat(
            DecisionEngine.standard()
                .decide(RuleInputs.login(Fixtures.IOS_SAFARI_18), inside)
                .outcome())
        .isEqualTo("CONDITIONAL");
  }

  @Test
  void aKillSwitchCoversAVersionRangeInclusiveOfTheUpperPrefix() {
    RulesConfig rules =
        RulesConfig.defaults()
            .withBlockedPlatforms(
                List.of(
                    new BlockedPlatform(
                        "Android", "Chrome", List.of(), "bad build", "137.0", "137.9")));
    Rule rule = new PlatformNotBlockedRule();
    for (String version : List.of("137.0", "137.5", "137.9", "137.9.7151")) {
      RuleOutcome outcome = rule.evaluate(RuleInputs.login(android(version)), rules);
      assertThat(outcome.passed()).as(version).isFalse();
      assertThat(outcome.skipReason()).isEqualTo(SkipReasons.PLATFORM_BLOCKED);
      assertThat(outcome.detail()).contains("137.0-137.9").contains("bad build");
    }
    for (String version : List.of("136.9", "138.0", "137.10")) {
      assertThat(rule.evaluate(RuleInputs.login(android(version)), rules).passed())
          .as(version)
          .isTrue();
    }
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_CHROME_136), rules).passed())
        .isTrue();
  }

  @Test
  void aKillSwitchWithoutVersionsTurnsThePlatformOff() {
    RulesConfig rules =
        RulesConfig.defaults()
            .withBlockedPlatforms(List.of(new BlockedPlatform("Android", "Chrome", null, null)));
    assertThat(
            new PlatformNotBlockedRule()
                .evaluate(RuleInputs.login(android("141.0")), rules)
                .passed())
        .isFalse();
  }

  @Test
  void inconsistenciesNameTheirField() {
    RulesConfig rules =
        RulesConfig.defaults()
            .withPlatformRollouts(
                List.of(
                    new PlatformRollout("iOS", "Safari", 10, 100),
                    new PlatformRollout("ios", "safari ", 20, 100)))
            .withBlockedPlatforms(
                List.of(new BlockedPlatform("Android", "Chrome", List.of(), "", "138", "137.9")));
    assertThat(rules.inconsistencies())
        .containsOnlyKeys("platformRollouts[1]", "blockedPlatforms[0].toBrowserVersion");
    assertThat(RulesConfig.defaults().inconsistencies()).isEmpty();
  }

  private static Platform android(String version) {
    return new Platform("Android", "15", "Chrome", version, "Phone");
  }
}
