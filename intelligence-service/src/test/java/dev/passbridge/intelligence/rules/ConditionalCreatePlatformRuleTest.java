package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.rules.RulesConfig.ConditionalPlatform;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ConditionalCreatePlatformRuleTest {
  private final Rule rule = new ConditionalCreatePlatformRule();

  static List<Platform> supported() {
    return List.of(
        Fixtures.IOS_SAFARI_18,
        Fixtures.IPADOS_SAFARI_18,
        Fixtures.MAC_SAFARI_18,
        Fixtures.WINDOWS_CHROME_136,
        Fixtures.ANDROID_CHROME_141,
        Fixtures.LINUX_CHROMIUM_137,
        new Platform("Mac OS", null, "Chrome", "140.0", "Desktop"),
        new Platform("Chrome OS", "16181", "Chrome", "138.0", "Desktop"),
        new Platform("ios", "18.0", "safari", "18.0", "Phone"));
  }

  static List<Platform> unsupported() {
    return List.of(
        Fixtures.IOS_SAFARI_17,
        Fixtures.MAC_SAFARI_17,
        Fixtures.WINDOWS_CHROME_135,
        Fixtures.ANDROID_CHROME_140,
        Fixtures.WINDOWS_EDGE_137,
        Fixtures.WINDOWS_FIREFOX,
        new Platform("iOS", "17.7", "Safari", "18.0", "Phone"),
        new Platform("iOS", null, "Safari", "18.0", "Phone"),
        new Platform("Windows", "11", "Chrome", null, "Desktop"),
        new Platform("iOS", "18.1", "Chrome", "136.0", "Phone"),
        Platform.unknown());
  }

  @ParameterizedTest
  @MethodSource("supported")
  void thePlatformsOfTheTableSupportConditionalCreate(Platform platform) {
    assertThat(rule.evaluate(RuleInputs.login(platform), RulesConfig.defaults()).passed())
        .as(platform.toString())
        .isTrue();
  }

  @ParameterizedTest
  @MethodSource("unsupported")
  void olderVersionsAndOtherBrowsersDoNot(Platform platform) {
    RuleOutcome outcome = rule.evaluate(RuleInputs.login(platform), RulesConfig.defaults());
    assertThat(outcome.passed()).as(platform.toString()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.NO_CONDITIONAL_CREATE);
  }

  @Test
  void safariOnAMacIsJudgedByTheSafariVersionAlone() {
    Platform frozen = new Platform("Mac OS", "10.15", "Safari", "18.4", "Desktop");
    assertThat(rule.evaluate(RuleInputs.login(frozen), RulesConfig.defaults()).passed()).isTrue();
  }

  @Test
  void theDetailSaysWhichVersionIsMissing() {
    RuleOutcome outcome =
        rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_CHROME_135), RulesConfig.defaults());
    assertThat(outcome.detail()).contains("135").contains("136");
  }

  @Test
  void configurationCanBlockAKnownBadVersion() {
    List<ConditionalPlatform> table =
        new ArrayList<>(RulesConfig.defaultConditionalCreatePlatforms());
    table.replaceAll(
        row ->
            row.os().equals("Windows")
                ? new ConditionalPlatform(
                    row.os(),
                    row.browser(),
                    row.minBrowserVersion(),
                    null,
                    List.of(),
                    List.of("136"))
                : row);
    RulesConfig config = RulesConfig.defaults().withConditionalCreatePlatforms(table);
    RuleOutcome outcome = rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_CHROME_136), config);
    assertThat(outcome.passed()).isFalse();
    assertThat(outcome.skipReason()).isEqualTo(SkipReasons.PLATFORM_BLOCKED);
    Platform chrome137 = new Platform("Windows", "11", "Chrome", "137.0", "Desktop");
    assertThat(rule.evaluate(RuleInputs.login(chrome137), config).passed()).isTrue();
  }

  @Test
  void configurationCanExtendTheTable() {
    List<ConditionalPlatform> table =
        new ArrayList<>(RulesConfig.defaultConditionalCreatePlatforms());
    table.add(new ConditionalPlatform("Windows", "Edge", "137", null, List.of(), List.of()));
    assertThat(
            rule.evaluate(
                    RuleInputs.login(Fixtures.WINDOWS_EDGE_137),
                    RulesConfig.defaults().withConditionalCreatePlatforms(table))
                .passed())
        .isTrue();
  }

  @Test
  void edgeCanBeTreatedAsChromeByAlias() {
    RulesConfig config = RulesConfig.defaults().withBrowserAliases(Map.of("Edge", "Chrome"));
    assertThat(rule.evaluate(RuleInputs.login(Fixtures.WINDOWS_EDGE_137), config).passed())
        .isTrue();
  }
}
