package dev.passbridge.intelligence.decision.internal;

import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.decision.DecisionSettings;
import dev.passbridge.intelligence.decision.StoreNames;
import dev.passbridge.intelligence.decision.internal.PendingLogin.PasswordPart;
import dev.passbridge.intelligence.decision.internal.PendingLogin.SecondFactorPart;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelMetrics;
import dev.passbridge.intelligence.funnel.FunnelStep;
import dev.passbridge.intelligence.rules.Decision;
import dev.passbridge.intelligence.rules.DecisionEngine;
import dev.passbridge.intelligence.rules.DecisionInput;
import dev.passbridge.intelligence.rules.LoginFacts;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import dev.passbridge.intelligence.rules.PasskeyProfile.KnownPasskey;
import dev.passbridge.intelligence.rules.RulesConfig;
import dev.passbridge.intelligence.rules.SecondFactor;
import dev.passbridge.intelligence.settings.ActiveRules;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upgrade decision, one instance per stream task (so per partition of user ids; all topics are
 * co-partitioned by user id, so everything about one user meets here):
 *
 * <ul>
 *   <li>joins PasswordAuthenticated and OtpVerified of a login, in either order, within the window;
 *       a login whose second factor does not arrive times out (swept by stream-time and wall-clock
 *       punctuation) and gets {@code SECOND_FACTOR_TIMEOUT};
 *   <li>keeps each user's passkey profile from PasskeyCreated / PasskeyDeleted /
 *       PasskeyUpgradeFailed / PasskeyAuthenticated and its own PROMPT decisions;
 *   <li>runs the rules and forwards exactly one PasskeyEligible or PasskeyUpgradeSkipped per login,
 *       with a deterministic event id; the decided-login mark makes redeliveries harmless;
 *   <li>forwards one funnel increment (key {@link FunnelKey}, value 1) per funnel step.
 * </ul>
 *
 * The decision is forwarded before its decided mark is written: if the instance dies between the
 * two, the login is decided again after the restart with the same event id, which consumers
 * deduplicate; the opposite order could lose the decision.
 */
public final class DecisionProcessor implements Processor<String, PassbridgeEvent, String, Object> {
  private static final Logger log = LoggerFactory.getLogger(DecisionProcessor.class);

  /** Most timers handled in one punctuation, so a backlog cannot stall the task. */
  static final int SWEEP_LIMIT = 10_000;

  private final DecisionEngine engine;
  private final ActiveRules rules;
  private final DecisionSettings settings;
  private final Clock clock;
  private final FunnelMetrics metrics;

  private ProcessorContext<String, Object> context;
  private KeyValueStore<String, PendingLogin> pending;
  private KeyValueStore<String, DecidedLogin> decided;
  private KeyValueStore<String, PasskeyProfile> profiles;
  private KeyValueStore<String, String> timers;
  private ReadOnlyKeyValueStore<String, Object> rulesStore;

  public DecisionProcessor(
      DecisionEngine engine,
      ActiveRules rules,
      DecisionSettings settings,
      Clock clock,
      FunnelMetrics metrics) {
    this.engine = engine;
    this.rules = rules;
    this.settings = settings;
    this.clock = clock;
    this.metrics = metrics;
  }

