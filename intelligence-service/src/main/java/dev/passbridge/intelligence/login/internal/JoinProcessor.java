package dev.passbridge.intelligence.login.internal;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.intelligence.login.LoginSettings;
import dev.passbridge.intelligence.login.LoginStep;
import dev.passbridge.intelligence.login.LoginStores;
import dev.passbridge.intelligence.login.PasswordLogin;
import dev.passbridge.intelligence.login.internal.PendingLogin.SecondFactorPart;
import dev.passbridge.intelligence.rules.SecondFactorOutcome;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The login join, one instance per stream task (all topics are co-partitioned by user id):
 * PasswordAuthenticated and OtpVerified / OtpLocked of a login meet in {@code intel-pending}, in
 * either order, within the window; a login whose second factor does not arrive times out (swept by
 * stream-time and wall-clock punctuation). A Connect login reported without a second factor is
 * joined at once with {@code MISSING} (nothing will follow it). Forwards {@link LoginStep}s; the
 * decided-login marks (written by the decision) make redeliveries harmless, and the sweep forgets
 * them after the retention.
 */
public final class JoinProcessor implements Processor<String, PassbridgeEvent, String, LoginStep> {
  private static final Logger log = LoggerFactory.getLogger(JoinProcessor.class);

  /** Most timers handled in one punctuation, so a backlog cannot stall the task. */
  static final int SWEEP_LIMIT = 10_000;

  private final LoginSettings settings;

  private ProcessorContext<String, LoginStep> context;
  private KeyValueStore<String, PendingLogin> pending;
  private KeyValueStore<String, DecidedLogin> decided;
  private KeyValueStore<String, String> timers;

  /** Wall-clock time of the last record this task processed (or of its start). */
  private long lastRecordAt;

  public JoinProcessor(LoginSettings settings) {
    this.settings = settings;
  }

  @Override
  public void init(ProcessorContext<String, LoginStep> context) {
    this.context = context;
    this.pending = context.getStateStore(LoginStores.PENDING);
    this.decided = context.getStateStore(LoginStores.DECIDED);
    this.timers = context.getStateStore(LoginStores.TIMERS);
    this.lastRecordAt = context.currentSystemTimeMs();
    context.schedule(
        settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> sweep());
    context.schedule(settings.punctuateInterval(), PunctuationType.STREAM_TIME, ignored -> sweep());
  }

  @Override
  public void process(Record<String, PassbridgeEvent> record) {
    lastRecordAt = context.currentSystemTimeMs();
    switch (record.value()) {
      case PasswordAuthenticated e -> onPassword(e, record);
      case OtpVerified e -> onSecondFactor(e.userId(), e.loginId(), e.occurredAt(), false, record);
      case OtpLocked e -> onSecondFactor(e.userId(), e.loginId(), e.occurredAt(), true, record);
      case null -> {
        // a tombstone: nothing to do
      }
      default -> {
        // other events are not inputs of the join
      }
    }
  }

  private void onPassword(PasswordAuthenticated event, Record<String, PassbridgeEvent> record) {
    String loginId = event.loginId();
    if (stale(record) || decided.get(loginId) != null) {
      return;
    }
    PendingLogin waiting = pending.get(loginId);
    if (waiting != null && waiting.password() != null) {
      return; // redelivered
    }
    PasswordLogin password = PasswordLogin.of(event, record.timestamp());
    forward(LoginStep.accepted(password), record.headers(), record.timestamp());
    if (waiting == null && connectWithoutSecondFactor(event)) {
      // no second factor will come: decided now (no passkey after a single factor)
      joined(
          password,
          SecondFactorOutcome.MISSING,
          event.occurredAt(),
          record.headers(),
          record.timestamp());
      return;
    }
    if (waiting == null) {
      long deadline = record.timestamp() + settings.joinWindow().toMillis();
      pending.put(
          loginId, new PendingLogin(password, null, null, deadline, traceparent(record.headers())));
      timers.put(TimerKey.of(TimerKey.PENDING, deadline, loginId), "");
      return;
    }
    pending.delete(loginId);
    if (waiting.otp() != null) {
      completeWithSecondFactor(password, waiting.otp(), record.headers(), record.timestamp());
    } else if (waiting.lockedAt() != null) {
      joined(
          password,
          SecondFactorOutcome.LOCKED,
          waiting.lockedAt(),
          record.headers(),
          record.timestamp());
    }
  }

  /** A platform reported this login and said it checked no second factor. */
  private static boolean connectWithoutSecondFactor(PasswordAuthenticated event) {
    return LoginSource.of(event.source()) == LoginSource.CONNECT && event.secondFactor() == null;
  }

  private void onSecondFactor(
      UUID userId,
      String loginId,
      Instant occurredAt,
      boolean locked,
      Record<String, PassbridgeEvent> record) {
    if (stale(record) || decided.get(loginId) != null) {
      return;
    }
    PendingLogin waiting = pending.get(loginId);
    if (waiting != null && waiting.password() != null) {
      pending.delete(loginId);
      if (locked) {
        joined(
            waiting.password(),
            SecondFactorOutcome.LOCKED,
            occurredAt,
            record.headers(),
            record.timestamp());
      } else {
        completeWithSecondFactor(
            waiting.password(),
            new SecondFactorPart(userId, occurredAt, record.timestamp()),
            record.headers(),
            record.timestamp());
      }
      return;
    }
    if (waiting != null) {
      return; // the second factor already arrived (redelivered), waiting for the password half
    }
    long deadline = record.timestamp() + settings.joinWindow().toMillis();
    pending.put(
        loginId,
        locked
            ? new PendingLogin(null, null, occurredAt, deadline)
            : new PendingLogin(
                null,
                new SecondFactorPart(userId, occurredAt, record.timestamp()),
                null,
                deadline));
    timers.put(TimerKey.of(TimerKey.PENDING, deadline, loginId), "");
  }

