package dev.passbridge.intelligence.rules;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.rules.RulesConfig.ConditionalPlatform;
import java.util.Optional;

/**
 * Conditional create: the platform is in the table of platforms known to support it, at or above
 * the row's versions and not at an excluded (known-bad) version. The capability is required as well
 * (its own rule); the table only narrows it.
 */
public final class ConditionalCreatePlatformRule implements Rule {
  @Override
  public String name() {
    return "conditional-create-platform";
  }

  @Override
  public RuleOutcome evaluate(DecisionInput input, RulesConfig config) {
    PlatformView platform = PlatformView.of(input.login().platform(), config);
    String closest = null;
    for (ConditionalPlatform row : config.conditionalCreatePlatforms()) {
      if (!platform.osIs(row.os())
          || !platform.browserIs(row.browser())
          || !platform.deviceClassIn(row.deviceClasses())) {
        continue;
      }
      Optional<String> miss = versionMiss(platform, row);
      if (miss.isEmpty()) {
        for (String excluded : row.excludedBrowserVersions()) {
          if (platform.browserVersion().orElseThrow().startsWith(Version.of(excluded))) {
            return RuleOutcome.fail(
                SkipReasons.PLATFORM_BLOCKED,
                platform.describe()
                    + ": version "
                    + excluded
                    + " is excluded from conditional create");
          }
        }
        return RuleOutcome.pass(platform.describe() + " supports conditional create");
      }
      closest = closest == null ? miss.get() : closest;
    }
    return RuleOutcome.fail(
        SkipReasons.NO_CONDITIONAL_CREATE,
        closest != null
            ? closest
            : platform.browser()
                + " on "
                + platform.os()
                + " is not in the conditional-create table");
  }

  private static Optional<String> versionMiss(PlatformView platform, ConditionalPlatform row) {
    Version minBrowser = Version.of(row.minBrowserVersion());
    if (platform.browserVersion().isEmpty()) {
      return Optional.of(platform.browser() + " version unknown, needs " + minBrowser + "+");
    }
    if (!platform.browserVersion().get().atLeast(minBrowser)) {
      return Optional.of(
          platform.browser()
              + " "
              + platform.browserVersion().get()
              + " is below "
              + minBrowser
              + " on "
              + platform.os());
    }
    if (row.minOsVersion() != null) {
      Version minOs = Version.of(row.minOsVersion());
      if (platform.osVersion().isEmpty()) {
        return Optional.of(platform.os() + " version unknown, needs " + minOs + "+");
      }
      if (!platform.osVersion().get().atLeast(minOs)) {
        return Optional.of(platform.os() + " " + platform.osVersion().get() + " is below " + minOs);
      }
    }
    return Optional.empty();
  }
}
