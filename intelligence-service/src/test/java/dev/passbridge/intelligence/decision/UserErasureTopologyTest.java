package dev.passbridge.intelligence.decision;

import static dev.passbridge.intelligence.Fixtures.ALL_CAPABILITIES;
import static dev.passbridge.intelligence.Fixtures.AUTHENTICATOR_ONLY;
import static dev.passbridge.intelligence.Fixtures.IOS_SAFARI_18;
import static dev.passbridge.intelligence.Fixtures.WINDOWS_CHROME_136;
import static dev.passbridge.intelligence.Fixtures.WINDOWS_FIREFOX;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.intelligence.Fixtures;
import dev.passbridge.intelligence.profile.internal.ProfileTopology;
import dev.passbridge.intelligence.rules.PasskeyProfile;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A user's erasure ({@code UserErased}, from auth-service) through the topology: the profile built
 * from the user's passkey events and decisions is deleted from the store, its changelog gets a
 * tombstone, nothing is forwarded, another user's profile stays as it was, and a later login of the
 * same user id is decided as for a user never seen.
 */
class UserErasureTopologyTest {
  static final Instant START = Instant.parse("2025-09-15T08:00:00Z");

  @TempDir Path stateDir;
  TopologyHarness topology;
  Instant now = START;

  @BeforeEach
  void start() {
    topology = new TopologyHarness(stateDir, START);
  }

  @AfterEach
  void stop() {
    topology.close();
  }

  void elapse(Duration d) {
    now = now.plus(d);
    topology.advanceWallClock(d);
  }

  PassbridgeEvent login(
      UUID user, Platform platform, Map<String, Boolean> caps, boolean autofilled) {
    String loginId = Fixtures.loginId();
    topology.send(Fixtures.password(user, loginId, autofilled, caps, platform, now));
    topology.send(Fixtures.otpVerified(user, loginId, now.plusSeconds(20)));
    return topology.onlyDecisionOf(loginId);
  }

  static String outcome(PassbridgeEvent decision) {
    return switch (decision) {
      case PasskeyEligible e -> e.mode().name();
      case PasskeyUpgradeSkipped s -> s.reason();
      default -> throw new AssertionError(decision);
    };
  }

  /**
   * Everything a profile holds, through the real events: a prompt shown and dismissed ("Not now"),
   * a NotAllowedError on Windows/Chrome (a cooldown there), a passkey made on iOS and its first
   * login.
   */
  void buildProfile(UUID user, String credentialId) {
    assertThat(outcome(login(user, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false)))
        .isEqualTo("PROMPT");
    topology.send(
        Fixtures.upgradeFailed(
            user,
            Fixtures.loginId(),
            UpgradeMode.PROMPT,
            PasskeyUpgradeFailed.DISMISSED,
            WINDOWS_FIREFOX,
            now.plusSeconds(30)));
    topology.send(
        Fixtures.upgradeFailed(
            user,
            Fixtures.loginId(),
            UpgradeMode.CONDITIONAL,
            PasskeyUpgradeFailed.NOT_ALLOWED,
            WINDOWS_CHROME_136,
            now.plusSeconds(40)));
    topology.send(
        Fixtures.passkeyCreated(
            user, credentialId, "iCloud Keychain", IOS_SAFARI_18, now.plusSeconds(50)));
    topology.send(Fixtures.passkeyAuthenticated(user, credentialId, now.plusSeconds(60)));
  }

  List<String> storedUsers() {
    List<String> users = new ArrayList<>();
    try (KeyValueIterator<String, PasskeyProfile> it = topology.profiles().all()) {
      while (it.hasNext()) {
        KeyValue<String, PasskeyProfile> entry = it.next();
        users.add(entry.key);
      }
    }
    return users;
  }

