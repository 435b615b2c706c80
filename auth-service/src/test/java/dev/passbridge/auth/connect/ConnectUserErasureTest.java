package dev.passbridge.auth.connect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.auth.erasure.ErasureIncompleteException;
import dev.passbridge.auth.fakes.InMemoryConnectUsers;
import dev.passbridge.auth.fakes.InMemoryErasedUsers;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.platform.core.connect.ConnectClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The erasure's order: the event first, then the mapping, so a broker that does not acknowledge
 * leaves everything as it was, and a retry after a failed delete publishes the same fact again.
 */
class ConnectUserErasureTest {
  private static final ConnectClient SHOP =
      new ConnectClient(
          "shop",
          List.of("sha256:" + "ab".repeat(32)),
          List.of("https://shop.example"),
          "retail",
          600);

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T07:00:00Z"));
  private final List<UserErased> published = new ArrayList<>();
  private final InMemoryConnectUsers users = new InMemoryConnectUsers();
  private final InMemoryErasedUsers erased = new InMemoryErasedUsers();
  private RuntimeException brokerFailure;

  private final ConnectUserErasure erasure =
      new ConnectUserErasure(
          users,
          new ConnectEvents() {
            @Override
            public void passwordAuthenticated(PasswordAuthenticated event) {
              throw new AssertionError("no login here");
            }

            @Override
            public void userErased(UserErased event) {
              if (brokerFailure != null) {
                throw brokerFailure;
              }
              published.add(event);
            }
          },
          erased,
          clock);

  private ConnectUser known(String externalUserId) {
    return users.insertIfAbsent(
        new ConnectUser(
            "retail", externalUserId, UUID.randomUUID(), "h".repeat(86), clock.instant()));
  }

  @Test
  void aKnownUserIsPublishedThenForgotten() {
    ConnectUser user = known("c-1");
    ConnectUser neighbour = known("c-2");

    assertThat(erasure.erase(SHOP, "c-1")).isEqualTo(ConnectUserErasure.Outcome.ERASED);

    assertThat(published).hasSize(1);
    UserErased event = published.getFirst();
    assertThat(event.userId()).isEqualTo(user.userId());
    assertThat(event.eventId()).isEqualTo(UserErased.idFor(user.userId()));
    assertThat(event.clientId()).isEqualTo("shop");
    assertThat(event.occurredAt()).isEqualTo(clock.instant());
    assertThat(users.find("retail", "c-1")).isEmpty();
    assertThat(erased.marked("retail", "c-1")).isTrue();
    assertThat(erased.marked("retail", "c-2")).isFalse();
    assertThat(users.find("retail", "c-2")).contains(neighbour);
    assertThat(erasure.erase(SHOP, "c-1")).isEqualTo(ConnectUserErasure.Outcome.UNKNOWN);
    assertThat(published).hasSize(1);
  }

  /**
   * An id Passbridge has not seen is marked all the same: a first login report or manage token in
   * flight when the platform erased the person must not map it.
   */
  @Test
  void anUnknownIdPublishesNothingButIsMarked() {
    assertThat(erasure.erase(SHOP, "never-seen")).isEqualTo(ConnectUserErasure.Outcome.UNKNOWN);
    assertThat(published).isEmpty();
    assertThat(erased.marked("retail", "never-seen")).isTrue();
    assertThat(users.find("retail", "never-seen")).isEmpty();
  }

  @Test
  void whenTheBrokerDoesNotAcknowledgeNothingChanges() {
    ConnectUser user = known("c-3");
    brokerFailure = new IllegalStateException("no acknowledgement");

    assertThatThrownBy(() -> erasure.erase(SHOP, "c-3")).isSameAs(brokerFailure);
    assertThat(users.find("retail", "c-3")).contains(user);
    assertThat(published).isEmpty();
    // the mark is written first and stays: the platform's retry erases
    assertThat(erased.marked("retail", "c-3")).isTrue();
  }

  @Test
  void aRetryAfterAFailedDeletePublishesTheSameFactAgain() {
    ConnectUser user = known("c-4");
    users.deleteFailure = new IllegalStateException("database gone");
    // the event is out: "the erasure started, retry to finish it", never "nothing changed"
    assertThatThrownBy(() -> erasure.erase(SHOP, "c-4"))
        .isInstanceOf(ErasureIncompleteException.class)
        .hasCause(users.deleteFailure);
    assertThat(users.find("retail", "c-4")).contains(user);

    users.deleteFailure = null;
    clock.advance(java.time.Duration.ofSeconds(5));
    assertThat(erasure.erase(SHOP, "c-4")).isEqualTo(ConnectUserErasure.Outcome.ERASED);
    assertThat(published).hasSize(2);
    assertThat(published.get(1).eventId()).isEqualTo(published.get(0).eventId());
    assertThat(users.find("retail", "c-4")).isEmpty();
  }
}
