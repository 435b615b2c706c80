package dev.passbridge.passkey.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.webauthn4j.converter.util.ObjectConverter;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.ceremony.RandomTokens;
import dev.passbridge.passkey.ceremony.UpgradeAction;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.ProviderNames;
import dev.passbridge.passkey.credentials.StoredCredential;
import dev.passbridge.passkey.fakes.InMemoryCeremonyStore;
import dev.passbridge.passkey.fakes.InMemoryCredentialStore;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.passkey.webauthn.AttestationFormat;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.RegistrationVerifier;
import dev.passbridge.passkey.webauthn.RejectionCode;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.SignatureAlgorithmId;
import dev.passbridge.passkey.webauthn.WebAuthnManagers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The failure end of the upgrade, in plain Java against in-memory ports: {@code
 * PasskeyUpgradeFailed} is handed to the outbox before the decision is closed, so a closed decision
 * always has its event; a registration that is rejected, or runs into an unexpected error after its
 * ceremony was taken, ends the ceremony as failed instead of leaving the offer naming it.
 */
class UpgradeFailureTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

  static final String ORIGIN = "http://localhost:8080";
  static final RelyingPartyPolicy POLICY =
      new RelyingPartyPolicy(
          "localhost",
          "Passbridge",
          List.of(ORIGIN),
          List.of(SignatureAlgorithmId.ES256),
          Set.of(AttestationFormat.NONE));
  static final ObjectConverter CONVERTER = new ObjectConverter();
  static final JsonMapper JSON = JsonMapper.builder().build();

  final InMemoryCeremonyStore ceremonies = new InMemoryCeremonyStore();
  final List<PasskeyUpgradeFailed> outbox = new CopyOnWriteArrayList<>();
  boolean outboxDown;

  /** A credential store that can refuse a row the way a database constraint would. */
  final InMemoryCredentialStore credentialStore =
      new InMemoryCredentialStore() {
        @Override
        public AddResult add(StoredCredential credential, PasskeyCreated created) {
          if (refuseRows) {
            throw new IllegalStateException("value too long for column");
          }
          return super.add(credential, created);
        }

        @Override
        public boolean isErased(UUID userId) {
          if (tombstonesDown) {
            throw new IllegalStateException("database unreachable");
          }
          return super.isErased(userId);
        }
      };

  boolean refuseRows;
  boolean tombstonesDown;

  final UpgradeService upgrades =
      new UpgradeService(
          ceremonies,
          new PasskeyCredentials(credentialStore, CLOCK),
          new CreationOptionsFactory(POLICY, Duration.ofMinutes(5)),
          new RandomTokens(),
          event -> {
            if (outboxDown) {
              throw new IllegalStateException("database unreachable");
            }
            outbox.add(event);
          },
          CLOCK,
          Duration.ofMinutes(5));

  final UUID userId = UUID.randomUUID();
  final String loginId = "login-" + UUID.randomUUID();

  UpgradeDecision prepared() {
    upgrades.onEligible(
        new PasskeyEligible(
            UUID.randomUUID(),
            CLOCK.instant(),
            userId,
            loginId,
            UpgradeMode.PROMPT,
            List.of(new RuleResult("second-factor", true, "OTP verified")),
            "alice",
            "Alice",
            "AAECAwQFBgcICQoLDA0ODw",
            new Platform("iOS", "18.2", "Safari", "18.2", "Phone")));
    UpgradeDecision decision = ceremonies.decision(loginId).orElseThrow();
    assertThat(decision.action()).isEqualTo(UpgradeAction.PROMPT);
    return decision;
  }

  @Test
  void theBrowsersReportRecordsTheEventThenClosesTheDecision() {
    UpgradeDecision decision = prepared();

    Outcome<Void> outcome = upgrades.reportFailure(userId, decision.ceremonyId(), "Dismissed");

    assertThat(outcome).isInstanceOf(Outcome.Ok.class);
    assertThat(outbox)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ceremonyId()).isEqualTo(decision.ceremonyId());
              assertThat(e.loginId()).isEqualTo(loginId);
              assertThat(e.errorName()).isEqualTo("Dismissed");
              assertThat(e.mode()).isEqualTo(UpgradeMode.PROMPT);
            });
    assertThat(ceremonies.decision(loginId).orElseThrow().reason())
        .isEqualTo(UpgradeService.FAILED);
    // the ceremony is gone: a second report is rejected and records nothing
    assertThat(upgrades.reportFailure(userId, decision.ceremonyId(), "Dismissed"))
        .isEqualTo(Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED));
    assertThat(outbox).hasSize(1);
  }

  @Test
  void whenTheOutboxRefusesTheCallFailsAndTheDecisionIsNotClosed() {
    UpgradeDecision decision = prepared();
    outboxDown = true;

    assertThatThrownBy(() -> upgrades.reportFailure(userId, decision.ceremonyId(), "Dismissed"))
        .isInstanceOf(IllegalStateException.class);

    assertThat(outbox).isEmpty();
    assertThat(ceremonies.decision(loginId).orElseThrow().reason()).isNull();
  }

  final UpgradeRegistration registrations =
      new UpgradeRegistration(
          ceremonies,
          new RegistrationVerifier(
              WebAuthnManagers.create(POLICY.formats(), List.of(), true, CONVERTER),
              POLICY,
              CONVERTER),
          new PasskeyCredentials(credentialStore, CLOCK),
          new ProviderNames(JSON, "Passkey", null),
          upgrades,
          CLOCK);
  final SoftwarePasskeyAuthenticator authenticator =
      new SoftwarePasskeyAuthenticator(ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);

  Outcome<StoredCredential> register(UpgradeDecision decision, Flags flags) {
    JsonNode options = JSON.valueToTree(decision.publicKey());
    return registrations.register(
        userId,
        decision.ceremonyId(),
        authenticator.register(options, Kind.NONE, flags).toString());
  }

  @Test
  void aStoredPasskeyClosesTheDecisionAsCreated() {
    UpgradeDecision decision = prepared();

    assertThat(register(decision, Flags.standard())).isInstanceOf(Outcome.Ok.class);

    assertThat(ceremonies.decision(loginId).orElseThrow().reason())
        .isEqualTo(UpgradeService.CREATED);
    assertThat(outbox).isEmpty();
  }

  @Test
  void anEmptyCredentialIdIsRejectedAndEndsTheCeremonyAsFailed() {
    UpgradeDecision decision = prepared();

    assertThat(register(decision, Flags.standard().withCredentialId(new byte[0])))
        .isEqualTo(Outcome.rejected(RejectionCode.MALFORMED_CREDENTIAL));

    assertThat(outbox)
        .singleElement()
        .satisfies(e -> assertThat(e.errorName()).isEqualTo("malformed-credential"));
    assertThat(ceremonies.decision(loginId).orElseThrow().reason())
        .isEqualTo(UpgradeService.FAILED);
    assertThat(credentialStore.recorded).isEmpty();
  }

  @Test
  void anUnexpectedErrorAfterTheCeremonyWasTakenStillEndsItAsFailed() {
    UpgradeDecision decision = prepared();
    refuseRows = true;

    assertThatThrownBy(() -> register(decision, Flags.standard()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("value too long for column");

    assertThat(outbox)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.ceremonyId()).isEqualTo(decision.ceremonyId());
              assertThat(e.errorName()).isEqualTo(UpgradeRegistration.INTERNAL_ERROR);
            });
    UpgradeDecision after = ceremonies.decision(loginId).orElseThrow();
    assertThat(after.action()).isEqualTo(UpgradeAction.NONE);
    assertThat(after.reason()).isEqualTo(UpgradeService.FAILED);
  }

  @Test
  void whenTheFailureCannotBeRecordedEitherTheOriginalErrorCarriesThatToo() {
    UpgradeDecision decision = prepared();
    refuseRows = true;
    outboxDown = true;

    assertThatThrownBy(() -> register(decision, Flags.standard()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("value too long for column")
        .satisfies(
            e ->
                assertThat(e.getSuppressed())
                    .singleElement()
                    .satisfies(s -> assertThat(s).hasMessage("database unreachable")));

    // no event, so the decision is not closed either (see UpgradeService#failed)
    assertThat(outbox).isEmpty();
    assertThat(ceremonies.decision(loginId).orElseThrow().reason()).isNull();
  }

  /**
   * A user erased after the ceremony was prepared: nothing is stored and no event recorded (no
   * {@code PasskeyCreated}, no {@code PasskeyUpgradeFailed}); the offer is closed all the same.
   */
  @Test
  void aRegistrationForAUserErasedMeanwhileStoresAndRecordsNothing() {
    UpgradeDecision decision = prepared();
    credentialStore.erase(userId, CLOCK.instant(), CLOCK.instant().minus(Duration.ofDays(7)));

    assertThat(register(decision, Flags.standard()))
        .isEqualTo(Outcome.rejected(RejectionCode.USER_ERASED));

    assertThat(outbox).isEmpty();
    assertThat(credentialStore.recorded).isEmpty();
    assertThat(credentialStore.byUser(userId)).isEmpty();
    UpgradeDecision after = ceremonies.decision(loginId).orElseThrow();
    assertThat(after.action()).isEqualTo(UpgradeAction.NONE);
    assertThat(after.reason()).isEqualTo(UpgradeService.FAILED);
  }

  void erase(UUID user) {
    credentialStore.erase(user, CLOCK.instant(), CLOCK.instant().minus(Duration.ofDays(7)));
  }

  void assertClosedAsFailed() {
    UpgradeDecision after = ceremonies.decision(loginId).orElseThrow();
    assertThat(after.action()).isEqualTo(UpgradeAction.NONE);
    assertThat(after.reason()).isEqualTo(UpgradeService.FAILED);
  }

  /**
   * The browser's failure report on a ceremony prepared before the user's erasure: answered as
   * before (the ceremony is taken and closed), but no {@code PasskeyUpgradeFailed} is recorded: it
   * would give intelligence-service a profile again for the user it has just dropped.
   */
  @Test
  void aFailureReportForAUserErasedMeanwhileClosesTheCeremonyAndRecordsNothing() {
    UpgradeDecision decision = prepared();
    erase(userId);

    assertThat(upgrades.reportFailure(userId, decision.ceremonyId(), "NotAllowedError"))
        .isInstanceOf(Outcome.Ok.class);

    assertThat(outbox).isEmpty();
    assertThat(credentialStore.recorded).isEmpty();
    assertClosedAsFailed();
    // the ceremony is used up as after any report
    assertThat(upgrades.reportFailure(userId, decision.ceremonyId(), "NotAllowedError"))
        .isEqualTo(Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED));
    assertThat(outbox).isEmpty();
  }

  /** A registration of such a ceremony that fails verification keeps its rejection, no event. */
  @Test
  void aRegistrationFailingVerificationForAUserErasedMeanwhileRecordsNothing() {
    UpgradeDecision decision = prepared();
    erase(userId);

    assertThat(register(decision, Flags.standard().withChallenge(Base64Url.encode(new byte[32]))))
        .isEqualTo(Outcome.rejected(RejectionCode.CHALLENGE_MISMATCH));

    assertThat(outbox).isEmpty();
    assertThat(credentialStore.recorded).isEmpty();
    assertClosedAsFailed();
  }

  /** An unexpected error after the ceremony was taken: the error still reaches the caller. */
  @Test
  void anUnexpectedErrorForAUserErasedMeanwhileRecordsNothing() {
    UpgradeDecision decision = prepared();
    erase(userId);
    refuseRows = true;

    assertThatThrownBy(() -> register(decision, Flags.standard()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("value too long for column")
        .satisfies(e -> assertThat(e.getSuppressed()).isEmpty());

    assertThat(outbox).isEmpty();
    assertClosedAsFailed();
  }

  /** Another user's tombstone changes nothing for this user's failures. */
  @Test
  void anotherUsersErasureDoesNotSilenceThisUsersFailure() {
    UpgradeDecision decision = prepared();
    erase(UUID.randomUUID());

    assertThat(upgrades.reportFailure(userId, decision.ceremonyId(), "NotAllowedError"))
        .isInstanceOf(Outcome.Ok.class);

    assertThat(outbox)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.userId()).isEqualTo(userId);
              assertThat(e.errorName()).isEqualTo("NotAllowedError");
            });
    assertClosedAsFailed();
  }

  /**
   * When the tombstone cannot be read, nothing is claimed: the report fails and the decision stays,
   * as when the outbox refuses the event.
   */
  @Test
  void whenTheTombstoneCannotBeReadTheReportFailsAndTheDecisionIsNotClosed() {
    UpgradeDecision decision = prepared();
    tombstonesDown = true;

    assertThatThrownBy(
            () -> upgrades.reportFailure(userId, decision.ceremonyId(), "NotAllowedError"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("database unreachable");

    assertThat(outbox).isEmpty();
    assertThat(ceremonies.decision(loginId).orElseThrow().reason()).isNull();
  }

  @Test
  void anotherUsersReportFindsNoCeremony() {
    UpgradeDecision decision = prepared();

    assertThat(upgrades.reportFailure(UUID.randomUUID(), decision.ceremonyId(), "Dismissed"))
        .isEqualTo(Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED));
    assertThat(outbox).isEmpty();
  }
}
