package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import java.time.Instant;

/**
 * Gate: no {@code NotAllowedError} on this platform (or on an unknown platform) within {@code
 * notAllowedCooldown}.
 */
public final class NotInCooldownRule implements Rule {
  @Override
  public String name() {
    return "not-in-cooldown";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    String key = PlatformView.key(input.login().platform());
    for (String cooldownKey : new String[] {key, PasskeyProfile.ANY_PLATFORM}) {
      Instant failedAt = input.profile().notAllowedAt().get(cooldownKey);
      if (failedAt != null) {
        Instant until = failedAt.plus(config.notAllowedCooldown());
        if (input.now().isBefore(until)) {
          return RuleOutcome.fail(
              SkipReasons.COOLDOWN,
              "NotAllowedError on "
                  + (cooldownKey.equals(key) ? input.login().platform().label() : "this account")
                  + " at "
                  + failedAt
                  + ", cooldown until "
                  + until);
        }
      }
    }
    return RuleOutcome.pass("no upgrade cooldown");
  }
}
