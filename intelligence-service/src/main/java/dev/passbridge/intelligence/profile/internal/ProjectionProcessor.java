package dev.passbridge.intelligence.profile.internal;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelStep;
import dev.passbridge.intelligence.internal.StoreView;
import dev.passbridge.intelligence.login.DecidedLogins;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import dev.passbridge.intelligence.rules.PasskeyProfile.KnownPasskey;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

/**
 * Keeps each user's passkey profile from PasskeyCreated / PasskeyDeleted / PasskeyUpgradeFailed /
 * PasskeyAuthenticated (each event applied once: the profile remembers the last event ids) and
 * forwards the funnel steps they are. UserErased deletes the profile, marks the user erased and
 * forwards nothing (it is no funnel step); later events of a marked user are skipped whole (no
 * profile, no funnel step); every hour the marks older than the topics' retention are dropped.
 */
final class ProjectionProcessor implements Processor<String, PassbridgeEvent, String, FunnelKey> {
  private final StoreView<DecidedLogins> decidedLogins;
  private final Duration erasureMarkRetention;

  private ProcessorContext<String, FunnelKey> context;
  private StoredProfiles profiles;
  private DecidedLogins decided;

  ProjectionProcessor(StoreView<DecidedLogins> decidedLogins, Duration erasureMarkRetention) {
    this.decidedLogins = decidedLogins;
    this.erasureMarkRetention = erasureMarkRetention;
  }

  @Override
  public void init(ProcessorContext<String, FunnelKey> context) {
    this.context = context;
    this.profiles = StoredProfiles.open(context);
    this.decided = decidedLogins.open(context);
    context.schedule(
        ProfileTopology.ERASURE_MARK_SWEEP,
        PunctuationType.WALL_CLOCK_TIME,
        now ->
            profiles.forgetErasuresBefore(Instant.ofEpochMilli(now).minus(erasureMarkRetention)));
  }

  @Override
  public void process(Record<String, PassbridgeEvent> record) {
    String userKey = record.value() == null ? null : userOf(record.value());
    if (userKey != null && profiles.isErased(userKey)) {
      // a late event of an erased user: no profile (it would be dropped), and no funnel step
      // either, since without the profile nothing tells a redelivery or a first passkey login
      return;
    }
    switch (record.value()) {
      case PasskeyCreated e -> onPasskeyCreated(e, record);
      case PasskeyDeleted e -> onPasskeyDeleted(e);
      case PasskeyUpgradeFailed e -> onUpgradeFailed(e, record);
      case PasskeyAuthenticated e -> onPasskeyAuthenticated(e, record);
      case UserErased e -> onUserErased(e);
      case null -> {
        // a tombstone: nothing to do
      }
      default -> {
        // other events are not inputs of the projection
      }
    }
  }

  /** The user a passkey event is about; null for the erasure and other events. */
  private static String userOf(PassbridgeEvent event) {
    return switch (event) {
      case PasskeyCreated e -> e.userId().toString();
      case PasskeyDeleted e -> e.userId().toString();
      case PasskeyUpgradeFailed e -> e.userId().toString();
      case PasskeyAuthenticated e -> e.userId().toString();
      default -> null;
    };
  }

  private void onPasskeyCreated(PasskeyCreated event, Record<String, PassbridgeEvent> record) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profiles.of(userKey);
    if (profile.hasSeen(event.eventId()) || profile.passkeys().containsKey(event.credentialId())) {
      return;
    }
    String label =
        event.platform() != null ? event.platform().label() : decided.platformOf(event.loginId());
    // deleted already: its PasskeyDeleted (another topic) arrived first; the creation still counts
    profiles.put(
        userKey,
        profile.wasDeleted(event.credentialId())
            ? profile.seen(event.eventId())
            : profile
                .seen(event.eventId())
                .withPasskey(
                    event.credentialId(),
                    new KnownPasskey(event.providerName(), label, event.occurredAt())));
    count(
        FunnelStep.PASSKEY_CREATED,
        event.mode().name(),
        label,
        event.occurredAt(),
        event.source(),
        record);
  }

  /**
   * The user is gone: the profile is deleted (a tombstone on the changelog), not emptied, and the
   * user id is marked erased, so that an event of the user that arrives after this one (another
   * topic, so no order between them: a PasskeyCreated in flight, the prompt of a login under way)
   * starts no new profile under an id that nothing maps to any more. The mark is dated when the
   * erasure is applied here, later than any event of the user on the topics; a repeated erasure
   * keeps the first date.
   */
  private void onUserErased(UserErased event) {
    profiles.erase(event.userId().toString(), Instant.ofEpochMilli(context.currentSystemTimeMs()));
  }

  private void onPasskeyDeleted(PasskeyDeleted event) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profiles.of(userKey);
    if (profile.hasSeen(event.eventId())) {
      return;
    }
    profiles.put(userKey, profile.seen(event.eventId()).withoutPasskey(event.credentialId()));
  }

  private void onUpgradeFailed(PasskeyUpgradeFailed event, Record<String, PassbridgeEvent> record) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profiles.of(userKey);
    if (profile.hasSeen(event.eventId())) {
      return;
    }
    String label =
        event.platform() != null ? event.platform().label() : decided.platformOf(event.loginId());
    String platformKey =
        label == null ? PasskeyProfile.ANY_PLATFORM : label.toLowerCase(Locale.ROOT);
    profiles.put(
        userKey,
        profile
            .seen(event.eventId())
            .withUpgradeFailure(event.errorName(), platformKey, event.occurredAt()));
    count(
        FunnelStep.UPGRADE_FAILED,
        FunnelKey.failureDetail(event.errorName()),
        label,
        event.occurredAt(),
        event.source(),
        record);
  }

  private void onPasskeyAuthenticated(
      PasskeyAuthenticated event, Record<String, PassbridgeEvent> record) {
    String userKey = event.userId().toString();
    PasskeyProfile profile = profiles.of(userKey);
    if (profile.hasSeen(event.eventId())) {
      return;
    }
    boolean first = profile.firstPasskeyLoginAt() == null;
    KnownPasskey passkey = profile.passkeys().get(event.credentialId());
    String label = passkey == null ? null : passkey.platformLabel();
    profiles.put(userKey, profile.seen(event.eventId()).withPasskeyLogin(event.occurredAt()));
    count(FunnelStep.PASSKEY_LOGIN, null, label, event.occurredAt(), event.source(), record);
    if (first) {
      count(
          FunnelStep.FIRST_PASSKEY_LOGIN, null, label, event.occurredAt(), event.source(), record);
    }
  }

  private void count(
      FunnelStep step,
      String detail,
      String platformLabel,
      Instant at,
      LoginSource source,
      Record<String, PassbridgeEvent> record) {
    context.forward(
        new Record<>(
            record.key(),
            FunnelKey.of(step, detail, platformLabel, at, LoginSource.of(source)),
            record.timestamp()));
  }
}
