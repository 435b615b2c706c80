package dev.passbridge.auth.erasure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.auth.accounts.UserAccount;
import dev.passbridge.auth.fakes.InMemoryUserAccounts;
import dev.passbridge.auth.fakes.InMemoryUserSessions;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.auth.session.SessionRevocations;
import dev.passbridge.contracts.events.UserErased;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The erasure's order: the event, the account, then the sessions, so every failure leaves the
 * calling session able to retry, and a retry repeats the same fact.
 */
class AccountErasureTest {
  private final MutableClock clock = MutableClock.at(Instant.parse("2026-12-07T08:00:00Z"));
  private final InMemoryUserAccounts accounts = new InMemoryUserAccounts();
  private final InMemoryUserSessions sessions = new InMemoryUserSessions();
  private final Map<String, Instant> revoked = new HashMap<>();
  private final List<UserErased> published = new ArrayList<>();
  private final List<String> forgotten = new ArrayList<>();
  private RuntimeException brokerFailure;
  private RuntimeException forgetFailure;
  private String failRevocationOf;
  private Runnable whilePublishing;

  private static final Duration RECENT_SIGN_IN = Duration.ofMinutes(10);

  private final AccountErasure erasure =
      new AccountErasure(
          accounts,
          event -> {
            if (brokerFailure != null) {
              throw brokerFailure;
            }
            published.add(event);
            if (whilePublishing != null) {
              Runnable r = whilePublishing;
              whilePublishing = null;
              r.run();
            }
          },
          usernameKey -> {
            if (forgetFailure != null) {
              throw forgetFailure;
            }
            // forgotten once the row is gone: no login of the account writes any more
            assertThat(accounts.findByUsernameKey(usernameKey)).isEmpty();
            forgotten.add(usernameKey);
          },
          sessions,
          new SessionRevocations() {
            @Override
            public void revoke(String sessionId, Instant expiresAt, Instant now) {
              if (sessionId.equals(failRevocationOf)) {
                throw new IllegalStateException("Redis went away");
              }
              revoked.put(sessionId, expiresAt);
            }

            @Override
            public boolean isRevoked(String sessionId) {
              return revoked.containsKey(sessionId);
            }
          },
          Duration.ofHours(1),
          RECENT_SIGN_IN,
          clock);

  private UUID account(String name) {
    return account(name, List.of(UserAccount.ROLE_USER));
  }

  private UUID account(String name, List<String> roles) {
    UUID id = UUID.randomUUID();
    accounts.insert(
        new UserAccount(
            id,
            name,
            name,
            name,
            dev.passbridge.auth.accounts.PhoneNumber.parse("+4915112345678").orElseThrow(),
            "hash",
            "h".repeat(86),
            roles,
            clock.instant(),
            clock.instant()));
    return id;
  }

