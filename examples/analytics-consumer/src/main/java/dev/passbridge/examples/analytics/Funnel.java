package dev.passbridge.examples.analytics;

import dev.passbridge.examples.analytics.Events.PasskeyAuthenticated;
import dev.passbridge.examples.analytics.Events.PasskeyCreated;
import dev.passbridge.examples.analytics.Events.PasskeyDeleted;
import dev.passbridge.examples.analytics.Events.PasskeyEligible;
import dev.passbridge.examples.analytics.Events.PasskeyUpgradeFailed;
import dev.passbridge.examples.analytics.Events.PasskeyUpgradeSkipped;
import dev.passbridge.examples.analytics.Events.PasswordAuthenticated;
import dev.passbridge.examples.analytics.Events.Platform;
import dev.passbridge.examples.analytics.Events.SecondFactor;
import dev.passbridge.examples.analytics.Events.UserErased;
import dev.passbridge.examples.analytics.FunnelReport.Key;
import dev.passbridge.examples.analytics.FunnelReport.Step;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Counts the upgrade funnel from the Passbridge events, with the definitions intelligence-service
 * uses for {@code GET /api/insights/funnel}:
 *
 * <ul>
 *   <li><b>password logins</b>: PasswordAuthenticated, once per {@code loginId}, on the day of its
 *       {@code occurredAt}, platform {@code os/browser} of the event;
 *   <li><b>second factor passed</b>: the first second-factor event of the login is an OtpVerified
 *       whose record time is within the join window (10 minutes) of the password's; day of the
 *       OtpVerified, platform of the login;
 *   <li><b>eligible</b> by mode / <b>skipped</b> by reason: PasskeyEligible /
 *       PasskeyUpgradeSkipped, once per login, on the day the decision is made for: the
 *       OtpVerified's (or OtpLocked's) {@code occurredAt}, or the end of the window for {@code
 *       SECOND_FACTOR_TIMEOUT} (not the decision event's own {@code occurredAt}, which is a few
 *       milliseconds later);
 *   <li><b>passkeys created</b> by mode, <b>upgrade failures</b> by error name: once per event id
 *       (a credential counts once); platform of the event or, when it has none, of its login;
 *   <li><b>passkey logins</b>, <b>first passkey logins</b> (the first of a user ever): platform of
 *       the credential's PasskeyCreated (a synced passkey used elsewhere counts there);
 *   <li><b>source</b> ({@code HOSTED} or {@code CONNECT}, absent = hosted): password logins and
 *       second factors passed count under the PasswordAuthenticated's source, the other steps under
 *       their own event's;
 *   <li>a Connect login reported without a second factor is skipped at once with {@code
 *       SECOND_FACTOR_MISSING}, counted on the day of its PasswordAuthenticated.
 * </ul>
 *
 * Unknown platforms count as {@code Unknown/Unknown}. Events are joined in memory by {@code
 * loginId} and {@code userId}, as the service keys them; the order within a user is the records'
 * timestamp order, as Kafka Streams processes them. The counts are computed when asked, so the
 * order in which the topics are read does not matter.
 *
 * <p><b>Erasure.</b> A {@code UserErased} makes it forget the user ({@link #forgetErasedUsers}):
 * the passkey events it keeps per user id (to replay them in order) are counted into fixed totals
 * and dropped, so the counts stay and nothing of the user does. Only the erased id is kept, so that
 * an event of that user read later is counted on its own and not kept again.
 */
public final class Funnel {
  static final String UNKNOWN_PLATFORM = "Unknown/Unknown";
  static final String OTHER = "other";
  static final String SECOND_FACTOR_MISSING = "SECOND_FACTOR_MISSING";
  static final Duration DEFAULT_JOIN_WINDOW = Duration.ofMinutes(10);

  private static final JsonMapper JSON =
      JsonMapper.builder().disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build();

  private final Duration joinWindow;
  private final Map<String, Login> logins = new HashMap<>();
  private final Map<UUID, List<Feedback>> feedback = new HashMap<>();
  private final Set<UUID> feedbackIds = new HashSet<>();

  /** What the forgotten users' passkey events counted: their events themselves are gone. */
  private final Map<Key, Long> forgotten = new HashMap<>();

  /** Users whose UserErased was read, to be forgotten at the next {@link #forgetErasedUsers}. */
  private final Set<UUID> erasing = new HashSet<>();

  /** Users forgotten: only the random id, nothing maps to it any more. */
  private final Set<UUID> erased = new HashSet<>();

  private long sequence;
  private long unreadable;

  public Funnel() {
    this(DEFAULT_JOIN_WINDOW);
  }

  /** {@code joinWindow}: intelligence-service's {@code passbridge.intelligence.join-window}. */
  public Funnel(Duration joinWindow) {
    this.joinWindow = joinWindow;
  }

  /** Records that could not be read as their topic's event (skipped, as the service does). */
  public long unreadable() {
    return unreadable;
  }

  /**
   * One record of {@code topic}: its timestamp (ms) and value (the event's JSON; null for a
   * tombstone). Returns false when the value is not readable.
   */
  public boolean accept(FunnelTopic topic, long timestamp, byte[] value) {
    if (value == null) {
      return true;
    }
    Object event;
    try {
      event = JSON.readValue(value, topic.type());
    } catch (JacksonException e) {
      unreadable++;
      return false;
    }
    try {
      accept(topic, timestamp, event);
      return true;
    } catch (RuntimeException e) { // a required field missing
      unreadable++;
      return false;
    }
  }

  private void accept(FunnelTopic topic, long timestamp, Object event) {
    long seq = sequence++;
    switch (event) {
      case PasswordAuthenticated e -> {
        String source = Events.source(e.source());
        Login login = login(e.loginId());
        Seen seen = new Seen(e.occurredAt(), timestamp, seq);
        if (login.password == null || seen.before(login.password)) {
          login.password = seen;
          login.platform = label(e.platform());
          login.source = source;
        }
      }
      case SecondFactor e -> {
        Login login = login(e.loginId());
        Seen seen = new Seen(e.occurredAt(), timestamp, seq);
        if (login.secondFactor == null || seen.before(login.secondFactor)) {
          login.secondFactor = seen;
          login.locked = topic == FunnelTopic.OTP_LOCKED;
        }
      }
      case PasskeyEligible e ->
          decided(
              e.loginId(),
              Step.ELIGIBLE,
              e.mode(),
              e.platform(),
              e.occurredAt(),
              Events.source(e.source()));
      case PasskeyUpgradeSkipped e ->
          decided(
              e.loginId(),
              Step.SKIPPED,
              e.reason(),
              e.platform(),
              e.occurredAt(),
              Events.source(e.source()));
      case PasskeyCreated e -> {
        Events.source(e.source());
        feedback(e.eventId(), e.userId(), timestamp, seq, e);
      }
      case PasskeyDeleted e -> feedback(e.eventId(), e.userId(), timestamp, seq, e);
      case PasskeyUpgradeFailed e -> {
        Events.source(e.source());
        feedback(e.eventId(), e.userId(), timestamp, seq, e);
      }
      case PasskeyAuthenticated e -> {
        Events.source(e.source());
        feedback(e.eventId(), e.userId(), timestamp, seq, e);
      }
      case UserErased e -> {
        if (e.userId() == null) {
          throw new IllegalArgumentException("userId is required");
        }
        if (!erased.contains(e.userId())) {
          erasing.add(e.userId());
        }
      }
      default -> throw new IllegalArgumentException("not a funnel event: " + event);
    }
  }

  private void decided(
      String loginId,
      Step step,
      String outcome,
      Platform platform,
      Instant occurredAt,
      String source) {
    Login login = login(loginId);
    if (login.decision == null) { // one decision per login (a redelivery has the same event id)
      login.decision =
          new Decision(step, outcome, platform == null ? null : label(platform), source);
      login.decidedAt = occurredAt;
    }
  }

  private void feedback(UUID eventId, UUID userId, long timestamp, long seq, Object event) {
    if (eventId == null || userId == null) {
      throw new IllegalArgumentException("eventId and userId are required");
    }
    if (feedbackIds.add(eventId)) { // a redelivered event counts once
      Feedback f = new Feedback(timestamp, seq, event);
      if (erased.contains(userId)) {
        // a user already forgotten (an event written after the erasure, or read after it was
        // applied): counted on its own, with nothing to attribute it to, and not kept
        countProfile(List.of(f), forgotten, true);
      } else {
        feedback.computeIfAbsent(userId, u -> new ArrayList<>()).add(f);
      }
    }
  }

  /**
   * Forgets the users whose {@code UserErased} was read since the last call: their passkey events
   * are counted as the report would count them and dropped, and their ids kept only to recognise
   * their later events. Call it once the records read so far are in: the topics are read in no
   * order, so an erasure is often read before the same user's older events on the other topics;
   * applied at once it would drop too little and count those events without their history. The
   * reader calls it after the backlog (before the first report) and after each poll when following.
   *
   * @return how many users were forgotten
   */
  public int forgetErasedUsers() {
    for (UUID user : erasing) {
      List<Feedback> events = feedback.remove(user);
      if (events != null) {
        countProfile(events, forgotten, false);
      }
      erased.add(user);
    }
    int forgottenNow = erasing.size();
    erasing.clear();
    return forgottenNow;
  }

  /** The user ids whose passkey events are kept (to replay them in order when counting). */
  Set<UUID> usersKept() {
    return Set.copyOf(feedback.keySet());
  }

  private Login login(String loginId) {
    if (loginId == null) {
      throw new IllegalArgumentException("loginId is required");
    }
    return logins.computeIfAbsent(loginId, id -> new Login());
  }

  /**
   * The funnel of the UTC days {@code from..to} (inclusive; null = from the first / to the last).
   */
  public FunnelReport report(LocalDate from, LocalDate to) {
    return report(from, to, null);
  }

  /**
   * As {@link #report(LocalDate, LocalDate)}, counting only the logins of {@code source} ({@code
   * HOSTED} or {@code CONNECT}; null: all).
   */
  public FunnelReport report(LocalDate from, LocalDate to, String source) {
    Map<Key, Long> counters = counters();
    LocalDate first =
        counters.keySet().stream().map(Key::day).min(Comparator.naturalOrder()).orElse(null);
    LocalDate last =
        counters.keySet().stream().map(Key::day).max(Comparator.naturalOrder()).orElse(null);
    LocalDate start = from != null ? from : first != null ? first : LocalDate.now(ZoneOffset.UTC);
    LocalDate end = to != null ? to : last != null ? last : start;
    return FunnelReport.of(start, end, counters, source);
  }

  /** Every counter ({@code day|platform|step|detail} → count) of the events accepted so far. */
  public Map<Key, Long> counters() {
    Map<Key, Long> counters = new TreeMap<>(KEY_ORDER);
    counters.putAll(forgotten);
    for (Login login : logins.values()) {
      countLogin(login, counters);
    }
    for (List<Feedback> events : feedback.values()) {
      countProfile(events, counters, false);
    }
    return counters;
  }

  private void countLogin(Login login, Map<Key, Long> counters) {
    if (login.password != null) {
      count(
          counters,
          Step.PASSWORD_LOGIN,
          null,
          login.platform,
          login.password.occurredAt(),
          login.source);
      if (login.secondFactor != null && !login.locked && withinWindow(login)) {
        count(
            counters,
            Step.SECOND_FACTOR_PASSED,
            null,
            login.platform,
            login.secondFactor.occurredAt(),
            login.source);
      }
    }
    if (login.decision != null) {
      String platform =
          login.decision.platform() != null ? login.decision.platform() : login.platform;
      count(
          counters,
          login.decision.step(),
          login.decision.outcome(),
          platform,
          decisionTime(login),
          login.decision.source());
    }
  }

  private boolean withinWindow(Login login) {
    return Math.abs(login.secondFactor.timestamp() - login.password.timestamp())
        <= joinWindow.toMillis();
  }

  /** The business time of the decision: what the service counts the decision's day by. */
  private Instant decisionTime(Login login) {
    String outcome = login.decision.outcome();
    if ("SECOND_FACTOR_TIMEOUT".equals(outcome)) {
      return login.password != null
          ? login.password.occurredAt().plus(joinWindow)
          : login.decidedAt;
    }
    if (SECOND_FACTOR_MISSING.equals(outcome)) {
      // a Connect login without a second factor: decided when its password event was read
      return login.password != null ? login.password.occurredAt() : login.decidedAt;
    }
    if (login.secondFactor != null) {
      return login.secondFactor.occurredAt();
    }
    return login.decidedAt;
  }

  /**
   * Replays one user's passkey events in record-time order, as the profile projection does; {@code
   * firstPasskeyLoginCounted}: the user's first passkey login is not among them (an event of a
   * forgotten user).
   */
  private void countProfile(
      List<Feedback> events, Map<Key, Long> counters, boolean firstPasskeyLoginCounted) {
    List<Feedback> ordered = new ArrayList<>(events);
    ordered.sort(Comparator.comparingLong(Feedback::timestamp).thenComparingLong(Feedback::seq));
    Map<String, String> passkeys = new HashMap<>(); // credential id → platform label (or null)
    boolean passkeyLoginSeen = firstPasskeyLoginCounted;
    for (Feedback f : ordered) {
      switch (f.event()) {
        case PasskeyCreated e -> {
          if (passkeys.containsKey(e.credentialId())) {
            continue;
          }
          String label = e.platform() != null ? label(e.platform()) : platformOfLogin(e.loginId());
          passkeys.put(e.credentialId(), label);
          count(
              counters,
              Step.PASSKEY_CREATED,
              e.mode(),
              label,
              e.occurredAt(),
              Events.source(e.source()));
        }
        case PasskeyDeleted e -> passkeys.remove(e.credentialId());
        case PasskeyUpgradeFailed e -> {
          String label = e.platform() != null ? label(e.platform()) : platformOfLogin(e.loginId());
          count(
              counters,
              Step.UPGRADE_FAILED,
              e.errorName(),
              label,
              e.occurredAt(),
              Events.source(e.source()));
        }
        case PasskeyAuthenticated e -> {
          String label = passkeys.get(e.credentialId());
          String source = Events.source(e.source());
          count(counters, Step.PASSKEY_LOGIN, null, label, e.occurredAt(), source);
          if (!passkeyLoginSeen) {
            count(counters, Step.FIRST_PASSKEY_LOGIN, null, label, e.occurredAt(), source);
            passkeyLoginSeen = true;
          }
        }
        default -> {
          // not a passkey event
        }
      }
    }
  }

  /** The platform of a decided login (as the service remembers it), or null. */
  private String platformOfLogin(String loginId) {
    if (loginId == null) {
      return null;
    }
    Login login = logins.get(loginId);
    if (login == null || login.decision == null) {
      return null;
    }
    return login.decision.platform() != null ? login.decision.platform() : login.platform;
  }

  private static void count(
      Map<Key, Long> counters,
      Step step,
      String detail,
      String platform,
      Instant at,
      String source) {
    if (at == null) {
      return;
    }
    Key key =
        new Key(
            LocalDate.ofInstant(at, ZoneOffset.UTC),
            sanitisePlatform(platform),
            step,
            detail == null ? null : sanitiseDetail(detail),
            source);
    counters.merge(key, 1L, Long::sum);
  }

  private static String label(Platform platform) {
    return platform == null ? null : platform.label();
  }

  /**
   * As the service: each part of {@code os/browser} is kept only if it is on the service's fixed
   * lists, else {@code Other} ({@code Unknown} stays), so invented User-Agents cannot blow up the
   * number of rows. The lists are copied here on purpose: this example uses no Passbridge code.
   * Read the event's own {@code platform} for the exact names.
   */
  static String sanitisePlatform(String platform) {
    if (platform == null || platform.isBlank()) {
      return UNKNOWN_PLATFORM;
    }
    int slash = platform.indexOf('/');
    String os = slash < 0 ? platform : platform.substring(0, slash);
    String browser = slash < 0 ? "" : platform.substring(slash + 1);
    return known(os, SYSTEMS) + "/" + known(browser, BROWSERS);
  }

  private static final java.util.Map<String, String> SYSTEMS =
      names(
          "Windows",
          "Mac OS",
          "macOS",
          "iOS",
          "iPadOS",
          "Android",
          "Linux",
          "Ubuntu",
          "Fedora",
          "Chrome OS",
          "ChromeOS",
          "HarmonyOS",
          "Fire OS",
          "FireOS",
          "KaiOS",
          "Tizen",
          "FreeBSD");
  private static final java.util.Map<String, String> BROWSERS =
      names(
          "Chrome",
          "Google Chrome",
          "Chromium",
          "Safari",
          "Firefox",
          "Edge",
          "Opera",
          "Opera GX",
          "Opera Mini",
          "Samsung Internet",
          "Brave",
          "Vivaldi",
          "Yandex Browser",
          "UC Browser",
          "DuckDuckGo",
          "Firefox Focus",
          "Whale",
          "Huawei Browser",
          "Mi Browser",
          "Silk",
          "Internet Explorer",
          "Chrome Webview",
          "Edge Webview",
          "Safari Webview");

  private static String known(String name, java.util.Map<String, String> list) {
    String key = name.strip().toLowerCase(java.util.Locale.ROOT);
    return key.isEmpty() || key.equals("unknown") ? "Unknown" : list.getOrDefault(key, "Other");
  }

  private static java.util.Map<String, String> names(String... names) {
    java.util.Map<String, String> map = new java.util.HashMap<>();
    for (String n : names) {
      map.put(n.toLowerCase(java.util.Locale.ROOT), n);
    }
    return java.util.Map.copyOf(map);
  }

  static String sanitiseDetail(String detail) {
    return detail.matches("[A-Za-z0-9_.-]{1,64}") ? detail : OTHER;
  }

  private static final Comparator<Key> KEY_ORDER =
      Comparator.comparing(Key::day)
          .thenComparing(Key::platform)
          .thenComparing(Key::step)
          .thenComparing(k -> k.detail() == null ? "" : k.detail())
          .thenComparing(Key::source);

  private static final class Login {
    Seen password;
    String platform;
    String source = Events.HOSTED;
    Seen secondFactor;
    boolean locked;
    Decision decision;
    Instant decidedAt;
  }

  private record Seen(Instant occurredAt, long timestamp, long seq) {
    boolean before(Seen other) {
      return timestamp < other.timestamp || (timestamp == other.timestamp && seq < other.seq);
    }
  }

  private record Decision(Step step, String outcome, String platform, String source) {}

  private record Feedback(long timestamp, long seq, Object event) {}
}
