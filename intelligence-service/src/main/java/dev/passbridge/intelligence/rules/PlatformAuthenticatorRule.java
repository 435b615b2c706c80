package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;

/**
 * Prompt: the platform has a passkey authenticator ({@code passkeyPlatformAuthenticator} or {@code
 * userVerifyingPlatformAuthenticator} reported true).
 */
public final class PlatformAuthenticatorRule implements Rule {
  @Override
  public String name() {
    return "platform-authenticator";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    LoginFacts login = input.login();
    if (login.capability(LoginFacts.PASSKEY_PLATFORM_AUTHENTICATOR)) {
      return RuleOutcome.pass("passkeyPlatformAuthenticator reported");
    }
    if (login.capability(LoginFacts.USER_VERIFYING_PLATFORM_AUTHENTICATOR)) {
      return RuleOutcome.pass("userVerifyingPlatformAuthenticator reported");
    }
    return RuleOutcome.fail(
        SkipReasons.NO_PLATFORM_AUTHENTICATOR, "no platform authenticator reported");
  }
}
