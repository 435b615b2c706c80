package dev.passbridge.journeysupport;

import dev.passbridge.contracts.events.LoginSucceeded;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.system.Journeys;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.ToLongFunction;

/**
 * A deduplicating consumer of the spine events: reads them back from Kafka during a scenario and
 * compares them with what the system {@link Ledger acknowledged}. Per fact (a login, a passkey) it
 * counts the distinct event ids: 0 is a <em>lost</em> event, more than 1 a <em>duplicate</em> (a
 * consumer deduplicating by {@code eventId} would act twice); the same id seen again is a
 * redelivery, which deduplication absorbs.
 */
public final class EventCheck implements AutoCloseable {
  private final Capture capture;

  public EventCheck(String bootstrap) {
    capture =
        new Capture(
            bootstrap,
            Topics.PASSWORD_AUTHENTICATED,
            Topics.OTP_VERIFIED,
            Topics.PASSKEY_ELIGIBLE,
            Topics.PASSKEY_UPGRADE_SKIPPED,
            Topics.PASSKEY_CREATED,
            Topics.PASSKEY_AUTHENTICATED,
            Topics.LOGIN_SUCCEEDED);
  }

  public Capture capture() {
    return capture;
  }

  /** The counts of one kind of fact. */
  public record Tally(String fact, long expected, long lost, long duplicated, long redelivered) {
    Tally plus(Tally o) {
      return new Tally(
          fact + ", " + o.fact,
          expected + o.expected,
          lost + o.lost,
          duplicated + o.duplicated,
          redelivered + o.redelivered);
    }
  }

  /**
   * The SMS the acknowledged password logins promised (one each).
   *
   * @param checked password logins whose SMS were counted
   * @param second SMS beyond one per login (not explained by an ambiguous login attempt)
   * @param missing logins without their SMS
   * @param forAmbiguousLogins SMS beyond one per login that login attempts answered 502/503/504
   *     explain (such an attempt may have happened); not counted as second SMS
   */
  public record SmsTally(long checked, long second, long missing, long forAmbiguousLogins) {
    static final SmsTally NONE = new SmsTally(0, 0, 0, 0);
  }

  /** Counts the SMS of a {@link Ledger}'s password logins. */
  @FunctionalInterface
  public interface SmsCount {
    SmsTally count(Ledger ledger);
  }

  /** The SMS an SMS provider (or a stand-in) received, per recipient. */
  public interface SmsByPhone {
    /** Distinct SMS sent to {@code phone}. */
    int count(String phone);

    /** SMS to {@code phone} that a login of the user claimed (read and used). */
    int claimed(String phone);
  }

  /**
   * SMS counted per login (e.g. otp-service's dev outbox, one list per login): each acknowledged
   * password login has exactly one; 0 is a missing SMS, more than 1 a second SMS.
   *
   * @param smsOfLogin the number of SMS sent for a login id
   */
  public static SmsCount perLogin(ToLongFunction<String> smsOfLogin) {
    return ledger -> {
      long checked = 0;
      long second = 0;
      long missing = 0;
      for (String loginId : ledger.passwordLogins) {
        long sms = smsOfLogin.applyAsLong(loginId);
        checked++;
        if (sms == 0) {
          missing++;
        } else if (sms > 1) {
          second++;
        }
      }
      return new SmsTally(checked, second, missing, 0);
    };
  }

  /**
   * SMS counted per user (phone) at the provider: each acknowledged password login claimed exactly
   * one SMS (its own code); SMS beyond those are allowed only for login attempts answered
   * 502/503/504 ({@link Ledger#ambiguousLogins}: they may have happened); any other SMS is a second
   * one.
   */
  public static SmsCount perPhone(SmsByPhone sms) {
    return ledger -> {
      long checked = 0;
      long second = 0;
      long missing = 0;
      long forAmbiguous = 0;
      Map<String, Long> logins = new HashMap<>();
      ledger.phones.forEach((loginId, phone) -> logins.merge(phone, 1L, Long::sum));
      for (Map.Entry<String, Long> e : logins.entrySet()) {
        long claimed = sms.claimed(e.getKey());
        long extra = sms.count(e.getKey()) - claimed;
        long ambiguous = ledger.ambiguousLogins.getOrDefault(e.getKey(), 0);
        checked += e.getValue();
        missing += Math.max(0, e.getValue() - claimed);
        second += Math.max(0, extra - ambiguous);
        forAmbiguous += Math.min(extra, ambiguous);
      }
      return new SmsTally(checked, second, missing, forAmbiguous);
    };
  }

