package dev.passbridge.otp;

import static dev.passbridge.otp.OtpHttp.json;
import static dev.passbridge.otp.OtpHttp.newLoginId;
import static dev.passbridge.otp.OtpHttp.newPhone;
import static dev.passbridge.otp.OtpHttp.passwordAuthenticated;
import static dev.passbridge.otp.OtpHttp.problem;
import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.otp.policy.ChallengeStore;
import dev.passbridge.otp.policy.IssueDecision;
import dev.passbridge.otp.policy.OtpChallenge;
import dev.passbridge.otp.policy.OtpPolicy;
import dev.passbridge.otp.sms.outbox.OutboxMessage;
import dev.passbridge.otp.sms.outbox.internal.DevSmsOutbox;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The service as the launcher runs it (local profile: dev SMS outbox), against the real Kafka
 * broker and a real Redis: event in, SMS in the outbox, verify, event out.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {"spring.config.name=otp-service", "spring.application.name=otp-it-local"})
@ActiveProfiles("local")
@Import(MutableClock.Config.class)
@DirtiesContext
@ExtendWith(OutputCaptureExtension.class)
class OtpServiceIT {
  static final Duration WAIT = Duration.ofSeconds(20);

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
  }

  @LocalServerPort int port;
  @Autowired EventPublisher events;
  @Autowired MutableClock clock;
  @Autowired DevSmsOutbox outbox;
  @Autowired StringRedisTemplate redis;
  @Autowired io.micrometer.core.instrument.MeterRegistry meters;
  @Autowired ChallengeStore store;
  @Autowired OtpPolicy policy;
  @Autowired org.springframework.kafka.config.KafkaListenerEndpointRegistry listeners;
  OtpHttp http;

  @BeforeEach
  void client() {
    http = new OtpHttp(port);
  }

  record Login(PasswordAuthenticated event, OutboxMessage sms) {
    String loginId() {
      return event.loginId();
    }

    String code() {
      return sms.code();
    }
  }

  /**
   * auth-service's part: publish PasswordAuthenticated, bound to this test's client as to the
   * browser that passed the password step (so {@code http}'s verify and resend send its binding);
   * then read the SMS from the dev inbox.
   */
  Login login() {
    return login(UUID.randomUUID(), newPhone());
  }

  Login login(UUID userId, String phone) {
    String token = LoginBinding.newToken();
    PasswordAuthenticated event =
        passwordAuthenticated(userId, newLoginId(), phone, clock.instant())
            .withLoginBinding(LoginBinding.digest(token));
    http.holdBinding(event.loginId(), token);
    events.publishAndWait(event);
    return new Login(event, awaitSms(event.loginId()));
  }

  OutboxMessage awaitSms(String loginId) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> response = http.get("/api/dev/sms?loginId=" + loginId);
      if (response.statusCode() == 200) {
        var body = json(response);
        return new OutboxMessage(
            body.path("to").asString(),
            body.path("text").asString(),
            body.path("code").asString(),
            Instant.parse(body.path("sentAt").asString()));
      }
      assertThat(response.statusCode()).isEqualTo(404);
      sleep(25);
    }
    throw new AssertionError("no SMS for login " + loginId + " within " + WAIT);
  }

  /**
   * Publishes a marker login for the same user (same key, same partition) and waits for its SMS:
   * everything published before it has been consumed by then.
   */
  void drain(UUID userId) {
    login(userId, newPhone());
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aPasswordLoginGetsAnSmsWhoseCodeVerifiesAndAnnouncesOtpVerified(CapturedOutput output) {
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_VERIFIED)) {
      String phone = newPhone();
      Login login = login(UUID.randomUUID(), phone);

      assertThat(login.sms().to()).isEqualTo(phone);
      assertThat(login.code()).matches("[0-9]{6}");
      assertThat(login.sms().text())
          .startsWith("Your Passbridge code is " + login.code() + ".")
          .endsWith("@localhost #" + login.code());
      assertThat(login.sms().sentAt()).isBetween(clock.instant().minusSeconds(20), clock.instant());

      HttpResponse<String> verified = http.verify(login.loginId(), login.code());
      assertThat(verified.statusCode()).isEqualTo(204);

      OtpVerified event =
          capture.await(OtpVerified.class, e -> e.loginId().equals(login.loginId()), WAIT);
      assertThat(event.userId()).isEqualTo(login.event().userId());
      assertThat(event.channel()).isEqualTo("SMS");
      var record =
          capture.records().stream()
              .filter(r -> r.value().eventId().equals(event.eventId()))
              .findFirst()
              .orElseThrow();
      assertThat(record.key()).isEqualTo(login.event().userId().toString());

      HttpResponse<String> again = http.verify(login.loginId(), login.code());
      assertThat(again.statusCode()).as("single use").isEqualTo(410);
      assertThat(problem(again)).isEqualTo("otp-expired");
      assertThat(json(again).path("type").asString())
          .isEqualTo("https://passbridge.dev/problems/otp-expired");
      assertThat(redis.hasKey("otp:code:" + login.loginId())).isFalse();

      assertThat(output.getAll())
          .doesNotContain(phone)
          .doesNotContain("code is " + login.code())
          .contains(phone.substring(0, 3) + "******" + phone.substring(phone.length() - 4));
    }
  }

  static PasswordAuthenticated connectLogin(UUID userId, SecondFactor factor, Instant at) {
    return new PasswordAuthenticated(
        UUID.randomUUID(),
        at,
        userId,
        newLoginId(),
        "shopper@shop.example",
        "Shopper",
        "aGFuZGxl",
        factor,
        new ClientSignals(true, Map.of("conditionalCreate", true), "Mozilla/5.0", Map.of()),
        Platform.unknown(),
        LoginSource.CONNECT,
        "shop",
        "user-42",
        "shop");
  }

  @Test
  void aConnectLoginGetsNoSmsAndItsReportedSecondFactorIsAnnouncedOnce() {
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_VERIFIED)) {
      UUID user = UUID.randomUUID();
      PasswordAuthenticated withFactor =
          connectLogin(
              user,
              SecondFactor.verifiedByPlatform("totp", clock.instant().minusSeconds(10)),
              clock.instant());
      PasswordAuthenticated without = connectLogin(user, null, clock.instant());
      events.publishAndWait(withFactor);
      events.publishAndWait(without);
      events.publishAndWait(withFactor); // redelivered

      OtpVerified verified =
          capture.await(OtpVerified.class, e -> e.loginId().equals(withFactor.loginId()), WAIT);
      assertThat(verified.channel()).isEqualTo("totp");
      assertThat(verified.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(verified.clientId()).isEqualTo("shop");
      assertThat(verified.userId()).isEqualTo(user);

      // a hosted login of the same user (same key, same partition) verified after them: once its
      // OtpVerified is seen, any second one for the Connect logins would have been too
      Login marker = login(user, newPhone());
      assertThat(http.verify(marker.loginId(), marker.code()).statusCode()).isEqualTo(204);
      capture.await(OtpVerified.class, e -> e.loginId().equals(marker.loginId()), WAIT);

      assertThat(capture.events(OtpVerified.class))
          .filteredOn(e -> e.loginId().equals(withFactor.loginId()))
          .hasSize(1);
      assertThat(capture.events(OtpVerified.class))
          .noneMatch(e -> e.loginId().equals(without.loginId()));
      assertThat(outbox.messages(withFactor.loginId())).isEmpty();
      assertThat(outbox.messages(without.loginId())).isEmpty();
      assertThat(redis.hasKey("otp:code:" + withFactor.loginId())).isFalse();
      assertThat(redis.hasKey("otp:code:" + without.loginId())).isFalse();
    }
  }

  @Test
  void aRedeliveredEventSendsNoSecondSmsEvenAfterTheCodeWasUsed() {
    UUID user = UUID.randomUUID();
    Login login = login(user, newPhone());

    events.publishAndWait(login.event());
    drain(user);
    assertThat(outbox.messages(login.loginId())).hasSize(1);
    assertThat(http.verify(login.loginId(), login.code()).statusCode()).isEqualTo(204);

    events.publishAndWait(login.event()); // replay after the code was consumed
    drain(user);
    assertThat(outbox.messages(login.loginId())).hasSize(1);
    assertThat(redis.hasKey("otp:code:" + login.loginId())).as("no new code").isFalse();
  }

  @Test
  void aSecondEventForTheSameLoginDoesNotReplaceItsCode() {
    UUID user = UUID.randomUUID();
    Login login = login(user, newPhone());

    events.publishAndWait(OtpHttp.withNewEventId(login.event()));
    drain(user);

    assertThat(outbox.messages(login.loginId())).hasSize(1);
    assertThat(http.verify(login.loginId(), login.code()).statusCode()).isEqualTo(204);
  }

  /**
   * An instance died after claiming the event and storing its code, before the SMS went out. The
   * state a SIGKILL leaves there is written into Redis directly; then Kafka delivers the event
   * again (published here once more, with the same event id). Before the fix the redelivery was
   * skipped as a duplicate and the login never got its SMS.
   */
  @Test
  void aRedeliveryAfterACrashBeforeTheSmsSendsExactlyOneSms() {
    UUID user = UUID.randomUUID();
    PasswordAuthenticated event =
        passwordAuthenticated(user, newLoginId(), newPhone(), clock.instant());
    String loginId = event.loginId();
    var issue =
        (IssueDecision.Issue)
            policy.issue(
                loginId,
                user,
                "SMS",
                event.secondFactor().destination(),
                event.occurredAt(),
                event.eventId(),
                clock.instant());
    assertThat(store.insert(issue.challenge())).isTrue();
    redis.opsForValue().set("otp:dedupe:" + event.eventId(), "done", Duration.ofHours(24));
    double recoveredBefore = recovered();

    events.publishAndWait(event); // the redelivery
    OutboxMessage sms = awaitSms(loginId);
    drain(user);

    assertThat(outbox.messages(loginId)).as("exactly one SMS").hasSize(1);
    assertThat(sms.to()).isEqualTo(event.secondFactor().destination());
    assertThat(recovered()).isEqualTo(recoveredBefore + 1);
    assertThat(redis.opsForHash().hasKey("otp:code:" + loginId, "pendEvt"))
        .as("the SMS is no longer owed")
        .isFalse();

    events.publishAndWait(event); // now a plain duplicate
    drain(user);
    assertThat(outbox.messages(loginId)).as("a duplicate sends none").hasSize(1);
    assertThat(http.verify(loginId, sms.code()).statusCode())
        .as("the code sent is the stored one")
        .isEqualTo(204);
  }

  /** The same for an instance that died between the claim and storing the code. */
  @Test
  void aRedeliveryAfterACrashBetweenTheClaimAndTheCodeSendsExactlyOneSms() {
    UUID user = UUID.randomUUID();
    PasswordAuthenticated event =
        passwordAuthenticated(user, newLoginId(), newPhone(), clock.instant());
    redis.opsForValue().set("otp:dedupe:" + event.eventId(), "pending", Duration.ofHours(24));

    events.publishAndWait(event);
    OutboxMessage sms = awaitSms(event.loginId());
    events.publishAndWait(event);
    drain(user);

    assertThat(outbox.messages(event.loginId())).hasSize(1);
    assertThat(redis.opsForValue().get("otp:dedupe:" + event.eventId())).isEqualTo("done");
    assertThat(http.verify(event.loginId(), sms.code()).statusCode()).isEqualTo(204);
  }

  /** A claim written before the claim had states ({@code 1}) still counts as done. */
  @Test
  void anEventClaimedByAnOlderVersionIsStillADuplicate() {
    UUID user = UUID.randomUUID();
    PasswordAuthenticated event =
        passwordAuthenticated(user, newLoginId(), newPhone(), clock.instant());
    redis.opsForValue().set("otp:dedupe:" + event.eventId(), "1", Duration.ofHours(24));

    events.publishAndWait(event);
    drain(user);

    assertThat(outbox.messages(event.loginId())).isEmpty();
    assertThat(redis.hasKey("otp:code:" + event.loginId())).isFalse();
  }

  double recovered() {
    var timer = meters.find("passbridge.otp.issue").tag("outcome", "recovered").timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void theFifthWrongCodeLocksTheLoginAndAnnouncesOtpLocked() {
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_LOCKED)) {
      Login login = login();
      String wrong = login.code().equals("000000") ? "000001" : "000000";

      for (int left = 4; left >= 1; left--) {
        HttpResponse<String> response = http.verify(login.loginId(), wrong);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(problem(response)).isEqualTo("otp-invalid");
        assertThat(json(response).path("attemptsLeft").asInt()).isEqualTo(left);
        assertThat(response.headers().firstValue("Content-Type"))
            .hasValue("application/problem+json");
      }
      HttpResponse<String> fifth = http.verify(login.loginId(), wrong);
      assertThat(fifth.statusCode()).isEqualTo(429);
      assertThat(problem(fifth)).isEqualTo("otp-locked");

      OtpLocked locked =
          capture.await(OtpLocked.class, e -> e.loginId().equals(login.loginId()), WAIT);
      assertThat(locked.userId()).isEqualTo(login.event().userId());
      assertThat(locked.reason()).isEqualTo(OtpLocked.TOO_MANY_ATTEMPTS);

      HttpResponse<String> right = http.verify(login.loginId(), login.code());
      assertThat(right.statusCode()).as("even the right code").isEqualTo(429);
      assertThat(problem(right)).isEqualTo("otp-locked");
      clock.advance(Duration.ofSeconds(31));
      HttpResponse<String> resend = http.resend(login.loginId());
      assertThat(resend.statusCode()).isEqualTo(429);
      assertThat(problem(resend)).isEqualTo("otp-locked");

      sleep(300);
      assertThat(capture.events(OtpLocked.class))
          .filteredOn(e -> e.loginId().equals(login.loginId()))
          .as("announced once")
          .hasSize(1);
    }
  }

  /**
   * The attack the per-login lock alone let through: someone who knows the password logs in again
   * and again and gets five fresh guesses each time (measured before: 30 wrong codes over 6 logins,
   * then the right code was accepted). Now the account's 10th wrong code locks its code entry.
   */
  @Test
  void wrongCodesAcrossLoginsLockTheAccountUntilTheLockEnds() {
    UUID user = UUID.randomUUID();
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_LOCKED)) {
      List<String> answers = new ArrayList<>();
      List<Login> withSms = new ArrayList<>();
      List<String> loginIds = new ArrayList<>();
      for (int n = 1; n <= 6; n++) {
        String loginId;
        if (n <= 2) {
          Login login = login(user, newPhone());
          withSms.add(login);
          loginId = login.loginId();
        } else {
          loginId = loginDuringTheLock(user);
        }
        loginIds.add(loginId);
        for (int i = 0; i < 5; i++) {
          HttpResponse<String> r =
              http.verify(loginId, n <= 2 ? wrong(withSms.getLast()) : "000000");
          answers.add(r.statusCode() + " " + problem(r));
          if (problem(r).equals("otp-account-locked")) {
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(Long.parseLong(r.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(3_500L, 3_600L);
            assertThat(json(r).path("retryAfterSeconds").asLong()).isBetween(3_500L, 3_600L);
            assertThat(json(r).path("detail").asString()).contains("minutes");
            assertThat(json(r).path("type").asString())
                .isEqualTo("https://passbridge.dev/problems/otp-account-locked");
          }
        }
      }
      Map<String, Long> tally =
          answers.stream().collect(Collectors.groupingBy(a -> a, Collectors.counting()));
      assertThat(tally)
          .as("30 wrong codes: 10 counted (the login's lock at 5, the account's at 10), 20 refused")
          .containsExactlyInAnyOrderEntriesOf(
              Map.of(
                  "400 otp-invalid", 8L,
                  "429 otp-locked", 1L,
                  "429 otp-account-locked", 21L));

      for (Login login : withSms) {
        HttpResponse<String> right = http.verify(login.loginId(), login.code());
        assertThat(right.statusCode()).as("the right code during the lock").isEqualTo(429);
        assertThat(problem(right)).isEqualTo("otp-account-locked");
      }
      clock.advance(Duration.ofSeconds(31));
      HttpResponse<String> resend = http.resend(loginIds.getLast());
      assertThat(resend.statusCode()).isEqualTo(429);
      assertThat(problem(resend)).isEqualTo("otp-account-locked");
      for (String loginId : loginIds.subList(2, 6)) {
        assertThat(outbox.messages(loginId)).as("no SMS to a locked account").isEmpty();
      }

      OtpLocked accountLock =
          capture.await(
              OtpLocked.class,
              e ->
                  e.userId().equals(user) && e.reason().equals(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS),
              WAIT);
      assertThat(accountLock.loginId()).isEqualTo(withSms.get(1).loginId());
      for (String loginId : loginIds.subList(2, 6)) {
        capture.await(OtpLocked.class, e -> e.loginId().equals(loginId), WAIT);
      }
      sleep(500);
      assertThat(capture.events(OtpLocked.class))
          .filteredOn(e -> e.userId().equals(user))
          .extracting(e -> e.loginId() + " " + e.reason())
          .as(
              "the first login's own lock, then the account's lock (the second login's code), and"
                  + " each login issued during the lock, each once")
          .containsExactlyInAnyOrder(
              loginIds.get(0) + " " + OtpLocked.TOO_MANY_ATTEMPTS,
              loginIds.get(1) + " " + OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS,
              loginIds.get(2) + " " + OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS,
              loginIds.get(3) + " " + OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS,
              loginIds.get(4) + " " + OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS,
              loginIds.get(5) + " " + OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);

      clock.advance(Duration.ofHours(1));
      Login after = login(user, newPhone());
      assertThat(http.verify(after.loginId(), after.code()).statusCode())
          .as("after the lock the user gets in")
          .isEqualTo(204);
      Login next = login(user, newPhone());
      HttpResponse<String> oneWrong = http.verify(next.loginId(), wrong(next));
      assertThat(oneWrong.statusCode())
          .as("the right code forgave the account's wrong codes: no immediate relock")
          .isEqualTo(400);
      assertThat(json(oneWrong).path("attemptsLeft").asInt()).isEqualTo(4);
    }
  }

  /**
   * A login announced with its browser binding: a stranger who read its login id (no binding, or
   * another browser's) can neither enter a code, right or wrong, nor ask for another; nothing
   * counts on the login or the account. The browser's own attempts are all there, its right code
   * works, and its wrong codes still lock the account.
   */
  @Test
  void onlyTheLoginsBrowserMayEnterItsCodeOrAskForAnother() {
    UUID user = UUID.randomUUID();
    String token = LoginBinding.newToken();
    Login login = boundLogin(user, token);
    clock.advance(Duration.ofSeconds(31)); // past the resend cooldown
    List<String> answers = new ArrayList<>();
    // a stranger who read the login id: wrong codes, the right code, resends; without a cookie or
    // with another browser's
    for (String cookie : new String[] {null, LoginBinding.newToken()}) {
      for (int i = 0; i < 6; i++) {
        HttpResponse<String> r =
            cookie == null
                ? http.verify(login.loginId(), wrong(login))
                : http.verify(login.loginId(), wrong(login), cookie);
        answers.add(r.statusCode() + " " + problem(r));
      }
      HttpResponse<String> right =
          cookie == null
              ? http.verify(login.loginId(), login.code())
              : http.verify(login.loginId(), login.code(), cookie);
      answers.add(right.statusCode() + " " + problem(right));
      HttpResponse<String> resend =
          cookie == null ? http.resend(login.loginId()) : http.resend(login.loginId(), cookie);
      answers.add(resend.statusCode() + " " + problem(resend));
    }
    assertThat(answers).containsOnly("403 login-started-elsewhere");
    assertThat(outbox.messages(login.loginId())).as("no SMS for them").hasSize(1);
    OtpChallenge stored = store.find(login.loginId()).orElseThrow().challenge();
    assertThat(stored.attempts()).as("nothing counted on the login").isZero();
    assertThat(stored.resends()).isZero();
    assertThat(store.findAccount(user).strikes().failures()).as("nor on the account").isEmpty();

    // the login's own browser: its five attempts are all there, and the right code works
    HttpResponse<String> first = http.verify(login.loginId(), wrong(login), token);
    assertThat(json(first).get("attemptsLeft").asInt()).isEqualTo(4);
    assertThat(http.verify(login.loginId(), login.code(), token).statusCode()).isEqualTo(204);

    // and its wrong codes count on the account: ten across two logins lock it
    List<String> own = new ArrayList<>();
    for (int n = 0; n < 2; n++) {
      Login next = boundLogin(user, token);
      for (int i = 0; i < 5; i++) {
        HttpResponse<String> r = http.verify(next.loginId(), wrong(next), token);
        own.add(r.statusCode() + " " + problem(r));
      }
    }
    assertThat(own.getLast()).isEqualTo("429 otp-account-locked");
  }

  /**
   * A login's binding never changes. auth-service resumes a login for a browser's retry under the
   * binding it was opened with, so a delivery of the same login with another binding (or none) is
   * no resume: it must not take the code from the login's browser, nor unbind it (which would let
   * any client enter codes again). No second SMS either.
   */
  @Test
  void aLoginsBindingNeverChanges() {
    String mine = LoginBinding.newToken();
    UUID user = UUID.randomUUID();
    PasswordAuthenticated event =
        passwordAuthenticated(user, newLoginId(), newPhone(), clock.instant())
            .withLoginBinding(LoginBinding.digest(mine));
    events.publishAndWait(event);
    Login login = new Login(event, awaitSms(event.loginId()));
    String other = LoginBinding.newToken();
    events.publishAndWait(event.withLoginBinding(LoginBinding.digest(other)));
    events.publishAndWait(event.withLoginBinding(null));
    drain(user);

    assertThat(store.find(login.loginId()).orElseThrow().challenge().binding())
        .isEqualTo(LoginBinding.digest(mine));
    assertThat(problem(http.verify(login.loginId(), login.code(), other)))
        .isEqualTo("login-started-elsewhere");
    assertThat(problem(http.verify(login.loginId(), login.code())))
        .isEqualTo("login-started-elsewhere");
    assertThat(http.verify(login.loginId(), login.code(), mine).statusCode()).isEqualTo(204);
    assertThat(outbox.messages(login.loginId())).as("one SMS").hasSize(1);
  }

  /** A login announced with the digest of {@code bindingToken}, as auth-service announces it. */
  Login boundLogin(UUID userId, String bindingToken) {
    PasswordAuthenticated event =
        passwordAuthenticated(userId, newLoginId(), newPhone(), clock.instant())
            .withLoginBinding(LoginBinding.digest(bindingToken));
    events.publishAndWait(event);
    return new Login(event, awaitSms(event.loginId()));
  }

  /**
   * The account lock ends every pending login of the account, not only the one whose wrong code
   * tripped it (found by a probe: the other logins' session requests answered 409
   * login-not-completed for the lock's hour). Three logins, ten wrong codes round-robin: each login
   * gets its own OtpLocked{TOO_MANY_ACCOUNT_ATTEMPTS} (so auth-service ends each with
   * login-locked), their right codes are refused, and a login issued during the lock is ended the
   * same way.
   */
  @Test
  void theAccountLockEndsEveryPendingLoginOfTheAccount() {
    UUID user = UUID.randomUUID();
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_LOCKED)) {
      List<Login> logins =
          List.of(login(user, newPhone()), login(user, newPhone()), login(user, newPhone()));
      Login bystander = login(UUID.randomUUID(), newPhone());
      List<String> answers = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        Login login = logins.get(i % 3);
        HttpResponse<String> r = http.verify(login.loginId(), wrong(login));
        answers.add(r.statusCode() + " " + problem(r));
      }
      assertThat(answers.subList(0, 9)).containsOnly("400 otp-invalid");
      assertThat(answers.getLast()).isEqualTo("429 otp-account-locked");

      List<OtpLocked> ended = new ArrayList<>();
      for (Login login : logins) {
        OtpLocked locked =
            capture.await(OtpLocked.class, e -> e.loginId().equals(login.loginId()), WAIT);
        assertThat(locked.userId()).isEqualTo(user);
        assertThat(locked.reason()).isEqualTo(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
        ended.add(locked);
      }
      assertThat(ended).extracting(OtpLocked::eventId).doesNotHaveDuplicates();
      for (Login login : logins) {
        HttpResponse<String> right = http.verify(login.loginId(), login.code());
        assertThat(right.statusCode()).as("the right code of an ended login").isEqualTo(429);
        assertThat(problem(right)).isEqualTo("otp-account-locked");
      }
      for (Login other : logins.subList(1, 3)) {
        assertThat(store.find(other.loginId()).orElseThrow().challenge().accountLock())
            .as("the other logins' codes are locked for good, not only while the account is")
            .isTrue();
      }

      PasswordAuthenticated during =
          passwordAuthenticated(user, newLoginId(), newPhone(), clock.instant());
      events.publishAndWait(during);
      OtpLocked duringLock =
          capture.await(OtpLocked.class, e -> e.loginId().equals(during.loginId()), WAIT);
      assertThat(duringLock.reason()).isEqualTo(OtpLocked.TOO_MANY_ACCOUNT_ATTEMPTS);
      assertThat(duringLock.eventId())
          .as("derived from the PasswordAuthenticated, so a redelivery is the same event")
          .isEqualTo(OtpPolicy.withheldLockEventId(during.eventId()));
      assertThat(outbox.messages(during.loginId())).as("no SMS to a locked account").isEmpty();
      assertThat(problem(http.verify(during.loginId(), "000000"))).isEqualTo("otp-account-locked");

      assertThat(http.verify(bystander.loginId(), bystander.code()).statusCode())
          .as("another user's login is not touched")
          .isEqualTo(204);
      sleep(500);
      assertThat(capture.events(OtpLocked.class))
          .filteredOn(e -> e.userId().equals(user))
          .extracting(OtpLocked::loginId)
          .as("one OtpLocked per login, none twice")
          .containsExactlyInAnyOrder(
              logins.get(0).loginId(),
              logins.get(1).loginId(),
              logins.get(2).loginId(),
              during.loginId());
    }
  }

  static String wrong(Login login) {
    return login.code().equals("000000") ? "000001" : "000000";
  }

  /**
   * A password login while the account is locked: no SMS goes out, but the login is known, so
   * verify answers otp-account-locked (not 410) once the event has been consumed.
   */
  String loginDuringTheLock(UUID user) {
    PasswordAuthenticated event =
        passwordAuthenticated(user, newLoginId(), newPhone(), clock.instant());
    events.publishAndWait(event);
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      HttpResponse<String> r = http.verify(event.loginId(), "000000");
      if (r.statusCode() != 410) {
        assertThat(problem(r)).isEqualTo("otp-account-locked");
        return event.loginId();
      }
      sleep(25);
    }
    throw new AssertionError("login " + event.loginId() + " was not consumed within " + WAIT);
  }

  @Test
  void anExpiredCodeIsGone() {
    Login login = login();
    clock.advance(Duration.ofMinutes(5));

    HttpResponse<String> response = http.verify(login.loginId(), login.code());
    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(problem(response)).isEqualTo("otp-expired");
    assertThat(problem(http.resend(login.loginId()))).isEqualTo("otp-expired");
  }

  @Test
  void anUnknownLoginIsGone() {
    HttpResponse<String> response = http.verify(newLoginId(), "123456");
    assertThat(response.statusCode()).isEqualTo(410);
    assertThat(problem(response)).isEqualTo("otp-expired");
    assertThat(http.resend(newLoginId()).statusCode()).isEqualTo(410);
  }

  @Test
  void aStaleEventSendsNoSms() {
    UUID user = UUID.randomUUID();
    PasswordAuthenticated stale =
        passwordAuthenticated(
            user, newLoginId(), newPhone(), clock.instant().minus(Duration.ofMinutes(6)));
    events.publishAndWait(stale);
    drain(user);

    HttpResponse<String> response = http.get("/api/dev/sms?loginId=" + stale.loginId());
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(problem(response)).isEqualTo("sms-not-found");
  }

  @Test
  void resendHonoursTheCooldownAndInvalidatesTheOldCode() {
    Login login = login();

    HttpResponse<String> tooSoon = http.resend(login.loginId());
    assertThat(tooSoon.statusCode()).isEqualTo(429);
    assertThat(problem(tooSoon)).isEqualTo("otp-resend-cooldown");
    long retryAfter = Long.parseLong(tooSoon.headers().firstValue("Retry-After").orElseThrow());
    assertThat(retryAfter).isBetween(1L, 30L);

    clock.advance(Duration.ofSeconds(30));
    HttpResponse<String> resent = http.resend(login.loginId());
    assertThat(resent.statusCode()).isEqualTo(200);
    var body = json(resent);
    assertThat(body.path("channel").asString()).isEqualTo("SMS");
    assertThat(body.path("maskedDestination").asString())
        .isEqualTo(login.sms().to().substring(0, 3) + "******" + login.sms().to().substring(10));
    assertThat(body.path("resendsLeft").asInt()).isEqualTo(2);
    assertThat(Instant.parse(body.path("expiresAt").asString()))
        .isAfter(clock.instant().plus(Duration.ofMinutes(4)));

    List<OutboxMessage> messages = outbox.messages(login.loginId());
    assertThat(messages).hasSize(2);
    String newCode = messages.getFirst().code();

    HttpResponse<String> again = http.resend(login.loginId());
    assertThat(again.statusCode()).isEqualTo(429);
    assertThat(again.headers().firstValue("Retry-After")).hasValue("30");

    if (!newCode.equals(login.code())) {
      HttpResponse<String> old = http.verify(login.loginId(), login.code());
      assertThat(old.statusCode()).as("the old code is void").isEqualTo(400);
      assertThat(problem(old)).isEqualTo("otp-invalid");
    }
    assertThat(http.verify(login.loginId(), newCode).statusCode()).isEqualTo(204);
  }

  @Test
  void resendStopsAfterThreeNewCodes() {
    Login login = login();
    for (int i = 1; i <= 3; i++) {
      clock.advance(Duration.ofSeconds(30));
      HttpResponse<String> resent = http.resend(login.loginId());
      assertThat(resent.statusCode()).isEqualTo(200);
      assertThat(json(resent).path("resendsLeft").asInt()).isEqualTo(3 - i);
    }
    clock.advance(Duration.ofSeconds(30));
    HttpResponse<String> fourth = http.resend(login.loginId());
    assertThat(fourth.statusCode()).isEqualTo(429);
    assertThat(problem(fourth)).isEqualTo("otp-resend-limit");
    assertThat(outbox.messages(login.loginId())).hasSize(4);
  }

  /**
   * Many verifications of the right code at once (any instance, any thread): one wins. The others
   * find the code used (410), or taken by the winner, which is still waiting for Kafka (503 with
   * Retry-After: the winner may yet fail, and then the code is live again).
   */
  @Test
  void concurrentRightCodesVerifyExactlyOnce() throws Exception {
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_VERIFIED)) {
      Login login = login();
      Map<Integer, Long> statuses =
          concurrently(16, () -> http.verify(login.loginId(), login.code()));

      assertThat(statuses).containsEntry(204, 1L);
      assertThat(statuses.keySet()).isSubsetOf(204, 410, 503);
      assertThat(statuses.values().stream().mapToLong(Long::longValue).sum()).isEqualTo(16);
      assertThat(http.verify(login.loginId(), login.code()).statusCode())
          .as("used once the winner answered")
          .isEqualTo(410);
      capture.await(OtpVerified.class, e -> e.loginId().equals(login.loginId()), WAIT);
      sleep(300);
      assertThat(capture.events(OtpVerified.class))
          .filteredOn(e -> e.loginId().equals(login.loginId()))
          .hasSize(1);
    }
  }

  /** Wrong codes at once: no attempt is lost, the lock happens once. */
  @Test
  void concurrentWrongCodesAllCount() throws Exception {
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_LOCKED)) {
      Login login = login();
      String wrong = login.code().equals("000000") ? "000001" : "000000";
      Map<Integer, Long> statuses = concurrently(12, () -> http.verify(login.loginId(), wrong));

      assertThat(statuses).containsEntry(400, 4L).containsEntry(429, 8L).hasSize(2);
      capture.await(OtpLocked.class, e -> e.loginId().equals(login.loginId()), WAIT);
      sleep(300);
      assertThat(capture.events(OtpLocked.class))
          .filteredOn(e -> e.loginId().equals(login.loginId()))
          .hasSize(1);
      assertThat(http.verify(login.loginId(), login.code()).statusCode()).isEqualTo(429);
    }
  }

  /**
   * A code taken by a request that is still waiting for Kafka (or whose instance died): 503 with
   * Retry-After, nothing counted; once the lease is over the same code verifies.
   */
  @Test
  void aCodeBeingVerifiedElsewhereAnswers503WithRetryAfterAndCountsNothing() throws Exception {
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.OTP_VERIFIED)) {
      Login login = login();
      UUID eventId = UUID.randomUUID();
      // the issue path may still be marking its SMS handed over (a new version): take it after
      boolean taken = false;
      for (int i = 0; i < 50 && !taken; i++) {
        var read = store.find(login.loginId()).orElseThrow();
        taken =
            store
                .replace(
                    read,
                    read.challenge()
                        .verifying(eventId, clock.instant().plus(Duration.ofSeconds(20))))
                .isPresent();
      }
      assertThat(taken).isTrue();

      HttpResponse<String> busy = http.verify(login.loginId(), login.code());
      assertThat(busy.statusCode()).isEqualTo(503);
      assertThat(busy.body()).contains("\"code\":\"service-unavailable\"");
      assertThat(busy.headers().firstValue("Retry-After"))
          .as("ask again in a second, not at the lease's end")
          .hasValue("1");
      assertThat(http.verify(login.loginId(), "000000").statusCode()).isEqualTo(503);
      assertThat(store.find(login.loginId()).orElseThrow().challenge().attempts()).isZero();

      clock.advance(Duration.ofSeconds(21));
      assertThat(http.verify(login.loginId(), login.code()).statusCode()).isEqualTo(204);
      OtpVerified verified =
          capture.await(OtpVerified.class, e -> e.loginId().equals(login.loginId()), WAIT);
      assertThat(verified.eventId()).as("the taken code's event id").isEqualTo(eventId);
      assertThat(store.find(login.loginId())).isEmpty();
    }
  }

  static Map<Integer, Long> concurrently(
      int n, java.util.function.Supplier<HttpResponse<String>> call) throws Exception {
    CountDownLatch go = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> futures = new ArrayList<>();
    try (var pool = Executors.newFixedThreadPool(n)) {
      for (int i = 0; i < n; i++) {
        futures.add(
            pool.submit(
                () -> {
                  go.await();
                  return call.get();
                }));
      }
      go.countDown();
      List<Integer> codes = new ArrayList<>();
      for (var f : futures) {
        codes.add(f.get().statusCode());
      }
      return codes.stream()
          .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
    }
  }

  @Test
  void malformedRequestsAreClearClientErrorsAndCostNoAttempt() {
    Login login = login();
    String id = login.loginId();

    var notJson = http.post("/api/otp/verify", "{\"loginId\":");
    assertThat(notJson.statusCode()).isEqualTo(400);
    assertThat(problem(notJson)).isEqualTo("malformed-request");

    var missingCode = http.post("/api/otp/verify", "{\"loginId\":\"" + id + "\"}");
    assertThat(missingCode.statusCode()).isEqualTo(400);
    assertThat(problem(missingCode)).isEqualTo("validation-failed");
    assertThat(json(missingCode).path("errors").has("code")).isTrue();

    var letters = http.verify(id, "12a456");
    assertThat(letters.statusCode()).isEqualTo(400);
    assertThat(problem(letters)).isEqualTo("validation-failed");

    var badLogin = http.verify("x/../../etc", "123456");
    assertThat(badLogin.statusCode()).isEqualTo(400);
    assertThat(problem(badLogin)).isEqualTo("validation-failed");

    var array = http.post("/api/otp/resend", "[1,2,3]");
    assertThat(array.statusCode()).isEqualTo(400);

    var wrongType = http.post("/api/otp/verify", "code=123456", "text/plain", OtpHttp.ORIGIN);
    assertThat(wrongType.statusCode()).isEqualTo(415);

    // a code that is a JSON number is no code (it was read as "123456" and counted as a wrong
    // attempt): five of them would have locked the login
    String wrongNumber = login.code().equals("123456") ? "654321" : "123456";
    for (int i = 0; i < 5; i++) {
      var number =
          http.post("/api/otp/verify", "{\"loginId\":\"" + id + "\",\"code\":" + wrongNumber + "}");
      assertThat(number.statusCode()).as(number.body()).isEqualTo(400);
      assertThat(problem(number)).isEqualTo("malformed-request");
    }
    var repeatedKey =
        http.post(
            "/api/otp/verify",
            "{\"loginId\":\""
                + id
                + "\",\"code\":\""
                + login.code()
                + "\",\"code\":\""
                + wrongNumber
                + "\"}");
    assertThat(repeatedKey.statusCode()).isEqualTo(400);
    assertThat(problem(repeatedKey)).isEqualTo("malformed-request");

    for (String wildcard : List.of("*/*", "*", "application/*", "text/*")) {
      var wildcardType =
          http.post(
              "/api/otp/verify",
              "{\"loginId\":\"" + id + "\",\"code\":\"" + wrongNumber + "\"}",
              wildcard,
              OtpHttp.ORIGIN);
      assertThat(wildcardType.statusCode()).as(wildcard).isEqualTo(415);
      assertThat(problem(wildcardType)).isEqualTo("unsupported-media-type");
    }

    var noOrigin =
        http.post(
            "/api/otp/verify",
            "{\"loginId\":\"" + id + "\",\"code\":\"" + login.code() + "\"}",
            "application/json",
            null);
    assertThat(noOrigin.statusCode()).isEqualTo(403);
    assertThat(json(noOrigin).path("type").asString())
        .isEqualTo("https://passbridge.dev/problems/origin-not-allowed");

    var foreignOrigin =
        http.post(
            "/api/otp/verify",
            "{\"loginId\":\"" + id + "\",\"code\":\"" + login.code() + "\"}",
            "application/json",
            "https://evil.example");
    assertThat(foreignOrigin.statusCode()).isEqualTo(403);

    var devNoLogin = http.get("/api/dev/sms");
    assertThat(devNoLogin.statusCode()).isEqualTo(400);
    var devBadLogin = http.get("/api/dev/sms?loginId=%27%3B--");
    assertThat(devBadLogin.statusCode()).isEqualTo(400);
    assertThat(problem(devBadLogin)).isEqualTo("validation-failed");

    assertThat(http.verify(id, login.code()).statusCode())
        .as("none of that cost an attempt or the code")
        .isEqualTo(204);
  }

  /**
   * Regression: {@code %ff} is not UTF-8, Tomcat refused to decode the parameter, and the problem
   * handler answered 500. (Broken escapes such as {@code %zz} cannot be sent with {@code
   * java.net.URI}; the gateway's fuzz test covers them.)
   */
  @Test
  void theDevInboxAnswersHostileLoginIdsWithA400() {
    for (String query :
        List.of(
            "loginId=%00%ff%22'",
            "loginId=%ff",
            "loginId=%00",
            "loginId=%C0%AF",
            "loginId=a&loginId=b",
            "loginId=" + "A".repeat(5000))) {
      HttpResponse<String> response = http.get("/api/dev/sms?" + query);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .as(query)
          .hasValue("application/problem+json");
      assertThat(problem(response)).as(query).isIn("validation-failed", "malformed-request");
    }
  }

  @Test
  void aRedisOutageIsARetryable503NotA500() throws Exception {
    Login login = login();
    TestInfrastructure.stopRedis();
    try {
      HttpResponse<String> verify = http.verify(login.loginId(), login.code());
      assertThat(verify.statusCode()).isEqualTo(503);
      assertThat(problem(verify)).isEqualTo("service-unavailable");
      assertThat(verify.headers().firstValue("Retry-After")).isPresent();
      assertThat(http.resend(login.loginId()).statusCode()).isEqualTo(503);
    } finally {
      TestInfrastructure.startRedis();
    }
    // Redis came back empty; Lettuce reconnects by itself
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (true) {
      try {
        redis.hasKey("ping");
        break;
      } catch (RuntimeException e) {
        if (System.nanoTime() > deadline) {
          throw e;
        }
        sleep(100);
      }
    }
    Login after = login();
    assertThat(http.verify(after.loginId(), after.code()).statusCode()).isEqualTo(204);
  }

  @Test
  void healthIsUpButShowsNoDetailsOnThePublicPort() {
    // UP aggregates Redis and Kafka; their details (versions, cluster id) are not for strangers
    var health = http.get("/actuator/health");
    assertThat(health.statusCode()).isEqualTo(200);
    var body = json(health);
    assertThat(body.path("status").asString()).isEqualTo("UP");
    assertThat(body.has("components")).isFalse();
    assertThat(health.body()).doesNotContain("version", "clusterId");
  }

  /**
   * Numbers for docs/services/otp-service.md: event-to-SMS latency (PasswordAuthenticated
   * occurredAt to the outbox's sentAt: produce, consume, dedupe, store, send) and verify latency
   * over HTTP (Redis read + compare-and-set delete + OtpVerified acknowledged by Kafka).
   */
  @Test
  void measuresIssueAndVerifyLatency() {
    int n = 200;
    UUID user = UUID.randomUUID();
    List<PasswordAuthenticated> logins = new ArrayList<>();
    long publishStart = System.nanoTime();
    for (int i = 0; i < n; i++) {
      PasswordAuthenticated event =
          passwordAuthenticated(user, newLoginId(), newPhone(), clock.instant());
      events.publish(event);
      logins.add(event);
    }
    List<Long> issueMicros = new ArrayList<>();
    List<String> codes = new ArrayList<>();
    for (PasswordAuthenticated event : logins) {
      OutboxMessage sms = awaitSms(event.loginId());
      codes.add(sms.code());
      issueMicros.add(Duration.between(event.occurredAt(), sms.sentAt()).toNanos() / 1000);
    }
    double issueSeconds = (System.nanoTime() - publishStart) / 1e9;

    List<Long> verifyMicros = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      HttpResponse<String> response = http.verify(logins.get(i).loginId(), codes.get(i));
      verifyMicros.add((System.nanoTime() - start) / 1000);
      assertThat(response.statusCode()).isEqualTo(204);
    }
    var issueTimer = meters.get("passbridge.otp.issue").tag("outcome", "sent").timer();
    var verifyTimer = meters.get("passbridge.otp.verify").tag("outcome", "verified").timer();
    System.out.printf(
        "MEASURED otp-service: %d logins issued in %.2f s (%.0f/s, one partition); in-service"
            + " issue mean %.2f ms, max %.1f ms; verify in-service mean %.2f ms; event->SMS"
            + " p50 %.1f ms p99 %.1f ms; verify over HTTP p50 %.1f ms p99 %.1f ms%n",
        n,
        issueSeconds,
        n / issueSeconds,
        issueTimer.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
        issueTimer.max(java.util.concurrent.TimeUnit.MILLISECONDS),
        verifyTimer.mean(java.util.concurrent.TimeUnit.MILLISECONDS),
        percentile(issueMicros, 50) / 1000.0,
        percentile(issueMicros, 99) / 1000.0,
        percentile(verifyMicros, 50) / 1000.0,
        percentile(verifyMicros, 99) / 1000.0);
    assertThat(percentile(verifyMicros, 50)).isLessThan(500_000);
  }

  static long percentile(List<Long> values, int p) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
  }

  /**
   * The code's listener takes few records per poll: each may wait seconds for the SMS provider, and
   * a consumer that does not poll again within five minutes is put out of its group while it still
   * works, so its successor would send the same logins a second code.
   */
  @Test
  void theCodeListenerPollsFewRecordsAtATime() {
    var container = listeners.getListenerContainer("otp-password-authenticated");
    assertThat(container).isNotNull();
    assertThat(
            container
                .getContainerProperties()
                .getKafkaConsumerProperties()
                .getProperty("max.poll.records"))
        .isEqualTo("20");
  }
}