  /** The event id of a login's decision: the same for every redelivery and restart. */
  public static UUID decisionEventId(String loginId) {
    return UUID.nameUUIDFromBytes((loginId + ":decision").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void init(ProcessorContext<String, Object> context) {
    this.context = context;
    this.pending = context.getStateStore(StoreNames.PENDING);
    this.decided = context.getStateStore(StoreNames.DECIDED);
    this.profiles = context.getStateStore(StoreNames.PROFILES);
    this.timers = context.getStateStore(StoreNames.TIMERS);
    this.rulesStore = context.getStateStore(StoreNames.RULES_GLOBAL);
    context.schedule(
        settings.punctuateInterval(), PunctuationType.WALL_CLOCK_TIME, ignored -> sweep());
    context.schedule(settings.punctuateInterval(), PunctuationType.STREAM_TIME, ignored -> sweep());
  }

  @Override
  public void process(Record<String, PassbridgeEvent> record) {
    switch (record.value()) {
      case PasswordAuthenticated e -> onPassword(e, record);
      case OtpVerified e -> onSecondFactor(e.userId(), e.loginId(), e.occurredAt(), false, record);
      case OtpLocked e -> onSecondFactor(e.userId(), e.loginId(), e.occurredAt(), true, record);
      case PasskeyCreated e -> onPasskeyCreated(e, record);
      case PasskeyDeleted e -> onPasskeyDeleted(e);
      case PasskeyUpgradeFailed e -> onUpgradeFailed(e, record);
      case PasskeyAuthenticated e -> onPasskeyAuthenticated(e, record);
      case null -> {
        // a tombstone: nothing to do
      }
      default -> {
        // other events are not inputs of this topology
      }
    }
  }

  // --- the login join -------------------------------------------------------------------------

  private void onPassword(PasswordAuthenticated event, Record<String, PassbridgeEvent> record) {
    String loginId = event.loginId();
    if (stale(record) || decided.get(loginId) != null) {
      return;
    }
    PendingLogin waiting = pending.get(loginId);
    if (waiting != null && waiting.password() != null) {
      return; // redelivered
    }
    PasswordPart password = PasswordPart.of(event, record.timestamp());
    count(
        FunnelStep.PASSWORD_LOGIN,
        null,
        event.platform().label(),
        event.occurredAt(),
        record.timestamp());
    if (waiting == null) {
      long deadline = record.timestamp() + settings.joinWindow().toMillis();
      pending.put(loginId, new PendingLogin(password, null, null, deadline));
      timers.put(TimerKey.of(TimerKey.PENDING, deadline, loginId), "");
      return;
    }
    pending.delete(loginId);
    if (waiting.otp() != null) {
      completeWithSecondFactor(password, waiting.otp(), record.headers(), record.timestamp());
    } else if (waiting.lockedAt() != null) {
      decide(
          password, SecondFactor.LOCKED, waiting.lockedAt(), record.headers(), record.timestamp());
    }
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
        decide(
            waiting.password(),
            SecondFactor.LOCKED,
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
      PasswordPart password, SecondFactorPart otp, Headers headers, long timestamp) {
    long gap = Math.abs(otp.timestamp() - password.timestamp());
    if (gap > settings.joinWindow().toMillis()) {
      decide(password, SecondFactor.TIMED_OUT, windowEnd(password), headers, timestamp);
      return;
    }
    count(
        FunnelStep.SECOND_FACTOR_PASSED,
        null,
        password.platform().label(),
        otp.occurredAt(),
        timestamp);
    Decision decision = decide(password, SecondFactor.PASSED, otp.occurredAt(), headers, timestamp);
    metrics.decisionLatency(
        decision.outcome(), Math.max(0, context.currentSystemTimeMs() - otp.timestamp()));
  }

  private Instant windowEnd(PasswordPart password) {
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

  // --- the decision ---------------------------------------------------------------------------

  private Decision decide(
      PasswordPart login, SecondFactor secondFactor, Instant now, Headers headers, long timestamp) {
    String userKey = login.userId().toString();
    PasskeyProfile profile = profile(userKey);
    RulesConfig config = currentRules();
    LoginFacts facts =
        new LoginFacts(
            login.userId(),
            login.loginId(),
            secondFactor,
            login.autofilled(),
            login.capabilities(),
            login.platform());
    Decision decision = engine.decide(new DecisionInput(facts, profile, now), config);
    UUID eventId = decisionEventId(login.loginId());
    Instant at = clock.instant();
    PassbridgeEvent event =
        switch (decision) {
          case Decision.Eligible eligible ->
              new PasskeyEligible(
                  eventId,
                  at,
                  login.userId(),
                  login.loginId(),
                  eligible.mode(),
                  eligible.trace(),
                  login.username(),
                  login.displayName(),
                  login.userHandle(),
                  login.platform());
          case Decision.Skipped skipped ->
              new PasskeyUpgradeSkipped(
                  eventId,
                  at,
                  login.userId(),
                  login.loginId(),
                  skipped.reason(),
                  skipped.trace(),
                  login.platform());
        };
    context.forward(new Record<>(userKey, (Object) event, timestamp, copy(headers)));
    if (decision instanceof Decision.Eligible e && e.mode() == UpgradeMode.PROMPT) {
      profiles.put(userKey, profile.withPromptShown(now, config));
    }
    long decidedAt = context.currentSystemTimeMs();
    decided.put(
        login.loginId(), new DecidedLogin(decision.outcome(), login.platform().label(), decidedAt));
    timers.put(
        TimerKey.of(
            TimerKey.DECIDED, decidedAt + settings.decidedRetention().toMillis(), login.loginId()),
        "");
    count(
        decision instanceof Decision.Eligible ? FunnelStep.ELIGIBLE : FunnelStep.SKIPPED,
        decision.outcome(),
        login.platform().label(),
        now,
        timestamp);
    log.info(
        "login {} of user {} decided: {}", login.loginId(), login.userId(), decision.outcome());
    return decision;
  }

  private RulesConfig currentRules() {
    Object value = rulesStore.get(ActiveRules.KEY);
    Object raw = value instanceof ValueAndTimestamp<?> timestamped ? timestamped.value() : value;
    return rules.resolve((String) raw).rules();
  }

  private static Headers copy(Headers headers) {
    return headers == null ? new RecordHeaders() : new RecordHeaders(headers.toArray());
  }

  // --- the passkey profile --------------------------------------------------------------------

  private PasskeyProfile profile(String userKey) {
    PasskeyProfile profile = profiles.get(userKey);
    return profile == null ? PasskeyProfile.empty() : profile;
  }

  private void onPasskeyCreated(PasskeyCreated event, Record<String, PassbridgeEvent> record) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profile(userKey);
    if (profile.hasSeen(event.eventId()) || profile.passkeys().containsKey(event.credentialId())) {
      return;
    }
    String label =
        event.platform() != null ? event.platform().label() : loginPlatform(event.loginId());
    profiles.put(
        userKey,
        profile
            .seen(event.eventId())
            .withPasskey(
                event.credentialId(),
                new KnownPasskey(event.providerName(), label, event.occurredAt())));
    count(
        FunnelStep.PASSKEY_CREATED,
        event.mode().name(),
        label,
        event.occurredAt(),
        record.timestamp());
  }

  private void onPasskeyDeleted(PasskeyDeleted event) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profile(userKey);
    if (profile.hasSeen(event.eventId())) {
      return;
    }
    profiles.put(userKey, profile.seen(event.eventId()).withoutPasskey(event.credentialId()));
  }

  private void onUpgradeFailed(PasskeyUpgradeFailed event, Record<String, PassbridgeEvent> record) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profile(userKey);
    if (profile.hasSeen(event.eventId())) {
      return;
    }
    String label =
        event.platform() != null ? event.platform().label() : loginPlatform(event.loginId());
    String platformKey =
        label == null ? PasskeyProfile.ANY_PLATFORM : label.toLowerCase(Locale.ROOT);
    profiles.put(
        userKey,
        profile
            .seen(event.eventId())
            .withUpgradeFailure(event.errorName(), platformKey, event.occurredAt()));
    count(
        FunnelStep.UPGRADE_FAILED,
        event.errorName(),
        label,
        event.occurredAt(),
        record.timestamp());
  }

  private void onPasskeyAuthenticated(
      PasskeyAuthenticated event, Record<String, PassbridgeEvent> record) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profile(userKey);
    if (profile.hasSeen(event.eventId())) {
      return;
    }
    boolean first = profile.firstPasskeyLoginAt() == null;
    KnownPasskey passkey = profile.passkeys().get(event.credentialId());
    String label = passkey == null ? null : passkey.platformLabel();
    profiles.put(userKey, profile.seen(event.eventId()).withPasskeyLogin(event.occurredAt()));
    count(FunnelStep.PASSKEY_LOGIN, null, label, event.occurredAt(), record.timestamp());
    if (first) {
      count(FunnelStep.FIRST_PASSKEY_LOGIN, null, label, event.occurredAt(), record.timestamp());
    }
  }

