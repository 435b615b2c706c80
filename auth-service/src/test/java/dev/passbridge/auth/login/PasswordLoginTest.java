package dev.passbridge.auth.login;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.auth.accounts.PasswordPolicy;
import dev.passbridge.auth.accounts.Registration;
import dev.passbridge.auth.accounts.RegistrationResult;
import dev.passbridge.auth.fakes.CountingHasher;
import dev.passbridge.auth.fakes.InMemoryLoginLimits;
import dev.passbridge.auth.fakes.InMemoryLoginTransactions;
import dev.passbridge.auth.fakes.InMemoryRateCounters;
import dev.passbridge.auth.fakes.InMemoryUserAccounts;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.auth.password.Argon2PasswordHasher;
import dev.passbridge.auth.password.HashingCapacityExceededException;
import dev.passbridge.auth.ratelimit.RateLimit;
import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.ids.LoginBinding;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The login policy: enumeration safety, rate limits, rehash on login, what gets published. */
class PasswordLoginTest {
  // small Argon2 parameters keep the unit tests fast; the production minimum is enforced by
  // PasswordHashingProperties
  private static final Argon2PasswordHasher OLD =
      new Argon2PasswordHasher(1024, 1, 1, 4, Duration.ofSeconds(5));
  private static final Argon2PasswordHasher CURRENT =
      new Argon2PasswordHasher(2048, 2, 1, 4, Duration.ofSeconds(5));
  private static final Platform MAC_SAFARI =
      new Platform("Mac OS", null, "Safari", "18.1", "Desktop");
  private static final ClientSignals SIGNALS =
      new ClientSignals(
          true,
          Map.of("conditionalCreate", true),
          "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) Version/18.1 Safari/605.1.15",
          Map.of());

  private final MutableClock clock = MutableClock.at(Instant.parse("2026-03-01T10:00:00Z"));
  private final InMemoryUserAccounts accounts = new InMemoryUserAccounts();
  private final InMemoryRateCounters counters = new InMemoryRateCounters();
  private final InMemoryLoginLimits limits = new InMemoryLoginLimits(clock);
  private final InMemoryLoginTransactions transactions = new InMemoryLoginTransactions();
  private final List<PasswordAuthenticated> published = new ArrayList<>();

  /** Every event handed to the broker, acknowledged or not. */
  private final List<PasswordAuthenticated> offered = new ArrayList<>();

  private final CountingHasher hasher = new CountingHasher(CURRENT);
  private boolean kafkaDown;
  private UUID carol;
  private PasswordLogin login;

  @BeforeEach
  void setUp() {
    carol = register(CURRENT, "Carol", "correct horse battery");
    // per address 5/min; per client and username 3 free failures, then 5 s, 10 s, ... up to 1 min;
    // 4 failures per username from strangers per 15 min
    login = newLogin(new RateLimit(5, Duration.ofMinutes(1)));
    hasher.reset();
    accounts.lookups = 0;
  }

  private PasswordLogin newLogin(RateLimit perIp) {
    return new PasswordLogin(
        accounts,
        hasher,
        new LoginThrottle(
            counters,
            limits,
            new UsernameDigest(new byte[32]),
            new LoginLimitPolicy(
                3,
                Duration.ofSeconds(5),
                Duration.ofMinutes(1),
                new RateLimit(4, Duration.ofMinutes(15)),
                clock),
            perIp,
            Duration.ofMinutes(15),
            Duration.ofHours(1),
            Duration.ofDays(90),
            Duration.ofDays(7),
            clock),
        transactions,
        event -> {
          offered.add(event);
          if (kafkaDown) {
            throw new IllegalStateException("broker did not acknowledge");
          }
          published.add(event);
        },
        (ua, hints) -> MAC_SAFARI,
        clock,
        Duration.ofMinutes(10),
        Duration.ofMinutes(5));
  }

  private UUID register(Argon2PasswordHasher with, String username, String password) {
    var result =
        new Registration(accounts, with, PasswordPolicy.withBuiltInBlocklist(10), clock)
            .register(
                new Registration.Request(username, password, "+4915110000003", "Carol C."),
                List.of("user"));
    return ((RegistrationResult.Registered) result).userId();
  }

  private LoginOutcome attempt(String username, String password, String ip) {
    return login.attempt(new LoginAttempt(username, password, ip, SIGNALS));
  }

