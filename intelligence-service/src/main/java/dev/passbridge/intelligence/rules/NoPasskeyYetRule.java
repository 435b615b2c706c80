package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.rules.PasskeyProfile.KnownPasskey;
import dev.passbridge.intelligence.rules.RulesConfig.ProviderMapping;
import java.util.Optional;

/**
 * Gate: the user has no passkey yet, or (with {@code allowSecondPasskeyFromOtherProvider}) none
 * from this platform's provider. An {@code InvalidStateError} on this platform counts as a passkey
 * there whatever the flag says.
 */
public final class NoPasskeyYetRule implements Rule {
  @Override
  public String name() {
    return "no-passkey-yet";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    PasskeyProfile profile = input.profile();
    String key = PlatformView.key(input.login().platform());
    if (profile.passkeyOnPlatform().containsKey(key)) {
      return RuleOutcome.fail(
          SkipReasons.HAS_PASSKEY,
          "the authenticator on "
              + input.login().platform().label()
              + " already holds a passkey (InvalidStateError)");
    }
    int count = profile.passkeys().size();
    if (count == 0) {
      return RuleOutcome.pass("no passkey registered");
    }
    if (!config.allowSecondPasskeyFromOtherProvider()) {
      return RuleOutcome.fail(SkipReasons.HAS_PASSKEY, "has " + count + " passkey(s)");
    }
    Optional<String> provider = providerOf(input, config);
    for (KnownPasskey passkey : profile.passkeys().values()) {
      boolean sameProvider =
          provider.map(p -> p.equalsIgnoreCase(passkey.providerName())).orElse(false);
      boolean samePlatform =
          passkey.platformLabel() != null
              && passkey.platformLabel().equalsIgnoreCase(input.login().platform().label());
      if (sameProvider || samePlatform) {
        return RuleOutcome.fail(
            SkipReasons.HAS_PASSKEY,
            "has a passkey from "
                + (sameProvider ? passkey.providerName() : "this platform")
                + " already");
      }
    }
    return RuleOutcome.pass(
        "has " + count + " passkey(s), none from " + provider.orElse("this platform"));
  }

  /** The provider this platform saves passkeys to, from the configured mapping. */
  static Optional<String> providerOf(DecisionInput input, RulesConfig config) {
    PlatformView platform = PlatformView.of(input.login().platform(), config);
    for (ProviderMapping mapping : config.providers()) {
      if (platform.osIs(mapping.os()) && platform.browserIs(mapping.browser())) {
        return Optional.of(mapping.provider());
      }
    }
    return Optional.empty();
  }
}