  public record Summary(
      List<Tally> tallies,
      long smsChecked,
      long secondSms,
      long missingSms,
      long smsForAmbiguousLogins) {
    public long expected() {
      return tallies.stream().mapToLong(Tally::expected).sum() + smsChecked;
    }

    public long lost() {
      return tallies.stream().mapToLong(Tally::lost).sum() + missingSms;
    }

    public long duplicated() {
      return tallies.stream().mapToLong(Tally::duplicated).sum() + secondSms;
    }

    public long redelivered() {
      return tallies.stream().mapToLong(Tally::redelivered).sum();
    }

    @Override
    public String toString() {
      StringBuilder s = new StringBuilder();
      tallies.forEach(t -> s.append(t).append('\n'));
      return s.append("sms checked ")
          .append(smsChecked)
          .append(", second SMS ")
          .append(secondSms)
          .append(", missing SMS ")
          .append(missingSms)
          .append(", SMS for login attempts answered 502/503/504 ")
          .append(smsForAmbiguousLogins)
          .toString();
    }
  }

  /**
   * Waits (up to {@code settle}) until every acknowledged fact has its event, then counts. SMS are
   * counted by {@code sms} ({@link #perLogin}, {@link #perPhone}) unless it is null.
   */
  public Summary check(Ledger ledger, Duration settle, SmsCount sms) {
    long deadline = System.nanoTime() + settle.toNanos();
    Summary summary;
    do {
      summary = count(ledger, sms);
      if (summary.lost() == 0) {
        // a moment more for late duplicates (a republished outbox entry, a redelivery)
        Journeys.sleep(1500);
        return count(ledger, sms);
      }
      Journeys.sleep(250);
    } while (System.nanoTime() < deadline);
    return summary;
  }

  private Summary count(Ledger ledger, SmsCount sms) {
    List<PassbridgeEvent> events = capture.events();
    List<Tally> tallies = new ArrayList<>();
    tallies.add(
        tally(
            "PasswordAuthenticated per login",
            ledger.passwordLogins,
            events,
            PasswordAuthenticated.class,
            PasswordAuthenticated::loginId));
    tallies.add(
        tally(
            "OtpVerified per code",
            ledger.verified,
            events,
            OtpVerified.class,
            OtpVerified::loginId));
    Map<String, List<UUID>> decisions = new HashMap<>();
    for (PassbridgeEvent e : events) {
      if (e instanceof PasskeyEligible d) {
        decisions.computeIfAbsent(d.loginId(), k -> new ArrayList<>()).add(d.eventId());
      } else if (e instanceof PasskeyUpgradeSkipped d) {
        decisions.computeIfAbsent(d.loginId(), k -> new ArrayList<>()).add(d.eventId());
      }
    }
    tallies.add(tally("decision per verified login", ledger.verified, decisions));
    tallies.add(
        tally(
            "PasskeyCreated per passkey",
            ledger.credentials,
            events,
            PasskeyCreated.class,
            PasskeyCreated::credentialId));
    tallies.add(
        tally(
            "PasskeyAuthenticated per passkey login",
            ledger.passkeyLogins,
            events,
            PasskeyAuthenticated.class,
            PasskeyAuthenticated::loginId));
    tallies.add(
        tally(
            "LoginSucceeded per session",
            ledger.sessions,
            events,
            LoginSucceeded.class,
            LoginSucceeded::loginId));
    SmsTally texts = sms == null ? SmsTally.NONE : sms.count(ledger);
    return new Summary(
        tallies, texts.checked(), texts.second(), texts.missing(), texts.forAmbiguousLogins());
  }

  private static <E extends PassbridgeEvent> Tally tally(
      String fact,
      Set<String> acknowledged,
      List<PassbridgeEvent> events,
      Class<E> type,
      Function<E, String> key) {
    Map<String, List<UUID>> ids = new HashMap<>();
    for (PassbridgeEvent e : events) {
      if (type.isInstance(e)) {
        E typed = type.cast(e);
        ids.computeIfAbsent(key.apply(typed), k -> new ArrayList<>()).add(typed.eventId());
      }
    }
    return tally(fact, acknowledged, ids);
  }

  private static Tally tally(String fact, Set<String> acknowledged, Map<String, List<UUID>> ids) {
    long lost = 0;
    long duplicated = 0;
    long redelivered = 0;
    for (String key : acknowledged) {
      List<UUID> seen = ids.getOrDefault(key, List.of());
      Set<UUID> distinct = new HashSet<>(seen);
      if (distinct.isEmpty()) {
        lost++;
      } else {
        duplicated += distinct.size() - 1;
        redelivered += seen.size() - distinct.size();
      }
    }
    return new Tally(fact, acknowledged.size(), lost, duplicated, redelivered);
  }

  @Override
  public void close() {
    capture.close();
  }
}
