package dev.passbridge.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.journeysupport.Clients;
import dev.passbridge.reliability.support.Answers;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.RawHttp;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.reliability.support.Users.Account;
import dev.passbridge.system.Browser;
import dev.passbridge.testsupport.EventCapture;
import java.net.HttpCookie;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Security properties of the running system, through the gateway (and, for CSRF, also straight at a
 * service instance): OTP brute force, login enumeration by status, body and timing, session
 * tampering, CSRF, rate limits, security headers.
 */
@Order(10)
class SecurityIT {
  static ReliabilityCluster cluster;
  static RawHttp http;
  static final Answers answers =
      new Answers("security probes (tampered sessions, CSRF, brute force)");

  @BeforeAll
  static void start() {
    cluster = ReliabilityCluster.get();
    http = new RawHttp(cluster.url());
  }

  @AfterAll
  static void report() throws Exception {
    answers.report();
    LogCheck.assertClean(cluster);
  }

  // ------------------------------------------------------------------------------ OTP

  @Test
  void otpBruteForceLocksTheLoginAfterFiveWrongCodesAndTheRightCodeNoLongerWorks()
      throws Exception {
    Account account = Users.register(cluster);
    Browser browser = account.browser();
    try (EventCapture locked = EventCapture.of(cluster.bootstrapServers(), Topics.OTP_LOCKED)) {
      Browser.Response login =
          browser.post(
              "/api/auth/login",
              Map.of(
                  "username", account.username(),
                  "password", account.password(),
                  "client", Browser.client(false, Map.of())));
      String loginId = login.text("loginId");
      String code = Users.code(cluster, browser, loginId);
      String wrong = code.equals("000000") ? "111111" : "000000";
      for (int attempt = 1; attempt <= 4; attempt++) {
        Browser.Response r =
            answers.expect(
                browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", wrong)),
                400,
                "otp-invalid");
        assertThat(r.body().path("attemptsLeft").asInt()).isEqualTo(5 - attempt);
      }
      answers.expect(
          browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", wrong)),
          429,
          "otp-locked");
      // the right code, now: still locked; the session cannot be had
      answers.expect(
          browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", code)),
          429,
          "otp-locked");
      Browser.Response session = browser.post("/api/auth/session", Map.of("loginId", loginId));
      answers.count(session);
      assertThat(session.status()).as("session after lockout %s", session).isIn(409, 410);
      assertThat(browser.cookie("pb_session")).isNull();
      locked.await(OtpLocked.class, e -> e.loginId().equals(loginId), Duration.ofSeconds(15));
      Thread.sleep(300);
      assertThat(locked.events(OtpLocked.class).stream().filter(e -> e.loginId().equals(loginId)))
          .as("OtpLocked announced once")
          .hasSize(1);
    }
    Report.security(
        "OTP brute force",
        "4 × 400 `otp-invalid` (attempts left 4→1), 5th → 429 `otp-locked`, then the right code"
            + " → 429, no session; `OtpLocked` once. At most 5 guesses per login (p = 5·10⁻⁶)");
  }

  // ------------------------------------------------------------------------------ enumeration

