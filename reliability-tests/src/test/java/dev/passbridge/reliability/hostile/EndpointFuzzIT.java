package dev.passbridge.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.converter.util.ObjectConverter;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.journeysupport.Clients;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.reliability.support.Answers;
import dev.passbridge.reliability.support.KafkaClients;
import dev.passbridge.reliability.support.LogCapture;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.RawHttp;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.reliability.support.Users.Account;
import dev.passbridge.testsupport.EventCapture;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property-based fuzzing (jqwik) of every public endpoint through the gateway: random and malformed
 * JSON, wrong types and missing fields, fuzzed WebAuthn responses (base64url, CBOR attestation
 * objects, clientDataJSON, authenticator data) against live ceremonies, wrong content types, huge
 * and deeply nested bodies, random paths and methods, hostile headers and query parameters.
 *
 * <p>Every answer must be below 500; every input that is malformed by construction must get a 4xx
 * that is an RFC 9457 problem with a stable type; and afterwards nothing was stored: no account, no
 * passkey, no outbox entry, no login or passkey event, the admin rules unchanged.
 */
class EndpointFuzzIT {
  static ReliabilityCluster cluster;
  static RawHttp http;
  static String origin;
  static String userCookie;
  static String adminCookie;
  static String userId;
  static String realCredentialId;
  static long accountsBefore;
  static long credentialsBefore;
  static long rulesVersionBefore;
  static EventCapture events;
  static final ConcurrentLinkedDeque<String> ceremonies = new ConcurrentLinkedDeque<>();
  static final Map<String, Answers> tallies = new ConcurrentHashMap<>();
  static final ObjectConverter CONVERTER = new ObjectConverter();

  /** The public endpoints that take a JSON body, with the session they need and their fields. */
  enum Target {
    REGISTER(
        "POST", "/api/auth/register", Auth.NONE, "username", "password", "phone", "displayName"),
    LOGIN("POST", "/api/auth/login", Auth.NONE, "username", "password", "client"),
    SESSION("POST", "/api/auth/session", Auth.NONE, "loginId"),
    OTP_VERIFY("POST", "/api/otp/verify", Auth.NONE, "loginId", "code"),
    OTP_RESEND("POST", "/api/otp/resend", Auth.NONE, "loginId"),
    PASSKEY_REGISTRATION(
        "POST", "/api/passkeys/registrations", Auth.USER, "ceremonyId", "credential"),
    UPGRADE_OUTCOME("POST", "/api/passkeys/upgrade/outcome", Auth.USER, "ceremonyId", "errorName"),
    PASSKEY_LOGIN("POST", "/api/passkeys/login", Auth.NONE, "ceremonyId", "credential"),
    RENAME("PATCH", "/api/passkeys/{credential}", Auth.USER, "name"),
    RULES(
        "PUT",
        "/api/insights/rules",
        Auth.ADMIN,
        "rolloutPercent",
        "maxPrompts",
        "notAllowedCooldown");

    final String method;
    final String path;
    final Auth auth;
    final List<String> fields;

    Target(String method, String path, Auth auth, String... fields) {
      this.method = method;
      this.path = path;
      this.auth = auth;
      this.fields = List.of(fields);
    }
  }

  enum Auth {
    NONE,
    USER,
    ADMIN
  }

