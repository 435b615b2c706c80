package dev.passbridge.passkey.credentials;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.fakes.InMemoryCredentialStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PasskeyCredentialsTest {
  private static final Instant NOW = Instant.parse("2026-01-05T10:00:00Z");

  private final InMemoryCredentialStore store = new InMemoryCredentialStore();
  private final PasskeyCredentials credentials =
      new PasskeyCredentials(store, Clock.fixed(NOW, ZoneOffset.UTC));

  /** It threw (the PasskeyDeleted event refuses such an id), which the API answered with a 500. */
  @Test
  void deletingAnIdNoPasskeyCanHaveIsNotFoundAndRecordsNothing() {
    UUID owner = UUID.randomUUID();
    String longest = "A".repeat(PasskeyCredentials.MAX_CREDENTIAL_ID_LENGTH);
    store.add(stored(longest, owner), null);
    store.recorded.clear();
    for (String id : List.of(longest + "A", "B".repeat(5000), "", " ", "\t")) {
      assertThat(credentials.delete(owner, id, null)).as(id).isFalse();
    }
    assertThat(store.recorded).isEmpty();
    assertThat(credentials.find(longest)).isPresent();
  }

  @Test
  void aPasskeyWithTheLongestIdCanBeDeleted() {
    UUID owner = UUID.randomUUID();
    String longest = "A".repeat(PasskeyCredentials.MAX_CREDENTIAL_ID_LENGTH);
    store.add(stored(longest, owner), null);
    store.recorded.clear();
    assertThat(credentials.delete(owner, longest, null)).isTrue();
    assertThat(store.recorded.getFirst())
        .isInstanceOfSatisfying(
            PasskeyDeleted.class,
            d -> {
              assertThat(d.credentialId()).isEqualTo(longest);
              assertThat(d.source()).isNull();
              assertThat(d.clientId()).isNull();
            });
    assertThat(credentials.find(longest)).isEmpty();
  }

  /** A delete through a Connect client was recorded as one on Passbridge's own pages. */
  @Test
  void aDeleteThroughAConnectClientIsRecordedAsTheClients() {
    UUID owner = UUID.randomUUID();
    store.add(stored("c1", owner), null);
    store.recorded.clear();
    assertThat(credentials.delete(owner, "c1", "shop")).isTrue();
    assertThat(store.recorded.getFirst())
        .isInstanceOfSatisfying(
            PasskeyDeleted.class,
            d -> {
              assertThat(d.source()).isEqualTo(LoginSource.CONNECT);
              assertThat(d.clientId()).isEqualTo("shop");
            });
  }

  /**
   * An erasure deletes every passkey of the user and records no event, keeps the first tombstone
   * when repeated, removes tombstones older than the retention, and a later passkey of the user is
   * refused.
   */
  @Test
  void anErasureDeletesTheUsersPasskeysWithoutEventsAndRemovesOldTombstones() {
    UUID owner = UUID.randomUUID();
    UUID other = UUID.randomUUID();
    UUID erasedLongAgo = UUID.randomUUID();
    UUID erasedLately = UUID.randomUUID();
    store.add(stored("a1", owner), null);
    store.add(stored("a2", owner), null);
    store.add(stored("b1", other), null);
    store.recorded.clear();
    store.erased.put(erasedLongAgo, NOW.minus(Duration.ofDays(8)));
    store.erased.put(erasedLately, NOW.minus(Duration.ofDays(6)));

    assertThat(credentials.erase(owner, Duration.ofDays(7)))
        .isEqualTo(new CredentialStore.Erasure(2, false, 1));

    assertThat(credentials.list(owner)).isEmpty();
    assertThat(credentials.list(other)).hasSize(1);
    assertThat(store.recorded).isEmpty();
    assertThat(store.erased).containsOnlyKeys(owner, erasedLately).containsEntry(owner, NOW);
    assertThat(credentials.erase(owner, Duration.ofDays(7)))
        .isEqualTo(new CredentialStore.Erasure(0, true, 0));
    assertThat(credentials.add(stored("a3", owner), null))
        .isEqualTo(CredentialStore.AddResult.USER_ERASED);
    assertThat(credentials.list(owner)).isEmpty();
    assertThat(store.recorded).isEmpty();
  }

  private static StoredCredential stored(String credentialId, UUID owner) {
    return new StoredCredential(
        credentialId,
        owner,
        "dXNlcg",
        new byte[] {1},
        -7,
        0,
        UUID.randomUUID(),
        List.of(),
        false,
        false,
        "none",
        UpgradeMode.CONDITIONAL,
        "Key",
        "Key",
        NOW,
        null,
        null,
        null,
        null);
  }
}
