package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.auth.login.HeldBinding;
import dev.passbridge.auth.login.LoginState;
import dev.passbridge.auth.login.LoginTransaction;
import dev.passbridge.auth.login.LoginTransactions;
import dev.passbridge.contracts.events.LoginMethod;
import dev.passbridge.contracts.events.LoginSucceeded;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.contracts.ids.Tokens;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.testsupport.EventCapture;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.test.util.ReflectionTestUtils;

/**
 * Register → password → PasswordAuthenticated → OtpVerified → session cookie → /api/me → logout.
 */
class PasswordLoginFlowIT extends IntegrationTestBase {

  @Test
  void fromRegistrationToAVerifiedSessionCookie() throws Exception {
    String username = uniqueName("Flow");
    UUID userId = register(username, "correct horse battery");

    try (var capture =
        EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED, Topics.LOGIN_SUCCEEDED)) {
      Reply login =
          login(
              username.toUpperCase(),
              "correct horse battery",
              "Sec-CH-UA-Mobile",
              "?0",
              "Sec-CH-UA-Platform",
              "\"Windows\"");
      assertThat(login.status()).as(login.body()).isEqualTo(200);
      assertThat(login.json().path("next").asString()).isEqualTo("OTP");
      assertThat(login.json().path("otp").path("channel").asString()).isEqualTo("SMS");
      assertThat(login.json().path("otp").path("maskedDestination").asString())
          .isEqualTo("+49******5678");
      assertThat(Instant.parse(login.json().path("otp").path("expiresAt").asString()))
          .isAfter(clock.instant().plus(Duration.ofMinutes(4)));
      String loginId = login.json().path("loginId").asString();
      assertThat(loginId).matches("[A-Za-z0-9_-]{22}");

      // the event is on the topic (acknowledged before the answer) with the parsed signals
      PasswordAuthenticated event =
          capture.await(PasswordAuthenticated.class, e -> e.loginId().equals(loginId));
      assertThat(event.userId()).isEqualTo(userId);
      assertThat(event.username()).isEqualTo(username.toUpperCase());
      assertThat(event.displayName()).isEqualTo("Tester " + username);
      assertThat(event.userHandle()).hasSize(86);
      assertThat(event.secondFactor().destination()).isEqualTo(PHONE);
      assertThat(event.client().autofilled()).isTrue();
      assertThat(event.client().capability("conditionalCreate")).isTrue();
      assertThat(event.client().userAgent()).isEqualTo(CHROME_WINDOWS);
      assertThat(event.client().hints())
          .containsEntry("sec-ch-ua-platform-version", "\"15.0.0\"")
          .containsEntry("sec-ch-ua-mobile", "?0");
      assertThat(event.platform())
          .isEqualTo(new Platform("Windows", "11", "Chrome", "136", "Desktop"));
      // the login's browser binding: the digest of the cookie's token, never the token
      String bindingToken = setCookie(login, LoginBinding.COOKIE).orElseThrow();
      assertThat(event.loginBinding())
          .isEqualTo(LoginBinding.digest(bindingToken))
          .isNotEqualTo(bindingToken);
      var record =
          capture.records().stream().filter(r -> r.value() == event).findFirst().orElseThrow();
      assertThat(record.key()).isEqualTo(userId.toString());

      // the second factor passes (otp-service's event), then the session
      publish(otpVerified(userId, loginId));
      Reply session = session(loginId);
      assertThat(session.status()).as(session.body()).isEqualTo(200);
      assertThat(session.json().path("userId").asString()).isEqualTo(userId.toString());
      assertThat(session.json().path("amr").toString()).isEqualTo("[\"pwd\",\"otp\"]");
      String setCookie = session.header("Set-Cookie").orElseThrow();
      assertThat(setCookie)
          .contains("HttpOnly")
          .contains("Secure")
          .contains("SameSite=Strict")
          .contains("Path=/")
          .contains("Max-Age=3600");

      String token = sessionCookie(session);
      SignedJWT jwt = verifyAgainstJwks(token);
      assertThat(jwt.getHeader().getAlgorithm().getName()).isEqualTo("ES256");
      assertThat(jwt.getHeader().getType().getType()).isEqualTo("JWT");
      JWTClaimsSet claims = jwt.getJWTClaimsSet();
      assertThat(claims.getIssuer()).isEqualTo("https://passbridge.dev/auth");
      assertThat(claims.getSubject()).isEqualTo(userId.toString());
      assertThat(claims.getStringClaim("sid")).isEqualTo(loginId);
      assertThat(claims.getStringListClaim("amr")).containsExactly("pwd", "otp");
      assertThat(claims.getStringListClaim("roles")).containsExactly("user");
      assertThat(claims.getJWTID()).isNotBlank();
      assertThat(claims.getExpirationTime().getTime() - claims.getIssueTime().getTime())
          .isEqualTo(3_600_000L);

      LoginSucceeded succeeded =
          capture.await(LoginSucceeded.class, e -> e.loginId().equals(loginId));
      assertThat(succeeded.method()).isEqualTo(LoginMethod.PASSWORD_OTP);
      assertThat(succeeded.userId()).isEqualTo(userId);

      Reply me = me(token);
      assertThat(me.status()).as(me.body()).isEqualTo(200);
      assertThat(me.json().path("userId").asString()).isEqualTo(userId.toString());
      assertThat(me.json().path("username").asString()).isEqualTo(username);
      assertThat(me.json().path("displayName").asString()).isEqualTo("Tester " + username);
      assertThat(me.json().path("hasPasskey").asBoolean()).isFalse();
      assertThat(me.json().path("userHandle").asString()).isEqualTo(event.userHandle());
    }
  }

  @Autowired ApplicationContext context;

  @Test
  void theSessionCallWaitsForTheSecondFactorWithoutPolling() throws Exception {
    String username = uniqueName("waiter");
    UUID userId = register(username, "correct horse battery");
    String loginId = loginId(username, "correct horse battery");

    var pending =
        http.sendAsync(
            request("/api/auth/session")
                .header("Content-Type", "application/json")
                .header("Origin", ORIGIN)
                .header("Cookie", "pb_login=" + binding(loginId))
                .POST(HttpRequest.BodyPublishers.ofString("{\"loginId\":\"" + loginId + "\"}"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    Thread.sleep(700);
    assertThat(pending).isNotDone();

    long t0 = System.nanoTime();
    publish(otpVerified(userId, loginId));
    HttpResponse<String> response = pending.get(5, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - t0) / 1_000_000;
    System.out.printf("session answered %d ms after OtpVerified was acknowledged%n", millis);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.headers().firstValue("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("pb_session="));
    assertThat(millis).isLessThan(2500);
    // the Redis signal that woke the wait is handled on the Redis client's thread: the container's
    // default executor would start a platform thread per message, that is, per login
    assertThat(
            ReflectionTestUtils.getField(
                context.getBean("authCompletionListenerContainer"), "taskExecutor"))
        .isInstanceOf(SyncTaskExecutor.class);
  }

  @Test
  void withoutTheSecondFactorTheSessionCallGivesUpAfterTheWait() {
    String username = uniqueName("nootp");
    register(username, "correct horse battery");
    String loginId = loginId(username, "correct horse battery");

    long t0 = System.nanoTime();
    Reply r = session(loginId);
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(r.status()).isEqualTo(409);
    assertThat(r.problemCode()).isEqualTo("login-not-completed");
    assertThat(r.header("Content-Type"))
        .hasValueSatisfying(c -> assertThat(c).contains("application/problem+json"));
    assertThat(millis).isBetween(2_900L, 6_000L);
  }

  /**
   * The login id is in the login's events and in log lines; the session goes only to the browser
   * that passed the password step (its pb_login cookie), whether the other client asks before the
   * code is confirmed (it would otherwise wait and take the session the moment the user typed it)
   * or after, and the real browser still gets it.
   */
  @Test
  void onlyTheBrowserThatPassedThePasswordStepGetsTheSession() throws Exception {
    String username = uniqueName("bound");
    UUID userId = register(username, "correct horse battery");
    Reply login = login(username, "correct horse battery");
    assertThat(login.status()).isEqualTo(200);
    String loginId = login.json().path("loginId").asString();
    String cookie =
        setCookieHeader(login, "pb_login")
            .orElseThrow(() -> new AssertionError("no pb_login cookie: " + login.headers()));
    assertThat(cookie)
        .contains("HttpOnly", "Secure", "SameSite=Strict", "Max-Age=600")
        .containsPattern("Path=/api(;|$)");

    // before the code: refused (not kept waiting for the code, which would end in 409)
    Reply early = sessionFromElsewhere(loginId);
    assertThat(early.status()).as(early.body()).isEqualTo(403);
    assertThat(early.problemCode()).isEqualTo("login-started-elsewhere");

    publish(otpVerified(userId, loginId));
    Thread.sleep(300);
    String forged = "pb_login=" + "A".repeat(43);
    assertThat(sessionFromElsewhere(loginId).problemCode()).isEqualTo("login-started-elsewhere");
    assertThat(sessionFromElsewhere(loginId, "Cookie", forged).problemCode())
        .isEqualTo("login-started-elsewhere");
    assertThat(sessionFromElsewhere(loginId, "Cookie", "pb_login=not-a-token").status())
        .isEqualTo(403);

    Reply mine = session(loginId);
    assertThat(mine.status()).as(mine.body()).isEqualTo(200);
    assertThat(setCookie(mine, "pb_login")).contains("");
    assertThat(sessionFromElsewhere(loginId).problemCode()).isEqualTo("login-started-elsewhere");
    assertThat(session(loginId).problemCode()).isEqualTo("login-already-used");
  }

  @Test
  void aLockedCodeEndsTheWaitWithLoginLocked() throws Exception {
    String username = uniqueName("locked");
    UUID userId = register(username, "correct horse battery");
    String loginId = loginId(username, "correct horse battery");

    long t0 = System.nanoTime();
    var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> session(loginId));
    Thread.sleep(300);
    publish(
        new OtpLocked(
            UUID.randomUUID(), clock.instant(), userId, loginId, OtpLocked.TOO_MANY_ATTEMPTS));
    Reply r = waiting.get(10, TimeUnit.SECONDS);
    long millis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(r.status()).as(r.body()).isEqualTo(410);
    assertThat(r.problemCode()).isEqualTo("login-locked");
    assertThat(r.header("Retry-After")).isEmpty();
    // woken by the lock, not given up after the 5 s wait
    assertThat(millis).isLessThan(4_000L);
    // and every later call is answered at once; an OtpVerified cannot revive it
    publish(otpVerified(userId, loginId));
    Thread.sleep(300);
    long t1 = System.nanoTime();
    Reply again = session(loginId);
    assertThat(again.problemCode()).isEqualTo("login-locked");
    assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(2));
  }

  @Test
  void aLoginIsExchangedForASessionOnlyOnceEvenWithDuplicateEvents() throws Exception {
    String username = uniqueName("dupes");
    UUID userId = register(username, "correct horse battery");
    String loginId = loginId(username, "correct horse battery");
    OtpVerified event = otpVerified(userId, loginId);

    try (var capture = EventCapture.of(bootstrap(), Topics.LOGIN_SUCCEEDED)) {
      publish(event);
      publish(event); // at-least-once delivery: the same event again
      assertThat(session(loginId).status()).isEqualTo(200);

      publish(event); // and once more after the session was issued
      publish(otpVerified(userId, loginId)); // a second, distinct completion
      Thread.sleep(500);
      Reply second = session(loginId);
      assertThat(second.status()).isEqualTo(409);
      assertThat(second.problemCode()).isEqualTo("login-already-used");

      Thread.sleep(500);
      assertThat(capture.events(LoginSucceeded.class))
          .filteredOn(e -> e.loginId().equals(loginId))
          .hasSize(1);
    }
  }

  /**
   * Regression: Spring negotiated the answer's type only after the handler, so {@code Accept:
   * application/xml} issued the session (Set-Cookie on the 406: the login was used up) and created
   * the account before answering 406. Now nothing happens, and the same requests with JSON work.
   */
  @Test
  void anAcceptWithoutJsonIsRefusedBeforeAnythingHappens() {
    String username = uniqueName("xml");
    Map<String, String> account =
        Map.of(
            "username",
            username,
            "password",
            "correct horse battery",
            "phone",
            PHONE,
            "displayName",
            "Tester " + username);
    Reply xmlRegister = postJson("/api/auth/register", account, "Accept", "application/xml");
    assertThat(xmlRegister.status()).isEqualTo(406);
    assertThat(xmlRegister.problemCode()).isEqualTo("not-acceptable");
    UUID userId = register(username, "correct horse battery");

    String loginId = loginId(username, "correct horse battery");
    publish(otpVerified(userId, loginId));
    Reply xmlSession =
        postJson(
            "/api/auth/session",
            Map.of("loginId", loginId),
            "Cookie",
            "pb_login=" + binding(loginId),
            "Accept",
            "application/xml");
    assertThat(xmlSession.status()).isEqualTo(406);
    assertThat(xmlSession.problemCode()).isEqualTo("not-acceptable");
    assertThat(setCookie(xmlSession, "pb_session")).isEmpty();

    Reply json = session(loginId);
    assertThat(json.status()).as(json.body()).isEqualTo(200);
    assertThat(sessionCookie(json)).isNotBlank();
  }

  @Test
  void anExpiredLoginIsGone() {
    String username = uniqueName("late");
    UUID userId = register(username, "correct horse battery");
    String loginId = loginId(username, "correct horse battery");

    clock.advance(Duration.ofMinutes(11));
    publish(otpVerified(userId, loginId)); // too late to complete it
    await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> true);

    long t0 = System.nanoTime();
    Reply r = session(loginId);
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.problemCode()).isEqualTo("login-expired");
  }

  @Test
  void anUnknownLoginIsGoneAfterTheWait() {
    // it might have been a passkey login whose event was not consumed yet, so it waits first
    long t0 = System.nanoTime();
    Reply r = session("AAAAAAAAAAAAAAAAAAAAAA");
    assertThat(r.status()).isEqualTo(410);
    assertThat(r.problemCode()).isEqualTo("login-expired");
    assertThat(Duration.ofNanos(System.nanoTime() - t0)).isGreaterThan(Duration.ofMillis(2_900));
  }

  @Test
  void anOtpEventForAnotherUserDoesNotCompleteTheLogin() {
    String username = uniqueName("victim");
    register(username, "correct horse battery");
    String loginId = loginId(username, "correct horse battery");

    publish(otpVerified(UUID.randomUUID(), loginId));

    Reply r = session(loginId);
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.problemCode()).isEqualTo("login-not-completed");
  }

  @Test
  void logoutRevokesTheSessionAndClearsTheCookie() {
    String token = fullLogin(uniqueName("leaver"), "correct horse battery");
    assertThat(me(token).status()).isEqualTo(200);

    Reply logout = post("/api/auth/logout", "", "Cookie", "pb_session=" + token);

    assertThat(logout.status()).isEqualTo(204);
    assertThat(logout.header("Set-Cookie"))
        .hasValueSatisfying(c -> assertThat(c).startsWith("pb_session=;").contains("Max-Age=0"));
    Reply after = me(token);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.problemCode()).isEqualTo("unauthenticated");

    String sid = sidOf(token);
    Long ttl = redis.getExpire("session:revoked:" + sid, TimeUnit.SECONDS);
    assertThat(ttl).isBetween(3_500L, 3_606L);
  }

  @Test
  void logoutWithoutASessionStillClearsTheCookie() {
    Reply r = post("/api/auth/logout", "");
    assertThat(r.status()).isEqualTo(204);
    assertThat(r.header("Set-Cookie")).hasValueSatisfying(c -> assertThat(c).contains("Max-Age=0"));
  }

  @Test
  void meRefusesMissingForgedAndForeignTokens() throws Exception {
    assertThat(get("/api/me").status()).isEqualTo(401);
    assertThat(me("not-a-jwt").status()).isEqualTo(401);

    // a well-formed ES256 token from a key that is not ours
    var foreign =
        dev.passbridge.auth.session.keys.SigningKey.generate(1, Instant.now(), Instant.now());
    var jwt =
        new SignedJWT(
            new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
                .keyID(foreign.kid())
                .type(com.nimbusds.jose.JOSEObjectType.JWT)
                .build(),
            new JWTClaimsSet.Builder()
                .issuer("https://passbridge.dev/auth")
                .subject(UUID.randomUUID().toString())
                .claim("sid", "AAAAAAAAAAAAAAAAAAAAAA")
                .issueTime(java.util.Date.from(clock.instant()))
                .expirationTime(java.util.Date.from(clock.instant().plusSeconds(600)))
                .build());
    jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner(foreign.jwk()));
    Reply r = me(jwt.serialize());
    assertThat(r.status()).isEqualTo(401);
    assertThat(r.problemCode()).isEqualTo("unauthenticated");
  }

  @Test
  void measuresTheLoginRoundTrip() {
    String username = uniqueName("timer");
    register(username, "correct horse battery");
    loginId(username, "correct horse battery"); // warm-up
    int n = 8;
    long[] ok = new long[n];
    long[] bad = new long[n];
    for (int i = 0; i < n; i++) {
      long t0 = System.nanoTime();
      assertThat(login(username, "correct horse battery").status()).isEqualTo(200);
      ok[i] = System.nanoTime() - t0;
      t0 = System.nanoTime();
      assertThat(login(uniqueName("ghost"), "correct horse battery").status()).isEqualTo(401);
      bad[i] = System.nanoTime() - t0;
    }
    java.util.Arrays.sort(ok);
    java.util.Arrays.sort(bad);
    System.out.printf(
        "login over HTTP (Argon2id m=19 MiB t=2 p=1, Redis, PostgreSQL, Kafka ack): success median %.1f ms,"
            + " unknown user median %.1f ms%n",
        ok[n / 2] / 1e6, bad[n / 2] / 1e6);
    assertThat(ok[n / 2]).isPositive();
  }

  private static String sidOf(String token) {
    try {
      return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("sid");
    } catch (java.text.ParseException e) {
      throw new AssertionError(e);
    }
  }

  @Autowired LoginTransactions transactions;

  /**
   * The Redis side of a login held for the browser's retry (PasswordLogin decides when; here: what
   * is stored and what is found): only for its user, only while it waits for its code, gone once
   * forgotten, and the pointer expires by itself.
   */
  @Test
  void aLoginHeldForARetryIsFoundOnlyForItsUserWhileItWaitsForItsCode() throws Exception {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    String bindingToken = LoginBinding.newToken();
    UUID user = UUID.randomUUID();
    UUID eventId = UUID.randomUUID();
    String loginId = LoginId.random().value();
    transactions.open(
        new LoginTransaction(
            loginId,
            user,
            LoginState.PASSWORD_OK,
            LoginMethod.PASSWORD_OTP,
            LoginTransaction.AMR_PASSWORD_OTP,
            "held",
            "Held",
            List.of("user"),
            now,
            now.plus(Duration.ofMinutes(10))),
        LoginBinding.digest(bindingToken),
        Duration.ofMinutes(10));
    String key = "auth:login-retry:" + UUID.randomUUID();
    String sealed = HeldBinding.seal(bindingToken, Tokens.newToken());
    transactions.holdForRetry(key, loginId, eventId, sealed, Duration.ofSeconds(150));
    assertThat(redis.opsForValue().get(key))
        .as("no token in the clear")
        .doesNotContain(bindingToken);

    var held = transactions.held(key, user, now).orElseThrow();
    assertThat(held.eventId()).isEqualTo(eventId);
    // the login's binding, sealed, for the retry that resumes it
    assertThat(held.sealedBinding()).isEqualTo(sealed);
    assertThat(held.transaction().loginId()).isEqualTo(loginId);
    assertThat(held.transaction().createdAt()).isEqualTo(now);
    assertThat(redis.getExpire(key, TimeUnit.SECONDS)).isBetween(140L, 150L);
    assertThat(transactions.held(key, UUID.randomUUID(), now)).isEmpty();
    assertThat(transactions.held("auth:login-retry:" + UUID.randomUUID(), user, now)).isEmpty();
    assertThat(transactions.held(key, user, now.plus(Duration.ofMinutes(11)))).isEmpty();

    // a hold written before the pointer held the binding token: not resumable (a new login)
    String old = "auth:login-retry:" + UUID.randomUUID();
    redis.opsForValue().set(old, loginId + " " + eventId, Duration.ofSeconds(150));
    assertThat(transactions.held(old, user, now)).isEmpty();

    transactions.complete(loginId, user, List.of("pwd", "otp"), now);
    assertThat(transactions.held(key, user, now)).as("completed").isEmpty();

    // concurrent resumes: exactly one takes the hold (and with it the binding)
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(8)) {
      var takes = new java.util.ArrayList<java.util.concurrent.Future<Boolean>>();
      for (int i = 0; i < 8; i++) {
        takes.add(pool.submit(() -> transactions.takeHold(key)));
      }
      long taken = 0;
      for (var take : takes) {
        taken += take.get() ? 1 : 0;
      }
      assertThat(taken).isEqualTo(1);
    }
    assertThat(redis.hasKey(key)).isFalse();
  }
}
