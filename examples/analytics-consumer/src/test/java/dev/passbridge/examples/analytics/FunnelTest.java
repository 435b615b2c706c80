package dev.passbridge.examples.analytics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.examples.analytics.FunnelReport.Counts;
import dev.passbridge.examples.analytics.FunnelReport.Key;
import dev.passbridge.examples.analytics.FunnelReport.Step;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Records in, funnel out: the counting rules, without Kafka. */
class FunnelTest {
  static final String MAC_CHROME =
      "{\"os\":\"Mac OS\",\"osVersion\":null,\"browser\":\"Chrome\","
          + "\"browserVersion\":\"140\",\"deviceClass\":\"Desktop\"}";
  static final String WIN_FIREFOX =
      "{\"os\":\"Windows\",\"browser\":\"Firefox\"," + "\"deviceClass\":\"Desktop\"}";
  static final Instant T0 = Instant.parse("2026-06-01T10:00:00Z");
  static final LocalDate DAY = LocalDate.parse("2026-06-01");

  final Funnel funnel = new Funnel();

  /** The user the helpers below write events of. */
  UUID user = UUID.randomUUID();

  /** The {@code source} the helpers below write (null: none, a hosted login's older events). */
  String source;

  String sourceField() {
    return source == null ? "" : ",\"source\":\"" + source + "\"";
  }

  /** A record as the consumer hands it over: topic, record time (ms), JSON. */
  record In(FunnelTopic topic, long timestamp, String json) {}

  final List<In> log = new ArrayList<>();

  void add(FunnelTopic topic, Instant at, String json) {
    log.add(new In(topic, at.toEpochMilli(), json));
  }

  void feed() {
    for (In in : log) {
      funnel.accept(in.topic(), in.timestamp(), in.json().getBytes(StandardCharsets.UTF_8));
    }
  }

  static String common(UUID eventId, Instant at, UUID user) {
    return "\"eventId\":\""
        + eventId
        + "\",\"occurredAt\":\""
        + at
        + "\",\"userId\":\""
        + user
        + "\"";
  }

  void password(String loginId, Instant at, String platform) {
    add(
        FunnelTopic.PASSWORD_AUTHENTICATED,
        at,
        "{"
            + common(UUID.randomUUID(), at, user)
            + ",\"loginId\":\""
            + loginId
            + "\","
            + "\"username\":\"alice\",\"displayName\":\"Alice\",\"userHandle\":\"h\","
            + "\"secondFactor\":\"SMS\",\"client\":{\"autofilled\":true,\"capabilities\":{}},"
            + "\"platform\":"
            + platform
            + sourceField()
            + ",\"someFutureField\":[1,2,3]}");
  }

  /** A Connect login a platform reported without a second factor (no {@code secondFactor}). */
  void connectPasswordWithoutSecondFactor(String loginId, Instant at, String platform) {
    add(
        FunnelTopic.PASSWORD_AUTHENTICATED,
        at,
        "{"
            + common(UUID.randomUUID(), at, user)
            + ",\"loginId\":\""
            + loginId
            + "\",\"username\":\"shop:u1\",\"displayName\":\"U\",\"userHandle\":\"h\","
            + "\"client\":{\"autofilled\":false,\"capabilities\":{}},\"platform\":"
            + platform
            + ",\"source\":\"CONNECT\",\"clientId\":\"shop\"}");
  }

  void otp(String loginId, Instant at) {
    add(
        FunnelTopic.OTP_VERIFIED,
        at,
        "{"
            + common(UUID.randomUUID(), at, user)
            + ",\"loginId\":\""
            + loginId
            + "\",\"channel\":\"SMS\"}");
  }

  void locked(String loginId, Instant at) {
    add(
        FunnelTopic.OTP_LOCKED,
        at,
        "{"
            + common(UUID.randomUUID(), at, user)
            + ",\"loginId\":\""
            + loginId
            + "\",\"reason\":\"TOO_MANY_ATTEMPTS\"}");
  }

  void eligible(String loginId, Instant at, String mode, String platform) {
    add(
        FunnelTopic.PASSKEY_ELIGIBLE,
        at,
        "{"
            + common(decisionId(loginId), at, user)
            + ",\"loginId\":\""
            + loginId
            + "\",\"mode\":\""
            + mode
            + "\",\"trace\":[],\"username\":\"alice\",\"displayName\":\"Alice\","
            + "\"userHandle\":\"h\",\"platform\":"
            + platform
            + sourceField()
            + "}");
  }

