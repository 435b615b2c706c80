package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.loginresult.LoginResultKeys;
import dev.passbridge.passkey.loginresult.LoginResultRedemptions;
import dev.passbridge.passkey.loginresult.LoginResults;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.SessionTokens;
import dev.passbridge.testsupport.TestInfrastructure;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import tools.jackson.databind.JsonNode;

/**
 * Connect mode on passkey-service (connect.md, "Browser API" and "Server API") against real Redis,
 * PostgreSQL and Kafka with real WebAuthn signatures: the append and manage tokens, a client's
 * passkey login with its signed login result, the server API, and every way of using a token,
 * result, origin or client for something it is not for: each a 4xx that stores and publishes
 * nothing.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectIT extends IntegrationTestBase {
  @Autowired LoginResultKeys loginResultKeys;
  @Autowired LoginResultRedemptions redemptions;

  SoftwarePasskeyAuthenticator shopAuthenticator;

  @BeforeEach
  void shopAuthenticator() {
    shopAuthenticator =
        new SoftwarePasskeyAuthenticator(SHOP_ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
  }

  static Map<String, String> bearer(String token, String origin) {
    Map<String, String> h = new HashMap<>();
    h.put("Authorization", "Bearer " + token);
    if (origin != null) {
      h.put("Origin", origin);
    }
    return h;
  }

  static Map<String, String> basic(String clientId, String secret) {
    return Map.of(
        "Authorization",
        "Basic "
            + Base64.getEncoder()
                .encodeToString((clientId + ":" + secret).getBytes(StandardCharsets.UTF_8)));
  }

  static String externalUserId() {
    return "user-" + UUID.randomUUID();
  }

  record ConnectUpgrade(
      UUID userId, String externalUserId, String loginId, String token, JsonNode decision) {
    String ceremonyId() {
      return decision.get("ceremonyId").asString();
    }

    JsonNode publicKey() {
      return decision.get("publicKey");
    }
  }

  /** A reported shop login with its decision, fetched with the append token. */
  ConnectUpgrade connectUpgrade(UUID userId, String externalUserId) {
    String loginId = loginId();
    PasskeyEligible hosted = eligible(userId, loginId, UpgradeMode.PROMPT);
    upgrades.onEligible(
        new PasskeyEligible(
            hosted.eventId(),
            hosted.occurredAt(),
            userId,
            loginId,
            UpgradeMode.PROMPT,
            hosted.trace(),
            hosted.username(),
            hosted.displayName(),
            hosted.userHandle(),
            hosted.platform(),
            LoginSource.CONNECT,
            "shop",
            externalUserId,
            "shop"));
    String token = ConnectTokens.append(userId, externalUserId, "shop", loginId);
    Http.Response r =
        http.exchange("GET", "/api/passkeys/upgrade", bearer(token, SHOP_ORIGIN), null);
    assertThat(r.status()).as("upgrade answer %s", r).isEqualTo(200);
    assertThat(r.body().get("action").asString()).isEqualTo("PROMPT");
    return new ConnectUpgrade(userId, externalUserId, loginId, token, r.body());
  }

  Http.Response registerWith(String token, String origin, String ceremonyId, JsonNode credential) {
    return http.exchange(
        "POST",
        "/api/passkeys/registrations",
        bearer(token, origin),
        Map.of("ceremonyId", ceremonyId, "credential", credential));
  }

  /** A shop user's passkey, made on the shop's page through the append token. */
  String connectEnrol(UUID userId, String externalUserId) {
    ConnectUpgrade upgrade = connectUpgrade(userId, externalUserId);
    Http.Response r =
        registerWith(
            upgrade.token(),
            SHOP_ORIGIN,
            upgrade.ceremonyId(),
            shopAuthenticator.register(
                upgrade.publicKey(), SoftwarePasskeyAuthenticator.Kind.NONE));
    assertThat(r.status()).as("registration %s", r).isEqualTo(201);
    return r.body().get("credentialId").asString();
  }

  long credentialsOf(UUID userId) {
    return jdbc.sql("SELECT COUNT(*) FROM passkey_credential WHERE user_id = :u")
        .param("u", userId)
        .query(Long.class)
        .single();
  }

  JsonNode clientOptions(String clientId, String origin) {
    Http.Response r =
        http.exchange(
            "POST",
            "/api/passkeys/login/options",
            Map.of("Origin", origin),
            Map.of("clientId", clientId));
    assertThat(r.status()).as("options %s", r).isEqualTo(200);
    return r.body();
  }

  Http.Response clientLogin(String clientId, String origin, JsonNode options, JsonNode assertion) {
    Map<String, Object> body = new HashMap<>();
    body.put("ceremonyId", options.get("ceremonyId").asString());
    body.put("credential", assertion);
    if (clientId != null) {
      body.put("clientId", clientId);
    }
    return http.exchange("POST", "/api/passkeys/login", Map.of("Origin", origin), body);
  }

  String loginResult(String credentialId) {
    JsonNode options = clientOptions("shop", SHOP_ORIGIN);
    Http.Response r =
        clientLogin(
            "shop",
            SHOP_ORIGIN,
            options,
            shopAuthenticator.authenticate(options.get("publicKey"), credentialId));
    assertThat(r.status()).as("login %s", r).isEqualTo(200);
    assertThat(r.body().has("loginId")).isFalse();
    return r.body().get("loginResult").asString();
  }

  Http.Response verify(String clientId, String secret, String loginResult) {
    return http.exchange(
        "POST",
        "/connect/v1/login-results/verify",
        basic(clientId, secret),
        Map.of("loginResult", loginResult));
  }

  @Test
  void anAppendTokenRunsTheUpgradeOnTheShopsPageAndIsSpentAfterwards() {
    UUID userId = UUID.randomUUID();
    String ext = externalUserId();
    ConnectUpgrade upgrade = connectUpgrade(userId, ext);
    Http.Response created =
        registerWith(
            upgrade.token(),
            SHOP_ORIGIN,
            upgrade.ceremonyId(),
            shopAuthenticator.register(
                upgrade.publicKey(), SoftwarePasskeyAuthenticator.Kind.NONE));
    assertThat(created.status()).isEqualTo(201);
    String credentialId = created.body().get("credentialId").asString();
    Map<String, Object> row =
        jdbc.sql(
                "SELECT tenant, external_user_id, user_id FROM passkey_credential WHERE credential_id = :id")
            .param("id", credentialId)
            .query()
            .singleRow();
    assertThat(row.get("tenant")).isEqualTo("shop");
    assertThat(row.get("external_user_id")).isEqualTo(ext);
    assertThat(row.get("user_id")).isEqualTo(userId);

    // the ceremony is finished: the token is spent for every append endpoint
    assertThat(
            http.exchange(
                    "GET", "/api/passkeys/upgrade", bearer(upgrade.token(), SHOP_ORIGIN), null)
                .problemCode())
        .isEqualTo("unauthenticated");
    Http.Response replay =
        registerWith(
            upgrade.token(),
            SHOP_ORIGIN,
            upgrade.ceremonyId(),
            shopAuthenticator.register(
                upgrade.publicKey(), SoftwarePasskeyAuthenticator.Kind.NONE));
    assertThat(replay.status()).isEqualTo(401);
    Http.Response outcome =
        http.exchange(
            "POST",
            "/api/passkeys/upgrade/outcome",
            bearer(upgrade.token(), SHOP_ORIGIN),
            Map.of("ceremonyId", upgrade.ceremonyId(), "errorName", "NotAllowedError"));
    assertThat(outcome.status()).isEqualTo(401);
    assertThat(credentialsOf(userId)).isEqualTo(1);
  }

  /**
   * The append token path serves the same fresh excludeCredentials: a shop user's second reported
   * login, decided before the first login's passkey existed, excludes it when fetched afterwards.
   */
  @Test
  void anAppendTokensOfferExcludesAPasskeyMadeAfterItsDecision() {
    UUID userId = UUID.randomUUID();
    String ext = externalUserId();
    ConnectUpgrade first = connectUpgrade(userId, ext);
    ConnectUpgrade second = connectUpgrade(userId, ext);
    assertThat(second.publicKey().get("excludeCredentials")).isEmpty();
    Http.Response created =
        registerWith(
            first.token(),
            SHOP_ORIGIN,
            first.ceremonyId(),
            shopAuthenticator.register(first.publicKey(), SoftwarePasskeyAuthenticator.Kind.NONE));
    assertThat(created.status()).isEqualTo(201);
    String credentialId = created.body().get("credentialId").asString();

    JsonNode again =
        http.exchange("GET", "/api/passkeys/upgrade", bearer(second.token(), SHOP_ORIGIN), null)
            .body();
    assertThat(again.get("action").asString()).isEqualTo("PROMPT");
    assertThat(again.get("ceremonyId").asString()).isEqualTo(second.ceremonyId());
    assertThat(again.get("publicKey").get("excludeCredentials").findValuesAsString("id"))
        .containsExactly(credentialId);
  }

  @Test
  void aMalformedCredentialEndsTheConnectCeremonyAndSpendsTheToken() {
    UUID userId = UUID.randomUUID();
    ConnectUpgrade upgrade = connectUpgrade(userId, externalUserId());
    Http.Response r =
        registerWith(
            upgrade.token(),
            SHOP_ORIGIN,
            upgrade.ceremonyId(),
            shopAuthenticator.register(
                upgrade.publicKey(),
                SoftwarePasskeyAuthenticator.Kind.NONE,
                SoftwarePasskeyAuthenticator.Flags.standard().withCredentialId(new byte[0])));
    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("malformed-credential");
    // the ceremony was ended like any rejection: the append token is spent
    assertThat(
            http.exchange(
                    "GET", "/api/passkeys/upgrade", bearer(upgrade.token(), SHOP_ORIGIN), null)
                .status())
        .isEqualTo(401);
    assertThat(credentialsOf(userId)).isZero();
  }

  @Test
  void aReportedOutcomeSpendsTheAppendTokenToo() {
    ConnectUpgrade upgrade = connectUpgrade(UUID.randomUUID(), externalUserId());
    try (var capture =
        EventCapture.of(
            TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_UPGRADE_FAILED)) {
      Http.Response outcome =
          http.exchange(
              "POST",
              "/api/passkeys/upgrade/outcome",
              bearer(upgrade.token(), SHOP_ORIGIN),
              Map.of("ceremonyId", upgrade.ceremonyId(), "errorName", "NotAllowedError"));
      assertThat(outcome.status()).isEqualTo(204);
      PasskeyUpgradeFailed failed =
          capture.await(PasskeyUpgradeFailed.class, e -> e.loginId().equals(upgrade.loginId()));
      assertThat(failed.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(failed.clientId()).isEqualTo("shop");
    }
    assertThat(
            http.exchange(
                    "GET", "/api/passkeys/upgrade", bearer(upgrade.token(), SHOP_ORIGIN), null)
                .status())
        .isEqualTo(401);
  }

  @Test
  void aTokenOfAnotherLoginOrAnotherUserCannotFinishTheCeremony() {
    UUID userId = UUID.randomUUID();
    String ext = externalUserId();
    ConnectUpgrade upgrade = connectUpgrade(userId, ext);
    JsonNode credential =
        shopAuthenticator.register(upgrade.publicKey(), SoftwarePasskeyAuthenticator.Kind.NONE);

    // same user, another reported login (no decision for it): not this ceremony
    String otherLogin = ConnectTokens.append(userId, ext, "shop", loginId());
    Http.Response r1 = registerWith(otherLogin, SHOP_ORIGIN, upgrade.ceremonyId(), credential);
    assertThat(r1.status()).isEqualTo(400);
    assertThat(r1.problemCode()).isEqualTo("challenge-expired");
    // another user, even naming this login
    String otherUser =
        ConnectTokens.append(UUID.randomUUID(), externalUserId(), "shop", upgrade.loginId());
    Http.Response r2 = registerWith(otherUser, SHOP_ORIGIN, upgrade.ceremonyId(), credential);
    assertThat(r2.status()).isEqualTo(400);
    assertThat(r2.problemCode()).isEqualTo("challenge-expired");
    // and the other user does not see this login's decision
    JsonNode seen =
        http.exchange("GET", "/api/passkeys/upgrade", bearer(otherUser, SHOP_ORIGIN), null).body();
    assertThat(seen.get("action").asString()).isEqualTo("NONE");
    assertThat(seen.get("reason").asString()).isEqualTo("PENDING");
    // a token of another client (other tenant) for the same internal user and login
    String otherClient = ConnectTokens.append(userId, ext, "blog", upgrade.loginId());
    Http.Response r3 = registerWith(otherClient, SHOP_ORIGIN, upgrade.ceremonyId(), credential);
    assertThat(r3.status()).isEqualTo(403);
    assertThat(r3.problemCode()).isEqualTo("origin-not-allowed");
    assertThat(credentialsOf(userId)).isZero();

    // nothing was consumed: the right token still completes it
    assertThat(
            registerWith(upgrade.token(), SHOP_ORIGIN, upgrade.ceremonyId(), credential).status())
        .isEqualTo(201);
  }

  @Test
  void scopeOriginExpiryAndSignatureAreEnforced() {
    UUID userId = UUID.randomUUID();
    String ext = externalUserId();
    ConnectUpgrade upgrade = connectUpgrade(userId, ext);
    String manage = ConnectTokens.manage(userId, ext, "shop");

    // wrong scope both ways
    Http.Response manageOnUpgrade =
        http.exchange("GET", "/api/passkeys/upgrade", bearer(manage, SHOP_ORIGIN), null);
    assertThat(manageOnUpgrade.status()).isEqualTo(403);
    assertThat(manageOnUpgrade.problemCode()).isEqualTo("insufficient-scope");
    Http.Response appendOnList =
        http.exchange("GET", "/api/passkeys", bearer(upgrade.token(), SHOP_ORIGIN), null);
    assertThat(appendOnList.status()).isEqualTo(403);
    assertThat(appendOnList.problemCode()).isEqualTo("insufficient-scope");

    // an origin of another client, or none
    Http.Response blogOrigin =
        http.exchange("GET", "/api/passkeys/upgrade", bearer(upgrade.token(), BLOG_ORIGIN), null);
    assertThat(blogOrigin.status()).isEqualTo(403);
    assertThat(blogOrigin.problemCode()).isEqualTo("origin-not-allowed");
    assertThat(http.exchange("GET", "/api/passkeys", bearer(manage, null), null).problemCode())
        .isEqualTo("origin-not-allowed");
    // the hosted origin is not the shop's either
    assertThat(http.exchange("GET", "/api/passkeys", bearer(manage, Http.ORIGIN), null).status())
        .isEqualTo(403);

    // expired (issued 10 minutes ago with the longest lifetime)
    var old =
        ConnectTokens.token(
            userId,
            ext,
            "shop",
            null,
            ConnectScope.MANAGE,
            Instant.now().minus(Duration.ofMinutes(10)));
    String expired = ConnectTokens.sign(TestSessions.KEY, old);
    assertThat(
            http.exchange("GET", "/api/passkeys", bearer(expired, SHOP_ORIGIN), null).problemCode())
        .isEqualTo("unauthenticated");
    // forged: signed by a key auth-service does not have
    ECKey foreign = SessionTokens.newKey(TestSessions.KEY.getKeyID());
    String forged =
        ConnectTokens.sign(
            foreign,
            ConnectTokens.token(userId, ext, "shop", null, ConnectScope.MANAGE, Instant.now()));
    assertThat(http.exchange("GET", "/api/passkeys", bearer(forged, SHOP_ORIGIN), null).status())
        .isEqualTo(401);
    // a session is no connect token, and a connect token is no session
    String session = TestSessions.token(userId, upgrade.loginId());
    assertThat(http.exchange("GET", "/api/passkeys", bearer(session, SHOP_ORIGIN), null).status())
        .isEqualTo(401);
    assertThat(http.get("/api/passkeys", manage).status()).isEqualTo(401);
    // a token of an unknown client
    String unknownClient = ConnectTokens.manage(userId, ext, "nobody");
    assertThat(
            http.exchange("GET", "/api/passkeys", bearer(unknownClient, SHOP_ORIGIN), null)
                .status())
        .isEqualTo(401);
    assertThat(credentialsOf(userId)).isZero();
  }

  @Test
  void aManageTokenListsRenamesAndDeletesWithWhatTheSignalApiNeeds() {
    UUID userId = UUID.randomUUID();
    String ext = externalUserId();
    String credentialId = connectEnrol(userId, ext);
    String manage = ConnectTokens.manage(userId, ext, "shop");
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_DELETED)) {
      Http.Response list = http.exchange("GET", "/api/passkeys", bearer(manage, SHOP_ORIGIN), null);
      assertThat(list.status()).isEqualTo(200);
      assertThat(list.body()).hasSize(1);
      JsonNode item = list.body().get(0);
      assertThat(item.get("id").asString()).isEqualTo(credentialId);
      assertThat(item.get("rpId").asString()).isEqualTo("localhost");
      assertThat(item.get("userHandle").asString())
          .isEqualTo(
              SoftwarePasskeyAuthenticator.b64(
                  shopAuthenticator.credential(credentialId).userHandle()));
      Http.Response renamed =
          http.exchange(
              "PATCH",
              "/api/passkeys/" + credentialId,
              bearer(manage, SHOP_ORIGIN),
              Map.of("name", "Shop key"));
      assertThat(renamed.body().get("name").asString()).isEqualTo("Shop key");
      assertThat(
              http.exchange(
                      "DELETE", "/api/passkeys/" + credentialId, bearer(manage, SHOP_ORIGIN), null)
                  .status())
          .isEqualTo(204);
      PasskeyDeleted deleted =
          capture.await(PasskeyDeleted.class, e -> e.credentialId().equals(credentialId));
      assertThat(deleted.userId()).isEqualTo(userId);
      // deleted on the client's page with its manage token: the client's delete
      assertThat(deleted.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(deleted.clientId()).isEqualTo("shop");
    }
    assertThat(credentialsOf(userId)).isZero();
  }

  @Test
  void aClientsPasskeyLoginYieldsALoginResultItsBackendRedeemsOnce() {
    UUID userId = UUID.randomUUID();
    String ext = externalUserId();
    String credentialId = connectEnrol(userId, ext);
    String result;
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_AUTHENTICATED)) {
      result = loginResult(credentialId);
      PasskeyAuthenticated event =
          capture.await(PasskeyAuthenticated.class, e -> e.credentialId().equals(credentialId));
      assertThat(event.userId()).isEqualTo(userId);
      assertThat(event.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(event.clientId()).isEqualTo("shop");
      // the client's backend verifies the result; no session exchange, so no browser binding
      assertThat(event.loginBinding()).isNull();
    }
    Http.Response verified = verify("shop", SHOP_SECRET, result);
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.body().get("externalUserId").asString()).isEqualTo(ext);
    assertThat(verified.body().get("credentialId").asString()).isEqualTo(credentialId);
    assertThat(verified.body().get("amr").get(0).asString()).isEqualTo("passkey");
    assertThat(verified.body().get("authenticatedAt").asString()).isNotBlank();

    Http.Response replay = verify("shop", SHOP_SECRET, result);
    assertThat(replay.status()).isEqualTo(409);
    assertThat(replay.problemCode()).isEqualTo("login-result-used");
  }

  /**
   * A passkey deleted between its login and the redemption (a support desk removing a lost device's
   * passkey): the login result is refused, as for a result that is not valid; it verified before.
   */
  @Test
  void aLoginResultOfAPasskeyDeletedSinceIsRefused() {
    String ext = externalUserId();
    String credentialId = connectEnrol(UUID.randomUUID(), ext);
    String result = loginResult(credentialId);
    assertThat(
            http.exchange(
                    "DELETE",
                    "/connect/v1/users/" + ext + "/passkeys/" + credentialId,
                    basic("shop", SHOP_SECRET),
                    null)
                .status())
        .isEqualTo(204);
    Http.Response refused = verify("shop", SHOP_SECRET, result);
    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.problemCode()).isEqualTo("invalid-login-result");
    // checked after the redemption (no delete slips in between): the refused result is used up
    Http.Response again = verify("shop", SHOP_SECRET, result);
    assertThat(again.status()).isEqualTo(409);
    assertThat(again.problemCode()).isEqualTo("login-result-used");
  }

  @Test
  void aRedemptionGivenBackMayBeRedeemedAgainOnce() {
    String resultId = UUID.randomUUID().toString();
    assertThat(redemptions.redeem(resultId, Duration.ofMinutes(1))).isTrue();
    assertThat(redemptions.redeem(resultId, Duration.ofMinutes(1))).isFalse();
    redemptions.release(resultId);
    assertThat(redemptions.redeem(resultId, Duration.ofMinutes(1))).isTrue();
    assertThat(redemptions.redeem(resultId, Duration.ofMinutes(1))).isFalse();
  }

  /** The token's header and claims signed by another key, with this service's {@code kid}. */
  String resignedUnderOurKid(String token, LoginResultKeys other) {
    try {
      SignedJWT parsed = SignedJWT.parse(token);
      SignedJWT resigned =
          new SignedJWT(
              new JWSHeader.Builder(parsed.getHeader())
                  .keyID(loginResultKeys.signingKey().getKeyID())
                  .build(),
              parsed.getJWTClaimsSet());
      resigned.sign(new ECDSASigner(other.signingKey()));
      assertThat(resigned.getHeader().getKeyID())
          .isEqualTo(loginResultKeys.signingKey().getKeyID());
      return resigned.serialize();
    } catch (ParseException | JOSEException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void duringAKeyRotationBothKeysArePublishedAndTheOlderKeysResultsStillRedeemOnce() {
    String credentialId = connectEnrol(UUID.randomUUID(), externalUserId());
    JsonNode jwks = http.get("/.well-known/jwks.json", null).body();
    assertThat(jwks.get("keys").valueStream().map(k -> k.get("kid").asString()).toList())
        .containsExactly(
            loginResultKeys.signingKey().getKeyID(),
            PREVIOUS_LOGIN_RESULT_KEY.signingKey().getKeyID());
    assertThat(jwks.get("keys").valueStream().noneMatch(k -> k.has("d"))).isTrue();
    // new results are signed with the current key
    assertThat(kidOf(loginResult(credentialId))).isEqualTo(loginResultKeys.signingKey().getKeyID());

    // a result an instance still on the previous key signed, a moment ago
    String ext = externalUserId();
    String older =
        new LoginResults(
                PREVIOUS_LOGIN_RESULT_KEY,
                "https://passbridge.dev/passkey",
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Clock.systemUTC())
            .sign("shop", ext, credentialId);
    Http.Response verified = verify("shop", SHOP_SECRET, older);
    assertThat(verified.status()).as("%s", verified).isEqualTo(200);
    assertThat(verified.body().get("externalUserId").asString()).isEqualTo(ext);
    assertThat(verify("shop", SHOP_SECRET, older).problemCode()).isEqualTo("login-result-used");
  }

  static String kidOf(String token) {
    try {
      return SignedJWT.parse(token).getHeader().getKeyID();
    } catch (ParseException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  void forgedExpiredAndForeignLoginResultsAreRefusedWithoutUsingThemUp() {
    String credentialId = connectEnrol(UUID.randomUUID(), externalUserId());
    String result = loginResult(credentialId);

    // for another audience: 400, and not used up for the right client
    Http.Response foreign = verify("blog", BLOG_SECRET, result);
    assertThat(foreign.status()).isEqualTo(400);
    assertThat(foreign.problemCode()).isEqualTo("invalid-login-result");
    // a wrong secret or an unknown client: the same 401
    Http.Response wrongSecret = verify("shop", "not-the-secret", result);
    assertThat(wrongSecret.status()).isEqualTo(401);
    assertThat(wrongSecret.problemCode()).isEqualTo("invalid-client");
    assertThat(verify("nobody", SHOP_SECRET, result).body()).isEqualTo(wrongSecret.body());
    assertThat(verify("shop", SHOP_SECRET, result).status()).isEqualTo(200);

    // forged: the same claims signed with another key, under its own id and under this key's
    String forged =
        new LoginResults(
                LoginResultKeys.generate(),
                "https://passbridge.dev/passkey",
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Clock.systemUTC())
            .sign("shop", "someone", credentialId);
    assertThat(verify("shop", SHOP_SECRET, forged).problemCode()).isEqualTo("invalid-login-result");
    assertThat(
            verify("shop", SHOP_SECRET, resignedUnderOurKid(forged, LoginResultKeys.generate()))
                .problemCode())
        .isEqualTo("invalid-login-result");
    // expired: signed with the service's key three minutes ago
    String expired =
        new LoginResults(
                loginResultKeys,
                "https://passbridge.dev/passkey",
                Duration.ofMinutes(2),
                Duration.ofSeconds(5),
                Clock.fixed(Instant.now().minus(Duration.ofMinutes(3)), ZoneOffset.UTC))
            .sign("shop", "someone", credentialId);
    assertThat(verify("shop", SHOP_SECRET, expired).problemCode())
        .isEqualTo("invalid-login-result");
    // malformed, or a session token
    assertThat(verify("shop", SHOP_SECRET, "not.a.jwt").status()).isEqualTo(400);
    assertThat(
            verify("shop", SHOP_SECRET, TestSessions.token(UUID.randomUUID(), loginId())).status())
        .isEqualTo(400);
  }

  @Test
  void aPasskeyLoginOnlyWorksForTheCredentialsOwnTenantAndOrigins() {
    String shopCredential = connectEnrol(UUID.randomUUID(), externalUserId());
    String hostedCredential = enrol(UUID.randomUUID(), Flags.conditional());
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_AUTHENTICATED)) {
      // a shop passkey at the blog (other tenant), even from the blog's own origin
      var blogAuthenticator = shopAuthenticator;
      JsonNode blog = clientOptions("blog", BLOG_ORIGIN);
      Http.Response atBlog =
          clientLogin(
              "blog",
              BLOG_ORIGIN,
              blog,
              blogAuthenticator.authenticate(
                  blog.get("publicKey"), shopCredential, Flags.standard().withOrigin(BLOG_ORIGIN)));
      assertThat(atBlog.status()).isEqualTo(404);
      assertThat(atBlog.problemCode()).isEqualTo("unknown-credential");
      // a shop passkey in a hosted login
      Http.Response hostedOptions = http.post("/api/passkeys/login/options", null, Map.of());
      Http.Response hosted =
          http.post(
              "/api/passkeys/login",
              null,
              Map.of(
                  "ceremonyId",
                  hostedOptions.body().get("ceremonyId").asString(),
                  "credential",
                  shopAuthenticator.authenticate(
                      hostedOptions.body().get("publicKey"),
                      shopCredential,
                      Flags.standard().withOrigin(Http.ORIGIN))));
      assertThat(hosted.problemCode()).isEqualTo("unknown-credential");
      // a hosted passkey in the shop's login
      JsonNode shop = clientOptions("shop", SHOP_ORIGIN);
      Http.Response hostedAtShop =
          clientLogin(
              "shop",
              SHOP_ORIGIN,
              shop,
              authenticator.authenticate(
                  shop.get("publicKey"),
                  hostedCredential,
                  Flags.standard().withOrigin(SHOP_ORIGIN)));
      assertThat(hostedAtShop.problemCode()).isEqualTo("unknown-credential");
      // the shop's login requested from the blog's origin, or with the blog in clientData
      Http.Response fromBlog =
          http.exchange(
              "POST",
              "/api/passkeys/login/options",
              Map.of("Origin", BLOG_ORIGIN),
              Map.of("clientId", "shop"));
      assertThat(fromBlog.status()).isEqualTo(403);
      assertThat(fromBlog.problemCode()).isEqualTo("origin-not-allowed");
      JsonNode again = clientOptions("shop", SHOP_ORIGIN);
      Http.Response blogClientData =
          clientLogin(
              "shop",
              SHOP_ORIGIN,
              again,
              shopAuthenticator.authenticate(
                  again.get("publicKey"),
                  shopCredential,
                  Flags.standard().withOrigin(BLOG_ORIGIN)));
      assertThat(blogClientData.problemCode()).isEqualTo("origin-mismatch");
      // a shop ceremony finished as a hosted login or for another client
      JsonNode shopCeremony = clientOptions("shop", SHOP_ORIGIN);
      Http.Response asBlog =
          clientLogin(
              "blog",
              BLOG_ORIGIN,
              shopCeremony,
              shopAuthenticator.authenticate(shopCeremony.get("publicKey"), shopCredential));
      assertThat(asBlog.problemCode()).isEqualTo("challenge-expired");
      // an unknown client
      assertThat(
              http.exchange(
                      "POST",
                      "/api/passkeys/login/options",
                      Map.of("Origin", SHOP_ORIGIN),
                      Map.of("clientId", "nobody"))
                  .problemCode())
          .isEqualTo("unknown-client");

      // none of these logged anybody in
      assertThat(capture.events(PasskeyAuthenticated.class))
          .noneMatch(
              e ->
                  e.credentialId().equals(shopCredential)
                      || e.credentialId().equals(hostedCredential));
    }
    assertThat(
            jdbc.sql("SELECT sign_count FROM passkey_credential WHERE credential_id = :id")
                .param("id", shopCredential)
                .query(Long.class)
                .single())
        .isZero();
  }

  @Test
  void noLogLineNamesAPlatformsUserId(CapturedOutput output) {
    // a platform's id is often an e-mail address or a phone number
    String ext = "carol-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
    String credentialId = connectEnrol(UUID.randomUUID(), ext);
    String path = "/connect/v1/users/" + ext;
    assertThat(
            http.exchange(
                    "DELETE", path + "/passkeys/" + credentialId, basic("shop", SHOP_SECRET), null)
                .status())
        .isEqualTo(204);
    // a path no controller has: whatever is logged of it does not name the user either
    assertThat(http.exchange("DELETE", path, basic("shop", SHOP_SECRET), null).status())
        .isGreaterThanOrEqualTo(400);
    assertThat(output.getAll()).contains(credentialId).doesNotContain(ext);
  }

  @Test
  void theServerApiListsAndDeletesWithinTheCallersTenantOnly() {
    UUID userId = UUID.randomUUID();
    String ext = externalUserId();
    String credentialId = connectEnrol(userId, ext);
    String path = "/connect/v1/users/" + ext + "/passkeys";

    Http.Response shopList = http.exchange("GET", path, basic("shop", SHOP_SECRET), null);
    assertThat(shopList.status()).isEqualTo(200);
    assertThat(shopList.body()).hasSize(1);
    assertThat(shopList.body().get(0).get("id").asString()).isEqualTo(credentialId);
    assertThat(shopList.body().get(0).get("provider").asString()).isNotBlank();
    assertThat(shopList.body().get(0).has("synced")).isTrue();
    // an external id no user can have is a validation failure naming it, with its errors
    Http.Response badId =
        http.exchange(
            "GET", "/connect/v1/users/bad%20id/passkeys", basic("shop", SHOP_SECRET), null);
    assertThat(badId.status()).isEqualTo(400);
    assertThat(badId.problemCode()).isEqualTo("validation-failed");
    assertThat(badId.body().path("errors").path("externalUserId").asString())
        .isEqualTo(dev.passbridge.platform.core.connect.ConnectTokenVerifier.EXTERNAL_USER_ID_RULE);
    // the same external id at another tenant is another user
    assertThat(http.exchange("GET", path, basic("blog", BLOG_SECRET), null).body()).isEmpty();
    Http.Response blogDelete =
        http.exchange("DELETE", path + "/" + credentialId, basic("blog", BLOG_SECRET), null);
    assertThat(blogDelete.status()).isEqualTo(404);
    assertThat(http.exchange("GET", path, basic("shop", "wrong"), null).problemCode())
        .isEqualTo("invalid-client");
    // an id no passkey can have is not found either, on the server API and with a manage token
    for (String id : List.of("A".repeat(513), credentialId + "A".repeat(600), "%20")) {
      Http.Response serverDelete =
          http.exchange("DELETE", path + "/" + id, basic("shop", SHOP_SECRET), null);
      assertThat(serverDelete.status()).as(id).isEqualTo(404);
      assertThat(serverDelete.problemCode()).as(id).isEqualTo("passkey-not-found");
      Http.Response manageDelete =
          http.exchange(
              "DELETE",
              "/api/passkeys/" + id,
              bearer(ConnectTokens.manage(userId, ext, "shop"), SHOP_ORIGIN),
              null);
      assertThat(manageDelete.status()).as(id).isEqualTo(404);
      assertThat(manageDelete.problemCode()).as(id).isEqualTo("passkey-not-found");
    }
    assertThat(credentialsOf(userId)).isEqualTo(1);

    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_DELETED)) {
      assertThat(
              http.exchange("DELETE", path + "/" + credentialId, basic("shop", SHOP_SECRET), null)
                  .status())
          .isEqualTo(204);
      PasskeyDeleted deleted =
          capture.await(PasskeyDeleted.class, e -> e.credentialId().equals(credentialId));
      assertThat(deleted.userId()).isEqualTo(userId);
      assertThat(deleted.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(deleted.clientId()).isEqualTo("shop");
    }
    assertThat(credentialsOf(userId)).isZero();
  }

  @Test
  void aClientOverItsQuotaGets429AndChangesNothing() {
    Map<String, String> tiny = basic("tiny", TINY_SECRET);
    String path = "/connect/v1/users/" + externalUserId() + "/passkeys";
    // limit 2 a minute: among 5 calls at least one is over it, even across a minute boundary
    Map<String, String> headers = new HashMap<>();
    Http.Response refused = null;
    for (int i = 0; i < 5 && refused == null; i++) {
      Http.Response r = http.exchangeWithHeaders("GET", path, tiny, null, headers);
      if (r.status() == 429) {
        refused = r;
      } else {
        assertThat(r.status()).isEqualTo(200);
      }
    }
    assertThat(refused).isNotNull();
    assertThat(refused.problemCode()).isEqualTo("quota-exceeded");
    assertThat(Integer.parseInt(headers.get("retry-after"))).isBetween(1, 60);
    // another client's budget is its own
    assertThat(http.exchange("GET", path, basic("shop", SHOP_SECRET), null).status())
        .isEqualTo(200);
  }
}
