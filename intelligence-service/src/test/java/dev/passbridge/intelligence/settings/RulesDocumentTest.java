package dev.passbridge.intelligence.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.passbridge.intelligence.rules.RulesConfig;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An admin's rules document is read strictly: refused naming the field, or taken as it is. */
class RulesDocumentTest {
  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"notAllowedCooldown":"P999999999999D"}                | notAllowedCooldown
          {"promptCooldown":"P3651D"}                            | promptCooldown
          {"dismissCooldown":"-PT1S"}                            | dismissCooldown
          {"dismissCooldown":86400}                              | dismissCooldown
          {"rolloutPercent":50.7}                                | rolloutPercent
          {"rolloutPercent":"100"}                               | rolloutPercent
          {"rolloutPercent":101}                                 | rolloutPercent
          {"rolloutPercent":-1}                                  | rolloutPercent
          {"rolloutPercent":true}                                | rolloutPercent
          {"rolloutPercent":99999999999}                         | rolloutPercent
          {"maxPrompts":-1}                                      | maxPrompts
          {"maxPrompts":2.0}                                     | maxPrompts
          {"conditionalCreatePlatforms":null}                    | conditionalCreatePlatforms
          {"rolloutSalt":null}                                   | rolloutSalt
          {"rolloutSalt":5}                                      | rolloutSalt
          {"allowSecondPasskeyFromOtherProvider":"yes"}          | allowSecondPasskeyFromOtherProvider
          {"blockedPlatforms":[{"os":"iOS","browser":null}]}     | blockedPlatforms[0].browser
          {"blockedPlatforms":[{"os":"iOS","browser":"Safari","browserVersions":["x"]}]} | blockedPlatforms[0].browserVersions[0].<list element>
          {"blockedPlatforms":[{"os":"Mac OS","browser":"Chrome","browserVersions":["137.0.7151"]}]} | blockedPlatforms[0].browserVersions[0]
          {"blockedPlatforms":[{"os":"Mac OS","browser":"Chrome","fromBrowserVersion":"137.0.7100","toBrowserVersion":"137.0"}]} | blockedPlatforms[0].fromBrowserVersion
          {"conditionalCreatePlatforms":[{"os":"iOS","browser":"Safari","minBrowserVersion":"18.4.1"}]} | conditionalCreatePlatforms[0].minBrowserVersion
          {"conditionalCreatePlatforms":[{"os":"iOS","browser":"Safari","minBrowserVersion":"18","excludedBrowserVersions":["18_4_1"]}]} | conditionalCreatePlatforms[0].excludedBrowserVersions[0]
          {"browserAliases":{"Chromium":"Chrome","CHROMIUM":"Edge"}} | browserAliases.Chromium
          {"blockedPlatforms":[{"os":"macOS","browser":"Safari"}]} | blockedPlatforms[0].os
          {"platformRollouts":[{"os":"*","browser":"Chromium","percent":10}],"browserAliases":{"Chromium":"Chrome"}} | platformRollouts[0].browser
          {"rolloutPercnt":0}                                    | rolloutPercnt
          {"rolloutPercent":1,"rolloutPercent":2}                | rolloutPercent
          """)
  void refusesNamingTheField(String document, String field) {
    RulesDocument.Refused refused =
        catchThrowableOfType(
            RulesDocument.Refused.class, () -> RulesDocument.read(document, validator));
    assertThat(refused).as(document).isNotNull();
    assertThat(refused.field()).as(refused.getMessage()).isEqualTo(field);
    assertThat(refused.getMessage()).isNotBlank();
  }

  /**
   * Jackson's messages name Java types ({@code java.util.ArrayList<dev.passbridge...>}, {@code
   * RulesConfig$BlockedPlatform}); a {@code null} in a list or an alias map was an unplaced
   * "unreadable JSON". Each now names the field and says what it must be.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"conditionalCreatePlatforms":5}                       | conditionalCreatePlatforms | must be an array
          {"blockedPlatforms":{}}                                | blockedPlatforms | must be an array
          {"blockedPlatforms":[5]}                               | blockedPlatforms[0] | must be an object
          {"blockedPlatforms":[{"os":"iOS","browser":"Safari","browserVersions":5}]} | blockedPlatforms[0].browserVersions | must be an array
          {"conditionalCreatePlatforms":[{"os":[]}]}             | conditionalCreatePlatforms[0].os | must be a string
          {"rolloutPercent":{}}                                  | rolloutPercent | must be a whole number
          {"rolloutPercent":99999999999}                         | rolloutPercent | is out of range
          {"promptCooldown":"soon"}                              | promptCooldown | must be an ISO-8601 duration
          {"browserAliases":5}                                   | browserAliases | must be an object
          {"blockedPlatforms":[null]}                            | blockedPlatforms[0] | must not be null
          {"blockedPlatforms":[{"os":"iOS","browser":"Safari","browserVersions":[null]}]} | blockedPlatforms[0].browserVersions[0] | must not be null
          {"browserAliases":{"Chromium":null}}                   | browserAliases.Chromium | must not be null
          """)
  void refusalsNameNoJavaType(String document, String field, String message) {
    RulesDocument.Refused refused =
        catchThrowableOfType(
            RulesDocument.Refused.class, () -> RulesDocument.read(document, validator));
    assertThat(refused).as(document).isNotNull();
    assertThat(refused.field()).as(refused.getMessage()).isEqualTo(field);
    assertThat(refused.getMessage())
        .startsWith(field + ": " + message)
        .doesNotContain("dev.passbridge", "java.", "$", "`");
  }

  @Test
  void anOptionalValueOfATableRowMayStillBeNull() throws RulesDocument.Refused {
    RulesConfig rules =
        RulesDocument.read(
            """
            {"conditionalCreatePlatforms":[{"os":"iOS","browser":"Safari",
             "minBrowserVersion":"18","minOsVersion":null}]}
            """,
            validator);
    assertThat(rules.conditionalCreatePlatforms().getFirst().minOsVersion()).isNull();
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          ''
          {not json
          []
          100
          {"rolloutPercent":1} trailing
          """)
  void refusesWhatIsNoDocument(String document) {
    RulesDocument.Refused refused =
        catchThrowableOfType(
            RulesDocument.Refused.class, () -> RulesDocument.read(document, validator));
    assertThat(refused).as(document).isNotNull();
    assertThat(refused.field()).isNull();
  }

  @Test
  void takesTheLimitsThemselvesAndDefaultsForWhatIsLeftOut() throws RulesDocument.Refused {
    RulesConfig rules =
        RulesDocument.read(
            """
            {"rolloutPercent":0,"maxPrompts":100,"notAllowedCooldown":"P3650D",
             "promptCooldown":"PT0S","dismissCooldown":"PT12H"}
            """,
            validator);
    assertThat(rules.rolloutPercent()).isZero();
    assertThat(rules.maxPrompts()).isEqualTo(100);
    assertThat(rules.notAllowedCooldown()).isEqualTo(RulesConfig.MAX_DURATION);
    assertThat(rules.promptCooldown()).isEqualTo(Duration.ZERO);
    assertThat(rules.dismissCooldown()).isEqualTo(Duration.ofHours(12));
    assertThat(rules.conditionalCreatePlatforms())
        .isEqualTo(RulesConfig.defaultConditionalCreatePlatforms());
  }
}
