package dev.passbridge.intelligence.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.passbridge.contracts.events.RulesChanged;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.rules.RulesConfig.PlatformRollout;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** An admin's change (with reason and expected version), its audit event, and old documents. */
class RulesChangeTest {
  private final Validator validator = Validation.buildDefaultValidatorFactory().getValidator();
  static final Instant AT = Instant.parse("2025-09-15T08:00:00Z");

  @Test
  void aWrappedChangeCarriesReasonAndExpectedVersion() throws Exception {
    RulesDocument.ChangeRequest change =
        RulesDocument.readChange(
            """
            {"rules":{"rolloutPercent":40,
              "platformRollouts":[{"os":"Android","browser":"Chrome","percent":10,"conditionalPercent":0}],
              "blockedPlatforms":[{"os":"Android","browser":"Chrome","fromBrowserVersion":"137.0","toBrowserVersion":"137.9"}]},
             "reason":"  Chrome 137 crashes  ","expectedVersion":4}
            """,
            validator);
    assertThat(change.reason()).isEqualTo("Chrome 137 crashes");
    assertThat(change.expectedVersion()).isEqualTo(4L);
    assertThat(change.rules().rolloutPercent()).isEqualTo(40);
    assertThat(change.rules().platformRollouts())
        .containsExactly(new PlatformRollout("Android", "Chrome", 10, 0));
    assertThat(change.rules().blockedPlatforms().getFirst().toBrowserVersion()).isEqualTo("137.9");
  }

