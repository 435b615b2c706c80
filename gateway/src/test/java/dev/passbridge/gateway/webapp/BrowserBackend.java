package dev.passbridge.gateway.webapp;

import dev.passbridge.gateway.support.StubService;
import dev.passbridge.gateway.support.StubService.Response;
import dev.passbridge.testsupport.TestSessions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Stub services that answer like the real ones (the HTTP API's shapes) for the browser tests:
 * registration, a password + OTP login for known usernames (wrong codes count down to a lock,
 * resends run out), an upgrade decision chosen by the test, a passkey list that grows on
 * registration, a passkey login, the funnel, the dev SMS outbox and the account's deletion (also
 * one that started but did not finish).
 */
final class BrowserBackend {
  static final String USER_ID = "3f2a6c1e-8d4b-4e55-9a77-0c1d2e3f4a5b";
  static final String USER_HANDLE = "dXNlci1oYW5kbGUtb2YtYWxpY2UtMzItYnl0ZXMtbG9uZw";
  static final String LOGIN_ID = "bG9naW4taWQtb2YtYWxpY2U";
  static final String CODE = "123456";
  static final int MAX_ATTEMPTS = 5;
  static final Instant CREATED = Instant.parse("2026-03-01T10:00:00Z");
  private static final JsonMapper JSON = JsonMapper.builder().build();

  final TestSessions sessions = new TestSessions("browser-key");
  final StubService auth = StubService.start("browser-auth");
  final StubService otp = StubService.start("browser-otp");
  final StubService passkey = StubService.start("browser-passkey");
  final StubService insights = StubService.start("browser-insights");
  final AtomicReference<String> upgradeAction = new AtomicReference<>("PROMPT");

  /** credential id -> name, in registration order. */
  final Map<String, String> passkeys = Collections.synchronizedMap(new LinkedHashMap<>());

  /** Passkeys listed without a name, provider or backup state (an AAGUID nobody knows). */
  final Set<String> providerUnknown = ConcurrentHashMap.newKeySet();

  /** username -> display name; any password is right for a known username. */
  final Map<String, String> accounts = new ConcurrentHashMap<>();

  final AtomicReference<String> signedIn = new AtomicReference<>("alice");

  /** Usernames whose {@code /api/me} lists the admin role. */
  final Set<String> admins = ConcurrentHashMap.newKeySet();

  /** The passkey login answers unknown-credential (the credential was deleted on the server). */
  final java.util.concurrent.atomic.AtomicBoolean loginUnknown =
      new java.util.concurrent.atomic.AtomicBoolean();

  final AtomicInteger wrongCodes = new AtomicInteger();

