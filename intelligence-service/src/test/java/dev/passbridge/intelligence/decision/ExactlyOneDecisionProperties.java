package dev.passbridge.intelligence.decision;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.LoginEvent;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.intelligence.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Exactly one decision per login, whatever the order of its events, however often each is
 * redelivered, and whether the second factor comes, is locked, or never comes. One driver serves
 * all tries (fresh user and login per try), so state from earlier tries is around as in production.
 */
class ExactlyOneDecisionProperties {
  private static Path stateDir;
  private static TopologyHarness topology;
  private static Instant now = Instant.parse("2025-09-15T08:00:00Z");

  @BeforeContainer
  static void start() throws Exception {
    stateDir = Files.createTempDirectory("intel-props");
    topology = new TopologyHarness(stateDir, now);
  }

  @AfterContainer
  static void stop() {
    topology.close();
  }

  @Property(tries = 150)
  void exactlyOneDecisionPerLogin(
      @ForAll @IntRange(min = 1, max = 3) int passwords,
      @ForAll @IntRange(min = 0, max = 3) int otps,
      @ForAll @IntRange(min = 0, max = 1) int locks,
      @ForAll @IntRange(min = 0, max = 4) int redeliveriesAfterTheWindow,
      @ForAll long shuffleSeed) {
    UUID user = UUID.randomUUID();
    String loginId = Fixtures.loginId();
    List<PassbridgeEvent> events = new ArrayList<>();
    var password =
        Fixtures.password(
            user, loginId, true, Fixtures.ALL_CAPABILITIES, Fixtures.IOS_SAFARI_18, now);
    var otp = Fixtures.otpVerified(user, loginId, now.plusSeconds(15));
    var lock = Fixtures.otpLocked(user, loginId, now.plusSeconds(15));
    for (int i = 0; i < passwords; i++) {
      events.add(password);
    }
    for (int i = 0; i < otps; i++) {
      events.add(otp);
    }
    for (int i = 0; i < locks; i++) {
      events.add(lock);
    }
    Collections.shuffle(events, new Random(shuffleSeed));
    events.forEach(topology::send);

    Duration pastTheWindow = Duration.ofMinutes(11);
    now = now.plus(pastTheWindow);
    topology.advanceWallClock(pastTheWindow);
    for (int i = 0; i < redeliveriesAfterTheWindow; i++) {
      topology.send(events.get(i % events.size()));
    }

    List<PassbridgeEvent> decisions = topology.decisionsOf(loginId);
    assertThat(decisions).hasSize(1);
    PassbridgeEvent decision = decisions.getFirst();
    assertThat(decision.eventId()).isEqualTo(DecisionEventId.decisionEventId(loginId));
    assertThat(((LoginEvent) decision).loginId()).isEqualTo(loginId);
    boolean verified = events.stream().anyMatch(OtpVerified.class::isInstance);
    boolean locked = events.stream().anyMatch(OtpLocked.class::isInstance);
    if (!verified && !locked) {
      assertThat(((PasskeyUpgradeSkipped) decision).reason())
          .isEqualTo(SkipReasons.SECOND_FACTOR_TIMEOUT);
    }
    if (verified && !locked) {
      assertThat(decision).isNotInstanceOf(PasskeyUpgradeSkipped.class);
    }
  }
}
