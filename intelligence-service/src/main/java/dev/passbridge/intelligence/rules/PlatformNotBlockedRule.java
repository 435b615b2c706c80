package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.rules.RulesConfig.BlockedPlatform;

/** Gate: the platform (or this version of it) is not on the configured block list. */
public final class PlatformNotBlockedRule implements Rule {
  @Override
  public String name() {
    return "platform-not-blocked";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    PlatformView platform = PlatformView.of(input.login().platform(), config);
    for (BlockedPlatform blocked : config.blockedPlatforms()) {
      if (platform.osIs(blocked.os()) && platform.browserIs(blocked.browser())) {
        if (blocked.browserVersions().isEmpty()) {
          return RuleOutcome.fail(
              SkipReasons.PLATFORM_BLOCKED, platform.describe() + " is blocked" + note(blocked));
        }
        if (platform.browserVersion().isPresent()) {
          Version version = platform.browserVersion().get();
          for (String prefix : blocked.browserVersions()) {
            if (version.startsWith(Version.of(prefix))) {
              return RuleOutcome.fail(
                  SkipReasons.PLATFORM_BLOCKED,
                  platform.describe() + " is blocked (version " + prefix + ")" + note(blocked));
            }
          }
        }
      }
    }
    return RuleOutcome.pass(platform.describe() + " is not blocked");
  }

  private static String note(BlockedPlatform blocked) {
    return blocked.note().isBlank() ? "" : ": " + blocked.note();
  }
}