  /** The next right code is taken, but its answer is lost (the gateway's 504 upstream-timeout). */
  final java.util.concurrent.atomic.AtomicBoolean verifyAnswerLost =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The next resend sends a code, but its answer is lost (the gateway's 504 upstream-timeout). */
  final java.util.concurrent.atomic.AtomicBoolean resendAnswerLost =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * The login is complete: a right code was taken, or a passkey verified. Until then the session
   * exchange answers 409 login-not-completed, as auth-service does (after its wait).
   */
  final java.util.concurrent.atomic.AtomicBoolean loginComplete =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The next right code is lost on its way: the service never sees it (the gateway's 502). */
  final java.util.concurrent.atomic.AtomicBoolean verifyNeverArrives =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The next session exchange fails (503), the one after works. */
  final java.util.concurrent.atomic.AtomicBoolean sessionFailsOnce =
      new java.util.concurrent.atomic.AtomicBoolean();

  final AtomicInteger resendsLeft = new AtomicInteger(2);

  /** How long a password login's answer takes. */
  final AtomicInteger loginDelayMillis = new AtomicInteger();

  /** The next password login answers 503 service-unavailable (auth-service holds the login). */
  final java.util.concurrent.atomic.AtomicBoolean loginUnavailableOnce =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The next code answers 503 service-unavailable (Kafka did not acknowledge; not taken). */
  final java.util.concurrent.atomic.AtomicBoolean verifyUnavailableOnce =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The next resend answers 502 sms-rejected (the SMS provider refused the message). */
  final java.util.concurrent.atomic.AtomicBoolean resendRejectedOnce =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** The next funnel answer takes 2.5 s (an older request overtaken by a newer one). */
  final java.util.concurrent.atomic.AtomicBoolean funnelSlowOnce =
      new java.util.concurrent.atomic.AtomicBoolean();

  /** How long the right code's 204 takes (the code is taken at once). */
  final AtomicInteger verifyDelayMillis = new AtomicInteger();

  /** {@code GET /api/me} carries the user's WebAuthn user handle (as auth-service's does). */
  final java.util.concurrent.atomic.AtomicBoolean meHasUserHandle =
      new java.util.concurrent.atomic.AtomicBoolean();

  /**
   * What {@code DELETE /api/me} answers: 202 (the account, its passkeys and its sessions are gone,
   * the cookie is cleared), or 401, 502, 503 or 504 with the problem auth-service or the gateway
   * would send (nothing changed here).
   */
  final AtomicInteger deleteMeStatus = new AtomicInteger(202);

  /**
   * How many of the next {@code DELETE /api/me} answer 503 {@code erasure-incomplete} (with {@code
   * Retry-After: 1}, as auth-service does when the erasure is recorded but the account or the
   * sessions were not all finished) before {@link #deleteMeStatus} answers. The passkeys go (their
   * deletion has started), the account and the session stay, so the same request finishes it.
   */
  final AtomicInteger deleteMeIncomplete = new AtomicInteger();

  /**
   * The accounts auth-service's administrator erasure knows, by lower-case username: their user
   * ids. {@code root} is an administrator's account (409). An erased account's id is kept in {@link
   * #erasedIds} (a retry by id finishes it, as auth-service's does).
   */
  final Map<String, String> erasable = new ConcurrentHashMap<>();

  final Set<String> erasedIds = ConcurrentHashMap.newKeySet();

  /** How many of the next erasures answer 503 {@code erasure-incomplete} after the row is gone. */
  final AtomicInteger erasuresIncomplete = new AtomicInteger();

  /** The next erasure answers 403 {@code reauthentication-required} (nothing changed). */
  final java.util.concurrent.atomic.AtomicBoolean erasureNeedsSignIn =
      new java.util.concurrent.atomic.AtomicBoolean();

  BrowserBackend() {
    String jwks = TestSessions.jwksJson(sessions);
    auth.respond("GET /.well-known/jwks.json", Response.json(200, jwks));
    auth.respond(
        "POST /api/auth/register",
        request -> {
          JsonNode body = JSON.readTree(request.body());
          String username = body.path("username").asString("");
          if (username.isBlank()
              || accounts.putIfAbsent(username, body.path("displayName").asString("")) != null) {
            return problem(409, "username-taken", Map.of());
          }
          return Response.json(201, "{\"userId\":\"%s\"}".formatted(UUID.randomUUID()));
        });
    auth.respond(
        "POST /api/auth/login",
        request -> {
          String username = JSON.readTree(request.body()).path("username").asString("");
          if (!accounts.containsKey(username)) {
            return problem(401, "invalid-credentials", Map.of());
          }
          if (loginUnavailableOnce.getAndSet(false)) {
            return problem(503, "service-unavailable", Map.of());
          }
          signedIn.set(username);
          // a new login: its code is not used yet and has all its attempts (as otp-service's)
          loginComplete.set(false);
          wrongCodes.set(0);
          return Response.json(
                  200,
                  """
              {"loginId":"%s","next":"OTP","otp":{"channel":"SMS","maskedDestination":"+49******0001","expiresAt":"%s"}}
              """
                      .formatted(LOGIN_ID, Instant.now().plusSeconds(300)))
              .delayed(loginDelayMillis.get());
        });
    auth.respond(
        "POST /api/auth/session",
        request ->
            sessionFailsOnce.getAndSet(false)
                ? problem(503, "service-unavailable", Map.of())
                : !loginComplete.get()
                    ? problem(409, "login-not-completed", Map.of())
                    : new Response(
                        200,
                        Map.of(
                            "Content-Type",
                            "application/json",
                            "Set-Cookie",
                            "pb_session="
                                + sessions.session(
                                    UUID.fromString(USER_ID), LOGIN_ID, List.of("user", "admin"))
                                + "; Path=/; HttpOnly; SameSite=Strict"),
                        "{\"userId\":\"%s\",\"username\":\"alice\",\"displayName\":\"Alice\"}"
                            .formatted(USER_ID),
                        0));
    // without a session cookie the gateway answers /api/me with 401 itself (edge check)
    auth.respond(
        "GET /api/me",
        request ->
            Response.json(
                200,
                "{\"userId\":\"%s\",\"username\":\"%s\",\"displayName\":\"%s\",\"hasPasskey\":false,\"roles\":%s%s}"
                    .formatted(
                        USER_ID,
                        signedIn.get(),
                        accounts.get(signedIn.get()),
                        admins.contains(signedIn.get()) ? "[\"user\",\"admin\"]" : "[\"user\"]",
                        meHasUserHandle.get()
                            ? ",\"userHandle\":\"%s\"".formatted(USER_HANDLE)
                            : "")));
    auth.respond("POST /api/admin/account-erasures", this::eraseAsAdministrator);
    auth.respond(
        "DELETE /api/me",
        request -> {
          if (deleteMeIncomplete.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
            passkeys.clear();
            return problem(
                503,
                "erasure-incomplete",
                Map.of(
                    "detail",
                    "The erasure is recorded and under way, but not every step finished. Send the"
                        + " same request again to finish it."),
                Map.of("Retry-After", "1"));
          }
          int status = deleteMeStatus.get();
          if (status == 403) {
            return problem(
                403,
                "reauthentication-required",
                Map.of(
                    "detail",
                    "To delete your account, sign in again first: your last sign-in was more than"
                        + " 10 minutes ago."),
                Map.of());
          }
          if (status != 202) {
            return problem(
                status,
                switch (status) {
                  case 401 -> "unauthenticated";
                  case 502 -> "bad-gateway";
                  case 503 -> "service-unavailable";
                  case 504 -> "upstream-timeout";
                  default -> "internal-error";
                },
                Map.of());
          }
          accounts.remove(signedIn.get());
          passkeys.clear();
          return new Response(
              202,
              Map.of("Set-Cookie", "pb_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"),
              null,
              0);
        });
    signOutWorks();

    otp.respond(
        "POST /api/otp/verify",
        request -> {
          if (request.body().contains("\"" + CODE + "\"") && wrongCodes.get() < MAX_ATTEMPTS) {
            if (verifyNeverArrives.getAndSet(false)) {
              return problem(502, "bad-gateway", Map.of());
            }
            if (verifyUnavailableOnce.getAndSet(false)) {
              return problem(503, "service-unavailable", Map.of());
            }
            if (loginComplete.get()) {
              return problem(410, "otp-expired", Map.of()); // used: single use, as otp-service's
            }
            loginComplete.set(true);
            return verifyAnswerLost.getAndSet(false)
                ? problem(504, "upstream-timeout", Map.of())
                : new Response(204, Map.of(), null, verifyDelayMillis.get());
          }
          int wrong = wrongCodes.incrementAndGet();
          return wrong >= MAX_ATTEMPTS
              ? problem(429, "otp-locked", Map.of())
              : problem(400, "otp-invalid", Map.of("attemptsLeft", MAX_ATTEMPTS - wrong));
        });
    otp.respond(
        "POST /api/otp/resend",
        request -> {
          int left = resendsLeft.decrementAndGet();
          if (left < 0) {
            return problem(429, "otp-resend-limit", Map.of());
          }
          if (resendAnswerLost.getAndSet(false)) {
            return problem(504, "upstream-timeout", Map.of());
          }
          if (resendRejectedOnce.getAndSet(false)) {
            resendsLeft.incrementAndGet(); // given back, as otp-service does
            return problem(
                502,
                "sms-rejected",
                Map.of(
                    "reason",
                    "recipient",
                    "detail",
                    "This number cannot receive text messages. Update it or contact support."));
          }
          return Response.json(
              200,
              """
              {"channel":"SMS","maskedDestination":"+49******0002","expiresAt":"%s","resendsLeft":%d,"nextResendAt":"%s"}
              """
                  .formatted(Instant.now().plusSeconds(300), left, Instant.now().plusSeconds(5)));
        });
    otp.respond(
        "GET /api/dev/sms",
        request ->
            String.valueOf(request.query()).matches("loginId=[A-Za-z0-9_-]{16,64}")
                ? Response.json(
                    200,
                    "{\"to\":\"+4915110000001\",\"text\":\"Your Passbridge code is %1$s\",\"code\":\"%1$s\",\"sentAt\":\"%2$s\"}"
                        .formatted(CODE, Instant.now()))
                : problem(
                    400,
                    "validation-failed",
                    Map.of("errors", Map.of("loginId", "must be a login id"))));

    passkey.respond(
        "GET /api/passkeys/upgrade",
        request -> {
          String action = upgradeAction.get();
          if (action.equals("NONE")) {
            return Response.json(200, "{\"action\":\"NONE\",\"reason\":\"HAS_PASSKEY\"}");
          }
          return Response.json(
              200,
              """
              {"action":"%s","reason":null,"ceremonyId":"ceremony-1","publicKey":{
                "rp":{"id":"localhost","name":"Passbridge"},
                "user":{"id":"%s","name":"alice","displayName":"Alice"},
                "challenge":"Y2hhbGxlbmdlLWNoYWxsZW5nZS1jaGFsbGVuZ2UtMzI",
                "pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-8},{"type":"public-key","alg":-257}],
                "timeout":300000,
                "excludeCredentials":[],
                "authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"preferred"},
                "attestation":"none",
                "extensions":{"credProps":true}}}
              """
                  .formatted(action, USER_HANDLE));
        });
    passkey.respond(
        "POST /api/passkeys/registrations",
        request -> {
          String id = JSON.readTree(request.body()).at("/credential/id").asString();
          passkeys.put(id, "Chrome on Linux");
          return Response.json(
              201,
              "{\"credentialId\":\"%s\",\"name\":\"Chrome on Linux\",\"providerName\":\"Google Password Manager\"}"
                  .formatted(id));
        });
    passkey.respond(
        "GET /api/passkeys",
        request -> {
          List<String> items = new ArrayList<>();
          synchronized (passkeys) {
            passkeys.forEach(
                (id, name) ->
                    items.add(
                        providerUnknown.contains(id)
                            ? """
                              {"id":"%s","name":null,"providerName":null,"createdAt":"%s","lastUsedAt":null,"synced":false,"backupEligible":false,"transports":[]}
                              """
                                .formatted(id, CREATED)
                            : """
                              {"id":"%s","name":"%s","providerName":"Google Password Manager","createdAt":"%s","lastUsedAt":null,"synced":true,"backupEligible":true,"transports":["internal"]}
                              """
                                .formatted(id, name, CREATED)));
          }
          return Response.json(200, "[" + String.join(",", items) + "]");
        });
    passkey.respond(
        "PATCH /api/passkeys/*",
        request -> {
          String id = request.path().substring("/api/passkeys/".length());
          String name = JSON.readTree(request.body()).get("name").asString();
          // passkey-service's rule: no control, format, ... characters, but ZWJ and ZWNJ
          if (!name.matches(
              "(?:[^\\p{Cc}\\p{Cf}\\p{Cs}\\p{Zl}\\p{Zp}\\p{Co}]|[\\u200C\\u200D])+")) {
            return problem(
                400,
                "validation-failed",
                Map.of(
                    "detail",
                    "The request is not valid.",
                    "errors",
                    Map.of(
                        "name",
                        "must not contain control, format, line separator, private-use or"
                            + " unpaired surrogate characters")));
          }
          passkeys.put(id, name);
          return Response.json(200, "{}");
        });
    passkey.respond(
        "DELETE /api/passkeys/*",
        request -> {
          passkeys.remove(request.path().substring("/api/passkeys/".length()));
          return new Response(204, Map.of(), null, 0);
        });
    passkey.respond("POST /api/passkeys/upgrade/outcome", new Response(204, Map.of(), null, 0));
    passkey.respond(
        "POST /api/passkeys/login/options",
        Response.json(
            200,
            "{\"ceremonyId\":\"login-ceremony\",\"publicKey\":{\"challenge\":\"bG9naW4tY2hhbGxlbmdl\",\"rpId\":\"localhost\",\"allowCredentials\":[],\"userVerification\":\"preferred\",\"timeout\":300000}}"));
    passkey.respond(
        "POST /api/passkeys/login",
        request ->
            loginUnknown.get()
                ? problem(
                    400,
                    "unknown-credential",
                    Map.of(
                        "credentialId",
                        JSON.readTree(request.body()).at("/credential/id").asString()))
                : passkeyLogin());

    insights.respond(
        "GET /api/insights/funnel",
        request -> {
          // the range 2026-01-01.. is another platform's, so a page can tell which answer it drew
          String platform =
              String.valueOf(request.query()).contains("from=2026-01-01")
                  ? "Windows / Edge"
                  : "Mac OS / Safari";
          return Response.json(
                  200,
                  """
            {"from":"2026-03-01","to":"2026-03-07",
             "total":{"passwordLogins":40,"secondFactorPassed":36,"eligible":{"CONDITIONAL":12,"PROMPT":8},
                      "skipped":{"HAS_PASSKEY":9,"NOT_AUTOFILLED":7},"upgradeFailed":{"AbortError":3},
                      "passkeysCreated":{"CONDITIONAL":10,"PROMPT":5},"passkeyLogins":20,"firstPasskeyLogins":9},
             "platforms":[{"platform":"%s","counts":{"passwordLogins":25,"secondFactorPassed":22,"eligible":{"CONDITIONAL":12},"skipped":{},"upgradeFailed":{},"passkeysCreated":{"CONDITIONAL":10},"passkeyLogins":12,"firstPasskeyLogins":6}}],
             "days":[]}
            """
                      .formatted(platform))
              .delayed(funnelSlowOnce.getAndSet(false) ? 2500 : 0);
        });
  }

  /** As auth-service's {@code POST /api/admin/account-erasures} answers (the body's one field). */
  private Response eraseAsAdministrator(StubService.Received request) {
    if (erasureNeedsSignIn.getAndSet(false)) {
      return problem(
          403,
          "reauthentication-required",
          Map.of(
              "detail",
              "To erase an account, sign in again first: your last sign-in was more than 10"
                  + " minutes ago."));
    }
    JsonNode body = JSON.readTree(request.body());
    if (body.has("userId")) {
      String id = body.path("userId").asString();
      return erasedIds.contains(id)
          ? Response.json(
              202, "{\"userId\":\"%s\",\"accountErased\":false,\"sessionsEnded\":1}".formatted(id))
          : problem(404, "not-found", Map.of());
    }
    String name = body.path("username").asString("").strip().toLowerCase(java.util.Locale.ROOT);
    if (name.equals("root")) {
      return problem(409, "administrator-account", Map.of());
    }
    String id = erasable.remove(name);
    if (id == null) {
      return problem(404, "account-not-found", Map.of());
    }
    erasedIds.add(id);
    if (erasuresIncomplete.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
      return problem(503, "erasure-incomplete", Map.of("userId", id), Map.of("Retry-After", "1"));
    }
    return Response.json(
        202, "{\"userId\":\"%s\",\"accountErased\":true,\"sessionsEnded\":2}".formatted(id));
  }

  private static Response problem(int status, String code, Map<String, Object> extra) {
    return problem(status, code, extra, Map.of());
  }

  private static Response problem(
      int status, String code, Map<String, Object> extra, Map<String, String> headers) {
    Map<String, String> allHeaders = new LinkedHashMap<>(headers);
    allHeaders.put("Content-Type", "application/problem+json");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", "https://passbridge.dev/problems/" + code);
    body.put("title", code);
    body.put("status", status);
    body.put("code", code);
    body.putAll(extra);
    return new Response(status, Map.copyOf(allHeaders), JSON.writeValueAsString(body), 0);
  }

  private Response passkeyLogin() {
    loginComplete.set(true);
    return Response.json(200, "{\"loginId\":\"%s\"}".formatted(LOGIN_ID));
  }

  /** Like auth-service: the cookie is cleared (the session is revoked there too). */
  void signOutWorks() {
    auth.respond(
        "POST /api/auth/logout",
        new Response(
            204,
            Map.of("Set-Cookie", "pb_session=; Path=/; Max-Age=0; HttpOnly; SameSite=Strict"),
            null,
            0));
  }

  void register(DynamicPropertyRegistry registry) {
    String simple = "spring.cloud.discovery.client.simple.instances.";
    registry.add(simple + "auth-service[0].uri", auth::uri);
    registry.add(simple + "otp-service[0].uri", otp::uri);
    registry.add(simple + "passkey-service[0].uri", passkey::uri);
    registry.add(simple + "intelligence-service[0].uri", insights::uri);
  }

  void reset(String action) {
    upgradeAction.set(action);
    passkeys.clear();
    providerUnknown.clear();
    accounts.clear();
    accounts.put("alice", "Alice");
    signedIn.set("alice");
    admins.clear();
    admins.add("alice");
    loginUnknown.set(false);
    wrongCodes.set(0);
    verifyAnswerLost.set(false);
    verifyNeverArrives.set(false);
    loginComplete.set(false);
    resendAnswerLost.set(false);
    sessionFailsOnce.set(false);
    loginUnavailableOnce.set(false);
    verifyUnavailableOnce.set(false);
    resendRejectedOnce.set(false);
    verifyDelayMillis.set(0);
    loginDelayMillis.set(0);
    funnelSlowOnce.set(false);
    resendsLeft.set(2);
    meHasUserHandle.set(false);
    deleteMeStatus.set(202);
    deleteMeIncomplete.set(0);
    erasable.clear();
    erasedIds.clear();
    erasuresIncomplete.set(0);
    erasureNeedsSignIn.set(false);
    List.of(auth, otp, passkey, insights).forEach(StubService::reset);
  }
}