  private void completeWithSecondFactor(
      PasswordLogin password, SecondFactorPart otp, Headers headers, long timestamp) {
    long gap = Math.abs(otp.timestamp() - password.timestamp());
    if (gap > settings.joinWindow().toMillis()) {
      joined(password, SecondFactorOutcome.TIMED_OUT, windowEnd(password), headers, timestamp);
      return;
    }
    forward(
        LoginStep.joined(password, SecondFactorOutcome.PASSED, otp.occurredAt(), otp.timestamp()),
        headers,
        timestamp);
  }

  private void joined(
      PasswordLogin password,
      SecondFactorOutcome secondFactor,
      Instant at,
      Headers headers,
      long timestamp) {
    forward(LoginStep.joined(password, secondFactor, at, null), headers, timestamp);
  }

  private void forward(LoginStep step, Headers headers, long timestamp) {
    String userKey = step.login().userId().toString();
    context.forward(new Record<>(userKey, step, timestamp, copy(headers)));
  }

  private static @Nullable String traceparent(Headers headers) {
    Header header = headers == null ? null : headers.lastHeader(TRACEPARENT);
    return header == null ? null : new String(header.value(), StandardCharsets.US_ASCII);
  }

  /**
   * The trace context of a timeout: the login's own, else a new trace (W3C {@code traceparent},
   * random ids, not sampled), so every record carries one as the event catalogue promises.
   */
  static Headers traceContext(@Nullable String traceparent) {
    String value = traceparent;
    if (value == null) {
      HexFormat hex = HexFormat.of();
      byte[] trace = new byte[16];
      byte[] span = new byte[8];
      ThreadLocalRandom.current().nextBytes(trace);
      ThreadLocalRandom.current().nextBytes(span);
      value = "00-" + hex.formatHex(trace) + "-" + hex.formatHex(span) + "-00";
    }
    Headers headers = new RecordHeaders();
    headers.add(TRACEPARENT, value.getBytes(StandardCharsets.US_ASCII));
    return headers;
  }

  private static final String TRACEPARENT = "traceparent";

  private static Headers copy(Headers headers) {
    return headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
  }

  private Instant windowEnd(PasswordLogin password) {
    return password.occurredAt().plus(settings.joinWindow());
  }

  /** Login events older than the decided-login memory could be decided twice: ignore them. */
  private boolean stale(Record<String, PassbridgeEvent> record) {
    boolean stale =
        record.timestamp() < context.currentSystemTimeMs() - settings.decidedRetention().toMillis();
    if (stale) {
      log.debug("ignoring a login event older than the decided-login retention");
    }
    return stale;
  }

  /**
   * Times out pending logins and forgets old decided marks. A login times out once stream time
   * passed its deadline (exact, also when a backlog is replayed) or, on a partition without traffic
   * (no record for the grace period), once the wall clock passed it by the grace period. While
   * records flow only stream time counts: a backlog read after downtime holds logins whose
   * deadlines are long past on the wall clock but whose second factor is a few records further on,
   * and the wall clock would have timed them out before their {@code OtpVerified} was read.
   */
  void sweep() {
    long wall = context.currentSystemTimeMs();
    long grace = settings.timeoutGrace().toMillis();
    boolean idle = wall - lastRecordAt >= grace;
    long cutoff =
        idle
            ? Math.max(context.currentStreamTimeMs(), wall - grace)
            : context.currentStreamTimeMs();
    for (KeyValue<String, String> due : due(TimerKey.PENDING, cutoff)) {
      timers.delete(due.key);
      String loginId = TimerKey.loginId(due.key);
      PendingLogin waiting = pending.get(loginId);
      if (waiting == null || waiting.deadline() > cutoff) {
        continue; // completed in the meantime
      }
      pending.delete(loginId);
      if (waiting.password() != null) {
        joined(
            waiting.password(),
            SecondFactorOutcome.TIMED_OUT,
            windowEnd(waiting.password()),
            traceContext(waiting.traceparent()),
            waiting.deadline());
      } else {
        log.debug("login {}: second factor without a password login, dropped", loginId);
      }
    }
    for (KeyValue<String, String> due :
        due(TimerKey.DECIDED, wall - settings.timeoutGrace().toMillis())) {
      timers.delete(due.key);
      decided.delete(TimerKey.loginId(due.key));
    }
  }

  private List<KeyValue<String, String>> due(char kind, long cutoff) {
    List<KeyValue<String, String>> due = new ArrayList<>();
    try (KeyValueIterator<String, String> it =
        timers.range(TimerKey.first(kind), TimerKey.upTo(kind, cutoff))) {
      while (it.hasNext() && due.size() < SWEEP_LIMIT) {
        due.add(it.next());
      }
    }
    return due;
  }
}