  @BeforeContainer
  static void prepare() throws Exception {
    cluster = ReliabilityCluster.get();
    origin = cluster.url();
    http = new RawHttp(origin);
    Account user = Users.register(cluster);
    userId = user.userId();
    Users.signIn(cluster, user, Users.CONDITIONAL);
    var upgrade = Users.upgrade(user.browser(), "CONDITIONAL_CREATE");
    var device =
        new SoftwarePasskeyAuthenticator(origin, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
    var credential = device.register(upgrade.path("publicKey"), Kind.NONE, Flags.conditional());
    var created =
        user.browser()
            .post(
                "/api/passkeys/registrations",
                Map.of(
                    "ceremonyId", upgrade.path("ceremonyId").asString(), "credential", credential));
    assertThat(created.status()).isEqualTo(201);
    realCredentialId = credential.path("id").asString();
    userCookie = "pb_session=" + user.browser().cookie("pb_session");

    var admin = Clients.browser(origin);
    var login =
        admin.post(
            "/api/auth/login",
            Map.of(
                "username",
                "admin",
                "password",
                "passbridge-admin-1",
                "client",
                dev.passbridge.system.Browser.client(false, Map.of())));
    assertThat(login.status()).as("admin login %s", login).isEqualTo(200);
    String adminLogin = login.text("loginId");
    String code = Users.code(cluster, admin, adminLogin);
    assertThat(admin.post("/api/otp/verify", Map.of("loginId", adminLogin, "code", code)).status())
        .isEqualTo(204);
    assertThat(admin.post("/api/auth/session", Map.of("loginId", adminLogin)).status())
        .isEqualTo(200);
    adminCookie = "pb_session=" + admin.cookie("pb_session");
    rulesVersionBefore = admin.get("/api/insights/rules").body().path("version").asLong();

    // live registration ceremonies for the fuzzed credentials: this test plays intelligence-service
    UUID user0 = UUID.fromString(userId);
    List<PasskeyEligible> eligible = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      eligible.add(
          new PasskeyEligible(
              UUID.randomUUID(),
              Instant.now(),
              user0,
              Clients.random(22),
              UpgradeMode.CONDITIONAL,
              List.of(new RuleResult("fuzz", true, "stand-in decision")),
              user.username(),
              "Fuzz",
              Base64.getUrlEncoder().withoutPadding().encodeToString(new byte[32]),
              new Platform("Mac OS", null, "Chrome", "140", "Desktop")));
    }
    KafkaClients.publish(cluster.bootstrapServers(), eligible.toArray(PasskeyEligible[]::new));
    long deadline = System.nanoTime() + 30_000_000_000L;
    Set<String> keys = Set.of();
    while (System.nanoTime() < deadline) {
      keys = Set.copyOf(cluster.redis().keys("passkey:reg:" + userId + ":*"));
      if (keys.size() >= 60) {
        break;
      }
      Thread.sleep(100);
    }
    keys.forEach(k -> ceremonies.add(k.substring(k.lastIndexOf(':') + 1)));
    assertThat(ceremonies).hasSizeGreaterThanOrEqualTo(60);

    // from here on, nothing the fuzzer sends may create an account, a login, a passkey or an event
    events =
        EventCapture.of(
            cluster.bootstrapServers(),
            Topics.PASSWORD_AUTHENTICATED,
            Topics.OTP_VERIFIED,
            Topics.PASSKEY_CREATED,
            Topics.PASSKEY_DELETED,
            Topics.PASSKEY_AUTHENTICATED);
    accountsBefore = cluster.count("auth-service", "SELECT COUNT(*) FROM user_account");
    credentialsBefore = cluster.count("passkey-service", "SELECT COUNT(*) FROM passkey_credential");
  }

  @AfterContainer
  static void nothingStored() throws Exception {
    try {
      tallies.values().forEach(Answers::report);
      assertThat(tallies.values().stream().mapToLong(Answers::serverErrors).sum())
          .as("5xx answers to hostile input")
          .isZero();
      assertThat(cluster.count("auth-service", "SELECT COUNT(*) FROM user_account"))
          .as("accounts after fuzzing")
          .isEqualTo(accountsBefore);
      assertThat(cluster.count("passkey-service", "SELECT COUNT(*) FROM passkey_credential"))
          .as("passkeys after fuzzing")
          .isEqualTo(credentialsBefore);
      assertThat(
              cluster.count(
                  "passkey-service",
                  "SELECT COUNT(*) FROM event_publication WHERE completion_date IS NULL"))
          .as("pending outbox entries")
          .isZero();
      Thread.sleep(500);
      assertThat(events.events(PasswordAuthenticated.class)).as("password logins").isEmpty();
      assertThat(events.events(OtpVerified.class)).as("codes accepted").isEmpty();
      assertThat(events.events(PasskeyCreated.class)).as("passkeys created").isEmpty();
      assertThat(events.events(PasskeyDeleted.class)).as("passkeys deleted").isEmpty();
      assertThat(events.events(PasskeyAuthenticated.class)).as("passkey logins").isEmpty();
      var rules =
          http.send(
              "GET", "/api/insights/rules", headers(Auth.ADMIN, "application/json"), (byte[]) null);
      assertThat(rules.status()).isEqualTo(200);
      assertThat(rules.body()).contains("\"version\":" + rulesVersionBefore);
      LogCheck.assertClean(cluster);
    } finally {
      events.close();
    }
  }

