package dev.passbridge.auth;

import static dev.passbridge.auth.ConnectApiIT.FORUM_SECRET;
import static dev.passbridge.auth.ConnectApiIT.OUTLET_SECRET;
import static dev.passbridge.auth.ConnectApiIT.SHOP_SECRET;
import static dev.passbridge.auth.ConnectApiIT.basic;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.contracts.ids.Tokens;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.testsupport.EventCapture;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * {@code DELETE /connect/v1/users/{externalUserId}} over real HTTP, PostgreSQL and Kafka: a known
 * user's erasure publishes {@code UserErased} (acknowledged before the answer, 202), removes the
 * mapping, and auth-service's own passkey projection drops the user's rows when it reads the event;
 * an unknown or already erased user is 204 and publishes nothing; the same external id later is a
 * new user; other users and other tenants are untouched; bad input and a wrong client change
 * nothing.
 */
class ConnectErasureIT extends IntegrationTestBase {

  private Reply erase(String externalUserId, String authorization) {
    var b = request("/connect/v1/users/" + externalUserId).DELETE();
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return send(b.build());
  }

  private UUID reportLogin(String clientId, String secret, String externalUserId) throws Exception {
    Reply r = reportLoginReply(clientId, secret, externalUserId);
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    SignedJWT token = SignedJWT.parse(r.json().path("connectToken").asString());
    return UUID.fromString(token.getJWTClaimsSet().getSubject());
  }