  private LoginOutcome attempt(String username, String password, String ip, String device) {
    return login.attempt(new LoginAttempt(username, password, ip, SIGNALS, device));
  }

  /** A device that logged in as carol once (from another address) and keeps the cookie. */
  private String carolsDevice() {
    var ok =
        (LoginOutcome.SecondFactorRequired)
            attempt("carol", "correct horse battery", "192.0.2.250");
    return ok.deviceToken();
  }

  @Test
  void anAttemptWhosePasswordCouldNotBeCheckedCountsForNothing() {
    hasher.failNextVerify = new HashingCapacityExceededException();
    assertThatThrownBy(() -> attempt("carol", "a guess", "203.0.113.9"))
        .isInstanceOf(HashingCapacityExceededException.class);
    // released: not in flight, no failure counted for the pair or the username
    assertThat(limits.inFlight()).isZero();
    assertThat(limits.count("auth:rl:login-user:")).isZero();
    assertThat(limits.count("auth:rl:login-pair:")).isZero();
    // every other outcome leaves nothing in flight either
    assertThat(attempt("carol", "a guess", "203.0.113.9"))
        .isInstanceOf(LoginOutcome.InvalidCredentials.class);
    assertThat(attempt("carol", "correct horse battery", "203.0.113.9"))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
    assertThat(limits.inFlight()).isZero();
  }

  @Test
  void unknownUserAndWrongPasswordGiveTheSameAnswerAfterTheSameWork() {
    LoginOutcome wrongPassword = attempt("carol", "not the password", "203.0.113.1");
    int verificationsForWrongPassword = hasher.verifications.get();
    int lookupsForWrongPassword = accounts.lookups;
    LoginOutcome unknownUser = attempt("mallory", "not the password", "203.0.113.2");

    assertThat(wrongPassword)
        .isEqualTo(unknownUser)
        .isEqualTo(new LoginOutcome.InvalidCredentials());
    assertThat(verificationsForWrongPassword).isEqualTo(1);
    assertThat(hasher.verifications.get()).isEqualTo(2);
    assertThat(lookupsForWrongPassword).isEqualTo(1);
    assertThat(accounts.lookups).isEqualTo(2);
    assertThat(limits.count("auth:rl:login-user:")).isEqualTo(2);
    assertThat(published).isEmpty();
  }

  @Test
  void unknownUsersCostTheSameArgon2WorkAsWrongPasswords() {
    long[] unknown = new long[7];
    long[] wrong = new long[7];
    for (int i = 0; i < 7; i++) {
      long t0 = System.nanoTime();
      attempt("mallory", "whatever-password", "203.0.113." + i);
      unknown[i] = System.nanoTime() - t0;
      t0 = System.nanoTime();
      attempt("carol", "whatever-password", "203.0.113." + i);
      wrong[i] = System.nanoTime() - t0;
      limits.clear();
    }
    java.util.Arrays.sort(unknown);
    java.util.Arrays.sort(wrong);
    // medians within a factor of three even on a noisy machine; a skipped hash would be ~100x
    assertThat(unknown[3]).isBetween(wrong[3] / 3, wrong[3] * 3);
  }

