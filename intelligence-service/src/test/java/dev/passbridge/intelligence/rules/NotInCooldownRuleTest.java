package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class NotInCooldownRuleTest {
  private final Rule rule = new NotInCooldownRule();

  private static PasskeyProfile notAllowed(String platformKey, Duration ago) {
    return PasskeyProfile.empty()
        .withUpgradeFailure(
            PasskeyUpgradeFailed.NOT_ALLOWED, platformKey, RuleInputs.NOW.minus(ago));
  }

  @Test
  void notAllowedErrorStartsACooldownForThatPlatform() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.IOS_SAFARI_18), notAllowed("ios/safari", Duration.ofDays(6)));
    RuleOutcome outcome = rule.evaluate(input, RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.COOLDOWN);
  }

  @Test
  void theCooldownEndsAfterItsDuration() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.IOS_SAFARI_18), notAllowed("ios/safari", Duration.ofDays(7)));
    assertThat(rule.evaluate(input, RulesConfig.defaults()).passed()).isTrue();
  }

  @Test
  void theCooldownIsPerPlatform() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.WINDOWS_CHROME_136),
            notAllowed("ios/safari", Duration.ofHours(1)));
    assertThat(rule.evaluate(input, RulesConfig.defaults()).passed()).isTrue();
  }

  @Test
  void aFailureOnAnUnknownPlatformCoolsDownEveryPlatform() {
    DecisionInput input =
        RuleInputs.withProfile(
            RuleInputs.login(Fixtures.WINDOWS_CHROME_136),
            notAllowed(PasskeyProfile.ANY_PLATFORM, Duration.ofHours(1)));
    assertThat(rule.evaluate(input, RulesConfig.defaults()).passed()).isFalse();
  }

  @Test
  void otherErrorsStartNoCooldown() {
    PasskeyProfile profile =
        PasskeyProfile.empty().withUpgradeFailure("AbortError", "ios/safari", RuleInputs.NOW);
    assertThat(
            rule.evaluate(
                    RuleInputs.withProfile(RuleInputs.login(Fixtures.IOS_SAFARI_18), profile),
                    RulesConfig.defaults())
                .passed())
        .isTrue();
  }
}