  void skipped(String loginId, Instant at, String reason, String platform) {
    add(
        FunnelTopic.PASSKEY_UPGRADE_SKIPPED,
        at,
        "{"
            + common(decisionId(loginId), at, user)
            + ",\"loginId\":\""
            + loginId
            + "\",\"reason\":\""
            + reason
            + "\",\"trace\":[],\"platform\":"
            + platform
            + sourceField()
            + "}");
  }

  void created(UUID eventId, String loginId, String credentialId, Instant at, String platform) {
    add(
        FunnelTopic.PASSKEY_CREATED,
        at,
        "{"
            + common(eventId, at, user)
            + ",\"loginId\":"
            + quoted(loginId)
            + ",\"credentialId\":\""
            + credentialId
            + "\",\"aaguid\":\"00000000-0000-0000-0000-000000000000\","
            + "\"providerName\":\"Google Password Manager\",\"mode\":\"CONDITIONAL\","
            + "\"backupEligible\":true,\"backupState\":true,\"transports\":[\"internal\"]"
            + (platform == null ? "" : ",\"platform\":" + platform)
            + sourceField()
            + "}");
  }

  void deleted(String credentialId, Instant at) {
    add(
        FunnelTopic.PASSKEY_DELETED,
        at,
        "{" + common(UUID.randomUUID(), at, user) + ",\"credentialId\":\"" + credentialId + "\"}");
  }

  void failed(UUID eventId, String loginId, String errorName, Instant at, String platform) {
    add(
        FunnelTopic.PASSKEY_UPGRADE_FAILED,
        at,
        "{"
            + common(eventId, at, user)
            + ",\"loginId\":\""
            + loginId
            + "\",\"ceremonyId\":\"c\","
            + "\"mode\":\"PROMPT\",\"errorName\":\""
            + errorName
            + "\""
            + (platform == null ? "" : ",\"platform\":" + platform)
            + sourceField()
            + "}");
  }

  void passkeyLogin(UUID eventId, String credentialId, Instant at) {
    add(
        FunnelTopic.PASSKEY_AUTHENTICATED,
        at,
        "{"
            + common(eventId, at, user)
            + ",\"loginId\":\"pk-"
            + eventId
            + "\",\"credentialId\":\""
            + credentialId
            + "\""
            + sourceField()
            + "}");
  }

  /** auth-service's erasure of {@link #user}, from a Connect platform's deletion. */
  void erased(Instant at) {
    add(
        FunnelTopic.USER_ERASED,
        at,
        "{"
            + common(
                UUID.nameUUIDFromBytes((user + ":user-erased").getBytes(StandardCharsets.UTF_8)),
                at,
                user)
            + ",\"source\":\"CONNECT\",\"clientId\":\"shop\"}");
  }

  static String quoted(String s) {
    return s == null ? "null" : "\"" + s + "\"";
  }

  static UUID decisionId(String loginId) {
    return UUID.nameUUIDFromBytes((loginId + ":decision").getBytes(StandardCharsets.UTF_8));
  }

  Counts day(LocalDate day, String platform) {
    return funnel.report(day, day).days().stream()
        .filter(d -> d.date().equals(day))
        .flatMap(d -> d.platforms().stream())
        .filter(p -> p.platform().equals(platform))
        .map(FunnelReport.PlatformCounts::counts)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no counts for " + day + " " + platform));
  }

  @Test
  void aSilentUpgradeAndItsPasskeyLoginsAreCountedOnTheLoginsPlatform() {
    password("L1", T0, MAC_CHROME);
    otp("L1", T0.plusSeconds(20));
    eligible("L1", T0.plusSeconds(20).plusMillis(8), "CONDITIONAL", MAC_CHROME);
    created(UUID.randomUUID(), "L1", "cred-1", T0.plusSeconds(25), null); // platform from login
    passkeyLogin(UUID.randomUUID(), "cred-1", T0.plusSeconds(60));
    passkeyLogin(UUID.randomUUID(), "cred-1", T0.plusSeconds(90));
    feed();

    Counts c = day(DAY, "Mac OS/Chrome");
    assertThat(c.passwordLogins()).isEqualTo(1);
    assertThat(c.secondFactorPassed()).isEqualTo(1);
    assertThat(c.eligible()).isEqualTo(Map.of("CONDITIONAL", 1L));
    assertThat(c.skipped()).isEmpty();
    assertThat(c.passkeysCreated()).isEqualTo(Map.of("CONDITIONAL", 1L));
    assertThat(c.passkeyLogins()).isEqualTo(2);
    assertThat(c.firstPasskeyLogins()).isEqualTo(1);
    assertThat(funnel.report(DAY, DAY).platforms()).hasSize(1);
    assertThat(funnel.unreadable()).isZero();
  }