  @Test
  void acceptsTheRightPasswordWhateverTheUsernameCase() {
    var outcome = attempt("CAROL", "correct horse battery", "203.0.113.1");

    var ok = (LoginOutcome.SecondFactorRequired) outcome;
    assertThat(ok.userId()).isEqualTo(carol);
    assertThat(ok.channel()).isEqualTo("SMS");
    assertThat(ok.maskedDestination()).isEqualTo("+49******0003");
    assertThat(ok.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
    assertThat(ok.loginId()).matches("[A-Za-z0-9_-]{22}");
    assertThat(transactions.byId.get(ok.loginId()).state()).isEqualTo(LoginState.PASSWORD_OK);
    assertThat(transactions.byId.get(ok.loginId()).expiresAt())
        .isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
  }

  @Test
  void publishesPasswordAuthenticatedWithTheUsernameAsTypedAndTheClientSignals() {
    var ok =
        (LoginOutcome.SecondFactorRequired)
            attempt("CAROL", "correct horse battery", "203.0.113.1");

    assertThat(published).hasSize(1);
    PasswordAuthenticated event = published.getFirst();
    assertThat(event.loginId()).isEqualTo(ok.loginId());
    assertThat(event.userId()).isEqualTo(carol);
    assertThat(event.username()).isEqualTo("CAROL");
    assertThat(event.displayName()).isEqualTo("Carol C.");
    assertThat(event.userHandle()).hasSize(86).doesNotContain("carol");
    assertThat(event.secondFactor().destination()).isEqualTo("+4915110000003");
    assertThat(event.client()).isEqualTo(SIGNALS);
    assertThat(event.platform()).isEqualTo(MAC_SAFARI);
    assertThat(event.occurredAt()).isEqualTo(clock.instant());
  }

  @Test
  void throttlesPerIpBeforeAnyHashing() {
    for (int i = 0; i < 5; i++) {
      attempt("user" + i, "some password", "198.51.100.7");
    }
    hasher.reset();

    var outcome = attempt("carol", "correct horse battery", "198.51.100.7");

    assertThat(outcome).isEqualTo(new LoginOutcome.Throttled(Duration.ofMinutes(1)));
    assertThat(hasher.verifications.get()).isZero();
    assertThat(attempt("carol", "correct horse battery", "198.51.100.8"))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
  }

  @Test
  void slowsAGuesserFromOneAddressWithAGrowingBackOffWithoutHashing() {
    for (int i = 0; i < 3; i++) {
      assertThat(attempt("carol", "wrong password " + i, "198.51.100.66"))
          .isEqualTo(new LoginOutcome.InvalidCredentials());
    }
    hasher.reset();

    assertThat(attempt("carol", "wrong password 3", "198.51.100.66"))
        .isEqualTo(new LoginOutcome.Throttled(Duration.ofSeconds(5)));
    assertThat(attempt("carol", "correct horse battery", "198.51.100.66"))
        .isEqualTo(new LoginOutcome.Throttled(Duration.ofSeconds(5)));
    assertThat(hasher.verifications.get()).isZero();

    clock.advance(Duration.ofSeconds(5));
    assertThat(attempt("carol", "wrong password 4", "198.51.100.66"))
        .isEqualTo(new LoginOutcome.InvalidCredentials());
    assertThat(attempt("carol", "wrong password 5", "198.51.100.66"))
        .isEqualTo(new LoginOutcome.Throttled(Duration.ofSeconds(10)));
    clock.advance(Duration.ofSeconds(10));
    attempt("carol", "wrong password 6", "198.51.100.66");
    assertThat(attempt("carol", "wrong password 7", "198.51.100.66"))
        .isEqualTo(new LoginOutcome.Throttled(Duration.ofSeconds(20)));
  }

  @Test
  void theRealUserFromAnotherAddressGetsInWhileOneAddressGuesses() {
    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofMinutes(1)); // a patient guesser that waits out every back-off
      counters.reset(LoginThrottle.ipKey("198.51.100.66"));
      attempt("carol", "wrong password " + i, "198.51.100.66");
    }
    assertThat(attempt("carol", "wrong password", "198.51.100.66"))
        .isInstanceOf(LoginOutcome.Throttled.class);

