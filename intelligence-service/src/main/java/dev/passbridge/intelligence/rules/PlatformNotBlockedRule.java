package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.rules.RulesConfig.BlockedPlatform;

/**
 * Gate: no kill switch ({@code blockedPlatforms}) covers the platform, its version prefix or a
 * version range it is in.
 */
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
        if (blocked.everyVersion()) {
          return RuleOutcome.fail(
              SkipReasons.PLATFORM_BLOCKED, platform.describe() + " is blocked" + note(blocked));
        }
        if (platform.browserVersion().isPresent()) {
          Version version = platform.browserVersion().get();
          if (blocked.inRange(version)) {
            return RuleOutcome.fail(
                SkipReasons.PLATFORM_BLOCKED,
                platform.describe()
                    + " is blocked (versions "
                    + blocked.range()
                    + ")"
                    + note(blocked));
          }
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