  @Test
  void redeliveredEventsCountOnce() {
    password("L1", T0, MAC_CHROME);
    otp("L1", T0.plusSeconds(5));
    skipped("L1", T0.plusSeconds(5), "NOT_AUTOFILLED", MAC_CHROME);
    UUID failure = UUID.randomUUID();
    failed(failure, "L1", "Dismissed", T0.plusSeconds(9), null);
    UUID auth = UUID.randomUUID();
    created(UUID.randomUUID(), "L1", "cred-1", T0.plusSeconds(10), MAC_CHROME);
    passkeyLogin(auth, "cred-1", T0.plusSeconds(30));
    List<In> once = List.copyOf(log);
    log.addAll(once); // the whole log again, as after a producer retry or a replay
    feed();

    Counts c = day(DAY, "Mac OS/Chrome");
    assertThat(c.passwordLogins()).isEqualTo(1);
    assertThat(c.secondFactorPassed()).isEqualTo(1);
    assertThat(c.skipped()).isEqualTo(Map.of("NOT_AUTOFILLED", 1L));
    assertThat(c.upgradeFailed()).isEqualTo(Map.of("Dismissed", 1L));
    assertThat(c.passkeysCreated()).isEqualTo(Map.of("CONDITIONAL", 1L));
    assertThat(c.passkeyLogins()).isEqualTo(1);
  }

  @Test
  void aSecondFactorOutsideTheWindowIsNotPassedAndTheTimeoutCountsAtTheEndOfTheWindow() {
    Instant late = Instant.parse("2026-06-01T23:55:00Z");
    password("L1", late, WIN_FIREFOX);
    otp("L1", late.plus(Duration.ofMinutes(11))); // too late
    skipped("L1", late.plus(Duration.ofMinutes(11)), "SECOND_FACTOR_TIMEOUT", WIN_FIREFOX);
    feed();

    assertThat(day(DAY, "Windows/Firefox").passwordLogins()).isEqualTo(1);
    assertThat(day(DAY, "Windows/Firefox").secondFactorPassed()).isZero();
    assertThat(day(DAY, "Windows/Firefox").skipped()).isEmpty();
    // the window ends at 00:05 on the next day: that is the decision's day
    assertThat(day(DAY.plusDays(1), "Windows/Firefox").skipped())
        .isEqualTo(Map.of("SECOND_FACTOR_TIMEOUT", 1L));
  }

  @Test
  void theDecisionCountsOnTheDayOfTheSecondFactorNotOfTheDecisionEvent() {
    Instant otpAt = Instant.parse("2026-06-01T23:59:59.995Z");
    password("L1", otpAt.minusSeconds(30), MAC_CHROME);
    otp("L1", otpAt);
    eligible("L1", otpAt.plusMillis(20), "PROMPT", MAC_CHROME); // decided on the next day
    feed();

    Counts c = day(DAY, "Mac OS/Chrome");
    assertThat(c.secondFactorPassed()).isEqualTo(1);
    assertThat(c.eligible()).isEqualTo(Map.of("PROMPT", 1L));
    assertThat(funnel.report(DAY.plusDays(1), DAY.plusDays(1)).days()).isEmpty();
  }

  @Test
  void aLockedSecondFactorIsNotPassedAndTheSkipCountsOnTheLocksDay() {
    password("L1", T0, WIN_FIREFOX);
    locked("L1", T0.plusSeconds(40));
    otp("L1", T0.plusSeconds(50)); // after the lock: the login is already over
    skipped("L1", T0.plusSeconds(40), "SECOND_FACTOR_LOCKED", WIN_FIREFOX);
    feed();

    Counts c = day(DAY, "Windows/Firefox");
    assertThat(c.passwordLogins()).isEqualTo(1);
    assertThat(c.secondFactorPassed()).isZero();
    assertThat(c.skipped()).isEqualTo(Map.of("SECOND_FACTOR_LOCKED", 1L));
  }