    assertThat(attempt("carol", "correct horse battery", "192.0.2.77"))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
  }

  @Test
  void manyAddressesShutOutStrangersButNotAKnownDeviceOrAKnownAddress() {
    String device = carolsDevice();
    for (int i = 0; i < 4; i++) {
      attempt("carol", "wrong password " + i, "192.0.2." + i);
    }
    hasher.reset();

    assertThat(attempt("carol", "correct horse battery", "192.0.2.200"))
        .isEqualTo(new LoginOutcome.Throttled(Duration.ofMinutes(15)));
    assertThat(hasher.verifications.get()).isZero();
    // the known device, from a new address
    assertThat(attempt("carol", "correct horse battery", "203.0.113.9", device))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
    // the address of the earlier success, without a cookie
    assertThat(attempt("carol", "correct horse battery", "192.0.2.250"))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
  }

  @Test
  void aKnownDeviceIsNotSlowedByGuessesFromItsOwnAddress() {
    String device = carolsDevice();
    for (int i = 0; i < 6; i++) {
      attempt("carol", "wrong password " + i, "203.0.113.50");
    }
    assertThat(attempt("carol", "wrong", "203.0.113.50"))
        .isInstanceOf(LoginOutcome.Throttled.class);

    assertThat(attempt("carol", "correct horse battery", "203.0.113.50", device))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
  }

  @Test
  void aDeviceIsOnlyKnownForTheAccountItLoggedInToAndOnlyWithAGenuineToken() {
    register(CURRENT, "dave", "another fine passphrase");
    var davesLogin =
        (LoginOutcome.SecondFactorRequired)
            attempt("dave", "another fine passphrase", "198.51.100.1");
    for (int i = 0; i < 4; i++) {
      attempt("carol", "wrong password " + i, "192.0.2." + i);
    }

    assertThat(attempt("carol", "correct horse battery", "192.0.2.100", davesLogin.deviceToken()))
        .isInstanceOf(LoginOutcome.Throttled.class);
    assertThat(attempt("carol", "correct horse battery", "192.0.2.101", "A".repeat(43)))
        .isInstanceOf(LoginOutcome.Throttled.class);
    assertThat(attempt("carol", "correct horse battery", "192.0.2.102", "../../x"))
        .isInstanceOf(LoginOutcome.Throttled.class);
  }

  @Test
  void everySuccessIssuesAFreshDeviceTokenAndRetiresThePresentedOne() {
    String first = carolsDevice();
    var second =
        (LoginOutcome.SecondFactorRequired)
            attempt("carol", "correct horse battery", "203.0.113.1", first);
    assertThat(second.deviceToken()).matches("[A-Za-z0-9_-]{43}").isNotEqualTo(first);
    for (int i = 0; i < 4; i++) {
      attempt("carol", "wrong password " + i, "192.0.2." + i);
    }

    assertThat(attempt("carol", "correct horse battery", "198.51.100.9", first))
        .isInstanceOf(LoginOutcome.Throttled.class);
    assertThat(attempt("carol", "correct horse battery", "198.51.100.9", second.deviceToken()))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
  }

  @Test
  void everyLoginIsBoundToItsBrowserByAFreshTokenWhoseDigestItKeeps() {
    var first =
        (LoginOutcome.SecondFactorRequired) attempt("carol", "correct horse battery", "192.0.2.1");
    var second =
        (LoginOutcome.SecondFactorRequired) attempt("carol", "correct horse battery", "192.0.2.1");

    assertThat(first.bindingToken())
        .matches("[A-Za-z0-9_-]{43}")
        .isNotEqualTo(second.bindingToken());
    assertThat(transactions.bindings.get(first.loginId()))
        .isEqualTo(LoginBinding.digest(first.bindingToken()))
        .doesNotContain(first.bindingToken());
    assertThat(transactions.bindings.get(second.loginId()))
        .isEqualTo(LoginBinding.digest(second.bindingToken()));
  }

  @Test
  void throttlesUnknownUsernamesExactlyLikeKnownOnes() {
    for (int i = 0; i < 4; i++) {
      attempt("mallory", "wrong password " + i, "192.0.2." + i);
      attempt("carol", "wrong password " + i, "192.0.2." + i);
    }
    assertThat(attempt("mallory", "anything at all", "192.0.2.99"))
        .isEqualTo(new LoginOutcome.Throttled(Duration.ofMinutes(15)))
        .isEqualTo(attempt("carol", "anything at all", "192.0.2.98"));
  }

  @Test
  void aSuccessResetsThatClientsFailures() {
    attempt("carol", "wrong password 1", "192.0.2.1");
    attempt("carol", "correct horse battery", "192.0.2.1");
    attempt("carol", "wrong password 2", "192.0.2.1");
    attempt("carol", "wrong password 3", "192.0.2.1");
    // without the reset: 3 failures in a row, a back-off

    assertThat(attempt("carol", "correct horse battery", "192.0.2.1"))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
  }

  @Test
  void refusedAttemptsDoNotCountAgainstTheAddress() {
    for (int i = 0; i < 3; i++) {
      attempt("carol", "wrong password " + i, "198.51.100.70");
    }
    for (int i = 0; i < 20; i++) {
      assertThat(attempt("carol", "wrong", "198.51.100.70"))
          .isInstanceOf(LoginOutcome.Throttled.class);
    }

    assertThat(attempt("bob", "some password", "198.51.100.70"))
        .isEqualTo(new LoginOutcome.InvalidCredentials());
  }

  @Test
  void upgradesAHashMadeWithWeakerParametersOnTheNextSuccessfulLogin() {
    UUID dave = register(OLD, "dave", "another fine passphrase");
    String oldHash = accounts.findById(dave).orElseThrow().passwordHash();
    assertThat(oldHash).contains("m=1024,t=1");

    attempt("dave", "another fine passphrase", "192.0.2.1");

    String newHash = accounts.findById(dave).orElseThrow().passwordHash();
    assertThat(newHash).contains("m=2048,t=2").isNotEqualTo(oldHash);
    assertThat(CURRENT.verify("another fine passphrase", newHash)).isTrue();
  }

  @Test
  void doesNotRehashOnAFailedLoginOrACurrentHash() {
    UUID dave = register(OLD, "dave", "another fine passphrase");
    String oldHash = accounts.findById(dave).orElseThrow().passwordHash();

    attempt("dave", "a wrong passphrase", "192.0.2.1");
    assertThat(accounts.findById(dave).orElseThrow().passwordHash()).isEqualTo(oldHash);

    hasher.reset();
    attempt("carol", "correct horse battery", "192.0.2.1");
    assertThat(hasher.hashes.get()).isZero();
  }

  @Test
  void verifiesTheNfkcFormOfThePassword() {
    register(CURRENT, "erin", "cafe\u0301 au lait 42");
    assertThat(attempt("erin", "caf\u00e9 au lait 42", "192.0.2.1"))
        .isInstanceOf(LoginOutcome.SecondFactorRequired.class);
  }

  private LoginOutcome retry(String username, String password, String ip, String retryToken) {
    return login.attempt(new LoginAttempt(username, password, ip, SIGNALS, null, retryToken));
  }

  @Test
  void aLoginWhoseEventWasNotAcknowledgedIsHeldAndTheSameBrowsersRetryResumesIt() {
    kafkaDown = true;
    var refused =
        (LoginOutcome.NotAnnounced) attempt("carol", "correct horse battery", "192.0.2.1");
    PasswordAuthenticated first = offered.getLast();

    // the login is kept (its event may still arrive, and with it the SMS), for 2.5 of its 5 minutes
    assertThat(transactions.byId).containsKey(first.loginId());
    assertThat(refused.retryWindow()).isEqualTo(Duration.ofSeconds(150));
    assertThat(refused.retryToken()).matches("[A-Za-z0-9_-]{43}");
    assertThat(refused.deviceToken()).matches("[A-Za-z0-9_-]{43}");

    kafkaDown = false;
    clock.advance(Duration.ofSeconds(20));
    var resumed =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "192.0.2.1", refused.retryToken());

    assertThat(resumed.loginId()).isEqualTo(first.loginId());
    assertThat(resumed.expiresAt()).isEqualTo(first.occurredAt().plus(Duration.ofMinutes(5)));
    // the binding the login was opened with reaches the browser only now: the event announced
    // again is the same event to the last field, so otp-service has nothing to change if the
    // first record arrived after all
    assertThat(LoginBinding.digest(resumed.bindingToken())).isEqualTo(first.loginBinding());
    assertThat(transactions.bindings.get(first.loginId())).isEqualTo(first.loginBinding());
    PasswordAuthenticated again = published.getLast();
    assertThat(again).isEqualTo(first);
    assertThat(transactions.byId).hasSize(1);
    assertThat(transactions.retries).isEmpty();

    // once announced, the token resumes nothing: a new login
    var later =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "192.0.2.1", refused.retryToken());
    assertThat(later.loginId()).isNotEqualTo(first.loginId());
  }

  /**
   * Someone who knows the password logs in while the broker does not acknowledge and plants the
   * refusal's retry cookie in the user's browser: the user's login resumes the held login, bound to
   * a binding that the refusal never handed out, so the planter cannot take its session.
   */
  @Test
  void aRefusalHandsOutNoBindingSoAPlantedRetryCookieFixatesNothing() {
    kafkaDown = true;
    var planted =
        (LoginOutcome.NotAnnounced) attempt("carol", "correct horse battery", "198.51.100.7");
    PasswordAuthenticated held = offered.getLast();
    // the refusal carries a device and a retry token, no binding; the hold keeps the binding
    // sealed, and only the retry token opens the seal
    assertThat(LoginOutcome.NotAnnounced.class.getRecordComponents())
        .extracting(java.lang.reflect.RecordComponent::getName)
        .containsExactly("deviceToken", "retryToken", "retryWindow");
    String sealed = transactions.retries.values().iterator().next().sealedBinding();
    assertThat(LoginBinding.digest(sealed)).isNotEqualTo(held.loginBinding());
    assertThat(LoginBinding.digest(HeldBinding.unseal(sealed, planted.retryToken())))
        .isEqualTo(held.loginBinding());
    kafkaDown = false;

    var victim =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "192.0.2.1", planted.retryToken());
    assertThat(victim.loginId()).isEqualTo(held.loginId());
    assertThat(LoginBinding.digest(victim.bindingToken())).isEqualTo(held.loginBinding());
    // a second retry with the same cookie is a new login: the binding went out once
    var again =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "198.51.100.7", planted.retryToken());
    assertThat(again.loginId()).isNotEqualTo(held.loginId());
  }

  @Test
  void onlyTheRightPasswordOfTheSameUserWithTheRetryTokenResumesAHeldLogin() {
    register(CURRENT, "Dave", "another correct horse");
    kafkaDown = true;
    var refused =
        (LoginOutcome.NotAnnounced) attempt("carol", "correct horse battery", "192.0.2.1");
    String held = offered.getLast().loginId();
    kafkaDown = false;

    assertThat(retry("carol", "wrong password", "192.0.2.1", refused.retryToken()))
        .isInstanceOf(LoginOutcome.InvalidCredentials.class);
    var dave =
        (LoginOutcome.SecondFactorRequired)
            retry("dave", "another correct horse", "192.0.2.1", refused.retryToken());
    var withoutToken =
        (LoginOutcome.SecondFactorRequired) attempt("carol", "correct horse battery", "192.0.2.2");

    assertThat(dave.loginId()).isNotEqualTo(held);
    assertThat(withoutToken.loginId()).isNotEqualTo(held);
    assertThat(published).extracting(PasswordAuthenticated::loginId).doesNotContain(held);
    var resumed =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "192.0.2.1", refused.retryToken());
    assertThat(resumed.loginId()).isEqualTo(held);
  }

  @Test
  void aHeldLoginIsResumedOnlyWhileHalfOfItsCodesLifeIsLeft() {
    kafkaDown = true;
    var refused =
        (LoginOutcome.NotAnnounced) attempt("carol", "correct horse battery", "192.0.2.1");
    String held = offered.getLast().loginId();
    kafkaDown = false;
    clock.advance(Duration.ofSeconds(150));

    var late =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "192.0.2.1", refused.retryToken());

    assertThat(late.loginId()).isNotEqualTo(held);
    assertThat(late.expiresAt()).isEqualTo(clock.instant().plus(Duration.ofMinutes(5)));
  }

  @Test
  void aResumedLoginThatIsRefusedAgainKeepsItsHoldAndItsWindow() {
    kafkaDown = true;
    var refused =
        (LoginOutcome.NotAnnounced) attempt("carol", "correct horse battery", "192.0.2.1");
    PasswordAuthenticated first = offered.getLast();
    clock.advance(Duration.ofSeconds(60));

    var again =
        (LoginOutcome.NotAnnounced)
            retry("carol", "correct horse battery", "192.0.2.1", refused.retryToken());

    assertThat(offered.getLast().eventId()).isEqualTo(first.eventId());
    assertThat(again.retryToken()).isEqualTo(refused.retryToken());
    assertThat(again.retryWindow()).isEqualTo(Duration.ofSeconds(90));
    assertThat(transactions.byId).hasSize(1);
    kafkaDown = false;
    var resumed =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "192.0.2.1", again.retryToken());
    assertThat(resumed.loginId()).isEqualTo(first.loginId());
    assertThat(LoginBinding.digest(resumed.bindingToken())).isEqualTo(first.loginBinding());
    assertThat(transactions.retries).isEmpty();
  }

  @Test
  void aHeldLoginThatEndedIsNotResumed() {
    kafkaDown = true;
    var refused =
        (LoginOutcome.NotAnnounced) attempt("carol", "correct horse battery", "192.0.2.1");
    PasswordAuthenticated first = offered.getLast();
    kafkaDown = false;
    // the first record arrived after all, and its code was locked
    transactions.lock(first.loginId(), carol, clock.instant());

    var next =
        (LoginOutcome.SecondFactorRequired)
            retry("carol", "correct horse battery", "192.0.2.1", refused.retryToken());

    assertThat(next.loginId()).isNotEqualTo(first.loginId());
  }
}
