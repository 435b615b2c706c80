package dev.passbridge.passkey.upgrade;

import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.RegistrationCeremony;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.ProviderNames;
import dev.passbridge.passkey.credentials.StoredCredential;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.RegistrationVerifier;
import dev.passbridge.passkey.webauthn.Rejection;
import dev.passbridge.passkey.webauthn.RejectionCode;
import dev.passbridge.passkey.webauthn.VerifiedRegistration;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes an upgrade ({@code POST /api/passkeys/registrations}): takes the ceremony (single use,
 * the session's user only), verifies the credential under the ceremony's mode (user presence only
 * optional for a CONDITIONAL ceremony), stores it together with {@code PasskeyCreated}. Any
 * rejection after the ceremony was taken ends the upgrade as failed, and so does an unexpected
 * error (see {@link #failAfterError}), so the login's offer never keeps naming a used ceremony. A
 * user erased since the ceremony was prepared gets nothing stored and ends it without an event
 * ({@link RejectionCode#USER_ERASED}); any other rejection or error of such a user ends it without
 * an event too ({@link UpgradeService#failed} reads the tombstone).
 */
public class UpgradeRegistration {
  private static final Logger log = LoggerFactory.getLogger(UpgradeRegistration.class);

  /** The error name a ceremony ended by an unexpected failure is recorded with. */
  public static final String INTERNAL_ERROR = "internal-error";

  private final CeremonyStore ceremonies;
  private final RegistrationVerifier verifier;
  private final PasskeyCredentials credentials;
  private final ProviderNames providers;
  private final UpgradeService upgrades;
  private final Clock clock;

  public UpgradeRegistration(
      CeremonyStore ceremonies,
      RegistrationVerifier verifier,
      PasskeyCredentials credentials,
      ProviderNames providers,
      UpgradeService upgrades,
      Clock clock) {
    this.ceremonies = ceremonies;
    this.verifier = verifier;
    this.credentials = credentials;
    this.providers = providers;
    this.upgrades = upgrades;
    this.clock = clock;
  }

  /**
   * Who registers: the user, the login they may act for, their connect identity, and the origins
   * their browser may report ({@code null}: the configured ones).
   */
  public record Registrant(
      UUID userId, String loginId, String tenant, String externalUserId, List<String> origins) {
    /** A hosted session: any ceremony of the user, no connect identity. */
    public static Registrant hosted(UUID userId) {
      return new Registrant(userId, null, null, null, null);
    }
  }

  public Outcome<StoredCredential> register(
      UUID userId, String ceremonyId, String registrationResponseJson) {
    return register(Registrant.hosted(userId), ceremonyId, registrationResponseJson);
  }

  /**
   * @param registrant with a {@code loginId} (connect append token) only that login's ceremony is
   *     accepted; with a tenant the passkey is stored as that tenant's user's
   */
  public Outcome<StoredCredential> register(
      Registrant registrant, String ceremonyId, String registrationResponseJson) {
    if (!upgrades.ceremonyOfLogin(registrant.loginId(), ceremonyId)) {
      return Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED);
    }
    if (!RegistrationVerifier.shapedLikeARegistration(registrationResponseJson)) {
      // not a credential at all: refused before the ceremony is taken, so the offer stays
      return Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL);
    }
    UUID userId = registrant.userId();
    var taken = ceremonies.takeRegistration(userId, ceremonyId);
    if (taken.isEmpty()) {
      return Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED);
    }
    RegistrationCeremony ceremony = taken.get();
    Outcome<StoredCredential> outcome;
    try {
      outcome = verifyAndStore(ceremony, registrant, registrationResponseJson);
    } catch (RuntimeException e) {
      failAfterError(ceremony, e);
      throw e;
    }
    return switch (outcome) {
      case Outcome.Rejected<StoredCredential> r -> {
        if (r.rejection().code() == RejectionCode.USER_ERASED) {
          // no PasskeyUpgradeFailed: UserErased is the fact, and the event would give other
          // services' projections a row again for the user they have just dropped
          upgrades.closedForErasedUser(ceremony);
        } else {
          upgrades.failed(ceremony, r.rejection().code().code());
        }
        yield outcome;
      }
      case Outcome.Ok<StoredCredential> ok -> {
        upgrades.completed(ceremony);
        yield outcome;
      }
    };
  }

  /**
   * Verifies and stores, without closing the ceremony: a rejection comes back as a value, and the
   * caller ends the ceremony for it.
   */
  private Outcome<StoredCredential> verifyAndStore(
      RegistrationCeremony ceremony, Registrant registrant, String registrationResponseJson) {
    byte[] challenge = Base64Url.decode(ceremony.challenge()).orElseThrow();
    boolean userPresenceRequired = ceremony.mode() != UpgradeMode.CONDITIONAL;
    Outcome<VerifiedRegistration> verified =
        registrant.origins() == null
            ? verifier.verify(registrationResponseJson, challenge, userPresenceRequired)
            : verifier.verify(
                registrationResponseJson, challenge, userPresenceRequired, registrant.origins());
    return switch (verified) {
      case Outcome.Rejected<VerifiedRegistration> r -> Outcome.rejected(r.rejection());
      case Outcome.Ok<VerifiedRegistration> ok -> store(ceremony, ok.value(), registrant);
    };
  }

  /**
   * The safety net for a failure nobody foresaw between taking the ceremony and storing the passkey
   * (a bug, a database refusing the row): the ceremony is already consumed, so unless it is ended
   * here the login's offer would keep naming it and every later attempt, the browser's outcome
   * report included, would only get {@code challenge-expired}. It is ended like a rejection, under
   * {@value #INTERNAL_ERROR}; the original error still reaches the caller. If recording the failure
   * fails as well (the outbox's database is down), that is attached to the original error and the
   * offer stays until it expires, as {@link UpgradeService#failed} intends.
   */
  private void failAfterError(RegistrationCeremony ceremony, RuntimeException error) {
    log.warn(
        "upgrade ceremony {} of user {} ended by an unexpected error: {}",
        ceremony.ceremonyId(),
        ceremony.userId(),
        error.toString());
    try {
      upgrades.failed(ceremony, INTERNAL_ERROR);
    } catch (RuntimeException also) {
      error.addSuppressed(also);
    }
  }

  private Outcome<StoredCredential> store(
      RegistrationCeremony ceremony, VerifiedRegistration v, Registrant registrant) {
    String credentialId = Base64Url.encode(v.credentialId());
    if (credentials.exists(credentialId)) {
      return Outcome.rejected(Rejection.of(RejectionCode.CREDENTIAL_EXISTS, detail()));
    }
    String provider = providers.nameOf(v.aaguid());
    var now = clock.instant();
    StoredCredential credential =
        new StoredCredential(
            credentialId,
            ceremony.userId(),
            ceremony.userHandle(),
            v.coseKey(),
            v.algorithm(),
            v.signCount(),
            v.aaguid(),
            v.transports(),
            v.backupEligible(),
            v.backupState(),
            v.attestationFormat(),
            ceremony.mode(),
            provider,
            provider,
            now,
            null,
            null,
            registrant.tenant(),
            registrant.externalUserId());
    PasskeyCreated created =
        new PasskeyCreated(
            UUID.randomUUID(),
            now,
            ceremony.userId(),
            ceremony.loginId(),
            credentialId,
            v.aaguid().toString(),
            provider,
            ceremony.mode(),
            v.backupEligible(),
            v.backupState(),
            v.transports(),
            ceremony.platform(),
            ceremony.source(),
            ceremony.clientId());
    switch (credentials.add(credential, created)) {
      case ALREADY_REGISTERED -> {
        return Outcome.rejected(Rejection.of(RejectionCode.CREDENTIAL_EXISTS, detail()));
      }
      case USER_ERASED -> {
        return Outcome.rejected(RejectionCode.USER_ERASED);
      }
      case ADDED -> {}
    }
    log.info(
        "passkey {} ({}, {}, BE={} BS={} UP={}) created for user {} in ceremony {} ({})",
        credentialId,
        provider,
        v.attestationFormat(),
        v.backupEligible(),
        v.backupState(),
        v.userPresent(),
        ceremony.userId(),
        ceremony.ceremonyId(),
        ceremony.mode());
    return Outcome.ok(credential);
  }

  private static String detail() {
    return "This credential is already registered.";
  }
}
