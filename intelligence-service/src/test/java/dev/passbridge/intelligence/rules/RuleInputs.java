package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.Platform;
import dev.passbridge.intelligence.Fixtures;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Builds decision inputs for rule tests. */
final class RuleInputs {
  private RuleInputs() {}

  static final Instant NOW = Instant.parse("2025-09-15T10:00:00Z");
  static final UUID USER = UUID.fromString("6f1c2d1e-0000-4000-8000-000000000001");

  static DecisionInput login(Platform platform) {
    return login(platform, Fixtures.ALL_CAPABILITIES, true);
  }

  static DecisionInput login(
      Platform platform, Map<String, Boolean> capabilities, boolean autofilled) {
    return new DecisionInput(
        new LoginFacts(
            USER, "login-1", SecondFactorOutcome.PASSED, autofilled, capabilities, platform),
        PasskeyProfile.empty(),
        NOW);
  }

  static DecisionInput withProfile(DecisionInput input, PasskeyProfile profile) {
    return new DecisionInput(input.login(), profile, input.now());
  }

  static DecisionInput withSecondFactor(DecisionInput input, SecondFactorOutcome secondFactor) {
    LoginFacts l = input.login();
    return new DecisionInput(
        new LoginFacts(
            l.userId(), l.loginId(), secondFactor, l.autofilled(), l.capabilities(), l.platform()),
        input.profile(),
        input.now());
  }

  static DecisionInput withUser(DecisionInput input, UUID userId) {
    LoginFacts l = input.login();
    return new DecisionInput(
        new LoginFacts(
            userId, l.loginId(), l.secondFactor(), l.autofilled(), l.capabilities(), l.platform()),
        input.profile(),
        input.now());
  }
}
