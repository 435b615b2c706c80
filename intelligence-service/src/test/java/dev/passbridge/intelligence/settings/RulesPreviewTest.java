package dev.passbridge.intelligence.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.passbridge.intelligence.rules.RulesConfig;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What proposed rules would decide for a chosen platform and history. */
class RulesPreviewTest {
  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
  static final Instant NOW = Instant.parse("2025-09-15T08:00:00Z");
  static final String ANDROID =
      "{\"os\":\"Android\",\"osVersion\":\"15\",\"browser\":\"Chrome\",\"browserVersion\":\"141.0\","
          + "\"deviceClass\":\"Phone\"}";

  RulesPreview.Result run(String body) throws RulesDocument.Refused {
    return RulesPreview.run(body, RulesConfig.defaults(), validator, NOW);
  }

  @Test
  void theRulesInForceGiveConditionalOnACurrentChrome() throws Exception {
    RulesPreview.Result result = run("{\"login\":{\"platform\":" + ANDROID + "}}");
    assertThat(result.outcome()).isEqualTo("CONDITIONAL");
    assertThat(result.mode()).isEqualTo("CONDITIONAL");
    assertThat(result.reason()).isNull();
    assertThat(result.platform()).isEqualTo("Chrome 141.0 on Android 15");
    assertThat(result.trace()).extracting(r -> r.rule()).contains("inside-conditional-rollout");
  }

  @Test
  void proposedRulesWithAKillSwitchSkipAndSayWhy() throws Exception {
    RulesPreview.Result result =
        run(
            "{\"rules\":{\"blockedPlatforms\":[{\"os\":\"Android\",\"browser\":\"Chrome\","
                + "\"fromBrowserVersion\":\"141\",\"toBrowserVersion\":\"141.9\",\"note\":\"crash\"}]},"
                + "\"login\":{\"platform\":"
                + ANDROID
                + "}}");
    assertThat(result.outcome()).isEqualTo("PLATFORM_BLOCKED");
    assertThat(result.reason()).isEqualTo("PLATFORM_BLOCKED");
    assertThat(result.trace().get(1).detail()).contains("141-141.9").contains("crash");
  }

  @Test
  void theHistoryCounts() throws Exception {
    RulesPreview.Result cooldown =
        run(
            "{\"login\":{\"platform\":"
                + ANDROID
                + "},\"history\":{\"notAllowedAt\":\"2025-09-14T08:00:00Z\"}}");
    assertThat(cooldown.outcome()).isEqualTo("COOLDOWN");
    RulesPreview.Result promptLimit =
        run(
            "{\"login\":{\"platform\":"
                + ANDROID
                + ",\"autofilled\":false},\"history\":{\"promptsInEpisode\":3,"
                + "\"lastPromptAt\":\"2025-09-14T08:00:00Z\"}}");
    assertThat(promptLimit.outcome()).isEqualTo("NOT_AUTOFILLED");
    assertThat(promptLimit.trace()).anySatisfy(r -> assertThat(r.rule()).isEqualTo("prompt-limit"));
    RulesPreview.Result hasPasskey =
        run(
            "{\"login\":{\"platform\":"
                + ANDROID
                + "},\"history\":{\"passkeys\":[{\"provider\":\"Google Password Manager\","
                + "\"platform\":\"Android/Chrome\"}]}}");
    assertThat(hasPasskey.outcome()).isEqualTo("HAS_PASSKEY");
  }

  @Test
  void theRolloutBucketIsTheChosenUsers() throws Exception {
    RulesPreview.Result result =
        run(
            "{\"rules\":{\"platformRollouts\":[{\"os\":\"Android\",\"browser\":\"Chrome\",\"percent\":0}]},"
                + "\"login\":{\"platform\":"
                + ANDROID
                + "}}");
    assertThat(result.outcome()).isEqualTo("ROLLOUT_EXCLUDED");
    assertThat(result.rollout()).containsEntry("percent", 0).containsEntry("row", "Android/Chrome");
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {}                                                              | login
          {"login":{}}                                                    | login.platform
          {"login":{"platform":{"os":"Android"}}}                         | login.platform
          {"login":{"platform":{"os":"A","browser":"B","deviceClass":"C"}},"extra":1} | extra
          {"rules":{"rolloutPercent":500},"login":{"platform":{"os":"A","browser":"B","deviceClass":"C"}}} | rules.rolloutPercent
          {"login":{"platform":{"os":"A","browser":"B","deviceClass":"C"},"autofilled":"yes"}} | login.autofilled
          """)
  void refusesNamingTheField(String body, String field) {
    RulesDocument.Refused refused =
        catchThrowableOfType(RulesDocument.Refused.class, () -> run(body));
    assertThat(refused).as(body).isNotNull();
    assertThat(refused.field()).as(refused.getMessage()).isEqualTo(field);
  }
}
