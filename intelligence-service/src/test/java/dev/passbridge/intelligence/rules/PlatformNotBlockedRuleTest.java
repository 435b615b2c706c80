package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.RulesConfig.BlockedPlatform;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlatformNotBlockedRuleTest {
  private final Rule rule = new PlatformNotBlockedRule();

  @Test
  void nothingIsBlockedByDefault() {
    assertThat(
            rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_CHROME_136), RulesConfig.defaults())
                .passed())
        .isTrue();
  }

  @Test
  void blocksAKnownBadVersionByPrefix() {
    RulesConfig config =
        RulesConfig.defaults()
            .withBlockedPlatforms(
                List.of(new BlockedPlatform("*", "chrome", List.of("136"), "crbug 123")));
    RuleOutcome outcome = rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_CHROME_136), config);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.PLATFORM_BLOCKED);
    assertThat(outcome.detail()).contains("crbug 123");
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.ANDROID_CHROME_141), config).passed())
        .isTrue();
  }

  @Test
  void versionPrefixDoesNotMatchAShorterNumber() {
    RulesConfig config =
        RulesConfig.defaults()
            .withBlockedPlatforms(
                List.of(new BlockedPlatform("Windows", "Chrome", List.of("13"), null)));
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_CHROME_136), config).passed())
        .isTrue();
  }

  @Test
  void anEntryWithoutVersionsBlocksEveryVersionOfThePlatform() {
    RulesConfig config =
        RulesConfig.defaults()
            .withBlockedPlatforms(List.of(new BlockedPlatform("windows", "*", List.of(), null)));
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_FIREFOX), config).passed())
        .isFalse();
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.IOS_SAFARI_18), config).passed()).isTrue();
  }

  @Test
  void aliasesApplySoChromiumIsBlockedWithChrome() {
    RulesConfig config =
        RulesConfig.defaults()
            .withBlockedPlatforms(List.of(new BlockedPlatform("*", "Chrome", List.of(), null)));
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.LINUX_CHROMIUM_137), config).passed())
        .isFalse();
  }
}
