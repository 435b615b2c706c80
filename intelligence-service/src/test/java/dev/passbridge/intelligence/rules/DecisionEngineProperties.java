package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.PasskeyProfile.KnownPasskey;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Invariants of the decision over arbitrary logins, profiles and settings. */
class DecisionEngineProperties {
  private final DecisionEngine engine = DecisionEngine.standard();

  @Property(tries = 500)
  void withoutConditionalCreateNeverConditional(
      @ForAll("logins") DecisionInput input, @ForAll("configs") RulesConfig config) {
    Map<String, Boolean> capabilities = new HashMap<>(input.login().capabilities());
    capabilities.remove(LoginFacts.CONDITIONAL_CREATE);
    LoginFacts l = input.login();
    DecisionInput without =
        new DecisionInput(
            new LoginFacts(
                l.userId(),
                l.loginId(),
                l.secondFactor(),
                l.autofilled(),
                capabilities,
                l.platform()),
            input.profile(),
            input.now());
    Decision decision = engine.decide(without, config);
    assertThat(decision.outcome()).isNotEqualTo(UpgradeMode.CONDITIONAL.name());
  }

  @Property(tries = 500)
  void withoutAPlatformAuthenticatorNeverPrompt(
      @ForAll("logins") DecisionInput input, @ForAll("configs") RulesConfig config) {
    Map<String, Boolean> capabilities = new HashMap<>(input.login().capabilities());
    capabilities.remove(LoginFacts.PASSKEY_PLATFORM_AUTHENTICATOR);
    capabilities.remove(LoginFacts.USER_VERIFYING_PLATFORM_AUTHENTICATOR);
    LoginFacts l = input.login();
    DecisionInput without =
        new DecisionInput(
            new LoginFacts(
                l.userId(),
                l.loginId(),
                l.secondFactor(),
                l.autofilled(),
                capabilities,
                l.platform()),
            input.profile(),
            input.now());
    assertThat(engine.decide(without, config).outcome()).isNotEqualTo(UpgradeMode.PROMPT.name());
  }

  @Property(tries = 500)
  void anUpgradeNeedsThePassedSecondFactorAndEveryGate(
      @ForAll("logins") DecisionInput input, @ForAll("configs") RulesConfig config) {
    Decision decision = engine.decide(input, config);
    if (decision instanceof Decision.Eligible) {
      assertThat(input.login().secondFactor()).isEqualTo(SecondFactorOutcome.PASSED);
      assertThat(
              Rollout.inside(input.login().userId(), config.rolloutSalt(), config.rolloutPercent()))
          .isTrue();
      if (!config.allowSecondPasskeyFromOtherProvider()) {
        assertThat(input.profile().passkeys()).isEmpty();
      }
    }
  }

  @Property(tries = 500)
  void aSkipNamesTheFirstFailingRuleAndTheTraceStopsThereOrInTheFallback(
      @ForAll("logins") DecisionInput input, @ForAll("configs") RulesConfig config) {
    Decision decision = engine.decide(input, config);
    List<RuleResult> trace = decision.trace();
    assertThat(trace).isNotEmpty();
    if (decision instanceof Decision.Eligible) {
      assertThat(trace.getLast().passed()).isTrue();
    } else {
      assertThat(trace.stream().filter(r -> !r.passed()).count()).isBetween(1L, 2L);
      assertThat(trace.getLast().passed()).isFalse();
    }
  }

  @Property(tries = 300)
  void theDecisionIsAFunctionOfItsInputs(
      @ForAll("logins") DecisionInput input, @ForAll("configs") RulesConfig config) {
    assertThat(engine.decide(input, config)).isEqualTo(engine.decide(input, config));
  }

  @Provide
  Arbitrary<DecisionInput> logins() {
    Arbitrary<Platform> platforms =
        Arbitraries.of(
            Fixtures.IOS_SAFARI_18,
            Fixtures.IOS_SAFARI_17,
            Fixtures.MAC_SAFARI_18,
            Fixtures.WINDOWS_CHROME_136,
            Fixtures.WINDOWS_CHROME_135,
            Fixtures.ANDROID_CHROME_141,
            Fixtures.WINDOWS_FIREFOX,
            Fixtures.LINUX_CHROMIUM_137,
            Platform.unknown());
    Arbitrary<Map<String, Boolean>> capabilities =
        Arbitraries.maps(
                Arbitraries.of(
                    LoginFacts.CONDITIONAL_CREATE,
                    LoginFacts.PASSKEY_PLATFORM_AUTHENTICATOR,
                    LoginFacts.USER_VERIFYING_PLATFORM_AUTHENTICATOR,
                    "relatedOrigins"),
                Arbitraries.of(true, false))
            .ofMaxSize(4);
    Arbitrary<LoginFacts> facts =
        Combinators.combine(
                Arbitraries.create(UUID::randomUUID),
                Arbitraries.of(SecondFactorOutcome.class),
                Arbitraries.of(true, false),
                capabilities,
                platforms)
            .as(
                (user, sf, autofilled, caps, platform) ->
                    new LoginFacts(user, "login", sf, autofilled, caps, platform));
    return Combinators.combine(facts, profiles())
        .as((f, p) -> new DecisionInput(f, p, RuleInputs.NOW));
  }

  private Arbitrary<PasskeyProfile> profiles() {
    Arbitrary<Integer> passkeys = Arbitraries.integers().between(0, 2);
    Arbitrary<String> failure =
        Arbitraries.of(
            "none",
            PasskeyUpgradeFailed.NOT_ALLOWED,
            PasskeyUpgradeFailed.INVALID_STATE,
            PasskeyUpgradeFailed.DISMISSED,
            "AbortError");
    Arbitrary<Integer> prompts = Arbitraries.integers().between(0, 4);
    Arbitrary<Integer> daysAgo = Arbitraries.integers().between(0, 40);
    return Combinators.combine(passkeys, failure, prompts, daysAgo)
        .as(
            (n, error, promptCount, ago) -> {
              Instant at = RuleInputs.NOW.minus(Duration.ofDays(ago));
              PasskeyProfile profile = PasskeyProfile.empty();
              for (int i = 0; i < n; i++) {
                profile =
                    profile.withPasskey(
                        "cred-" + i,
                        new KnownPasskey(i == 0 ? "iCloud Keychain" : "1Password", null, at));
              }
              if (!error.equals("none")) {
                profile = profile.withUpgradeFailure(error, "ios/safari", at);
              }
              for (int i = 0; i < promptCount; i++) {
                profile = profile.withPromptShown(at, RulesConfig.defaults());
              }
              return profile;
            });
  }

  @Provide
  Arbitrary<RulesConfig> configs() {
    return Combinators.combine(
            Arbitraries.integers().between(0, 100),
            Arbitraries.of(true, false),
            Arbitraries.integers().between(0, 5))
        .as(
            (rollout, allowOther, maxPrompts) ->
                RulesConfig.defaults()
                    .withRolloutPercent(rollout)
                    .withAllowSecondPasskeyFromOtherProvider(allowOther)
                    .withPromptLimits(maxPrompts, Duration.ofDays(30), Duration.ofDays(1)));
  }
}