  private Reply reportLoginReply(String clientId, String secret, String externalUserId) {
    return send(
        request("/connect/v1/logins")
            .header("Content-Type", "application/json")
            .header("Authorization", basic(clientId, secret))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    JSON.writeValueAsString(
                        Map.of(
                            "externalUserId",
                            externalUserId,
                            "username",
                            externalUserId + "@shop.example"))))
            .build());
  }

  private long mappings(String tenant, String externalUserId) {
    return jdbc.sql("select count(*) from connect_user where tenant = ? and external_user_id = ?")
        .params(tenant, externalUserId)
        .query(Long.class)
        .single();
  }

  private long projectionRows(UUID userId) {
    return jdbc.sql("select count(*) from passkey_projection where user_id = ?")
        .param(userId)
        .query(Long.class)
        .single();
  }

  private void passkeyCreated(UUID userId) {
    publish(
        new PasskeyCreated(
            UUID.randomUUID(),
            clock.instant(),
            userId,
            null,
            "cred-" + UUID.randomUUID(),
            "00000000-0000-0000-0000-000000000000",
            "Test",
            UpgradeMode.PROMPT,
            true,
            true,
            List.of("internal"),
            null));
  }

  @Test
  void aKnownUserIsErasedEverywhereThisServiceKeepsIt() throws Exception {
    String external = "erase-" + UUID.randomUUID();
    String neighbour = "stay-" + UUID.randomUUID();
    UUID user = reportLogin("shop", SHOP_SECRET, external);
    UUID stays = reportLogin("shop", SHOP_SECRET, neighbour);
    UUID otherTenant = reportLogin("forum", FORUM_SECRET, external);
    passkeyCreated(user);
    passkeyCreated(user);
    passkeyCreated(stays);
    await().atMost(Duration.ofSeconds(15)).until(() -> projectionRows(user) == 2);
    await().atMost(Duration.ofSeconds(15)).until(() -> projectionRows(stays) == 1);

    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      // outlet shares the tenant "shop": its erasure is of the same user
      Reply r = erase(external, basic("outlet", OUTLET_SECRET));
      assertThat(r.status()).as(r.body()).isEqualTo(202);
      assertThat(r.body()).isEmpty();
      assertThat(r.header("Cache-Control")).hasValue("no-store");

      UserErased erased = capture.await(UserErased.class, e -> e.userId().equals(user));
      assertThat(erased.eventId()).isEqualTo(UserErased.idFor(user));
      assertThat(erased.source()).isEqualTo(LoginSource.CONNECT);
      assertThat(erased.clientId()).isEqualTo("outlet");
      assertThat(mappings("shop", external)).isZero();
      await().atMost(Duration.ofSeconds(15)).until(() -> projectionRows(user) == 0);

      // nothing else went: the neighbour, its passkey, the other tenant's user of the same id
      assertThat(mappings("shop", neighbour)).isEqualTo(1);
      assertThat(projectionRows(stays)).isEqualTo(1);
      assertThat(mappings("forum", external)).isEqualTo(1);
      assertThat(reportLogin("forum", FORUM_SECRET, external)).isEqualTo(otherTenant);

      // a repeat: nothing is kept any more, nothing more is published
      Reply again = erase(external, basic("shop", SHOP_SECRET));
      assertThat(again.status()).as(again.body()).isEqualTo(204);
      Thread.sleep(500);
      assertThat(capture.events(UserErased.class)).hasSize(1);
    }

    // moments after, what was in flight maps nothing again: a login report, a manage token
    Reply report = reportLoginReply("shop", SHOP_SECRET, external);
    assertThat(report.status()).as(report.body()).isEqualTo(410);
    assertThat(report.problemCode()).isEqualTo("user-erased");
    Reply manage =
        send(
            request("/connect/v1/tokens")
                .header("Content-Type", "application/json")
                .header("Authorization", basic("outlet", OUTLET_SECRET))
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "{\"externalUserId\":\"" + external + "\",\"scope\":\"manage\"}"))
                .build());
    assertThat(manage.status()).as(manage.body()).isEqualTo(410);
    assertThat(mappings("shop", external)).isZero();
    // the other tenant's user of the same id is not affected
    assertThat(reportLogin("forum", FORUM_SECRET, external)).isEqualTo(otherTenant);

    // once the mark is over (11 minutes; here: its key removed), the same platform id is a new
    // user that nothing links to the erased one
    assertThat(redis.delete("auth:connect-erased:shop:" + Tokens.digest(external))).isTrue();
    UUID fresh = reportLogin("shop", SHOP_SECRET, external);
    assertThat(fresh).isNotEqualTo(user);
    assertThat(mappings("shop", external)).isEqualTo(1);
  }

  /**
   * Nothing is kept about a user never seen, so nothing is published; a first login report for the
   * id right after (one in flight while the platform erased the person) is refused all the same,
   * and maps nothing.
   */
  @Test
  void aUserNeverSeenIs204AndPublishesNothingAndIsNotMappedByAReportInFlight() throws Exception {
    String external = "never-" + UUID.randomUUID();
    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      Reply r = erase(external, basic("shop", SHOP_SECRET));
      assertThat(r.status()).as(r.body()).isEqualTo(204);
      Reply late = reportLoginReply("shop", SHOP_SECRET, external);
      assertThat(late.status()).as(late.body()).isEqualTo(410);
      assertThat(late.problemCode()).isEqualTo("user-erased");
      assertThat(mappings("shop", external)).isZero();
      Thread.sleep(500);
      assertThat(capture.events()).isEmpty();
    }
  }

  @Test
  void badInputAndWrongClientsChangeNothing() throws Exception {
    String external = "kept-" + UUID.randomUUID();
    UUID user = reportLogin("shop", SHOP_SECRET, external);
    try (var capture = EventCapture.of(bootstrap(), Topics.USER_ERASED)) {
      for (String bad : List.of("a%20b", "x".repeat(129), "%C3%A9t%C3%A9", "a%2Fb")) {
        Reply r = erase(bad, basic("shop", SHOP_SECRET));
        assertThat(r.status()).as(bad + ": " + r.body()).isBetween(400, 404);
        assertThat(r.status()).as(bad).isNotEqualTo(401);
      }
      // path parameters: Spring's matching would drop ";x" and name the user; refused first
      for (String bad : List.of(external + ";x", external + ";", external + "%3Bx")) {
        Reply r = erase(bad, basic("shop", SHOP_SECRET));
        assertThat(r.status()).as(bad + ": " + r.body()).isEqualTo(400);
      }
      Reply invalid = erase("x".repeat(129), basic("shop", SHOP_SECRET));
      assertThat(invalid.status()).isEqualTo(400);
      assertThat(invalid.problemCode()).isEqualTo("validation-failed");

      for (String authorization :
          new String[] {null, basic("shop", "guess"), basic("nobody", SHOP_SECRET)}) {
        Reply r = erase(external, authorization);
        assertThat(r.status()).as(r.body()).isEqualTo(401);
        assertThat(r.problemCode()).isEqualTo("invalid-client");
      }
      // another tenant's client cannot reach this tenant's user: for it the id is unknown
      Reply otherTenant = erase(external, basic("forum", FORUM_SECRET));
      assertThat(otherTenant.status()).isEqualTo(204);

      Thread.sleep(500);
      assertThat(capture.events()).isEmpty();
    }
    assertThat(mappings("shop", external)).isEqualTo(1);
    assertThat(reportLogin("shop", SHOP_SECRET, external)).isEqualTo(user);
  }
}
