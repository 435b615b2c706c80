package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.PasskeyProfile.KnownPasskey;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules together: order, modes, reasons, trace. */
class DecisionEngineTest {
  private final DecisionEngine engine = DecisionEngine.standard();
  private final RulesConfig defaults = RulesConfig.defaults();

  private Decision decide(DecisionInput input) {
    return engine.decide(input, defaults);
  }

  @Test
  void autofilledLoginOnSafari18WithTheCapabilityIsConditional() {
    Decision decision = decide(RuleInputs.login(Fixtures.IOS_SAFARI_18));
    assertThat(decision).isInstanceOf(Decision.Eligible.class);
    assertThat(((Decision.Eligible) decision).mode()).isEqualTo(UpgradeMode.CONDITIONAL);
    assertThat(decision.trace())
        .extracting(RuleResult::rule)
        .containsExactly(
            "second-factor-passed",
            "platform-not-blocked",
            "no-passkey-yet",
            "not-in-cooldown",
            "inside-rollout",
            "password-autofilled",
            "conditional-create-capability",
            "conditional-create-platform",
            "inside-conditional-rollout");
    assertThat(decision.trace()).allMatch(RuleResult::passed);
  }

  @Test
  void typedPasswordWithAPlatformAuthenticatorGetsAPrompt() {
    Decision decision =
        decide(RuleInputs.login(Fixtures.IOS_SAFARI_18, Fixtures.ALL_CAPABILITIES, false));
    assertThat(decision.outcome()).isEqualTo("PROMPT");
    assertThat(decision.trace())
        .extracting(RuleResult::rule)
        .containsSubsequence("password-autofilled", "platform-authenticator", "prompt-limit");
  }

  @Test
  void olderBrowserWithoutConditionalCreateButWithAnAuthenticatorGetsAPrompt() {
    assertThat(
            decide(RuleInputs.login(Fixtures.WINDOWS_CHROME_135, Fixtures.AUTHENTICATOR_ONLY, true))
                .outcome())
        .isEqualTo("PROMPT");
  }

  @Test
  void capabilityOnAPlatformOutsideTheTableGetsAPromptNotConditional() {
    assertThat(
            decide(RuleInputs.login(Fixtures.WINDOWS_FIREFOX, Fixtures.ALL_CAPABILITIES, true))
                .outcome())
        .isEqualTo("PROMPT");
  }

  @Test
  void theTableDoesNotReplaceTheCapability() {
    Decision decision = decide(RuleInputs.login(Fixtures.IOS_SAFARI_18, Map.of(), true));
    assertThat(decision).isInstanceOf(Decision.Skipped.class);
    assertThat(decision.outcome()).isEqualTo(SkipReasons.NO_CONDITIONAL_CREATE);
  }

  @Test
  void noAuthenticatorAtAllSkipsWithTheFirstFailingRulesReason() {
    Decision typed = decide(RuleInputs.login(Fixtures.WINDOWS_FIREFOX, Map.of(), false));
    assertThat(typed.outcome()).isEqualTo(SkipReasons.NOT_AUTOFILLED);
    assertThat(typed.trace())
        .extracting(RuleResult::rule)
        .endsWith("password-autofilled", "platform-authenticator");
    Decision autofilled = decide(RuleInputs.login(Fixtures.WINDOWS_FIREFOX, Map.of(), true));
    assertThat(autofilled.outcome()).isEqualTo(SkipReasons.NO_CONDITIONAL_CREATE);
  }

  @Test
  void aGateStopsTheDecisionBeforeAnyModeIsConsidered() {
    PasskeyProfile hasPasskey =
        PasskeyProfile.empty()
            .withPasskey("c", new KnownPasskey("iCloud Keychain", "iOS/Safari", RuleInputs.NOW));
    Decision decision =
        decide(RuleInputs.withProfile(RuleInputs.login(Fixtures.IOS_SAFARI_18), hasPasskey));
    assertThat(decision.outcome()).isEqualTo(SkipReasons.HAS_PASSKEY);
    assertThat(decision.trace()).extracting(RuleResult::rule).doesNotContain("password-autofilled");
    assertThat(decision.trace().getLast().passed()).isFalse();
  }

  @Test
  void timeoutSkipsWithOnlyTheSecondFactorRuleInTheTrace() {
    Decision decision =
        decide(
            RuleInputs.withSecondFactor(
                RuleInputs.login(Fixtures.IOS_SAFARI_18), SecondFactorOutcome.TIMED_OUT));
    assertThat(decision.outcome()).isEqualTo(SkipReasons.SECOND_FACTOR_TIMEOUT);
    assertThat(decision.trace()).hasSize(1);
  }

  @Test
  void rolloutExclusionAppliesToPromptsToo() {
    RulesConfig none = defaults.withRolloutPercent(0);
    assertThat(
            engine
                .decide(
                    RuleInputs.login(Fixtures.WINDOWS_FIREFOX, Fixtures.AUTHENTICATOR_ONLY, false),
                    none)
                .outcome())
        .isEqualTo(SkipReasons.ROLLOUT_EXCLUDED);
  }

  @Test
  void aDismissedPromptFallsBackToCooldownButConditionalStillWorks() {
    PasskeyProfile dismissed =
        PasskeyProfile.empty()
            .withUpgradeFailure(
                PasskeyUpgradeFailed.DISMISSED, "ios/safari", RuleInputs.NOW.minusSeconds(60));
    assertThat(
            decide(
                    RuleInputs.withProfile(
                        RuleInputs.login(Fixtures.IOS_SAFARI_18, Fixtures.ALL_CAPABILITIES, false),
                        dismissed))
                .outcome())
        .isEqualTo(SkipReasons.NOT_AUTOFILLED);
    assertThat(
            decide(RuleInputs.withProfile(RuleInputs.login(Fixtures.IOS_SAFARI_18), dismissed))
                .outcome())
        .isEqualTo("CONDITIONAL");
  }

  @Test
  void notAllowedErrorCoolsDownBothModes() {
    PasskeyProfile failed =
        PasskeyProfile.empty()
            .withUpgradeFailure(
                PasskeyUpgradeFailed.NOT_ALLOWED,
                "ios/safari",
                RuleInputs.NOW.minus(Duration.ofDays(1)));
    assertThat(
            decide(RuleInputs.withProfile(RuleInputs.login(Fixtures.IOS_SAFARI_18), failed))
                .outcome())
        .isEqualTo(SkipReasons.COOLDOWN);
  }
}