  @Test
  void unknownUserAndWrongPasswordLookTheSameInStatusBodyAndTime() {
    List<Account> accounts = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      accounts.add(Users.register(cluster));
    }
    int rounds = 12;
    long[] wrongNanos = new long[rounds];
    long[] unknownNanos = new long[rounds];
    Browser.Response wrong = null;
    Browser.Response unknown = null;
    for (int i = 0; i < rounds; i++) {
      Account account = accounts.get(i % accounts.size());
      Browser attacker = Clients.browser(cluster.url());
      long t0 = System.nanoTime();
      wrong = attemptLogin(attacker, account.username(), Clients.password());
      wrongNanos[i] = System.nanoTime() - t0;
      t0 = System.nanoTime();
      unknown = attemptLogin(attacker, Clients.username(), Clients.password());
      unknownNanos[i] = System.nanoTime() - t0;
      assertThat(wrong.status()).isEqualTo(unknown.status()).isEqualTo(401);
      assertThat(wrong.body()).isEqualTo(unknown.body());
      assertThat(wrong.headers().map().keySet()).isEqualTo(unknown.headers().map().keySet());
    }
    double wrongMedian = median(wrongNanos) / 1e6;
    double unknownMedian = median(unknownNanos) / 1e6;
    double ratio = unknownMedian / wrongMedian;
    Report.security(
        "login enumeration (status, body, timing)",
        String.format(
            "same status (401), same body, same headers in %d pairs; median %.0f ms (wrong"
                + " password) vs %.0f ms (unknown user), ratio %.2f",
            rounds, wrongMedian, unknownMedian, ratio));
    // Argon2id (~100+ ms) on one path and not the other would give a ratio far below 0.5
    assertThat(ratio).as("unknown/wrong median time").isBetween(0.6, 1.67);
  }

  @Test
  void theUsernameLockoutTreatsUnknownAndKnownUsersAlike() {
    Account account = Users.register(cluster);
    String unknownName = Clients.username();
    List<Integer> known = new ArrayList<>();
    List<Integer> unknown = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      // a new address each time: only the per-username limit can apply
      known.add(
          attemptLogin(Clients.browser(cluster.url()), account.username(), Clients.password())
              .status());
      unknown.add(
          attemptLogin(Clients.browser(cluster.url()), unknownName, Clients.password()).status());
    }
    assertThat(known).isEqualTo(unknown);
    assertThat(known.subList(0, 10)).containsOnly(401);
    assertThat(known.get(10)).isEqualTo(429);
    Report.security(
        "login enumeration by lockout",
        "a known and an unknown username get the same answers: 10 × 401, then 429 (per-username"
            + " limit, from 11 different addresses)");
  }

  static Browser.Response attemptLogin(Browser browser, String username, String password) {
    return answers.count(
        browser.post(
            "/api/auth/login",
            Map.of(
                "username", username,
                "password", password,
                "client", Browser.client(true, Map.of()))));
  }

  static double median(long[] values) {
    long[] sorted = values.clone();
    java.util.Arrays.sort(sorted);
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
  }

  // ------------------------------------------------------------------------------ sessions

  @Test
  void tamperedForeignExpiredAndRevokedSessionsAreRefused() throws Exception {
    Account account = Users.register(cluster);
    Users.signIn(cluster, account, Map.of());
    String token = account.browser().cookie("pb_session");
    SignedJWT real = SignedJWT.parse(token);
    JWTClaimsSet claims = real.getJWTClaimsSet();
    String kid = real.getHeader().getKeyID();
    assertThat(sessionAnswer(token, "/api/me")).as("the genuine token works").isEqualTo(200);
    assertThat(sessionAnswer(token, "/api/passkeys")).isEqualTo(200);

    JWTClaimsSet asAdmin =
        new JWTClaimsSet.Builder(claims).claim("roles", List.of("user", "admin")).build();
    Map<String, String> forged = new java.util.LinkedHashMap<>();
    forged.put("alg none", unsigned(asAdmin));
    forged.put(
        "payload changed (admin role), signature kept",
        real.getParsedParts()[0]
            + "."
            + Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(asAdmin.toString().getBytes(StandardCharsets.UTF_8))
            + "."
            + real.getParsedParts()[2]);
    ECKey attacker = new ECKeyGenerator(Curve.P_256).keyID(kid).generate();
    forged.put("signed with a foreign key under the real kid", es256(attacker, kid, asAdmin));
    forged.put(
        "signed with a foreign key and kid",
        es256(attacker, "attacker-" + UUID.randomUUID(), asAdmin));
    forged.put("HS256 with the public key as secret", hs256(kid, asAdmin));
    ECKey signingKey = realSigningKey(kid);
    forged.put(
        "expired (signed with the real key)",
        es256(
            signingKey,
            kid,
            new JWTClaimsSet.Builder(claims)
                .issueTime(Date.from(Instant.now().minus(Duration.ofHours(3))))
                .expirationTime(Date.from(Instant.now().minus(Duration.ofHours(2))))
                .build()));
    forged.put(
        "wrong issuer (signed with the real key)",
        es256(
            signingKey,
            kid,
            new JWTClaimsSet.Builder(claims).issuer("https://evil.example").build()));
    // control: the real key with the real claims is accepted, so the refusals above are real
    assertThat(sessionAnswer(es256(signingKey, kid, claims), "/api/me")).isEqualTo(200);

    for (var entry : forged.entrySet()) {
      for (String path : List.of("/api/me", "/api/passkeys", "/api/insights/funnel")) {
        int status = sessionAnswer(entry.getValue(), path);
        assertThat(status).as("%s on %s", entry.getKey(), path).isEqualTo(401);
      }
    }
    assertThat(sessionAnswer(token, "/api/insights/funnel"))
        .as("a user on an admin route")
        .isEqualTo(403);

    // revoked: log out, then replay the old cookie
    assertThat(account.browser().post("/api/auth/logout", Map.of()).status()).isEqualTo(204);
    for (String path : List.of("/api/me", "/api/passkeys", "/api/passkeys/upgrade")) {
      assertThat(sessionAnswer(token, path)).as("revoked session on %s", path).isEqualTo(401);
    }
    Report.security(
        "session tampering",
        "401 for alg none, changed payload, foreign key (real or own kid), HS256 confusion,"
            + " expired, wrong issuer, and a revoked (logged-out) session, on /api/me,"
            + " /api/passkeys, /api/insights; the genuine token and a control signed with the real"
            + " key work; a user on an admin route → 403");
  }

  static int sessionAnswer(String token, String path) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Cookie", "pb_session=" + token);
    headers.put("X-Forwarded-For", Clients.nextAddress());
    RawHttp.Answer a = http.send("GET", path, headers, (byte[]) null);
    answers.count(a.status());
    return a.status();
  }

  static String unsigned(JWTClaimsSet claims) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    return b64.encodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
        + "."
        + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8))
        + ".";
  }

  static String es256(ECKey key, String kid, JWTClaimsSet claims) throws Exception {
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(kid).type(JOSEObjectType.JWT).build(),
            claims);
    jwt.sign(new ECDSASigner(key));
    return jwt.serialize();
  }

  static String hs256(String kid, JWTClaimsSet claims) throws Exception {
    String jwks = http.send("GET", "/.well-known/jwks.json", Map.of(), (byte[]) null).body();
    byte[] secret = jwks.getBytes(StandardCharsets.UTF_8);
    SignedJWT jwt =
        new SignedJWT(
            new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).type(JOSEObjectType.JWT).build(),
            claims);
    jwt.sign(new MACSigner(secret));
    return jwt.serialize();
  }

  /** auth-service's private key, read from its database (stored in the clear in this setup). */
  static ECKey realSigningKey(String kid) throws Exception {
    try (Connection c = cluster.jdbc("auth-service");
        var s =
            c.prepareStatement("select private_jwk, encrypted from signing_key where kid = ?")) {
      s.setString(1, kid);
      try (var rs = s.executeQuery()) {
        assertThat(rs.next()).as("signing key %s", kid).isTrue();
        assertThat(rs.getBoolean("encrypted")).isFalse();
        return ECKey.parse(rs.getString("private_jwk"));
      }
    }
  }

  // ------------------------------------------------------------------------------ CSRF

  @Test
  void stateChangingRequestsWithoutAnAllowedOriginAreRefusedAtTheGatewayAndAtTheServices() {
    Account account = Users.register(cluster);
    Users.signIn(cluster, account, Map.of());
    String cookie = "pb_session=" + account.browser().cookie("pb_session");
    String username = Clients.username();
    String register =
        RawHttp.json(Clients.registration(username, Clients.password(), Clients.phone()));
    List<String[]> requests =
        List.of(
            new String[] {"POST", "/api/auth/register", register},
            new String[] {"POST", "/api/auth/login", "{\"username\":\"x\",\"password\":\"y\"}"},
            new String[] {
              "POST",
              "/api/otp/verify",
              "{\"loginId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"code\":\"123456\"}"
            },
            new String[] {"POST", "/api/auth/logout", "{}"},
            new String[] {"POST", "/api/passkeys/login/options", "{}"},
            new String[] {"DELETE", "/api/passkeys/some-id", null},
            new String[] {"PUT", "/api/insights/rules", "{}"});
    List<String> origins =
        List.of("", "null", "https://evil.example", cluster.url() + ".evil.example");
    int refused = 0;
    for (String[] request : requests) {
      for (String foreign : origins) {
        Map<String, String> headers = new HashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("Cookie", cookie);
        headers.put("X-Forwarded-For", Clients.nextAddress());
        if (!foreign.isEmpty()) {
          headers.put("Origin", foreign);
        }
        RawHttp.Answer a = http.send(request[0], request[1], headers, request[2]);
        answers.count(a.status());
        assertThat(a.status())
            .as("%s %s from %s: %s", request[0], request[1], foreign, a)
            .isEqualTo(403);
        assertThat(a.problemType()).isEqualTo("https://passbridge.dev/problems/origin-not-allowed");
        refused++;
      }
    }
    // defence in depth: the services refuse it too when reached directly (inside the network)
    for (String service : ReliabilityCluster.SERVICES) {
      for (String base : List.of(cluster.first(service), cluster.second(service).url())) {
        RawHttp direct = new RawHttp(base);
        RawHttp.Answer a =
            direct.send(
                "POST",
                "/api/auth/logout",
                Map.of("Content-Type", "application/json", "Origin", "https://evil.example"),
                "{}");
        answers.count(a.status());
        assertThat(a.status()).as("%s directly: %s", base, a).isEqualTo(403);
        refused++;
      }
    }
    assertThat(
            cluster.count(
                "auth-service", "SELECT COUNT(*) FROM user_account WHERE username = ?", username))
        .as("the refused registration stored nothing")
        .isZero();
    // the session is still valid: the refused logout did nothing
    assertThat(sessionAnswer(cookie.substring("pb_session=".length()), "/api/me")).isEqualTo(200);

    // the cookie itself: HttpOnly, Secure, SameSite=Strict, Path=/
    Account other = Users.register(cluster);
    Browser.Response login =
        other
            .browser()
            .post(
                "/api/auth/login",
                Map.of("username", other.username(), "password", other.password()));
    String loginId = login.text("loginId");
    String code = Users.code(cluster, other.browser(), loginId);
    other.browser().post("/api/otp/verify", Map.of("loginId", loginId, "code", code));
    Browser.Response session =
        other.browser().post("/api/auth/session", Map.of("loginId", loginId));
    String setCookie = session.headers().firstValue("Set-Cookie").orElseThrow();
    HttpCookie parsed = HttpCookie.parse(setCookie).getFirst();
    assertThat(parsed.isHttpOnly()).isTrue();
    assertThat(parsed.getSecure()).isTrue();
    assertThat(parsed.getPath()).isEqualTo("/");
    assertThat(setCookie).containsIgnoringCase("SameSite=Strict");
    Report.security(
        "CSRF (missing, `null`, foreign, look-alike Origin)",
        refused
            + " state-changing requests refused with 403 `origin-not-allowed` (7 endpoints × 4"
            + " origins at the gateway, plus every instance directly); nothing stored; cookie"
            + " HttpOnly, Secure, SameSite=Strict");
  }

  // ------------------------------------------------------------------------------ rate limits

  @Test
  void everyRateLimitRuleRefusesTheRequestOverItsLimitPerAddress() {
    record Rule(String name, String path, String body, int limit) {}
    List<Rule> rules =
        List.of(
            new Rule("register", "/api/auth/register", "{\"username\":\"x\"}", 5),
            new Rule("login", "/api/auth/login", "{\"username\":\"x\"}", 10),
            new Rule("otp-verify", "/api/otp/verify", "{\"loginId\":\"x\"}", 10),
            new Rule("otp-resend", "/api/otp/resend", "{\"loginId\":\"x\"}", 5),
            new Rule("passkey-login-options", "/api/passkeys/login/options", "{}", 30),
            new Rule("passkey-login", "/api/passkeys/login", "{\"ceremonyId\":\"x\"}", 20));
    StringBuilder summary = new StringBuilder();
    for (Rule rule : rules) {
      String address = Clients.nextAddress();
      Map<String, String> headers = new HashMap<>();
      headers.put("Content-Type", "application/json");
      headers.put("Origin", cluster.url());
      headers.put("X-Forwarded-For", address);
      for (int i = 1; i <= rule.limit(); i++) {
        RawHttp.Answer a = http.send("POST", rule.path(), headers, rule.body());
        answers.count(a.status());
        assertThat(a.status()).as("%s request %d: %s", rule.name(), i, a).isNotEqualTo(429);
      }
      RawHttp.Answer over = http.send("POST", rule.path(), headers, rule.body());
      answers.count(over.status());
      assertThat(over.status()).as("%s over the limit: %s", rule.name(), over).isEqualTo(429);
      assertThat(over.problemType()).isEqualTo("https://passbridge.dev/problems/rate-limited");
      assertThat(over.headers().firstValue("Retry-After")).isPresent();
      // another address is not affected
      headers.put("X-Forwarded-For", Clients.nextAddress());
      RawHttp.Answer other = http.send("POST", rule.path(), headers, rule.body());
      assertThat(other.status()).as("%s from another address", rule.name()).isNotEqualTo(429);
      summary.append(rule.name()).append(" ").append(rule.limit()).append("; ");
    }
    Report.security(
        "rate limits (per client address, production values)",
        "request limit+1 → 429 `rate-limited` + Retry-After, another address unaffected: "
            + summary.toString().trim());
  }

  // ------------------------------------------------------------------------------ headers

  @Test
  void responsesCarryStrictSecurityHeadersAndInternalsAreNotRouted() {
    Map<String, String> tls = Map.of("X-Forwarded-Proto", "https");
    RawHttp.Answer page = http.send("GET", "/", tls, (byte[]) null);
    RawHttp.Answer api = http.send("GET", "/.well-known/jwks.json", tls, (byte[]) null);
    RawHttp.Answer problem = http.send("GET", "/api/me", tls, (byte[]) null);
    assertThat(page.status()).isEqualTo(200);
    assertThat(problem.status()).isEqualTo(401);
    for (RawHttp.Answer a : List.of(page, api, problem)) {
      var h = a.headers();
      assertThat(h.firstValue("Content-Security-Policy").orElse(""))
          .contains("default-src 'self'", "frame-ancestors 'none'", "object-src 'none'")
          .doesNotContain("unsafe-inline", "unsafe-eval");
      assertThat(h.firstValue("X-Content-Type-Options")).hasValue("nosniff");
      assertThat(h.firstValue("X-Frame-Options")).hasValue("DENY");
      assertThat(h.firstValue("Referrer-Policy")).isPresent();
      assertThat(h.firstValue("Permissions-Policy").orElse("")).contains("camera=()");
      assertThat(h.firstValue("Cross-Origin-Opener-Policy")).hasValue("same-origin");
      assertThat(h.firstValue("Strict-Transport-Security").orElse("")).startsWith("max-age=");
      assertThat(h.firstValue("Server")).isEmpty();
      assertThat(h.firstValue("X-Powered-By")).isEmpty();
    }
    assertThat(problem.headers().firstValue("Cache-Control")).hasValue("no-store");
    for (String internal :
        List.of("/actuator/health", "/actuator/env", "/actuator/prometheus", "/api/actuator/env")) {
      RawHttp.Answer a = http.send("GET", internal, Map.of(), (byte[]) null);
      answers.count(a.status());
      assertThat(a.status()).as("%s through the gateway: %s", internal, a).isEqualTo(404);
    }
    Report.security(
        "security headers",
        "CSP (default-src 'self', frame-ancestors 'none', no unsafe-inline/eval), nosniff,"
            + " X-Frame-Options DENY, Referrer-Policy, Permissions-Policy, COOP, HSTS behind TLS,"
            + " no Server header, `no-store` on API answers; actuator never routed (404)");
  }
}