  @Test
  void unknownLoginsAndHostileLabelsAreCountedAsTheServiceCountsThem() {
    failed(UUID.randomUUID(), "never-seen", "NotAllowedError", T0, null);
    failed(UUID.randomUUID(), "never-seen-2", "<script>", T0, null);
    password("L2", T0, "{\"os\":\"Evil|OS\",\"browser\":\"Chrome\",\"deviceClass\":\"Desktop\"}");
    password("L3", T0, "{\"os\":\"Linux\",\"browser\":\"Probe 1\",\"deviceClass\":\"Desktop\"}");
    password("L4", T0, "{\"os\":\"Linux\",\"browser\":\"Probe 2\",\"deviceClass\":\"Desktop\"}");
    passkeyLogin(UUID.randomUUID(), "unknown-credential", T0);
    feed();

    Counts unknown = day(DAY, "Unknown/Unknown");
    assertThat(unknown.upgradeFailed()).isEqualTo(Map.of("NotAllowedError", 1L, "other", 1L));
    assertThat(unknown.passkeyLogins()).isEqualTo(1);
    assertThat(unknown.firstPasskeyLogins()).isEqualTo(1);
    assertThat(day(DAY, "Other/Chrome").passwordLogins()).isEqualTo(1);
    assertThat(day(DAY, "Linux/Other").passwordLogins()).as("invented browsers").isEqualTo(2);
  }

  @Test
  void aPasskeyLoginCountsWhereItsPasskeyWasCreatedAndTheFirstIsTheEarliest() {
    created(UUID.randomUUID(), null, "cred-win", T0, WIN_FIREFOX);
    created(UUID.randomUUID(), null, "cred-mac", T0.plusSeconds(1), MAC_CHROME);
    passkeyLogin(UUID.randomUUID(), "cred-mac", T0.plusSeconds(100));
    passkeyLogin(UUID.randomUUID(), "cred-win", T0.plusSeconds(50)); // the first, read later
    deleted("cred-mac", T0.plusSeconds(200));
    passkeyLogin(UUID.randomUUID(), "cred-mac", T0.plusSeconds(300)); // passkey gone
    feed();

    assertThat(day(DAY, "Windows/Firefox").passkeyLogins()).isEqualTo(1);
    assertThat(day(DAY, "Windows/Firefox").firstPasskeyLogins()).isEqualTo(1);
    assertThat(day(DAY, "Mac OS/Chrome").passkeyLogins()).isEqualTo(1);
    assertThat(day(DAY, "Mac OS/Chrome").firstPasskeyLogins()).isZero();
    assertThat(day(DAY, "Unknown/Unknown").passkeyLogins()).isEqualTo(1);
  }

  @Test
  void theOrderTheTopicsAreReadInDoesNotChangeTheCounts() {
    password("L1", T0, MAC_CHROME);
    otp("L1", T0.plusSeconds(3));
    eligible("L1", T0.plusSeconds(3), "CONDITIONAL", MAC_CHROME);
    created(UUID.randomUUID(), "L1", "cred-1", T0.plusSeconds(8), null);
    passkeyLogin(UUID.randomUUID(), "cred-1", T0.plusSeconds(70));
    password("L2", T0.plusSeconds(100), WIN_FIREFOX);
    otp("L2", T0.plusSeconds(110));
    skipped("L2", T0.plusSeconds(110), "NO_PLATFORM_AUTHENTICATOR", WIN_FIREFOX);
    feed();
    Map<Key, Long> inOrder = funnel.counters();

    Funnel reversed = new Funnel();
    List<In> backwards = new ArrayList<>(log);
    Collections.reverse(backwards);
    backwards.forEach(
        in ->
            reversed.accept(
                in.topic(), in.timestamp(), in.json().getBytes(StandardCharsets.UTF_8)));

    assertThat(reversed.counters()).isEqualTo(inOrder);
    assertThat(inOrder)
        .containsEntry(new Key(DAY, "Mac OS/Chrome", Step.PASSKEY_LOGIN, null), 1L)
        .containsEntry(
            new Key(DAY, "Windows/Firefox", Step.SKIPPED, "NO_PLATFORM_AUTHENTICATOR"), 1L)
        .hasSize(9);
  }

  @Test
  void unreadableRecordsAreSkippedAndTombstonesIgnored() {
    assertThat(funnel.accept(FunnelTopic.OTP_VERIFIED, 1L, "not json".getBytes())).isFalse();
    assertThat(funnel.accept(FunnelTopic.OTP_VERIFIED, 1L, "{\"eventId\":\"x\"}".getBytes()))
        .isFalse();
    assertThat(funnel.accept(FunnelTopic.OTP_VERIFIED, 1L, null)).isTrue();
    assertThat(funnel.unreadable()).isEqualTo(2);
    assertThat(funnel.counters()).isEmpty();
  }