  /** The platform of a decided login, for events that do not carry one. */
  private String loginPlatform(String loginId) {
    if (loginId == null) {
      return null;
    }
    DecidedLogin login = decided.get(loginId);
    return login == null ? null : login.platformLabel();
  }

  // --- the funnel -----------------------------------------------------------------------------

  private void count(
      FunnelStep step, String detail, String platformLabel, Instant at, long timestamp) {
    FunnelKey key =
        new FunnelKey(
            LocalDate.ofInstant(at, ZoneOffset.UTC),
            platformLabel == null ? Platform.unknown().label() : platformLabel,
            step,
            detail);
    context.forward(new Record<>(key.encode(), (Object) 1L, timestamp));
    metrics.step(key);
  }

  // --- timers ---------------------------------------------------------------------------------

  /**
   * Times out pending logins and forgets old decided marks. A login times out once stream time
   * passed its deadline (exact, also when a backlog is replayed) or, on a partition without
   * traffic, once the wall clock passed it by the grace period.
   */
  void sweep() {
    long wall = context.currentSystemTimeMs();
    long cutoff =
        Math.max(context.currentStreamTimeMs(), wall - settings.timeoutGrace().toMillis());
    for (KeyValue<String, String> due : due(TimerKey.PENDING, cutoff)) {
      timers.delete(due.key);
      String loginId = TimerKey.loginId(due.key);
      PendingLogin waiting = pending.get(loginId);
      if (waiting == null || waiting.deadline() > cutoff) {
        continue; // completed in the meantime
      }
      pending.delete(loginId);
      if (waiting.password() != null) {
        decide(
            waiting.password(),
            SecondFactor.TIMED_OUT,
            windowEnd(waiting.password()),
            new RecordHeaders(),
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
