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
          {"rules":{"browserAliases":{"Chromium":""}},"login":{"platform":{"os":"A","browser":"B","deviceClass":"C"}}} | rules.browserAliases.Chromium
          {"login":{"platform":{"os":"A","browser":"B","deviceClass":"C"},"autofilled":"yes"}} | login.autofilled
          """)
  void refusesNamingTheField(String body, String field) {
    RulesDocument.Refused refused =
        catchThrowableOfType(RulesDocument.Refused.class, () -> run(body));
    assertThat(refused).as(body).isNotNull();
    assertThat(refused.field()).as(refused.getMessage()).isEqualTo(field);
  }

  /**
   * A {@code null} inside the request reached the decision and ended in a NullPointerException
   * (500); an instant at the end of time overflowed the cooldown arithmetic (500). Each is refused
   * naming the field.
   */
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"login":{"platform":PLATFORM},"history":{"passkeys":[null]}}                      | history.passkeys[0]
          {"login":{"platform":PLATFORM},"history":{"passkeys":[{"provider":"p"},null]}}     | history.passkeys[1]
          {"login":{"platform":PLATFORM},"history":{"passkeys":[{"platform":"iOS/Safari"}]}} | history.passkeys[0].provider
          {"login":{"platform":PLATFORM,"capabilities":{"conditionalCreate":null}}}          | login.capabilities.conditionalCreate
          {"login":{"platform":PLATFORM,"capabilities":{"other":null}}}                      | login.capabilities.other
          {"login":{"platform":PLATFORM},"history":{"promptsInEpisode":-1}}                   | history.promptsInEpisode
          {"login":{"platform":{"os":"Android","osVersion":"not-a-version","browser":"Chrome","browserVersion":"141","deviceClass":"Phone"}}} | login.platform.osVersion
          {"login":{"platform":{"os":"Android","osVersion":"14","browser":"Chrome","browserVersion":"not-a-version","deviceClass":"Phone"}}} | login.platform.browserVersion
          {"login":{"platform":PLATFORM},"rules":{"blockedPlatforms":[null]}}                | rules.blockedPlatforms[0]
          {"login":{"platform":PLATFORM},"at":"+1000000000-12-31T23:59:59Z","history":{"lastDismissedAt":"+1000000000-12-31T23:59:59Z"}} | at
          {"login":{"platform":PLATFORM},"history":{"notAllowedAt":"-1000000000-01-01T00:00:00Z"}} | history.notAllowedAt
          {"login":{"platform":PLATFORM},"history":{"passkeys":[{"provider":"p","createdAt":"+1000000000-01-01T00:00:00Z"}]}} | history.passkeys[0].createdAt
          """)
  void refusesWhatTheDecisionCannotTake(String body, String field) {
    String request = body.replace("PLATFORM", ANDROID);
    RulesDocument.Refused refused =
        catchThrowableOfType(RulesDocument.Refused.class, () -> run(request));
    assertThat(refused).as(request).isNotNull();
    assertThat(refused.field()).as(refused.getMessage()).isEqualTo(field);
    assertThat(refused.getMessage()).startsWith(field);
  }

  @Test
  void nullWhereTheContractSaysAbsentTakesTheDefault() throws Exception {
    RulesPreview.Result result =
        run(
            "{\"userId\":null,\"at\":null,"
                + "\"login\":{\"platform\":"
                + ANDROID
                + ",\"autofilled\":null,\"capabilities\":null,\"secondFactor\":null},"
                + "\"history\":{\"passkeys\":null,\"passkeyOnThisPlatform\":null,"
                + "\"notAllowedAt\":null,\"promptsInEpisode\":null,\"lastPromptAt\":null,"
                + "\"lastDismissedAt\":null}}");
    assertThat(result.outcome()).isEqualTo("CONDITIONAL");
  }

  /**
   * Jackson's messages name Java types ({@code RulesPreview$Request}, {@code java.util.UUID}); the
   * refusal says what the field must be instead.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          []                                          | | the body must be an object
          5                                           | | the body must be an object
          {"userId":{}}                               | userId | userId: must be a UUID string
          {"userId":"nope"}                           | userId | userId: must be a UUID string
          {"login":{"platform":5}}                    | login.platform | login.platform: must be an object
          {"history":{"passkeys":"x"}}                | history.passkeys | history.passkeys: must be an array
          {"history":{"passkeys":[5]}}                | history.passkeys[0] | history.passkeys[0]: must be an object
          {"at":"yesterday"}                          | at | at: must be an ISO-8601 instant
          {"at":5}                                    | at | at: must be an ISO-8601 instant
          {"at":1.5}                                  | at | at: must be an ISO-8601 instant
          {"history":{"lastPromptAt":1764979200}}     | history.lastPromptAt | history.lastPromptAt: must be an ISO-8601 instant
          {"login":{"secondFactor":"NOPE"}}           | login.secondFactor | login.secondFactor: must be one of PASSED, TIMED_OUT, LOCKED, MISSING
          {"login":{"capabilities":{"a":1}}}          | login.capabilities.a | login.capabilities.a: must be true or false
          {"history":{"promptsInEpisode":99999999999}} | history.promptsInEpisode | history.promptsInEpisode: is out of range
          {"login":{"platform":{"os":"A","browser":"B","deviceClass":"C"}},"rules":{"conditionalCreatePlatforms":5}} | rules.conditionalCreatePlatforms | rules.conditionalCreatePlatforms: must be an array
          """)
  void refusalsNameNoJavaType(String body, String field, String message) {
    RulesDocument.Refused refused =
        catchThrowableOfType(RulesDocument.Refused.class, () -> run(body));
    assertThat(refused).as(body).isNotNull();
    assertThat(refused.field()).isEqualTo(field);
    assertThat(refused.getMessage())
        .startsWith(message)
        .doesNotContain("dev.passbridge", "java.", "$", "`");
  }
}