  @Test
  void theReportKeepsToItsDateRangeAndSumsDaysAndPlatforms() {
    password("L1", T0, MAC_CHROME);
    password("L2", T0.plus(Duration.ofDays(1)), WIN_FIREFOX);
    password("L3", T0.plus(Duration.ofDays(2)), MAC_CHROME);
    feed();

    FunnelReport all = funnel.report(null, null);
    assertThat(all.from()).isEqualTo(DAY);
    assertThat(all.to()).isEqualTo(DAY.plusDays(2));
    assertThat(all.total().passwordLogins()).isEqualTo(3);
    assertThat(all.platforms())
        .extracting(FunnelReport.PlatformCounts::platform)
        .containsExactly("Mac OS/Chrome", "Windows/Firefox");
    assertThat(all.platforms().getFirst().counts().passwordLogins()).isEqualTo(2);

    FunnelReport two = funnel.report(DAY.plusDays(1), DAY.plusDays(2));
    assertThat(two.total().passwordLogins()).isEqualTo(2);
    assertThat(two.days())
        .extracting(FunnelReport.DayCounts::date)
        .containsExactly(DAY.plusDays(1), DAY.plusDays(2));
  }

  @Test
  void connectLoginsCountUnderTheirSourceAndOneWithoutSecondFactorIsSkippedOnItsPasswordsDay() {
    // a hosted login (events without source)
    password("H1", T0, MAC_CHROME);
    otp("H1", T0.plusSeconds(5));
    skipped("H1", T0.plusSeconds(5), "NOT_AUTOFILLED", MAC_CHROME);
    // a Connect login with the platform's second factor, upgraded, then a passkey login
    source = "CONNECT";
    password("C1", T0.plusSeconds(10), WIN_FIREFOX);
    otp("C1", T0.plusSeconds(10));
    eligible("C1", T0.plusSeconds(10), "PROMPT", WIN_FIREFOX);
    created(UUID.randomUUID(), "C1", "cred-c", T0.plusSeconds(20), null);
    passkeyLogin(UUID.randomUUID(), "cred-c", T0.plusSeconds(60));
    failed(UUID.randomUUID(), "C1", "Dismissed", T0.plusSeconds(15), null);
    // a Connect login without a second factor, just before midnight: decided at once, the
    // decision event a few milliseconds later (the next day); counted on the password's day
    Instant late = Instant.parse("2026-06-01T23:59:59.995Z");
    connectPasswordWithoutSecondFactor("C2", late, WIN_FIREFOX);
    skipped("C2", late.plusMillis(20), "SECOND_FACTOR_MISSING", WIN_FIREFOX);
    feed();

    FunnelReport all = funnel.report(DAY, DAY.plusDays(1));
    assertThat(all.source()).isNull();
    assertThat(all.sources())
        .extracting(FunnelReport.SourceCounts::source)
        .containsExactly("HOSTED", "CONNECT");
    Counts hosted = all.sources().get(0).counts();
    assertThat(hosted.passwordLogins()).isEqualTo(1);
    assertThat(hosted.secondFactorPassed()).isEqualTo(1);
    assertThat(hosted.skipped()).isEqualTo(Map.of("NOT_AUTOFILLED", 1L));
    assertThat(hosted.eligible()).isEmpty();
    Counts connect = all.sources().get(1).counts();
    assertThat(connect.passwordLogins()).isEqualTo(2);
    assertThat(connect.secondFactorPassed()).isEqualTo(1);
    assertThat(connect.eligible()).isEqualTo(Map.of("PROMPT", 1L));
    assertThat(connect.skipped()).isEqualTo(Map.of("SECOND_FACTOR_MISSING", 1L));
    assertThat(connect.passkeysCreated()).isEqualTo(Map.of("CONDITIONAL", 1L));
    assertThat(connect.upgradeFailed()).isEqualTo(Map.of("Dismissed", 1L));
    assertThat(connect.passkeyLogins()).isEqualTo(1);
    assertThat(connect.firstPasskeyLogins()).isEqualTo(1);
    assertThat(all.total().passwordLogins()).isEqualTo(3);

    assertThat(day(DAY, "Windows/Firefox").skipped())
        .isEqualTo(Map.of("SECOND_FACTOR_MISSING", 1L));
    assertThat(funnel.report(DAY.plusDays(1), DAY.plusDays(1)).days()).isEmpty();
    assertThat(funnel.counters())
        .containsEntry(
            new Key(DAY, "Windows/Firefox", Step.SKIPPED, "SECOND_FACTOR_MISSING", "CONNECT"), 1L)
        .containsEntry(new Key(DAY, "Mac OS/Chrome", Step.PASSWORD_LOGIN, null, "HOSTED"), 1L);

    // restricted to one source: every count, platform and day of that source only
    FunnelReport connectOnly = funnel.report(DAY, DAY, "CONNECT");
    assertThat(connectOnly.source()).isEqualTo("CONNECT");
    assertThat(connectOnly.sources())
        .extracting(FunnelReport.SourceCounts::source)
        .containsExactly("CONNECT");
    assertThat(connectOnly.total()).isEqualTo(connect);
    assertThat(connectOnly.platforms())
        .extracting(FunnelReport.PlatformCounts::platform)
        .containsExactly("Windows/Firefox");
    assertThat(funnel.report(DAY, DAY, "HOSTED").total()).isEqualTo(hosted);
  }