  @Test
  void theEventTheAccountAndEverySessionGo() {
    UUID user = account("ada");
    UUID neighbour = account("bob");
    Instant phoneExpires = clock.instant().plus(Duration.ofMinutes(50));
    sessions.record(user, "session-phone", phoneExpires, clock.instant());
    sessions.record(
        user, "session-laptop", clock.instant().plus(Duration.ofHours(1)), clock.instant());
    sessions.record(
        neighbour, "session-bob", clock.instant().plus(Duration.ofHours(1)), clock.instant());
    Instant callerExpires = clock.instant().plus(Duration.ofMinutes(20));

    assertThat(erasure.erase(user, "session-laptop", clock.instant(), callerExpires)).isEqualTo(2);

    assertThat(published)
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.userId()).isEqualTo(user);
              assertThat(e.eventId()).isEqualTo(UserErased.idFor(user));
              assertThat(e.source()).isNull();
            });
    assertThat(accounts.findById(user)).isEmpty();
    assertThat(accounts.findById(neighbour)).isPresent();
    assertThat(revoked).containsOnlyKeys("session-phone", "session-laptop");
    assertThat(revoked.get("session-laptop")).isEqualTo(callerExpires);
    assertThat(revoked.get("session-phone")).isEqualTo(phoneExpires);
    assertThat(
            sessions.record(
                user, "session-late", clock.instant().plus(Duration.ofHours(1)), clock.instant()))
        .as("a login completing afterwards gets no session")
        .isFalse();
    assertThat(sessions.of(neighbour)).containsExactly("session-bob");
    assertThat(forgotten).as("the login limits of the name").containsExactly("ada");
  }

  /**
   * Forgetting the login limits is not worth a 503: a retry could not do it (it no longer finds the
   * account, so not the name); the state expires with its TTLs and the erasure finishes.
   */
  @Test
  void aFailureToForgetTheLoginLimitsDoesNotStopTheErasure() {
    UUID user = account("fay");
    sessions.record(user, "session-1", clock.instant().plus(Duration.ofHours(1)), clock.instant());
    forgetFailure = new IllegalStateException("Redis went away");

    assertThat(erasure.erase(user, "session-1", clock.instant(), clock.instant().plusSeconds(60)))
        .isEqualTo(1);

    assertThat(accounts.findById(user)).isEmpty();
    assertThat(revoked).containsKey("session-1");
    assertThat(forgotten).isEmpty();
  }

  @Test
  void whenTheBrokerDoesNotAcknowledgeNothingChanges() {
    UUID user = account("cyd");
    sessions.record(user, "session-1", clock.instant().plus(Duration.ofHours(1)), clock.instant());
    brokerFailure = new IllegalStateException("no acknowledgement");

    assertThatThrownBy(
            () ->
                erasure.erase(user, "session-1", clock.instant(), clock.instant().plusSeconds(60)))
        .isSameAs(brokerFailure);
    assertThat(accounts.findById(user)).isPresent();
    assertThat(revoked).isEmpty();
    assertThat(sessions.of(user)).containsExactly("session-1");
  }

  @Test
  void aRetryAfterTheAccountWentEndsTheSessionsAndPublishesNothingMore() {
    UUID user = account("dee");
    erasure.erase(user, "session-1", clock.instant(), clock.instant().plusSeconds(60));
    assertThat(published).hasSize(1);

    assertThat(erasure.erase(user, "session-1", clock.instant(), clock.instant().plusSeconds(60)))
        .isEqualTo(1);
    assertThat(published).hasSize(1);
    assertThat(revoked).containsKey("session-1");
    assertThat(forgotten).as("the retry no longer knows the name").containsExactly("dee");
  }

  /**
   * A revocation that fails after the event: the answer says the erasure started (not "nothing
   * changed"), the calling session still works, and the retry ends the same sessions.
   */
  @Test
  void aRetryAfterARevocationFailedEndsEveryOtherSessionStill() {
    UUID user = account("eve");
    Instant in = clock.instant().plus(Duration.ofHours(1));
    sessions.record(user, "session-tablet", in, clock.instant());
    sessions.record(user, "session-phone", in, clock.instant());
    sessions.record(user, "session-laptop", in, clock.instant());
    failRevocationOf = "session-phone";

    assertThatThrownBy(() -> erasure.erase(user, "session-laptop", clock.instant(), in))
        .isInstanceOf(ErasureIncompleteException.class);
    assertThat(published).hasSize(1);
    assertThat(accounts.findById(user)).isEmpty();
    assertThat(revoked).doesNotContainKeys("session-phone", "session-laptop");

    failRevocationOf = null;
    assertThat(erasure.erase(user, "session-laptop", clock.instant(), in)).isEqualTo(3);
    assertThat(revoked).containsOnlyKeys("session-tablet", "session-phone", "session-laptop");
    assertThat(published).as("the retry publishes nothing more").hasSize(1);
  }

  @Test
  void anOldSignInStartsNothing() {
    UUID user = account("gil");
    sessions.record(user, "session-1", clock.instant().plus(Duration.ofHours(1)), clock.instant());
    Instant signedIn = clock.instant().minus(RECENT_SIGN_IN).minusSeconds(1);

    assertThatThrownBy(
            () -> erasure.erase(user, "session-1", signedIn, clock.instant().plusSeconds(60)))
        .isInstanceOf(ReauthenticationRequiredException.class);
    assertThat(published).isEmpty();
    assertThat(accounts.findById(user)).isPresent();
    assertThat(revoked).isEmpty();
    assertThat(forgotten).isEmpty();
    assertThat(sessions.of(user)).containsExactly("session-1");
  }

  /**
   * An erasure that started (the event out, the account gone) but did not finish is finished by the
   * retry even when the sign-in has grown old meanwhile: it destroys nothing more, and the user
   * could not sign in again to an account that is gone.
   */
  @Test
  void aRetryFinishesAnErasureThatStartedWhateverTheSignInsAge() {
    UUID user = account("hal");
    Instant in = clock.instant().plus(Duration.ofHours(1));
    sessions.record(user, "session-phone", in, clock.instant());
    sessions.record(user, "session-laptop", in, clock.instant());
    Instant signedIn = clock.instant().minus(RECENT_SIGN_IN).plusSeconds(1);
    failRevocationOf = "session-phone";
    assertThatThrownBy(() -> erasure.erase(user, "session-laptop", signedIn, in))
        .isInstanceOf(ErasureIncompleteException.class);

    clock.advance(Duration.ofMinutes(5));
    failRevocationOf = null;
    assertThat(erasure.erase(user, "session-laptop", signedIn, in)).isEqualTo(2);
    assertThat(revoked).containsOnlyKeys("session-phone", "session-laptop");
    assertThat(published).hasSize(1);
  }

  // --- an administrator's erasure ---

  private static final UUID ADMIN = UUID.fromString("00000000-0000-4000-8000-00000000a001");

  @Test
  void anAdministratorErasesAnAccountByItsNameAndEveryOneOfItsSessions() {
    UUID user = account("ivy");
    UUID neighbour = account("jon");
    Instant in = clock.instant().plus(Duration.ofHours(1));
    sessions.record(user, "session-phone", in, clock.instant());
    sessions.record(user, "session-laptop", in, clock.instant());
    sessions.record(neighbour, "session-jon", in, clock.instant());

    var erased = erasure.eraseAsAdministrator("  IVY ", null, ADMIN, clock.instant());

    assertThat(erased).isEqualTo(new AccountErasure.AdministratorErasure(user, true, 2));
    assertThat(published).singleElement().satisfies(e -> assertThat(e.userId()).isEqualTo(user));
    assertThat(accounts.findById(user)).isEmpty();
    assertThat(accounts.findById(neighbour)).isPresent();
    assertThat(revoked).containsOnlyKeys("session-phone", "session-laptop");
    assertThat(forgotten).containsExactly("ivy");
    assertThatThrownBy(() -> erasure.eraseAsAdministrator("ivy", null, ADMIN, clock.instant()))
        .isInstanceOf(AccountNotFoundException.class);
  }

  /**
   * A stale administrator sign-in is refused before anything is looked up (an unknown name is not
   * told apart from a known one); an administrator's account, named by username or id, is refused.
   */
  @Test
  void anAdministratorsStaleSignInOrAnAdministratorsAccountStartsNothing() {
    UUID user = account("kim");
    UUID otherAdmin = account("lee", List.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN));
    Instant in = clock.instant().plus(Duration.ofHours(1));
    sessions.record(user, "session-kim", in, clock.instant());
    sessions.record(otherAdmin, "session-lee", in, clock.instant());

    Instant stale = clock.instant().minus(RECENT_SIGN_IN).minusSeconds(1);
    for (String name : List.of("kim", "nobody-has-this-name")) {
      assertThatThrownBy(() -> erasure.eraseAsAdministrator(name, null, ADMIN, stale))
          .isInstanceOf(ReauthenticationRequiredException.class)
          .extracting(e -> ((ReauthenticationRequiredException) e).action())
          .isEqualTo("erase an account");
    }
    assertThatThrownBy(() -> erasure.eraseAsAdministrator(null, user, ADMIN, stale))
        .isInstanceOf(ReauthenticationRequiredException.class);
    assertThatThrownBy(() -> erasure.eraseAsAdministrator("LEE", null, ADMIN, clock.instant()))
        .isInstanceOf(AdministratorAccountException.class);
    assertThatThrownBy(() -> erasure.eraseAsAdministrator(null, otherAdmin, ADMIN, clock.instant()))
        .isInstanceOf(AdministratorAccountException.class);

    assertThat(published).isEmpty();
    assertThat(accounts.findById(user)).isPresent();
    assertThat(accounts.findById(otherAdmin)).isPresent();
    assertThat(revoked).isEmpty();
    assertThat(sessions.of(user)).containsExactly("session-kim");
  }

  /**
   * A failure after the event: the problem names the user id (the administrator named a username,
   * which is free by now), and the retry by that id ends the sessions the first left.
   */
  @Test
  void anAdministratorsRetryByTheIdFinishesAnErasureThatStarted() {
    UUID user = account("max");
    Instant in = clock.instant().plus(Duration.ofHours(1));
    sessions.record(user, "session-phone", in, clock.instant());
    sessions.record(user, "session-laptop", in, clock.instant());
    failRevocationOf = "session-phone";

    assertThatThrownBy(() -> erasure.eraseAsAdministrator("max", null, ADMIN, clock.instant()))
        .isInstanceOfSatisfying(
            ErasureIncompleteException.class, e -> assertThat(e.userId()).hasValue(user));
    assertThat(accounts.findById(user)).isEmpty();
    assertThatThrownBy(() -> erasure.eraseAsAdministrator("max", null, ADMIN, clock.instant()))
        .as("by name the retry finds nothing")
        .isInstanceOf(AccountNotFoundException.class);

    failRevocationOf = null;
    assertThat(erasure.eraseAsAdministrator(null, user, ADMIN, clock.instant()))
        .isEqualTo(new AccountErasure.AdministratorErasure(user, false, 2));
    assertThat(revoked).containsOnlyKeys("session-phone", "session-laptop");
    assertThat(published).as("the retry publishes nothing more").hasSize(1);
  }

  /**
   * Two administrators erase one account at once: both find it and publish the same event, one
   * deletes the row. Only that one says it erased the account; the other ends the sessions too.
   */
  @Test
  void ofTwoErasuresAtOnceOnlyTheOneThatDeletedTheRowSaysItErasedTheAccount() {
    UUID user = account("ned");
    Instant in = clock.instant().plus(Duration.ofHours(1));
    sessions.record(user, "session-phone", in, clock.instant());
    List<AccountErasure.AdministratorErasure> inner = new ArrayList<>();
    whilePublishing =
        () -> inner.add(erasure.eraseAsAdministrator(null, user, ADMIN, clock.instant()));

    var outer = erasure.eraseAsAdministrator("ned", null, ADMIN, clock.instant());

    assertThat(inner).containsExactly(new AccountErasure.AdministratorErasure(user, true, 1));
    assertThat(outer.accountErased()).as("the row was gone when it came to delete it").isFalse();
    assertThat(outer.userId()).isEqualTo(user);
    assertThat(published).hasSize(2).allSatisfy(e -> assertThat(e.userId()).isEqualTo(user));
    assertThat(published.get(0).eventId()).isEqualTo(published.get(1).eventId());
    assertThat(forgotten).as("forgotten by the one that deleted the row").containsExactly("ned");
    assertThat(accounts.findById(user)).isEmpty();
    assertThat(revoked).containsOnlyKeys("session-phone");
  }
}
