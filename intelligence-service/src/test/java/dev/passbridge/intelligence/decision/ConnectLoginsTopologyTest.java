package dev.passbridge.intelligence.decision;

import static dev.passbridge.intelligence.Fixtures.ALL_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.IOS_SAFARI_18;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.funnel.FunnelKey;
import dev.passbridge.intelligence.funnel.FunnelReport;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Connect logins through the topology: without a second factor they are skipped at once with {@code
 * SECOND_FACTOR_MISSING}; with the platform's second factor (otp-service's OtpVerified) they are
 * decided like hosted ones; the decision events carry source and client; the funnel counts them
 * apart from hosted logins.
 */
class ConnectLoginsTopologyTest {
  static final Instant START = Instant.parse("2025-09-15T08:00:00Z");

  @TempDir Path stateDir;
  TopologyHarness topology;

  @BeforeEach
  void start() {
    topology = new TopologyHarness(stateDir, START);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  static PasswordAuthenticated connectLogin(
      UUID userId, String loginId, SecondFactor secondFactor, Instant at) {
    return new PasswordAuthenticated(
        UUID.randomUUID(),
        at,
        userId,
        loginId,
        "shopper@shop.example",
        "Shopper",
        "handle-" + userId.toString().substring(0, 8),
        secondFactor,
        new ClientSignals(true, ALL_CAPABILITIES, "Mozilla/5.0 (test)", Map.of()),
        IOS_SAFARI_18,
        LoginSource.CONNECT,
        "shop",
        "ext-" + userId.toString().substring(0, 8),
        "shop");
  }

  static OtpVerified connectOtp(UUID userId, String loginId, Instant at) {
    return new OtpVerified(
        UUID.randomUUID(), at, userId, loginId, "totp", LoginSource.CONNECT, "shop");
  }

  @Test
  void withoutASecondFactorTheLoginIsSkippedAtOnce() {
    UUID user = UUID.randomUUID();
    String loginId = Fixtures.loginId();
    topology.send(connectLogin(user, loginId, null, START));

    // no OtpVerified, no time passing: decided by the password event alone
    PassbridgeEvent decision = topology.onlyDecisionOf(loginId);
    assertThat(decision).isInstanceOf(PasskeyUpgradeSkipped.class);
    PasskeyUpgradeSkipped skipped = (PasskeyUpgradeSkipped) decision;
    assertThat(skipped.reason()).isEqualTo(SkipReasons.SECOND_FACTOR_MISSING);
    assertThat(skipped.source()).isEqualTo(LoginSource.CONNECT);
    assertThat(skipped.clientId()).isEqualTo("shop");

    // a redelivery decides nothing twice
    topology.send(connectLogin(user, loginId, null, START));
    assertThat(topology.decisionsOf(loginId)).hasSize(1);
  }

  @Test
  void withThePlatformsSecondFactorTheLoginIsDecidedAndTheEventsSaySo() {
    UUID user = UUID.randomUUID();
    String loginId = Fixtures.loginId();
    topology.send(
        connectLogin(
            user, loginId, SecondFactor.verifiedByPlatform("totp", START.minusSeconds(5)), START));
    assertThat(topology.decisionsOf(loginId)).as("waits for OtpVerified").isEmpty();
    topology.send(connectOtp(user, loginId, START.plusSeconds(1)));

    PassbridgeEvent decision = topology.onlyDecisionOf(loginId);
    assertThat(decision).isInstanceOf(PasskeyEligible.class);
    PasskeyEligible eligible = (PasskeyEligible) decision;
    assertThat(eligible.mode()).isEqualTo(UpgradeMode.CONDITIONAL);
    assertThat(eligible.source()).isEqualTo(LoginSource.CONNECT);
    assertThat(eligible.clientId()).isEqualTo("shop");
    assertThat(eligible.externalUserId()).isEqualTo("ext-" + user.toString().substring(0, 8));
    assertThat(eligible.tenant()).isEqualTo("shop");
    assertThat(eligible.username()).isEqualTo("shopper@shop.example");
  }

  @Test
  void aHostedLoginsDecisionStaysWithoutSource() {
    UUID user = UUID.randomUUID();
    String loginId = Fixtures.loginId();
    topology.send(Fixtures.password(user, loginId, true, ALL_CAPABILITIES, IOS_SAFARI_18, START));
    topology.send(Fixtures.otpVerified(user, loginId, START.plusSeconds(20)));
    PasskeyEligible eligible = (PasskeyEligible) topology.onlyDecisionOf(loginId);
    assertThat(eligible.source()).isNull();
    assertThat(eligible.clientId()).isNull();
  }

  @Test
  void theFunnelIsSplitBySource() {
    // one hosted login with OTP, one Connect login with and one without a second factor
    UUID hosted = UUID.randomUUID();
    String hostedLogin = Fixtures.loginId();
    topology.send(
        Fixtures.password(hosted, hostedLogin, true, ALL_CAPABILITIES, IOS_SAFARI_18, START));
    topology.send(Fixtures.otpVerified(hosted, hostedLogin, START.plusSeconds(20)));
    UUID shopper = UUID.randomUUID();
    String withMfa = Fixtures.loginId();
    topology.send(
        connectLogin(shopper, withMfa, SecondFactor.verifiedByPlatform("sms", START), START));
    topology.send(connectOtp(shopper, withMfa, START.plusSeconds(1)));
    String withoutMfa = Fixtures.loginId();
    topology.send(connectLogin(UUID.randomUUID(), withoutMfa, null, START));
    topology.send(
        new PasskeyCreated(
            UUID.randomUUID(),
            START.plusSeconds(30),
            shopper,
            withMfa,
            "cred-s",
            "00000000-0000-0000-0000-000000000000",
            "iCloud Keychain",
            UpgradeMode.CONDITIONAL,
            true,
            true,
            List.of("internal"),
            IOS_SAFARI_18,
            LoginSource.CONNECT,
            "shop"));

    String day = "2025-09-15|iOS/Safari|";
    Map<String, Long> funnel = topology.funnel();
    assertThat(funnel)
        .containsEntry(day + "password_login|", 1L)
        .containsEntry(day + "second_factor_passed|", 1L)
        .containsEntry(day + "eligible|CONDITIONAL", 1L)
        .containsEntry(day + "password_login||CONNECT", 2L)
        .containsEntry(day + "second_factor_passed||CONNECT", 1L)
        .containsEntry(day + "eligible|CONDITIONAL|CONNECT", 1L)
        .containsEntry(day + "skipped|SECOND_FACTOR_MISSING|CONNECT", 1L)
        .containsEntry(day + "passkey_created|CONDITIONAL|CONNECT", 1L);

    // the report (what GET /api/insights/funnel answers): totals as before, plus the split
    Map<FunnelKey, Long> counters = new LinkedHashMap<>();
    funnel.forEach((k, v) -> counters.put(FunnelKey.decode(k), v));
    LocalDate d = LocalDate.parse("2025-09-15");
    FunnelReport all = FunnelReport.of(d, d, counters);
    assertThat(all.total().passwordLogins()).isEqualTo(3);
    assertThat(all.sources())
        .extracting(FunnelReport.SourceCounts::source)
        .containsExactly(LoginSource.HOSTED, LoginSource.CONNECT);
    FunnelReport.SourceCounts connect = all.sources().get(1);
    assertThat(connect.counts().passwordLogins()).isEqualTo(2);
    assertThat(connect.counts().skipped()).containsEntry(SkipReasons.SECOND_FACTOR_MISSING, 1L);
    assertThat(connect.counts().passkeysCreatedTotal()).isEqualTo(1);
    assertThat(all.sources().get(0).counts().passwordLogins()).isEqualTo(1);

    FunnelReport onlyConnect = FunnelReport.of(d, d, counters, LoginSource.CONNECT);
    assertThat(onlyConnect.total().passwordLogins()).isEqualTo(2);
    assertThat(onlyConnect.sources()).hasSize(1);
    assertThat(onlyConnect.platforms().getFirst().counts().secondFactorPassed()).isEqualTo(1);
  }
}