  // ------------------------------------------------------------------------------ properties

  @Property
  void malformedJsonIsAClientError(
      @ForAll("jsonTargets") Target target, @ForAll("malformedJson") String body) {
    send("malformed JSON bodies", target, body, "application/json", true);
  }

  @Property
  void wrongTypesAndMissingFieldsAreClientErrors(
      @ForAll("jsonTargets") Target target, @ForAll("wrongValues") List<Object> values) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (int i = 0; i < target.fields.size(); i++) {
      Object v = values.get(i % values.size());
      if (v != MISSING) {
        body.put(target.fields.get(i), v);
      }
    }
    // at least one value no field accepts (scalars may be coerced to text, structures never are)
    body.put(target.fields.getFirst(), values.size() % 2 == 0 ? List.of(1, "x") : Map.of("k", 1));
    send("wrong types and missing fields", target, RawHttp.json(body), "application/json", true);
  }

  @Property
  void fuzzedRegistrationResponsesAreRefused(@ForAll("registrationResponses") Object credential) {
    String ceremonyId = ceremonies.poll();
    if (ceremonyId == null) {
      ceremonyId = Clients.random(22); // pool used up (more tries than ceremonies): outer layers
    }
    send(
        "WebAuthn registration responses (base64url, CBOR, clientDataJSON)",
        Target.PASSKEY_REGISTRATION,
        RawHttp.json(Map.of("ceremonyId", ceremonyId, "credential", credential)),
        "application/json",
        true);
  }

  @Property
  void fuzzedAssertionsAreRefused(@ForAll("assertionResponses") Map<String, Object> credential) {
    var options =
        http.send(
            "POST", "/api/passkeys/login/options", headers(Auth.NONE, "application/json"), "{}");
    assertThat(options.status()).as("options %s", options).isEqualTo(200);
    String ceremonyId = options.body().replaceAll(".*\"ceremonyId\":\"([A-Za-z0-9_-]+)\".*", "$1");
    send(
        "WebAuthn assertion responses (base64url, authenticator data, signatures)",
        Target.PASSKEY_LOGIN,
        RawHttp.json(Map.of("ceremonyId", ceremonyId, "credential", credential)),
        "application/json",
        true);
  }

  @Property
  void wrongContentTypesAreRefused(
      @ForAll("jsonTargets") Target target, @ForAll("wrongContentTypes") String contentType) {
    // a well-formed body: only the content type is wrong
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", Clients.username());
    body.put("password", Clients.password());
    body.put("phone", Clients.phone());
    body.put("displayName", "Fuzz");
    body.put("loginId", Clients.random(22));
    body.put("code", "123456");
    body.put("ceremonyId", Clients.random(22));
    body.put("errorName", "NotAllowedError");
    body.put("name", "renamed");
    send("wrong content types", target, RawHttp.json(body), contentType, true);
  }

  /**
   * Bodies the servlet stack used to parse before any check: a multipart body without a boundary
   * (on every target) and a form body with a bad percent-escape on PUT and PATCH (on every path:
   * the form filter ran before the dispatcher), both answered 500 until the services stopped
   * parsing either. DELETE is left out: it would delete the user's passkey where the form filter is
   * gone and the handler reads no body.
   */
  @Example
  void formAndMultipartBodiesAreClientErrorsEverywhere() {
    for (Target target : Target.values()) {
      send("form and multipart bodies", target, "x", "multipart/form-data", true);
      for (String method : new java.util.TreeSet<>(List.of(target.method, "PUT", "PATCH"))) {
        if (method.equals("POST")) {
          continue;
        }
        String path = target.path.replace("{credential}", realCredentialId);
        RawHttp.Answer a =
            http.send(
                method,
                path,
                headers(target.auth, "application/x-www-form-urlencoded"),
                "%".getBytes(StandardCharsets.UTF_8));
        check("form and multipart bodies", method + " " + path + " %", a, true);
      }
    }
  }

  @Property
  void hugeAndDeepBodiesAreRefused(
      @ForAll("jsonTargets") Target target, @ForAll("hugeBodies") String body) {
    send("huge and deeply nested bodies", target, body, "application/json", true);
  }

  @Property
  void randomPathsAndMethodsNeverFail(
      @ForAll("methods") String method, @ForAll("paths") String path) {
    RawHttp.Answer a;
    try {
      // a DELETE goes without the session: DELETE /api/me (also spelled /api/./me, which the
      // gateway normalises) would erase the fuzzing user, and the properties after this one need it
      Auth auth = "DELETE".equals(method) ? Auth.NONE : Auth.USER;
      a = http.send(method, path, headers(auth, "application/json"), "{}");
    } catch (IllegalArgumentException notAUri) {
      return; // the client refuses to send it at all
    }
    check("random paths and methods", method + " " + path, a, false);
    if (path.contains("actuator")) {
      assertThat(a.status())
          .as("actuator through the gateway: %s", a)
          .isIn(400, 401, 403, 404, 405);
    }
  }

  @Property
  void hostileHeadersNeverFail(
      @ForAll("headerNames") String name, @ForAll("headerValues") String value) {
    Map<String, String> headers = headers(Auth.NONE, "application/json");
    headers.put(name, value);
    RawHttp.Answer a;
    try {
      a = http.send("POST", "/api/passkeys/login/options", headers, "{}");
    } catch (IllegalArgumentException notSendable) {
      return; // java.net.http refuses the header itself
    }
    check("hostile headers (X-Forwarded-For, Origin, Cookie, oversized)", name, a, false);
    if (name.equals("Origin") && !value.equals(origin) && a.status() != 431) {
      assertThat(a.status()).as("foreign Origin %s: %s", value, a).isEqualTo(403);
    }
  }

  @Property
  void hostileQueryParametersAreClientErrors(
      @ForAll("queryTargets") String target, @ForAll("queryValues") String value) {
    String path = target.replace("{v}", value);
    Auth auth = target.contains("insights") ? Auth.ADMIN : Auth.USER;
    String method = target.startsWith("DELETE ") ? "DELETE" : "GET";
    path = path.replaceFirst("^DELETE ", "");
    RawHttp.Answer a;
    try {
      a = http.send(method, path, headers(auth, "application/json"), (byte[]) null);
    } catch (IllegalArgumentException notAUri) {
      return;
    }
    check("query parameters and path ids", path, a, true);
  }

  /**
   * The local profile's dev endpoints ({@code /api/dev/**} → otp-service; the cluster runs the
   * launcher's local profile): hostile query strings, with percent-escapes of arbitrary bytes (not
   * UTF-8, control bytes, overlong forms, surrogates), repeated and unknown parameters and unknown
   * paths. {@code GET /api/dev/sms?loginId=%00%ff%22'} once answered 500: Tomcat refused to decode
   * the parameter and the problem handler took that for a server failure.
   */
  @Property
  void devEndpointsAnswerHostileQueriesWithProblems(
      @ForAll("devMethods") String method,
      @ForAll("devPaths") String devPath,
      @ForAll("devQueries") String query) {
    String path = devPath + (query.isEmpty() ? "" : "?" + query);
    RawHttp.Answer a;
    try {
      a = http.send(method, path, headers(Auth.NONE, "application/json"), (byte[]) null);
    } catch (IllegalArgumentException notAUri) {
      return;
    }
    check("dev endpoints (local profile)", method + " " + abbreviate(path), a, true);
  }

  // ------------------------------------------------------------------------------ sending

  static void send(String surface, Target target, String body, String contentType, boolean client) {
    if (target == Target.RULES && isJsonObject(body)) {
      // PUT /api/insights/rules defaults missing fields (documented): a JSON object of known
      // fields, {} included, is a valid complete rules document, not hostile input; unknown
      // fields are refused with 400 (IntelligenceServiceIT)
      return;
    }
    String path = target.path.replace("{credential}", realCredentialId);
    RawHttp.Answer a =
        http.send(
            target.method,
            path,
            headers(target.auth, contentType),
            body.getBytes(StandardCharsets.UTF_8));
    check(surface, target + " " + abbreviate(body), a, client);
  }

  static void check(String surface, String input, RawHttp.Answer a, boolean mustBeClientError) {
    tallies.computeIfAbsent(surface, Answers::new).count(a.status());
    assertThat(a.status()).as("%s → %s", input, a).isLessThan(500);
    if (mustBeClientError) {
      assertThat(a.status()).as("%s → %s", input, a).isBetween(400, 499);
    }
    // every error is a problem, including the gateway's own 414 and 431 (request line or headers
    // too long, written for the HTTP codec); only a 406 answers an Accept header that rules out
    // JSON
    if (a.status() >= 400 && a.status() != 406) {
      assertThat(a.contentType()).as("%s → %s", input, a).startsWith("application/problem+json");
      assertThat(a.problemType())
          .as("%s → %s", input, a)
          .startsWith("https://passbridge.dev/problems/");
    }
  }

  static Map<String, String> headers(Auth auth, String contentType) {
    Map<String, String> headers = new HashMap<>();
    headers.put("Origin", origin);
    headers.put("Accept", "application/json");
    headers.put("X-Forwarded-For", Clients.nextAddress());
    if (contentType != null) {
      headers.put("Content-Type", contentType);
    }
    switch (auth) {
      case USER -> headers.put("Cookie", userCookie);
      case ADMIN -> headers.put("Cookie", adminCookie);
      case NONE -> {}
    }
    return headers;
  }

  static boolean isJsonObject(String body) {
    try {
      return tools.jackson.databind.json.JsonMapper.builder().build().readTree(body).isObject();
    } catch (RuntimeException e) {
      return false;
    }
  }

  static String abbreviate(String s) {
    return s.length() > 200 ? s.substring(0, 200) + "…(" + s.length() + ")" : s;
  }

  // ------------------------------------------------------------------------------ generators

  static final Object MISSING = new Object();

  @Provide
  Arbitrary<Target> jsonTargets() {
    return Arbitraries.of(Target.class);
  }

  @Provide
  Arbitrary<String> malformedJson() {
    Arbitrary<String> text = Arbitraries.strings().ofMaxLength(200);
    Arbitrary<String> truncated =
        Arbitraries.of(
                "{\"username\":\"alice\",\"password\":\""
                    + LogCapture.PASSWORD_MARKER
                    + "secret\"}",
                "{\"loginId\":\"AAAAAAAAAAAAAAAAAAAAAA\",\"code\":\"123456\"}",
                "{\"ceremonyId\":\"abc\",\"credential\":{\"id\":\"x\",\"response\":{}}}",
                "{\"client\":{\"autofilled\":true,\"capabilities\":{\"conditionalCreate\":true}}}")
            .flatMap(
                s -> Arbitraries.integers().between(1, s.length() - 1).map(n -> s.substring(0, n)));
    Arbitrary<String> nasty =
        Arbitraries.of(
            "",
            " ",
            "null",
            "true",
            "0",
            "-1e999999",
            "\"just a string\"",
            "[]",
            "[{}]",
            "{",
            "}",
            "{\"",
            "{'username':'single quotes'}",
            "{\"a\":1,\"a\":2}",
            "{\"username\":\"\\ud800\"}",
            "{\"username\":\"\u0000\"}",
            "{\"password\":\"" + LogCapture.PASSWORD_MARKER + "unterminated",
            "{\"loginId\": NaN}",
            "{\"code\": 123456}",
            "{\"credential\": \"" + "A".repeat(5000) + "\"}",
            "[".repeat(3000) + "]".repeat(3000),
            "{\"a\":".repeat(2000) + "1" + "}".repeat(2000),
            "{\"x\":\"\\u" + "\"}");
    return Arbitraries.oneOf(text, truncated, nasty);
  }

  @Provide
  Arbitrary<List<Object>> wrongValues() {
    Arbitrary<Object> value =
        Arbitraries.oneOf(
            Arbitraries.integers().map(i -> (Object) i),
            Arbitraries.doubles().map(d -> (Object) d),
            Arbitraries.of(true, false).map(b -> (Object) b),
            Arbitraries.just(MISSING),
            Arbitraries.strings().ofMaxLength(80).map(s -> (Object) s),
            Arbitraries.strings().ofMinLength(1000).ofMaxLength(3000).map(s -> (Object) s),
            Arbitraries.integers().list().ofMaxSize(5).map(l -> (Object) l),
            Arbitraries.maps(Arbitraries.strings().alpha().ofMaxLength(8), Arbitraries.integers())
                .ofMaxSize(4)
                .map(m -> (Object) m));
    return value.list().ofMinSize(1).ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> wrongContentTypes() {
    return Arbitraries.of(
        "text/plain",
        "text/html",
        "application/xml",
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=xyz",
        "application/octet-stream",
        "application/cbor",
        "image/png",
        "application/javascript",
        "garbage",
        "application/json-seq",
        "text/json; charset=utf-8",
        // wildcards are ranges for Accept, not a body's type (they were answered 500)
        "*/*",
        "*",
        "application/*",
        "text/*",
        // JSON is YAML: a YAML converter read these bodies with none of the JSON rules
        "application/yaml");
  }

  @Provide
  Arbitrary<String> hugeBodies() {
    return Arbitraries.of(
        "{\"username\":\"" + "u".repeat(70_000) + "\"}",
        "{\"password\":\"" + LogCapture.PASSWORD_MARKER + "x".repeat(60_000) + "\"}",
        "{\"loginId\":\"" + "A".repeat(60_000) + "\"}",
        "[" + "1,".repeat(30_000) + "1]",
        "[".repeat(60_000),
        "{\"a\":".repeat(12_000) + "1",
        " ".repeat(200_000) + "{}",
        "{\"credential\":{\"id\":\"" + "A".repeat(63_000) + "\"}}",
        "{\"k\":\"" + "\\u0041".repeat(10_000) + "\"}",
        "x".repeat(2_000_000));
  }

  @Provide
  Arbitrary<Object> registrationResponses() {
    Arbitrary<String> b64 =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(300).map(EndpointFuzzIT::b64),
            Arbitraries.strings().ofMaxLength(60),
            Arbitraries.strings().withChars("+/=!*%.").ofMinLength(1).ofMaxLength(20),
            Arbitraries.just(""));
    Arbitrary<Object> fmt =
        Arbitraries.oneOf(
            Arbitraries.of("none", "packed", "fido-u2f", "tpm", "apple", "android-key", "")
                .map(s -> (Object) s),
            Arbitraries.integers().map(i -> (Object) i));
    Arbitrary<byte[]> authData =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(120),
            // a plausible prefix: RP ID hash, flags (AT set or not), counter, then random bytes
            Combinators.combine(
                    Arbitraries.bytes(),
                    Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(120))
                .as(
                    (flags, tail) -> {
                      byte[] data = new byte[37 + tail.length];
                      byte[] hash = sha256("localhost");
                      System.arraycopy(hash, 0, data, 0, 32);
                      data[32] = flags;
                      System.arraycopy(tail, 0, data, 37, tail.length);
                      return data;
                    }));
    Arbitrary<String> attestationObject =
        Arbitraries.oneOf(
            b64,
            Combinators.combine(fmt, authData, Arbitraries.of(0, 1, 2))
                .as(
                    (f, ad, stmt) -> {
                      Map<String, Object> cbor = new LinkedHashMap<>();
                      cbor.put("fmt", f);
                      cbor.put(
                          "attStmt",
                          switch (stmt) {
                            case 0 -> Map.of();
                            case 1 -> Map.of("alg", -7, "sig", new byte[] {1, 2, 3});
                            default -> List.of(1, "x");
                          });
                      cbor.put("authData", ad);
                      return b64(CONVERTER.getCborConverter().writeValueAsBytes(cbor));
                    }));
    Arbitrary<String> clientData =
        Arbitraries.oneOf(
            b64,
            Combinators.combine(
                    Arbitraries.of("webauthn.create", "webauthn.get", "", "x"),
                    Arbitraries.strings().ofMaxLength(50),
                    Arbitraries.of(
                        "http://localhost:8080", "https://evil.example", "null", "", "javascript:"))
                .as(
                    (type, challenge, o) ->
                        b64(
                            RawHttp.json(Map.of("type", type, "challenge", challenge, "origin", o))
                                .getBytes(StandardCharsets.UTF_8))));
    Arbitrary<Object> response =
        Combinators.combine(clientData, attestationObject, Arbitraries.of(true, false))
            .as(
                (cd, ao, withTransports) -> {
                  Map<String, Object> r = new LinkedHashMap<>();
                  r.put("clientDataJSON", cd);
                  r.put("attestationObject", ao);
                  if (withTransports) {
                    r.put("transports", List.of("internal", "<script>", ""));
                  }
                  return (Object) r;
                });
    Arbitrary<Object> credential =
        Combinators.combine(b64, Arbitraries.of("public-key", "", "password"), response)
            .as(
                (id, type, r) -> {
                  Map<String, Object> c = new LinkedHashMap<>();
                  c.put("id", id);
                  c.put("rawId", id);
                  c.put("type", type);
                  c.put("response", r);
                  c.put("clientExtensionResults", Map.of("credProps", Map.of("rk", "yes")));
                  return (Object) c;
                });
    return Arbitraries.oneOf(
        credential,
        Arbitraries.strings().ofMaxLength(40).map(s -> (Object) s),
        Arbitraries.integers().map(i -> (Object) i),
        Arbitraries.just((Object) List.of()),
        Arbitraries.just((Object) Map.of()));
  }

  @Provide
  Arbitrary<Map<String, Object>> assertionResponses() {
    Arbitrary<String> b64 =
        Arbitraries.oneOf(
            Arbitraries.bytes().array(byte[].class).ofMaxSize(120).map(EndpointFuzzIT::b64),
            Arbitraries.strings().ofMaxLength(40),
            Arbitraries.just(""));
    Arbitrary<String> id =
        Arbitraries.oneOf(b64, Arbitraries.just("REAL"), Arbitraries.just("REAL"));
    Arbitrary<String> authenticatorData =
        Arbitraries.oneOf(
            b64,
            Combinators.combine(Arbitraries.bytes(), Arbitraries.integers().between(0, 1000))
                .as(
                    (flags, counter) -> {
                      byte[] data = new byte[37];
                      System.arraycopy(sha256("localhost"), 0, data, 0, 32);
                      data[32] = flags;
                      data[36] = (byte) (int) counter;
                      return b64(data);
                    }));
    return Combinators.combine(id, b64, authenticatorData, b64, b64)
        .as(
            (credentialId, clientData, authData, signature, userHandle) -> {
              String resolved = credentialId.equals("REAL") ? realCredentialId : credentialId;
              Map<String, Object> response = new LinkedHashMap<>();
              response.put("clientDataJSON", clientData);
              response.put("authenticatorData", authData);
              response.put("signature", signature);
              response.put("userHandle", userHandle);
              Map<String, Object> c = new LinkedHashMap<>();
              c.put("id", resolved);
              c.put("rawId", resolved);
              c.put("type", "public-key");
              c.put("response", response);
              c.put("clientExtensionResults", Map.of());
              return c;
            });
  }

  @Provide
  Arbitrary<String> methods() {
    return Arbitraries.of("GET", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE");
  }

  @Provide
  Arbitrary<String> paths() {
    Arbitrary<String> segment =
        Arbitraries.oneOf(
            Arbitraries.of(
                "api",
                "auth",
                "otp",
                "passkeys",
                "insights",
                "dev",
                "me",
                "login",
                "options",
                "session",
                "upgrade",
                "registrations",
                "outcome",
                "rules",
                "funnel",
                "sms",
                "actuator",
                "health",
                "env",
                "prometheus",
                ".well-known",
                "jwks.json",
                "..",
                ".",
                "%2e%2e",
                "%2f",
                "%00",
                "%25",
                "a;b=c",
                "~",
                "x".repeat(300)),
            Arbitraries.strings().withCharRange('a', 'z').numeric().ofMinLength(1).ofMaxLength(12));
    return segment
        .list()
        .ofMinSize(0)
        .ofMaxSize(6)
        .map(s -> "/" + String.join("/", s))
        .map(p -> p.startsWith("/api") || p.length() < 2 ? p : "/api" + p);
  }

  @Provide
  Arbitrary<String> headerNames() {
    return Arbitraries.of(
        "X-Forwarded-For",
        "Origin",
        "Cookie",
        "Accept",
        "User-Agent",
        "Sec-CH-UA-Platform-Version",
        "X-Passbridge-User",
        "X-User-Id",
        "Forwarded",
        "X-Forwarded-Proto",
        "X-Forwarded-Host");
  }

  @Provide
  Arbitrary<String> headerValues() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "",
            "null",
            "unknown",
            "::1",
            "999.1.1.1",
            "1.2.3.4, <script>alert(1)</script>",
            "http://localhost:8080.evil.example",
            "HTTP://LOCALHOST",
            "pb_session=eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.",
            "pb_session=" + "A".repeat(4000),
            "pb_session=; pb_session=x",
            "*/*",
            "admin",
            "text/html;q=0.1, application/json;q=0.9"),
        Arbitraries.strings().withCharRange(' ', '~').ofMaxLength(100),
        Arbitraries.strings().withCharRange(' ', '~').ofMinLength(17_000).ofMaxLength(20_000));
  }

  @Provide
  Arbitrary<String> queryTargets() {
    return Arbitraries.of(
        "/api/dev/sms?loginId={v}",
        "/api/insights/funnel?from={v}&to=2026-01-01",
        "/api/insights/funnel?from=2020-01-01&to={v}",
        "DELETE /api/passkeys/{v}");
  }

  @Provide
  Arbitrary<String> queryValues() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(80),
        Arbitraries.of(
            "%00",
            "%25",
            "2020-13-45",
            "1970-01-01",
            "9999-12-31",
            "-1",
            "%27%20OR%201%3D1--",
            "..%2F..%2Fetc%2Fpasswd",
            "A".repeat(5000)));
  }

  @Provide
  Arbitrary<String> devMethods() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just("GET")),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("POST", "PUT", "DELETE", "PATCH")));
  }

  @Provide
  Arbitrary<String> devPaths() {
    return Arbitraries.frequencyOf(
        net.jqwik.api.Tuple.of(6, Arbitraries.just("/api/dev/sms")),
        net.jqwik.api.Tuple.of(
            1,
            Arbitraries.strings()
                .alpha()
                .numeric()
                .ofMinLength(1)
                .ofMaxLength(20)
                .map(s -> "/api/dev/" + s)),
        net.jqwik.api.Tuple.of(1, Arbitraries.of("/api/dev", "/api/dev/", "/api/dev/sms/x")));
  }

  @Provide
  Arbitrary<String> devQueries() {
    Arbitrary<String> anyBytes =
        Arbitraries.bytes().list().ofMaxSize(40).map(EndpointFuzzIT::percentEncoded);
    Arbitrary<String> anyText =
        Arbitraries.strings()
            .all()
            .ofMaxLength(40)
            .map(t -> java.net.URLEncoder.encode(t, StandardCharsets.UTF_8));
    return Arbitraries.oneOf(
        anyBytes.map(v -> "loginId=" + v),
        anyText.map(v -> "loginId=" + v),
        Combinators.combine(anyBytes, anyBytes).as((k, v) -> k + "=" + v),
        Combinators.combine(anyText, anyBytes).as((a, b) -> "loginId=" + a + "&loginId=" + b),
        Arbitraries.of(
            "loginId=%00%ff%22'",
            "loginId=%ff",
            "loginId=%C0%AF",
            "loginId=%ED%A0%80",
            "loginId=%F4%90%80%80",
            "loginId=%00",
            "loginId=",
            "loginId",
            "",
            "%ff=1",
            "loginId=a&loginId=b",
            "loginId=" + "A".repeat(22) + "%00",
            "loginId=" + "A".repeat(5000)));
  }

  /** Every byte as a percent-escape, so the URI is always sendable whatever the bytes are. */
  static String percentEncoded(List<Byte> bytes) {
    StringBuilder b = new StringBuilder(bytes.size() * 3);
    for (byte x : bytes) {
      b.append('%').append(String.format("%02X", x & 0xff));
    }
    return b.toString();
  }

  // ------------------------------------------------------------------------------ helpers

  static String b64(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  static byte[] sha256(String text) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
