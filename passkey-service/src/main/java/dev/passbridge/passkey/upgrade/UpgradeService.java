package dev.passbridge.passkey.upgrade;

import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.RandomTokens;
import dev.passbridge.passkey.ceremony.RegistrationCeremony;
import dev.passbridge.passkey.ceremony.UpgradeAction;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.passkey.webauthn.CreationOptions;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.RejectionCode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The automatic upgrade's start and end: turns intelligence-service's decision into a stored
 * ceremony and an answer for {@code GET /api/passkeys/upgrade}, takes the browser's report when it
 * did not work out, and closes a finished ceremony ({@code CREATED} / {@code FAILED}) so a reload
 * does not offer it again. Both consumers are idempotent: the first decision for a login wins,
 * redeliveries change nothing. The credential itself is completed by {@link UpgradeRegistration}.
 */
public class UpgradeService {
  private static final Logger log = LoggerFactory.getLogger(UpgradeService.class);

  /** Reasons of a {@code NONE} answer that do not come from intelligence-service. */
  public static final String PENDING = "PENDING";

  public static final String CREATED = UpgradeDecision.CREATED;
  public static final String FAILED = UpgradeDecision.FAILED;

  private final CeremonyStore store;
  private final PasskeyCredentials credentials;
  private final CreationOptionsFactory options;
  private final RandomTokens random;
  private final UpgradeEvents events;
  private final Clock clock;
  private final Duration ttl;

  public UpgradeService(
      CeremonyStore store,
      PasskeyCredentials credentials,
      CreationOptionsFactory options,
      RandomTokens random,
      UpgradeEvents events,
      Clock clock,
      Duration ttl) {
    this.store = store;
    this.credentials = credentials;
    this.options = options;
    this.random = random;
    this.events = events;
    this.clock = clock;
    this.ttl = ttl;
  }

  /**
   * Prepares the offer in one Redis round trip ({@link CeremonyStore#prepareUpgrade}), the only I/O
   * on the decision's path: the first decision for a login wins, and a redelivered event leaves
   * nothing behind. The stored offer names no passkeys in {@code excludeCredentials}: {@link
   * #offer} fills them in from the credential store whenever the offer is served.
   */
  public void onEligible(PasskeyEligible event) {
    byte[] challenge = random.challenge();
    String ceremonyId = random.id();
    String userHandle = UserHandles.toBase64Url(event.userHandle());
    CreationOptions publicKey =
        options.options(challenge, userHandle, event.username(), event.displayName(), List.of());
    UpgradeAction action =
        event.mode() == UpgradeMode.CONDITIONAL
            ? UpgradeAction.CONDITIONAL_CREATE
            : UpgradeAction.PROMPT;
    boolean first =
        store.prepareUpgrade(
            new RegistrationCeremony(
                ceremonyId,
                event.userId(),
                event.loginId(),
                event.mode(),
                Base64Url.encode(challenge),
                userHandle,
                event.platform(),
                clock.instant(),
                event.source(),
                event.clientId()),
            new UpgradeDecision(
                event.userId(), event.loginId(), action, null, ceremonyId, publicKey),
            ttl);
    if (!first) {
      log.debug(
          "login {} already has an upgrade decision; event {} ignored",
          event.loginId(),
          event.eventId());
      return;
    }
    log.info(
        "upgrade ceremony {} ({}) prepared for user {} login {}",
        ceremonyId,
        event.mode(),
        event.userId(),
        event.loginId());
  }

  /**
   * The decision as {@code GET /api/passkeys/upgrade} serves it: an offer's {@code
   * excludeCredentials} are the user's passkeys as the credential store holds them now (one indexed
   * read), never a list frozen when the decision arrived. Another login's passkey made since then
   * is named, so the authenticator that holds it refuses ({@code InvalidStateError}) instead of
   * silently making a second one. A {@code NONE} decision is returned as it is.
   */
  public UpgradeDecision offer(UpgradeDecision decision) {
    if (decision.publicKey() == null) {
      return decision;
    }
    return new UpgradeDecision(
        decision.userId(),
        decision.loginId(),
        decision.action(),
        decision.reason(),
        decision.ceremonyId(),
        decision.publicKey().withExcludeCredentials(excluded(decision.userId())));
  }

  /** The user's passkeys now, as excludeCredentials names them. */
  private List<CreationOptions.CredentialDescriptor> excluded(UUID userId) {
    return credentials.refs(userId).stream()
        .map(c -> CreationOptionsFactory.descriptor(c.credentialId(), c.transports()))
        .toList();
  }