  @Test
  void theErasedUsersProfileIsDeletedWithATombstoneAndTheNextLoginStartsFromNothing() {
    UUID erased = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    buildProfile(erased, "cred-erased");
    buildProfile(other, "cred-other");
    elapse(Duration.ofMinutes(5));

    // what the erasure has to remove is there, and in force
    PasskeyProfile before = topology.profiles().get(erased.toString());
    assertThat(before).isNotNull();
    assertThat(before.passkeys()).containsKey("cred-erased");
    assertThat(before.notAllowedAt()).isNotEmpty();
    assertThat(before.promptsInEpisode()).isEqualTo(1);
    assertThat(before.lastDismissedAt()).isNotNull();
    assertThat(before.firstPasskeyLoginAt()).isNotNull();
    assertThat(outcome(login(erased, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
        .isEqualTo(SkipReasons.HAS_PASSKEY);
    PasskeyProfile othersBefore = topology.profiles().get(other.toString());
    assertThat(othersBefore).isNotNull();
    int decisionsBefore = topology.decisions().size();
    topology.profilesChangelog();
    topology.advanceWallClock(TopologyHarness.SETTINGS.punctuateInterval());
    topology.funnelIncrements();

    topology.send(Fixtures.userErased(erased, now));

    assertThat(topology.profiles().get(erased.toString()))
        .as("deleted, not replaced by an empty profile")
        .isNull();
    assertThat(storedUsers()).containsExactly(other.toString());
    assertThat(topology.profilesChangelog())
        .as("one tombstone for the erased user, nothing for the other")
        .singleElement()
        .satisfies(
            record -> {
              assertThat(record.key()).isEqualTo(erased.toString());
              assertThat(record.value()).isNull();
            });
    assertThat(topology.profiles().get(other.toString())).isEqualTo(othersBefore);

    // no funnel step and no decision
    topology.advanceWallClock(TopologyHarness.SETTINGS.punctuateInterval());
    assertThat(topology.funnelIncrements()).isEmpty();
    assertThat(topology.decisions()).hasSize(decisionsBefore);

    // the same erasure again (a retry: same event id) changes nothing
    topology.send(Fixtures.userErased(erased, now.plusSeconds(1)));
    assertThat(storedUsers()).containsExactly(other.toString());
    assertThat(topology.profilesChangelog())
        .extracting(TestRecord::key)
        .doesNotContain(other.toString());

    // a later login of that user id is decided from an empty profile: no passkey, no cooldown on
    // Windows/Chrome, no "Not now" minutes ago (which pauses prompts for a day)
    assertThat(outcome(login(erased, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
        .isEqualTo("CONDITIONAL");
    assertThat(outcome(login(erased, WINDOWS_CHROME_136, ALL_CAPABILITIES, true)))
        .isEqualTo("CONDITIONAL");
    assertThat(outcome(login(erased, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false)))
        .isEqualTo("PROMPT");
    // while the other user's profile still decides
    assertThat(outcome(login(other, IOS_SAFARI_18, ALL_CAPABILITIES, true)))
        .isEqualTo(SkipReasons.HAS_PASSKEY);
  }

  /**
   * Events of the user that arrive after the erasure (other topics, so no order between them: a
   * PasskeyCreated in flight, a failure or a passkey login reported late, the prompt of a login
   * under way) start no new profile under the dead id and count no funnel step (the login itself is
   * still counted and decided); the erasure's mark lasts as long as the topics keep events (the
   * retention), then the hourly sweep drops it.
   */
  @Test
  void eventsArrivingAfterTheErasureStartNoNewProfileUntilTheMarkExpires() {
    UUID erased = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    buildProfile(erased, "cred-erased");
    topology.send(Fixtures.userErased(erased, now));
    assertThat(topology.profiles().get(erased.toString())).isNull();
    Long markedAt = topology.erasedMarks().get(erased.toString());
    assertThat(markedAt).isEqualTo(now.toEpochMilli());
    topology.profilesChangelog();

    elapse(Duration.ofSeconds(5));
    topology.advanceWallClock(TopologyHarness.SETTINGS.punctuateInterval());
    topology.funnelIncrements();
    topology.send(
        Fixtures.passkeyCreated(
            erased, "cred-late", "Google Password Manager", IOS_SAFARI_18, now));
    topology.send(
        Fixtures.upgradeFailed(
            erased,
            Fixtures.loginId(),
            UpgradeMode.PROMPT,
            PasskeyUpgradeFailed.DISMISSED,
            WINDOWS_FIREFOX,
            now));
    topology.send(Fixtures.passkeyAuthenticated(erased, "cred-erased", now));
    topology.send(Fixtures.passkeyAuthenticated(erased, "cred-erased", now.plusSeconds(1)));
    topology.advanceWallClock(TopologyHarness.SETTINGS.punctuateInterval());
    assertThat(topology.funnelIncrements())
        .as("no funnel step for them: nothing would tell a redelivery or a first passkey login")
        .isEmpty();
    // a login under way at the erasure is still decided (its prompt is not recorded)
    assertThat(outcome(login(erased, WINDOWS_FIREFOX, AUTHENTICATOR_ONLY, false)))
        .isEqualTo("PROMPT");

    assertThat(topology.profiles().get(erased.toString())).as("no new profile").isNull();
    assertThat(topology.profilesChangelog())
        .as("nothing written for the erased user after its tombstone")
        .extracting(TestRecord::key)
        .doesNotContain(erased.toString());
    // a retried erasure keeps the first date; another user's events are kept as ever
    topology.send(Fixtures.userErased(erased, now));
    assertThat(topology.erasedMarks().get(erased.toString())).isEqualTo(markedAt);
    buildProfile(other, "cred-other");
    assertThat(topology.profiles().get(other.toString())).isNotNull();

    // a day before the mark expires another user is erased; the sweep then drops only the first
    elapse(TopologyHarness.ERASURE_MARK_RETENTION.minus(Duration.ofDays(1)));
    UUID later = UUID.randomUUID();
    topology.send(Fixtures.userErased(later, now));
    elapse(Duration.ofDays(1).plus(ProfileTopology.ERASURE_MARK_SWEEP));
    assertThat(topology.erasedMarks().get(erased.toString())).as("past the retention").isNull();
    assertThat(topology.erasedMarks().get(later.toString())).isNotNull();
    // (by then no event of the erased user is left on the topics; were one sent, it would be kept)
    topology.send(Fixtures.passkeyDeleted(erased, "cred-late", now));
    assertThat(topology.profiles().get(erased.toString())).isNotNull();
  }
}
