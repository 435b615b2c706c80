package dev.passbridge.intelligence.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.intelligence.IntelligenceJson;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RulesConfigTest {
  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  @Test
  void defaultsFollowTheDesign() {
    RulesConfig rules = RulesConfig.defaults();
    assertThat(rules.rolloutPercent()).isEqualTo(100);
    assertThat(rules.maxPrompts()).isEqualTo(3);
    assertThat(rules.promptCooldown()).isEqualTo(Duration.ofDays(30));
    assertThat(rules.allowSecondPasskeyFromOtherProvider()).isFalse();
    assertThat(rules.conditionalCreatePlatforms()).hasSize(7);
    assertThat(validator.validate(rules)).isEmpty();
  }

  @Test
  void survivesJsonWithIsoDurations() {
    RulesConfig rules = RulesConfig.defaults().withRolloutPercent(42);
    String json = IntelligenceJson.MAPPER.writeValueAsString(rules);
    assertThat(json).contains("\"promptCooldown\":\"PT720H\"");
    assertThat(IntelligenceJson.MAPPER.readValue(json, RulesConfig.class)).isEqualTo(rules);
  }

  @Test
  void aPartialDocumentTakesDefaultsForTheRest() {
    RulesConfig rules =
        IntelligenceJson.MAPPER.readValue(
            "{\"rolloutPercent\":10,\"promptCooldown\":\"P14D\"}", RulesConfig.class);
    assertThat(rules.rolloutPercent()).isEqualTo(10);
    assertThat(rules.promptCooldown()).isEqualTo(Duration.ofDays(14));
    assertThat(rules.maxPrompts()).isEqualTo(3);
  }

  @Test
  void rejectsNegativeDurationsAndOutOfRangeNumbers() {
    assertThatThrownBy(
            () -> RulesConfig.defaults().withPromptLimits(3, Duration.ofDays(-1), Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(validator.validate(RulesConfig.defaults().withRolloutPercent(101))).isNotEmpty();
  }

  @Test
  void rejectsTableRowsWithoutAVersion() {
    RulesConfig rules =
        IntelligenceJson.MAPPER.readValue(
            "{\"conditionalCreatePlatforms\":[{\"os\":\"iOS\",\"browser\":\"Safari\",\"minBrowserVersion\":\"x\"}]}",
            RulesConfig.class);
    assertThat(validator.validate(rules))
        .anySatisfy(v -> assertThat(v.getPropertyPath().toString()).contains("minBrowserVersion"));
  }
}