  public void onSkipped(PasskeyUpgradeSkipped event) {
    boolean first =
        store.decideIfAbsent(
            UpgradeDecision.none(event.userId(), event.loginId(), event.reason()), ttl);
    if (first) {
      log.info(
          "no upgrade for user {} login {}: {}", event.userId(), event.loginId(), event.reason());
    }
  }

  /**
   * The browser's report that the upgrade did not complete: the ceremony is invalidated and {@code
   * PasskeyUpgradeFailed} recorded in the outbox (Kafka need not be reachable); for a user erased
   * since the ceremony was prepared, the ceremony is invalidated the same way and nothing recorded
   * (see {@link #failed}).
   */
  public Outcome<Void> reportFailure(UUID userId, String ceremonyId, String errorName) {
    return reportFailure(userId, null, ceremonyId, errorName);
  }

  /**
   * Like {@link #reportFailure(UUID, String, String)}, for a caller bound to one login (a connect
   * append token): a ceremony of another login of the same user is not theirs to end.
   *
   * @param loginId the caller's login, or null when the caller may end any ceremony of the user
   */
  public Outcome<Void> reportFailure(
      UUID userId, String loginId, String ceremonyId, String errorName) {
    if (!ceremonyOfLogin(loginId, ceremonyId)) {
      return Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED);
    }
    var ceremony = store.takeRegistration(userId, ceremonyId);
    if (ceremony.isEmpty()) {
      return Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED);
    }
    failed(ceremony.get(), errorName);
    return Outcome.ok(null);
  }

  /**
   * Whether the ceremony is the one prepared for this login (always true when {@code loginId} is
   * null): checked before the ceremony is taken, so a wrong login consumes nothing.
   */
  boolean ceremonyOfLogin(String loginId, String ceremonyId) {
    return loginId == null
        || store.decision(loginId).map(d -> ceremonyId.equals(d.ceremonyId())).orElse(false);
  }

  /**
   * Records a failed upgrade: {@code PasskeyUpgradeFailed} into the outbox first, then a {@code
   * NONE}/{@code FAILED} answer for a reload. In this order the event cannot be lost: if the outbox
   * write fails, the caller gets the error and nothing claims the failure was recorded; if the
   * Redis write fails after it, the event still goes out (a reload then finds the old decision,
   * whose ceremony is gone: {@code challenge-expired}).
   *
   * <p>The one place that records {@code PasskeyUpgradeFailed}, so it is also where an erased
   * user's failure is dropped: a ceremony or append token issued before the erasure can still
   * report the browser's failure or send a registration that fails verification. For a user with a
   * tombstone the ceremony is closed as {@link #closedForErasedUser} does, with no event (one
   * primary-key read first; if that read fails, the caller gets the error and the decision stays,
   * as when the outbox write fails). The read takes no lock: a failure recorded in the very moment
   * of the erasure can still go out, like one recorded just before it, which reaches other services
   * in no fixed order with the {@code UserErased} either way.
   */
  void failed(RegistrationCeremony ceremony, String errorName) {
    if (credentials.isErased(ceremony.userId())) {
      closedForErasedUser(ceremony);
      return;
    }
    var event =
        new PasskeyUpgradeFailed(
            UUID.randomUUID(),
            clock.instant(),
            ceremony.userId(),
            ceremony.loginId(),
            ceremony.ceremonyId(),
            ceremony.mode(),
            errorName,
            ceremony.platform(),
            ceremony.source(),
            ceremony.clientId());
    events.failed(event);
    store.replaceDecision(UpgradeDecision.none(ceremony.userId(), ceremony.loginId(), FAILED), ttl);
    log.info(
        "upgrade ceremony {} ({}) of user {} failed: {}",
        ceremony.ceremonyId(),
        ceremony.mode(),
        ceremony.userId(),
        errorName);
  }

  /**
   * Closes a ceremony whose user was erased since it was prepared, recording no event ({@code
   * UserErased} is the fact; a {@code PasskeyUpgradeFailed} would bring the user back into other
   * services' projections). A reload is answered {@code NONE}/{@code FAILED}, as after a failure.
   * Used for a registration refused as {@code user-erased} and by {@link #failed} for any other
   * failure of an erased user.
   */
  void closedForErasedUser(RegistrationCeremony ceremony) {
    store.replaceDecision(UpgradeDecision.none(ceremony.userId(), ceremony.loginId(), FAILED), ttl);
    log.info(
        "upgrade ceremony {} of user {} closed without a passkey: the user was erased",
        ceremony.ceremonyId(),
        ceremony.userId());
  }

  /** Closes a ceremony whose passkey was stored. */
  void completed(RegistrationCeremony ceremony) {
    store.replaceDecision(
        UpgradeDecision.none(ceremony.userId(), ceremony.loginId(), CREATED), ttl);
  }
}
