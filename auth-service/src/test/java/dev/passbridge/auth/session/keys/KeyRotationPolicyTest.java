package dev.passbridge.auth.session.keys;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class KeyRotationPolicyTest {
  private static final Duration PERIOD = Duration.ofDays(30);
  private static final Duration LEAD = Duration.ofHours(1);
  private static final Duration TOKEN = Duration.ofHours(1);
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private final KeyRotationPolicy policy = new KeyRotationPolicy(PERIOD, LEAD, TOKEN);
  private final SigningKey first = SigningKey.generate(1, T0, T0);

  @Test
  void theFirstKeySignsAtOnce() {
    assertThat(policy.nextActivation(List.of(), T0)).contains(T0);
  }

  @Test
  void noNextKeyBeforeThePublishLeadOfTheRotationPeriod() {
    Instant justBefore = T0.plus(PERIOD).minus(LEAD).minusSeconds(1);
    assertThat(policy.nextActivation(List.of(first), justBefore)).isEmpty();
  }

  @Test
  void theNextKeyIsPublishedALeadBeforeItSigns() {
    Instant now = T0.plus(PERIOD).minus(LEAD);
    assertThat(policy.nextActivation(List.of(first), now)).contains(T0.plus(PERIOD));
  }

  @Test
  void aLateRotationStillPublishesALeadAhead() {
    Instant now = T0.plus(PERIOD).plusSeconds(600); // the service was down at the due time
    assertThat(policy.nextActivation(List.of(first), now)).contains(now.plus(LEAD));
  }

  @Test
  void onlyOneNextKeyWaitsAtATime() {
    Instant now = T0.plus(PERIOD).minus(LEAD);
    SigningKey next = SigningKey.generate(2, now, T0.plus(PERIOD));
    assertThat(policy.nextActivation(List.of(first, next), now.plusSeconds(60))).isEmpty();
  }

  @Test
  void theNextKeyIsPublishedButDoesNotSignBeforeItsTime() {
    Instant now = T0.plus(PERIOD).minus(LEAD);
    SigningKey next = SigningKey.generate(2, now, T0.plus(PERIOD));
    List<SigningKey> keys = List.of(first, next);

    assertThat(policy.signing(keys, now.plusSeconds(60))).contains(first);
    assertThat(policy.published(keys, now.plusSeconds(60))).containsExactly(first, next);
    assertThat(policy.signing(keys, T0.plus(PERIOD))).contains(next);
  }

  @Test
  void aRetiredKeyStaysPublishedUntilItsLastTokenExpired() {
    Instant switchover = T0.plus(PERIOD);
    SigningKey next = SigningKey.generate(2, switchover.minus(LEAD), switchover);
    List<SigningKey> keys = List.of(first, next);

    Instant stillNeeded = switchover.plus(TOKEN);
    assertThat(policy.published(keys, stillNeeded)).containsExactly(first, next);
    assertThat(policy.removable(keys, stillNeeded)).isEmpty();

    Instant afterLastToken = switchover.plus(TOKEN).plus(KeyRotationPolicy.SKEW).plusSeconds(1);
    assertThat(policy.published(keys, afterLastToken)).containsExactly(next);
    assertThat(policy.removable(keys, afterLastToken)).containsExactly(first);
  }

  @Test
  void aClockSetBackStillHasASigningKey() {
    assertThat(policy.signing(List.of(first), T0.minusSeconds(3600))).contains(first);
  }
}
