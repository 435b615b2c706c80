package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.JWKSet;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.platform.connect.ConnectClientGuard;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.core.connect.ConnectToken;
import dev.passbridge.platform.core.connect.ConnectTokenCheck;
import dev.passbridge.platform.core.connect.ConnectTokenVerifier;
import dev.passbridge.testsupport.EventCapture;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * The Connect server API of auth-service over real HTTP, PostgreSQL, Redis and Kafka: a reported
 * login (with and without the platform's second factor) maps the user, publishes {@code
 * PasswordAuthenticated} with {@code source CONNECT} and answers a verifiable append token; users
 * are stable per tenant; client authentication, the quota and bad input are refused without storing
 * or publishing anything.
 */
class ConnectApiIT extends IntegrationTestBase {
  static final String SHOP_SECRET = "shop-it-secret-7f3a91";
  static final String SHOP_HASH =
      "sha256:b6a33150621348bf2cef1a10616f9c75c64d97e6d63da090b00916d32bce247e";
  static final String OUTLET_SECRET = "outlet-it-secret-52c0e8";
  static final String OUTLET_HASH =
      "sha256:9ea4392002dfcb3bcb678bcdece9376226f02e46b02f08fad92bceb2a915489d";
  static final String FORUM_SECRET = "forum-it-secret-e19d44";
  static final String FORUM_HASH =
      "sha256:f782165e748bef4ee50cb393bb0649a3c940f78be2096379d14239ea3b56f072";
  static final String TINY_SECRET = "tiny-it-secret-0b6a2f";
  static final String TINY_HASH =
      "sha256:69b6c118c33b44d4d2119f9ba9956d17f07d644e11c733557b9a85bcb6c88d3e";