  @Test
  void aRecordWithAnUnknownSourceIsUnreadable() {
    source = "SATELLITE";
    password("L1", T0, MAC_CHROME);
    feed();
    assertThat(funnel.unreadable()).isEqualTo(1);
    assertThat(funnel.counters()).isEmpty();
  }

  @Test
  void anErasedUserIsForgottenWhileTheCountsStay() {
    assertThat(FunnelTopic.byName("passbridge.auth.user-erased.v1"))
        .as("the reader reads the erasures")
        .contains(FunnelTopic.USER_ERASED);
    UUID erasedUser = user;
    password("L1", T0, MAC_CHROME);
    otp("L1", T0.plusSeconds(5));
    eligible("L1", T0.plusSeconds(5), "CONDITIONAL", MAC_CHROME);
    failed(UUID.randomUUID(), "L1", "AbortError", T0.plusSeconds(8), null);
    created(UUID.randomUUID(), "L1", "cred-1", T0.plusSeconds(10), null);
    passkeyLogin(UUID.randomUUID(), "cred-1", T0.plusSeconds(60));
    passkeyLogin(UUID.randomUUID(), "cred-1", T0.plusSeconds(90));
    user = UUID.randomUUID();
    UUID other = user;
    created(UUID.randomUUID(), null, "cred-2", T0.plusSeconds(20), WIN_FIREFOX);
    passkeyLogin(UUID.randomUUID(), "cred-2", T0.plusSeconds(100));
    Funnel withoutErasure = new Funnel();
    log.forEach(
        in ->
            withoutErasure.accept(
                in.topic(), in.timestamp(), in.json().getBytes(StandardCharsets.UTF_8)));

    // read before the user's older events, as the reader may: the erasures' topic is small, the
    // passkey topics' backlog long
    user = erasedUser;
    erased(T0.plusSeconds(200));
    log.addFirst(log.removeLast());
    feed();
    assertThat(funnel.forgetErasedUsers()).isEqualTo(1);

    assertThat(funnel.usersKept()).as("nothing kept for the erased user").containsExactly(other);
    assertThat(funnel.counters()).as("the counts stay").isEqualTo(withoutErasure.counters());
    Counts mac = day(DAY, "Mac OS/Chrome");
    assertThat(mac.passkeysCreated()).isEqualTo(Map.of("CONDITIONAL", 1L));
    assertThat(mac.upgradeFailed()).isEqualTo(Map.of("AbortError", 1L));
    assertThat(mac.passkeyLogins()).isEqualTo(2);
    assertThat(mac.firstPasskeyLogins()).isEqualTo(1);

    // an event of the erased user read afterwards is counted on its own, and not kept: nothing
    // tells its platform or whether it was the first
    log.clear();
    passkeyLogin(UUID.randomUUID(), "cred-1", T0.plusSeconds(300));
    erased(T0.plusSeconds(200)); // the erasure again (a retry)
    feed();
    assertThat(funnel.forgetErasedUsers()).isZero();
    assertThat(funnel.usersKept()).containsExactly(other);
    Counts unknown = day(DAY, "Unknown/Unknown");
    assertThat(unknown.passkeyLogins()).isEqualTo(1);
    assertThat(unknown.firstPasskeyLogins()).isZero();
    assertThat(day(DAY, "Mac OS/Chrome")).isEqualTo(mac);
    assertThat(funnel.unreadable()).isZero();
  }
}
