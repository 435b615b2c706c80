package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformAuthenticatorRuleTest {
  private final Rule rule = new PlatformAuthenticatorRule();

  @Test
  void passesOnPasskeyPlatformAuthenticator() {
    assertThat(
            rule.evaluate(
                    RuleInputs.login(
                        Fixtures.WINDOWS_FIREFOX,
                        Map.of("passkeyPlatformAuthenticator", true),
                        false),
                    RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void passesOnUserVerifyingPlatformAuthenticator() {
    assertThat(
            rule.evaluate(
                    RuleInputs.login(Fixtures.WINDOWS_FIREFOX, Fixtures.AUTHENTICATOR_ONLY, false),
                    RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void failsWithoutAnyPlatformAuthenticator() {
    RuleOutcome outcome =
        rule.evaluate(
            RuleInputs.login(
                Fixtures.WINDOWS_FIREFOX,
                Map.of(
                    "passkeyPlatformAuthenticator",
                    false,
                    "userVerifyingPlatformAuthenticator",
                    false),
                false),
            RulesConfig.defaults());
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.NO_PLATFORM_AUTHENTICATOR);
  }
}