  static String basic(String clientId, String secret) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8));
  }

  /** Server to server: no Origin, no cookies; the client's credentials. */
  private Reply connectPost(String path, String body, String authorization) {
    var b =
        request(path)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  private Reply reportLogin(String authorization, Map<String, Object> body) {
    return connectPost("/connect/v1/logins", JSON.writeValueAsString(body), authorization);
  }

  /** A report with {@code Idempotency-Key} headers, one for each key given. */
  private Reply reportLogin(String authorization, Map<String, Object> body, String... keys) {
    var b =
        request("/connect/v1/logins")
            .header("Content-Type", "application/json")
            .header("Authorization", authorization)
            .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
    for (String key : keys) {
      b.header("Idempotency-Key", key);
    }
    return send(b.build());
  }

  private Map<String, Object> loginBody(String externalUserId, Map<String, Object> secondFactor) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("externalUserId", externalUserId);
    body.put("username", externalUserId + "@shop.example");
    body.put("displayName", "Shopper " + externalUserId);
    body.put("secondFactor", secondFactor);
    body.put(
        "client",
        Map.of(
            "autofilled",
            true,
            "capabilities",
            Map.of("conditionalCreate", true, "passkeyPlatformAuthenticator", true),
            "userAgent",
            CHROME_WINDOWS,
            "hints",
            Map.of("platform", "Windows", "platformVersion", "15.0.0")));
    return body;
  }

  private Map<String, Object> totp(Instant verifiedAt) {
    return Map.of("channel", "totp", "verifiedAt", verifiedAt.toString());
  }

  private ConnectToken verifyToken(String token) throws Exception {
    JWKSet keys = JWKSet.parse(get("/.well-known/jwks.json").body());
    ConnectTokenCheck check =
        new ConnectTokenVerifier("https://passbridge.dev/auth", Duration.ofSeconds(5), clock)
            .verify(token, keys);
    assertThat(check).isInstanceOf(ConnectTokenCheck.Valid.class);
    return ((ConnectTokenCheck.Valid) check).token();
  }

  private UUID userIdOf(Reply reply) throws Exception {
    assertThat(reply.status()).as(reply.body()).isEqualTo(201);
    return verifyToken(reply.json().path("connectToken").asString()).userId();
  }

  private long rowsFor(String externalUserId) {
    return jdbc.sql("select count(*) from connect_user where external_user_id = ?")
        .param(externalUserId)
        .query(Long.class)
        .single();
  }

  /**
   * The event's time was cut to the whole second (the token's iat is), so a second factor the
   * platform verified a moment before the report read as verified after the login.
   */
  @Test
  void theEventIsNeverOlderThanTheSecondFactorItReports() throws Exception {
    String external = "user-" + UUID.randomUUID();
    try (var capture = EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED)) {
      for (int i = 0; i < 3; i++) {
        Instant verifiedAt = clock.instant();
        Reply r = reportLogin(basic("shop", SHOP_SECRET), loginBody(external, totp(verifiedAt)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        String loginId = r.json().path("loginId").asString();
        PasswordAuthenticated event =
            capture.await(PasswordAuthenticated.class, e -> e.loginId().equals(loginId));
        assertThat(event.secondFactor().verifiedAt()).isEqualTo(verifiedAt);
        assertThat(event.occurredAt()).isAfterOrEqualTo(verifiedAt);
      }
    }
  }

  @Test
  void aReportedLoginWithASecondFactorPublishesTheEventAndAnswersAnAppendToken() throws Exception {
    String external = "user-" + UUID.randomUUID();
    Instant verifiedAt =
        clock.instant().minusSeconds(20).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
    try (var capture = EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED)) {
      Reply r = reportLogin(basic("shop", SHOP_SECRET), loginBody(external, totp(verifiedAt)));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      assertThat(r.header("Cache-Control")).hasValue("no-store");
      String loginId = r.json().path("loginId").asString();
      assertThat(loginId).matches("[A-Za-z0-9_-]{22}");
      assertThat(r.json().path("expiresIn").asLong()).isEqualTo(300);

      ConnectToken token = verifyToken(r.json().path("connectToken").asString());
      assertThat(token.scope()).isEqualTo(ConnectScope.APPEND);
      assertThat(token.loginId()).isEqualTo(loginId);
      assertThat(token.clientId()).isEqualTo("shop");
      assertThat(token.tenant()).isEqualTo("shop");
      assertThat(token.externalUserId()).isEqualTo(external);
      assertThat(Duration.between(clock.instant(), token.expiresAt()))
          .isBetween(Duration.ofSeconds(290), Duration.ofSeconds(301));

      PasswordAuthenticated event =
          capture.await(PasswordAuthenticated.class, e -> e.loginId().equals(loginId));
      assertThat(event.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(event.clientId()).isEqualTo("shop");
      assertThat(event.externalUserId()).isEqualTo(external);
      assertThat(event.tenant()).isEqualTo("shop");
      assertThat(event.userId()).isEqualTo(token.userId());
      assertThat(event.username()).isEqualTo(external + "@shop.example");
      assertThat(event.displayName()).isEqualTo("Shopper " + external);
      assertThat(event.userHandle()).hasSize(86);
      assertThat(event.secondFactor().channel()).isEqualTo("totp");
      assertThat(event.secondFactor().verifiedAt()).isEqualTo(verifiedAt);
      assertThat(event.secondFactor().destination()).isNull();
      assertThat(event.client().autofilled()).isTrue();
      assertThat(event.client().capability("conditionalCreate")).isTrue();
      assertThat(event.platform().os()).isEqualTo("Windows");
      assertThat(event.platform().browser()).isEqualTo("Chrome");

      // a connect token is no session
      assertThat(me(r.json().path("connectToken").asString()).status()).isEqualTo(401);
    }
  }

  @Test
  void aReportedLoginWithoutASecondFactorSaysSo() throws Exception {
    String external = "nomfa-" + UUID.randomUUID();
    try (var capture = EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED)) {
      Reply r = reportLogin(basic("shop", SHOP_SECRET), loginBody(external, null));
      assertThat(r.status()).as(r.body()).isEqualTo(201);
      String loginId = r.json().path("loginId").asString();
      PasswordAuthenticated event =
          capture.await(PasswordAuthenticated.class, e -> e.loginId().equals(loginId));
      assertThat(event.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(event.secondFactor()).isNull();
      assertThat(event.externalUserId()).isEqualTo(external);
    }
  }

  @Test
  void usersAreStablePerTenant() throws Exception {
    String external = "stable-" + UUID.randomUUID();
    UUID first = userIdOf(reportLogin(basic("shop", SHOP_SECRET), loginBody(external, null)));
    UUID again = userIdOf(reportLogin(basic("shop", SHOP_SECRET), loginBody(external, null)));
    UUID sameTenant =
        userIdOf(reportLogin(basic("outlet", OUTLET_SECRET), loginBody(external, null)));
    UUID otherTenant =
        userIdOf(reportLogin(basic("forum", FORUM_SECRET), loginBody(external, null)));
    assertThat(again).isEqualTo(first);
    assertThat(sameTenant).isEqualTo(first);
    assertThat(otherTenant).isNotEqualTo(first);

    var handles =
        jdbc.sql(
                "select tenant, user_id, user_handle from connect_user where external_user_id = ?"
                    + " order by tenant")
            .param(external)
            .query((rs, i) -> List.of(rs.getString(1), rs.getString(2), rs.getString(3)))
            .list();
    assertThat(handles).hasSize(2);
    assertThat(handles.get(0).get(0)).isEqualTo("forum");
    assertThat(handles.get(1)).containsExactly("shop", first.toString(), handles.get(1).get(2));
    assertThat(handles.get(0).get(2)).isNotEqualTo(handles.get(1).get(2));

    // a manage token names the same user
    Reply manage =
        connectPost(
            "/connect/v1/tokens",
            "{\"externalUserId\":\"" + external + "\",\"scope\":\"manage\"}",
            basic("outlet", OUTLET_SECRET));
    assertThat(manage.status()).as(manage.body()).isEqualTo(201);
    ConnectToken token = verifyToken(manage.json().path("connectToken").asString());
    assertThat(token.userId()).isEqualTo(first);
    assertThat(token.scope()).isEqualTo(ConnectScope.MANAGE);
    assertThat(token.loginId()).isNull();
    assertThat(token.clientId()).isEqualTo("outlet");
    assertThat(manage.json().path("expiresIn").asLong()).isEqualTo(300);
  }

  @Test
  void concurrentFirstSightsCreateOneUser() throws Exception {
    String external = "race-" + UUID.randomUUID();
    List<Callable<Reply>> calls = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      calls.add(() -> reportLogin(basic("shop", SHOP_SECRET), loginBody(external, null)));
    }
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<UUID> users = new ArrayList<>();
      for (Future<Reply> f : pool.invokeAll(calls)) {
        users.add(userIdOf(f.get()));
      }
      assertThat(users).hasSize(8).containsOnly(users.getFirst());
    } finally {
      pool.shutdownNow();
    }
    assertThat(rowsFor(external)).isEqualTo(1);
  }

  @Test
  void aWrongClientGetsOneAnswerWithNoHint() {
    String body = JSON.writeValueAsString(loginBody("who-" + UUID.randomUUID(), null));
    Reply unknown = connectPost("/connect/v1/logins", body, basic("nobody", SHOP_SECRET));
    Reply wrongSecret = connectPost("/connect/v1/logins", body, basic("shop", "guess"));
    Reply noHeader = connectPost("/connect/v1/logins", body, null);
    Reply bearer = connectPost("/connect/v1/logins", body, "Bearer " + SHOP_SECRET);
    for (Reply r : List.of(unknown, wrongSecret, noHeader, bearer)) {
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.problemCode()).isEqualTo("invalid-client");
      assertThat(r.json().path("code").asString()).isEqualTo("invalid-client");
      assertThat(r.body()).isEqualTo(unknown.body());
      assertThat(r.header("WWW-Authenticate")).hasValue(ConnectClientGuard.CHALLENGE);
    }
    // client authentication comes before the body: an invalid body still gets the 401
    assertThat(connectPost("/connect/v1/tokens", "{}", basic("shop", "guess")).status())
        .isEqualTo(401);
  }

  @Test
  void aClientOverItsQuotaGets429WithRetryAfter() throws Exception {
    // the quota counts per wall-clock minute of the service's clock; start a fresh minute
    clock.advance(Duration.ofSeconds(60 - clock.instant().getEpochSecond() % 60));
    String body = "{\"externalUserId\":\"tiny-user\",\"scope\":\"manage\"}";
    for (int i = 0; i < 3; i++) {
      Reply ok = connectPost("/connect/v1/tokens", body, basic("tiny", TINY_SECRET));
      assertThat(ok.status()).as(ok.body()).isEqualTo(201);
    }
    Reply over = connectPost("/connect/v1/tokens", body, basic("tiny", TINY_SECRET));
    assertThat(over.status()).as(over.body()).isEqualTo(429);
    assertThat(over.problemCode()).isEqualTo("quota-exceeded");
    assertThat(Long.parseLong(over.header("Retry-After").orElseThrow())).isBetween(1L, 60L);
    // the budget is the client's: others go on
    assertThat(
            connectPost(
                    "/connect/v1/tokens",
                    "{\"externalUserId\":\"x\",\"scope\":\"manage\"}",
                    basic("shop", SHOP_SECRET))
                .status())
        .isEqualTo(201);
    clock.advance(Duration.ofSeconds(60));
    assertThat(connectPost("/connect/v1/tokens", body, basic("tiny", TINY_SECRET)).status())
        .isEqualTo(201);
  }

  /**
   * {@code .} and {@code ..} are refused as user ids: as a path segment of {@code
   * /connect/v1/users/{externalUserId}} they are refused or resolved away, so such a user could be
   * created but never erased. Dots among other characters are fine.
   */
  @Test
  void aUserIdOfOnlyOneOrTwoDotsIs400AndOtherDotsAreFine() throws Exception {
    String shop = basic("shop", SHOP_SECRET);
    for (String dots : List.of(".", "..")) {
      Reply report = reportLogin(shop, loginBody(dots, null));
      assertThat(report.status()).as(report.body()).isEqualTo(400);
      assertThat(report.json().path("errors").has("externalUserId")).as(report.body()).isTrue();
      Reply token =
          connectPost(
              "/connect/v1/tokens",
              "{\"externalUserId\":\"" + dots + "\",\"scope\":\"manage\"}",
              shop);
      assertThat(token.status()).as(token.body()).isEqualTo(400);
      assertThat(rowsFor(dots)).as(dots).isZero();
    }
    String tag = UUID.randomUUID().toString().substring(0, 8);
    for (String fine : List.of("...", ".hidden-" + tag, "first.last-" + tag + "@example.com")) {
      Reply ok = reportLogin(shop, loginBody(fine, null));
      assertThat(ok.status()).as(fine + ": " + ok.body()).isEqualTo(201);
      assertThat(rowsFor(fine)).as(fine).isEqualTo(1);
    }
  }

  @Test
  void badInputIs400AndStoresAndPublishesNothing() throws Exception {
    String shop = basic("shop", SHOP_SECRET);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<String> externals = new ArrayList<>();
    try (var capture = EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED)) {
      List<Reply> replies = new ArrayList<>();
      replies.add(reportLogin(shop, loginBody("has space " + tag, null)));
      replies.add(reportLogin(shop, loginBody("x".repeat(129), null)));
      String future = "future-" + tag;
      externals.add(future);
      replies.add(reportLogin(shop, loginBody(future, totp(clock.instant().plusSeconds(300)))));
      String old = "old-" + tag;
      externals.add(old);
      replies.add(reportLogin(shop, loginBody(old, totp(clock.instant().minusSeconds(11 * 60)))));
      String noChannel = "nochannel-" + tag;
      externals.add(noChannel);
      Map<String, Object> noChannelBody =
          loginBody(noChannel, Map.of("verifiedAt", clock.instant().toString()));
      replies.add(reportLogin(shop, noChannelBody));
      String noUsername = "nousername-" + tag;
      externals.add(noUsername);
      Map<String, Object> withoutUsername = loginBody(noUsername, null);
      withoutUsername.remove("username");
      replies.add(reportLogin(shop, withoutUsername));
      replies.add(connectPost("/connect/v1/logins", "{not json", shop));
      String append = "append-" + tag;
      externals.add(append);
      replies.add(
          connectPost(
              "/connect/v1/tokens",
              "{\"externalUserId\":\"" + append + "\",\"scope\":\"append\"}",
              shop));
      for (Reply r : replies) {
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.problemCode()).isIn("validation-failed", "malformed-request");
      }
      assertThat(replies.get(2).json().path("errors").has("secondFactor.verifiedAt")).isTrue();

      // a good report after them: when its event is seen, the bad ones would have been too
      String good = "good-" + tag;
      Reply ok = reportLogin(shop, loginBody(good, null));
      assertThat(ok.status()).isEqualTo(201);
      capture.await(PasswordAuthenticated.class, e -> good.equals(e.externalUserId()));
      assertThat(capture.events(PasswordAuthenticated.class))
          .noneMatch(
              e ->
                  e.externalUserId() != null
                      && e.externalUserId().endsWith(tag)
                      && !e.externalUserId().equals(good));
    }
    for (String external : externals) {
      assertThat(rowsFor(external)).as(external).isZero();
    }
    assertThat(rowsFor("good-" + tag)).isEqualTo(1);
  }

  /**
   * The username and display name become the WebAuthn {@code user.name} and {@code
   * user.displayName} an authenticator shows: a NUL, a right-to-left override, a line separator or
   * a private-use character is refused, and so is an unpaired surrogate (which became {@code ?} on
   * the way into the event). The length is counted in characters: 256 emoji are fine.
   */
  @Test
  void aUsernameOrDisplayNameThatIsNotVisibleTextIs400AndPublishesNothing() throws Exception {
    String shop = basic("shop", SHOP_SECRET);
    String tag = UUID.randomUUID().toString().substring(0, 8);
    List<String> refused = new ArrayList<>();
    try (var capture = EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED)) {
      // raw JSON: the escapes reach the service as written (a lone surrogate included)
      List<String> values =
          List.of("a\\u0000b", "a\\u202eb", "\\ud800x", "x\\udc00", "a\\u2028b", "a\\ue000b");
      for (String field : List.of("username", "displayName")) {
        for (String value : values) {
          String external = "invisible-" + refused.size() + "-" + tag;
          refused.add(external);
          Map<String, String> fields = new LinkedHashMap<>();
          fields.put("username", "shopper");
          fields.put("displayName", "Shopper");
          fields.put(field, value);
          String json =
              "{\"externalUserId\":\""
                  + external
                  + "\",\"username\":\""
                  + fields.get("username")
                  + "\",\"displayName\":\""
                  + fields.get("displayName")
                  + "\"}";
          Reply r = connectPost("/connect/v1/logins", json, shop);
          assertThat(r.status()).as(json).isEqualTo(400);
          assertThat(r.problemCode()).isEqualTo("validation-failed");
          assertThat(r.json().path("errors").has(field)).as(r.body()).isTrue();
        }
      }
      String key = "\ud83d\udd11";
      String tooLong = "long-" + tag;
      refused.add(tooLong);
      Map<String, Object> longBody = loginBody(tooLong, null);
      longBody.put("username", key.repeat(257));
      Reply overLimit = reportLogin(shop, longBody);
      assertThat(overLimit.status()).as(overLimit.body()).isEqualTo(400);
      assertThat(overLimit.json().path("errors").path("username").asString())
          .isEqualTo("must be at most 256 characters");

      String emoji = "emoji-" + tag;
      Map<String, Object> emojiBody = loginBody(emoji, null);
      emojiBody.put("username", key.repeat(256));
      Reply ok = reportLogin(shop, emojiBody);
      assertThat(ok.status()).as("256 characters, 512 UTF-16 units").isEqualTo(201);
      PasswordAuthenticated event =
          capture.await(PasswordAuthenticated.class, e -> emoji.equals(e.externalUserId()));
      assertThat(event.username()).isEqualTo(key.repeat(256));
      assertThat(capture.events(PasswordAuthenticated.class))
          .noneMatch(e -> refused.contains(e.externalUserId()));
    }
    for (String external : refused) {
      assertThat(rowsFor(external)).as(external).isZero();
    }
  }

  /**
   * A platform that got no answer reports again under the same key: the same login and the same
   * event (a redelivery to consumers), with a fresh token; a quoted key is the same key.
   */
  @Test
  void aRepeatedReportUnderTheSameIdempotencyKeyIsTheSameLoginAndTheSameEvent() throws Exception {
    String external = "idem-" + UUID.randomUUID();
    String key = UUID.randomUUID().toString();
    String shop = basic("shop", SHOP_SECRET);
    Map<String, Object> body = loginBody(external, totp(clock.instant().minusSeconds(5)));
    try (var capture = EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED)) {
      Reply first = reportLogin(shop, body, key);
      assertThat(first.status()).as(first.body()).isEqualTo(201);
      String loginId = first.json().path("loginId").asString();
      PasswordAuthenticated event =
          capture.await(PasswordAuthenticated.class, e -> e.loginId().equals(loginId));

      clock.advance(Duration.ofSeconds(3));
      Reply again = reportLogin(shop, body, "\"" + key + "\"");
      assertThat(again.status()).as(again.body()).isEqualTo(201);
      assertThat(again.json().path("loginId").asString()).isEqualTo(loginId);
      String token = again.json().path("connectToken").asString();
      assertThat(token).isNotEqualTo(first.json().path("connectToken").asString());
      assertThat(verifyToken(token).loginId()).isEqualTo(loginId);

      // without the key the same fields are a new login
      Reply unkeyed = reportLogin(shop, body);
      String other = unkeyed.json().path("loginId").asString();
      capture.await(PasswordAuthenticated.class, e -> e.loginId().equals(other));
      assertThat(other).isNotEqualTo(loginId);

      List<PasswordAuthenticated> ofTheLogin =
          capture.events(PasswordAuthenticated.class).stream()
              .filter(e -> e.loginId().equals(loginId))
              .toList();
      assertThat(ofTheLogin).hasSize(2).allSatisfy(e -> assertThat(e).isEqualTo(event));
    }
    assertThat(rowsFor(external)).isEqualTo(1);
  }

  @Test
  void anIdempotencyKeyReusedWithOtherFieldsIs422AndPublishesNothing() throws Exception {
    String tag = UUID.randomUUID().toString().substring(0, 8);
    String key = "order-" + tag;
    String shop = basic("shop", SHOP_SECRET);
    try (var capture = EventCapture.of(bootstrap(), Topics.PASSWORD_AUTHENTICATED)) {
      Reply first = reportLogin(shop, loginBody("first-" + tag, null), key);
      assertThat(first.status()).as(first.body()).isEqualTo(201);

      Reply reused = reportLogin(shop, loginBody("second-" + tag, null), key);
      assertThat(reused.status()).as(reused.body()).isEqualTo(422);
      assertThat(reused.problemCode()).isEqualTo("idempotency-key-reused");
      Reply otherFactor = reportLogin(shop, loginBody("first-" + tag, totp(clock.instant())), key);
      assertThat(otherFactor.status()).as(otherFactor.body()).isEqualTo(422);

      // another client's key of the same name is its own
      Reply outlet =
          reportLogin(basic("outlet", OUTLET_SECRET), loginBody("first-" + tag, null), key);
      assertThat(outlet.status()).as(outlet.body()).isEqualTo(201);
      assertThat(outlet.json().path("loginId").asString())
          .isNotEqualTo(first.json().path("loginId").asString());

      // malformed keys: 400 and nothing done
      for (String[] keys :
          List.of(
              new String[] {"x".repeat(256)},
              new String[] {"has space"},
              new String[] {"\"\""},
              new String[] {"a,b"},
              new String[] {"k1-" + tag, "k2-" + tag})) {
        Reply bad = reportLogin(shop, loginBody("bad-" + tag, null), keys);
        assertThat(bad.status()).as(String.join(" | ", keys) + " -> " + bad.body()).isEqualTo(400);
        assertThat(bad.problemCode()).isEqualTo("validation-failed");
        assertThat(bad.json().path("errors").has("Idempotency-Key")).isTrue();
      }

      String outletLogin = outlet.json().path("loginId").asString();
      capture.await(PasswordAuthenticated.class, e -> e.loginId().equals(outletLogin));
      assertThat(capture.events(PasswordAuthenticated.class))
          .filteredOn(e -> e.externalUserId() != null && e.externalUserId().endsWith(tag))
          .extracting(PasswordAuthenticated::clientId)
          .containsExactlyInAnyOrder("shop", "outlet");
    }
    assertThat(rowsFor("second-" + tag)).isZero();
    assertThat(rowsFor("bad-" + tag)).isZero();
  }
}