  @Test
  void aPlainDocumentIsStillAChangeWithoutReason() throws Exception {
    RulesDocument.ChangeRequest change =
        RulesDocument.readChange("{\"rolloutPercent\":7}", validator);
    assertThat(change.rules().rolloutPercent()).isEqualTo(7);
    assertThat(change.reason()).isNull();
    assertThat(change.expectedVersion()).isNull();
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"rules":{"rolloutPercent":101}}                                          | rules.rolloutPercent
          {"rules":{},"version":3}                                                  | version
          {"rules":[]}                                                              | rules
          {"rules":{},"reason":5}                                                   | reason
          {"rules":{},"reason":"Chrome\\u202E137"}                                  | reason
          {"rules":{},"reason":"Chrome\\u0000137"}                                  | reason
          {"rules":{},"reason":"Chrome 137\\ncrashes"}                              | reason
          {"rules":{"blockedPlatforms":[{"os":"iOS","browser":"Safari","note":"x\\u202Ey"}]}} | rules.blockedPlatforms[0].note
          {"blockedPlatforms":[{"os":"iOS","browser":"Safari","note":"x\\u0000y"}]} | blockedPlatforms[0].note
          {"blockedPlatforms":[{"os":"iOS","browser":"Safari","note":"x\\u2066y"}]} | blockedPlatforms[0].note
          {"rules":{},"expectedVersion":"3"}                                        | expectedVersion
          {"rules":{},"expectedVersion":-1}                                         | expectedVersion
          {"rules":{"platformRollouts":[{"os":"iOS","browser":"Safari"}]}}          | rules.platformRollouts[0].percent
          {"rules":{"platformRollouts":[{"os":"iOS","browser":"Safari","percent":101}]}} | rules.platformRollouts[0].percent
          {"platformRollouts":[{"os":"iOS","browser":"Safari","percent":1},{"os":"IOS","browser":"safari","percent":2}]} | platformRollouts[1]
          {"blockedPlatforms":[{"os":"Android","browser":"Chrome","fromBrowserVersion":"138","toBrowserVersion":"137"}]} | blockedPlatforms[0].toBrowserVersion
          {"blockedPlatforms":[{"os":"Android","browser":"Chrome","fromBrowserVersion":"x"}]} | blockedPlatforms[0].fromBrowserVersion
          {"browserAliases":{"":"Chrome"}}                                          | browserAliases
          {"browserAliases":{"Chromium":""}}                                        | browserAliases.Chromium
          {"osAliases":{"Android":"  "}}                                            | osAliases.Android
          """)
  void refusesNamingTheField(String body, String field) {
    RulesDocument.Refused refused =
        catchThrowableOfType(
            RulesDocument.Refused.class, () -> RulesDocument.readChange(body, validator));
    assertThat(refused).as(body).isNotNull();
    assertThat(refused.field()).as(refused.getMessage()).isEqualTo(field);
  }

  /**
   * The reason and a kill switch's note are text people see (rules page, rule trace, audit event):
   * their lengths count characters (code points), as the rules page's {@code maxlength} and JSON
   * Schema do, not UTF-16 units, where an emoji counted twice.
   */
  @Test
  void theReasonAndANoteCountCharactersNotUtf16Units() throws Exception {
    String emoji = "\uD83D\uDE80"; // one character, two UTF-16 units
    RulesDocument.ChangeRequest change =
        RulesDocument.readChange(
            "{\"rules\":{\"blockedPlatforms\":[{\"os\":\"iOS\",\"browser\":\"Safari\",\"note\":\""
                + emoji.repeat(200)
                + "\"}]},\"reason\":\""
                + emoji.repeat(RulesDocument.MAX_REASON)
                + "\"}",
            validator);
    assertThat(change.reason()).hasSize(2 * RulesDocument.MAX_REASON);
    assertThat(change.rules().blockedPlatforms().getFirst().note()).hasSize(400);

    RulesDocument.Refused reason =
        catchThrowableOfType(
            RulesDocument.Refused.class,
            () ->
                RulesDocument.readChange(
                    "{\"rules\":{},\"reason\":\""
                        + "x".repeat(RulesDocument.MAX_REASON + 1)
                        + "\"}",
                    validator));
    assertThat(reason.field()).isEqualTo("reason");
    assertThat(reason.getMessage()).contains("at most 500 characters");
    RulesDocument.Refused note =
        catchThrowableOfType(
            RulesDocument.Refused.class,
            () ->
                RulesDocument.readChange(
                    "{\"blockedPlatforms\":[{\"os\":\"iOS\",\"browser\":\"Safari\",\"note\":\""
                        + emoji.repeat(201)
                        + "\"}]}",
                    validator));
    assertThat(note.field()).isEqualTo("blockedPlatforms[0].note");
  }

  @Test
  void aChangeIsTheNextVersionWithItsAuditEventAndHistory() throws Exception {
    RulesSnapshot before = new RulesSnapshot(3, AT, "someone", RulesConfig.defaults());
    UUID admin = UUID.randomUUID();
    RulesChange change =
        RulesChange.of(
            before,
            RulesConfig.defaults()
                .withRolloutPercent(50)
                .withPlatformRollouts(List.of(new PlatformRollout("iOS", "Safari", 20, 100))),
            false,
            admin,
            admin.toString(),
            RulesChanged.ADMIN_REPLACE,
            "slower",
            AT.plusSeconds(60));
    assertThat(change.snapshot().version()).isEqualTo(4);
    assertThat(change.snapshot().changedBy()).isEqualTo(admin.toString());
    assertThat(change.snapshot().recentChanges()).hasSize(1);
    RulesChanged event = change.event();
    assertThat(event.userId()).isEqualTo(admin);
    assertThat(event.previousVersion()).isEqualTo(3);
    assertThat(event.version()).isEqualTo(4);
    assertThat(event.reason()).isEqualTo("slower");
    assertThat(event.changes())
        .containsExactly(
            "rolloutPercent: 100 -> 50",
            "platformRollouts[iOS/Safari]: (none) -> "
                + "{\"os\":\"iOS\",\"browser\":\"Safari\",\"percent\":20,\"conditionalPercent\":100}");
    assertThat(RulesDocument.read(event.before(), validator)).isEqualTo(RulesConfig.defaults());
    assertThat(event.after()).contains("\"rolloutPercent\":50");
  }

  @Test
  void historyKeepsTheLastTwentyNewestFirst() {
    RulesSnapshot snapshot = new RulesSnapshot(0, null, "configuration", RulesConfig.defaults());
    for (int i = 0; i < 25; i++) {
      snapshot =
          RulesChange.of(
                  snapshot,
                  RulesConfig.defaults().withRolloutPercent(i),
                  false,
                  RulesChanged.AUTOMATIC,
                  "x",
                  RulesChanged.ADMIN_REPLACE,
                  null,
                  AT.plusSeconds(i))
              .snapshot();
    }
    assertThat(snapshot.recentChanges()).hasSize(RulesSnapshot.RECENT);
    assertThat(snapshot.recentChanges().getFirst().version()).isEqualTo(25);
    assertThat(snapshot.recentChanges().getLast().version()).isEqualTo(6);
    assertThat(ActiveRules.decode(ActiveRules.encode(snapshot))).isEqualTo(snapshot);
  }

  @Test
  void aDocumentOfTheEarlierFormatStillReads() {
    RulesSnapshot old =
        ActiveRules.decode(
            """
            {"version":7,"updatedAt":"2025-09-15T08:00:00Z","updatedBy":"hand",
             "rules":{"rolloutPercent":30,"blockedPlatforms":[{"os":"iOS","browser":"Safari","browserVersions":["17"],"note":""}]}}
            """);
    assertThat(old.version()).isEqualTo(7);
    assertThat(old.changedBy()).isEqualTo("hand");
    assertThat(old.changedAt()).isEqualTo(AT);
    assertThat(old.configuration()).isFalse();
    assertThat(old.recentChanges()).isEmpty();
    assertThat(old.rules().platformRollouts()).isEmpty();
    assertThat(old.rules().blockedPlatforms().getFirst().fromBrowserVersion()).isNull();
  }

  /**
   * A stored version an earlier service accepted with a blank alias still reads as it was: refusing
   * it would replace the admin's whole document (rollouts, kill switches) by the file's rules.
   */
  @Test
  void aStoredVersionWithABlankAliasStillReads() {
    RulesSnapshot stored =
        ActiveRules.decode(
            """
            {"version":4,"updatedAt":"2025-09-15T08:00:00Z","updatedBy":"admin",
             "rules":{"rolloutPercent":30,"browserAliases":{"Chromium":" "}}}
            """);
    assertThat(stored.version()).isEqualTo(4);
    assertThat(stored.rules().rolloutPercent()).isEqualTo(30);
    assertThat(
            new ActiveRules(RulesConfig.defaults()).resolve(ActiveRules.encode(stored)).version())
        .isEqualTo(4);
  }

  @Test
  void aResetFollowsTheConfigurationFileNotTheStoredCopy() {
    ActiveRules active = new ActiveRules(RulesConfig.defaults().withRolloutPercent(12));
    RulesSnapshot reset =
        RulesChange.of(
                new RulesSnapshot(2, AT, "a", RulesConfig.defaults()),
                RulesConfig.defaults().withRolloutPercent(99),
                true,
                RulesChanged.AUTOMATIC,
                "a",
                RulesChanged.ADMIN_RESET,
                null,
                AT)
            .snapshot();
    RulesSnapshot resolved = active.resolve(ActiveRules.encode(reset));
    assertThat(resolved.version()).isEqualTo(3);
    assertThat(resolved.configuration()).isTrue();
    assertThat(resolved.rules().rolloutPercent()).isEqualTo(12);
  }
}
