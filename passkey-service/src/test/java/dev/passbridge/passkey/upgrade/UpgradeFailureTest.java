package dev.passbridge.passkey.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.ceremony.RandomTokens;
import dev.passbridge.passkey.ceremony.UpgradeAction;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.fakes.InMemoryCeremonyStore;
import dev.passbridge.passkey.fakes.InMemoryCredentialStore;
import dev.passbridge.passkey.webauthn.AttestationFormat;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.RejectionCode;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.SignatureAlgorithmId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The failure end of the upgrade, in plain Java against in-memory ports: {@code
 * PasskeyUpgradeFailed} is handed to the outbox before the decision is closed, so a closed decision
 * always has its event.
 */
class UpgradeFailureTest {
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-03T08:00:00Z"), ZoneOffset.UTC);

  final InMemoryCeremonyStore ceremonies = new InMemoryCeremonyStore();
  final List<PasskeyUpgradeFailed> outbox = new CopyOnWriteArrayList<>();
  boolean outboxDown;

  final UpgradeService upgrades =
      new UpgradeService(
          ceremonies,
          new PasskeyCredentials(new InMemoryCredentialStore(), CLOCK),
          new CreationOptionsFactory(
              new RelyingPartyPolicy(
                  "localhost",
                  "Passbridge",
                  List.of("http://localhost:8080"),
                  List.of(SignatureAlgorithmId.ES256),
                  Set.of(AttestationFormat.NONE)),
              Duration.ofMinutes(5)),
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

  @Test
  void anotherUsersReportFindsNoCeremony() {
    UpgradeDecision decision = prepared();

    assertThat(upgrades.reportFailure(UUID.randomUUID(), decision.ceremonyId(), "Dismissed"))
        .isEqualTo(Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED));
    assertThat(outbox).isEmpty();
  }
}
