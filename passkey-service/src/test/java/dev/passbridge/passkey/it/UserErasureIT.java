package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyDeleted;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.events.UserErased;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * A user's erasure (docs/services/passkey-service.md, "Erasure") against the real broker, Redis and
 * PostgreSQL: a {@code UserErased} on Kafka deletes the user's hosted and Connect passkeys without
 * any {@code PasskeyDeleted}, leaves other users alone, is harmless when delivered again, and a
 * ceremony or append token issued before it can no longer store a passkey for the user (410 {@code
 * user-erased}, nothing stored or published) nor, failing, record a {@code PasskeyUpgradeFailed}.
 */
@ExtendWith(OutputCaptureExtension.class)
class UserErasureIT extends IntegrationTestBase {
  @Autowired EventPublisher events;
  @Autowired PasskeyCredentials credentials;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired MeterRegistry meters;

  SoftwarePasskeyAuthenticator shopAuthenticator;

  @BeforeEach
  void shopAuthenticator() {
    shopAuthenticator =
        new SoftwarePasskeyAuthenticator(SHOP_ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
  }

  @Test
  void anErasureDeletesTheUsersPasskeysWithoutEventsAndRefusesLaterRegistrations(
      CapturedOutput output) {
    UUID alice = UUID.randomUUID();
    String aliceExternal = ConnectIT.externalUserId();
    UUID bob = UUID.randomUUID();
    String bobExternal = ConnectIT.externalUserId();
    String aliceHosted = enrol(alice, Flags.conditional());
    String aliceConnect = connectEnrol(alice, aliceExternal);
    String bobHosted = enrol(bob, Flags.conditional());
    String bobConnect = connectEnrol(bob, bobExternal);
    // issued before the erasure, used after it: a hosted ceremony and a Connect append token
    Upgrade lateHosted = upgrade(alice, UpgradeMode.PROMPT);
    JsonNode lateHostedCredential =
        authenticator.register(lateHosted.publicKey(), Kind.NONE, Flags.standard());
    ConnectUpgrade lateConnect = connectUpgrade(alice, aliceExternal);
    JsonNode lateConnectCredential = shopAuthenticator.register(lateConnect.publicKey(), Kind.NONE);

    assertThat(ids(http.get("/api/passkeys", session(alice)).body()))
        .containsExactly(aliceHosted, aliceConnect);
    assertThat(ids(connectPasskeys(aliceExternal))).containsExactly(aliceConnect);
    // completed publications are deleted (completion-mode: delete): once Alice's two
    // PasskeyCreated are on Kafka, the outbox keeps nothing of them (and the capture below starts
    // after them)
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> publications() == 0 && publicationsNaming(alice) == 0);

    UserErased erased =
        new UserErased(UserErased.idFor(alice), Instant.now(), alice, LoginSource.CONNECT, "shop");
    try (var capture =
        EventCapture.of(
            TestInfrastructure.kafkaBootstrapServers(),
            Topics.PASSKEY_DELETED,
            Topics.PASSKEY_CREATED,
            Topics.PASSKEY_UPGRADE_FAILED)) {
      events.publishAndWait(erased);
      await().atMost(Duration.ofSeconds(30)).until(() -> credentialsOf(alice) == 0);
      Instant erasedAt = tombstone(alice);
      assertThat(erasedAt).isNotNull();

      assertThat(http.get("/api/passkeys", session(alice)).body()).isEmpty();
      assertThat(connectPasskeys(aliceExternal)).isEmpty();
      // another user's passkeys, hosted and Connect, are untouched
      assertThat(credentialsOf(bob)).isEqualTo(2);
      assertThat(ids(http.get("/api/passkeys", session(bob)).body()))
          .containsExactly(bobHosted, bobConnect);
      assertThat(ids(connectPasskeys(bobExternal))).containsExactly(bobConnect);
      // the erased user's passkey no longer signs anybody in
      JsonNode options = http.post("/api/passkeys/login/options", null, Map.of()).body();
      Http.Response login =
          http.post(
              "/api/passkeys/login",
              null,
              Map.of(
                  "ceremonyId",
                  options.get("ceremonyId").asString(),
                  "credential",
                  authenticator.authenticate(options.get("publicKey"), aliceHosted)));
      assertThat(login.status()).isEqualTo(404);
      assertThat(login.problemCode()).isEqualTo("unknown-credential");

      // the ceremony and the append token from before the erasure store nothing
      Http.Response refused = register(lateHosted, lateHostedCredential);
      assertThat(refused.status()).as("%s", refused).isEqualTo(410);
      assertThat(refused.problemCode()).isEqualTo("user-erased");
      assertThat(refused.body().get("type").asString())
          .isEqualTo("https://passbridge.dev/problems/user-erased");
      Http.Response refusedConnect =
          http.exchange(
              "POST",
              "/api/passkeys/registrations",
              ConnectIT.bearer(lateConnect.token(), SHOP_ORIGIN),
              Map.of("ceremonyId", lateConnect.ceremonyId(), "credential", lateConnectCredential));
      assertThat(refusedConnect.status()).as("%s", refusedConnect).isEqualTo(410);
      assertThat(refusedConnect.problemCode()).isEqualTo("user-erased");
      assertThat(credentialsOf(alice)).isZero();
      assertThat(publicationsNaming(alice)).as("nothing of Alice's in the outbox").isZero();
      // the ceremony is closed: a reload does not offer it again
      JsonNode reload = http.get("/api/passkeys/upgrade", lateHosted.session()).body();
      assertThat(reload.get("action").asString()).isEqualTo("NONE");
      assertThat(reload.get("reason").asString()).isEqualTo("FAILED");

      // a marker after all that: Bob deletes a passkey, and its PasskeyDeleted goes out
      assertThat(http.delete("/api/passkeys/" + bobHosted, session(bob)).status()).isEqualTo(204);
      capture.await(PasskeyDeleted.class, e -> e.credentialId().equals(bobHosted));
      sleep(500);
      assertThat(capture.events().stream().map(PassbridgeEvent::userId))
          .as("no PasskeyDeleted, PasskeyCreated or PasskeyUpgradeFailed for Alice")
          .doesNotContain(alice)
          .contains(bob);
      assertThat(
              capture.events().stream()
                  .filter(e -> e instanceof PasskeyDeleted d && d.credentialId().equals(bobHosted)))
          .hasSize(1);
      assertThat(capture.events(PasskeyCreated.class)).isEmpty();
      assertThat(capture.events(PasskeyUpgradeFailed.class)).isEmpty();

      // delivered again: harmless, the first tombstone stays, nobody else loses anything
      events.publishAndWait(erased);
      await()
          .atMost(Duration.ofSeconds(30))
          .until(
              () ->
                  output
                      .getAll()
                      .contains("user " + alice + " was erased already: 0 passkeys deleted now"));
      assertThat(tombstone(alice)).isEqualTo(erasedAt);
      assertThat(credentialsOf(alice)).isZero();
      assertThat(ids(http.get("/api/passkeys", session(bob)).body())).containsExactly(bobConnect);
      assertThat(deadLetters()).isZero();
      assertThat(output.getAll()).doesNotContain("goes to the dead-letter topic");
    }
    // the log names the user id and counts, never the platform's id of the user
    assertThat(output.getAll())
        .contains("user " + alice + " erased: 2 passkeys deleted")
        .doesNotContain(aliceExternal);
  }

  /**
   * A registration whose transaction meets the user's erasure waits for it and is then refused:
   * without the per-user lock it would read no tombstone (not yet committed) and commit its passkey
   * after the erasure's delete had looked for it.
   */
  @Test
  void aRegistrationRacingTheErasureWaitsForItAndIsRefused() throws Exception {
    UUID carol = UUID.randomUUID();
    Upgrade upgrade = upgrade(carol, UpgradeMode.CONDITIONAL);
    JsonNode credential =
        authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.conditional());
    CompletableFuture<Http.Response> registration = new CompletableFuture<>();

    new TransactionTemplate(transactionManager)
        .executeWithoutResult(
            status -> {
              credentials.erase(carol, Duration.ofDays(7));
              Thread.ofVirtual().start(() -> registration.complete(register(upgrade, credential)));
              sleep(1500);
              assertThat(registration)
                  .as("the registration waits for the erasure's transaction")
                  .isNotDone();
            });

    Http.Response refused = registration.get(20, TimeUnit.SECONDS);
    assertThat(refused.status()).as("%s", refused).isEqualTo(410);
    assertThat(refused.problemCode()).isEqualTo("user-erased");
    assertThat(credentialsOf(carol)).isZero();
  }

  /**
   * A ceremony or append token issued before the erasure can still end in a failure after it: the
   * browser's outcome report and a registration that fails verification are answered as before
   * (204; the rejection), but record no {@code PasskeyUpgradeFailed} for the erased user (it would
   * bring the user back into intelligence-service's profiles). A user who is not erased, doing the
   * same, still gets the event each time, so dropping every failure would not pass either.
   */
  @Test
  void failuresOfCeremoniesFromBeforeTheErasureRecordNoEventForTheErasedUser() {
    UUID erin = UUID.randomUUID();
    UUID frank = UUID.randomUUID();
    Late erinLate = late(erin);
    Late frankLate = late(frank);

    events.publishAndWait(new UserErased(UserErased.idFor(erin), Instant.now(), erin, null, null));
    await().atMost(Duration.ofSeconds(30)).until(() -> tombstone(erin) != null);

    try (var capture =
        EventCapture.of(
            TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_UPGRADE_FAILED)) {
      // the erased user first, then the same for the other one: had Erin's failures been
      // recorded, they would have been in the outbox before Frank's
      fail(erinLate);
      assertThat(publicationsNaming(erin)).as("nothing of Erin's in the outbox").isZero();
      fail(frankLate);

      capture.await(
          PasskeyUpgradeFailed.class,
          e -> e.ceremonyId().equals(frankLate.report().ceremonyId()),
          Duration.ofSeconds(30));
      capture.await(
          PasskeyUpgradeFailed.class,
          e -> e.ceremonyId().equals(frankLate.connectReport().ceremonyId()),
          Duration.ofSeconds(30));
      PasskeyUpgradeFailed rejected =
          capture.await(
              PasskeyUpgradeFailed.class,
              e -> e.ceremonyId().equals(frankLate.registration().ceremonyId()),
              Duration.ofSeconds(30));
      assertThat(rejected.errorName()).isEqualTo("challenge-mismatch");
      sleep(2000);

      assertThat(capture.events(PasskeyUpgradeFailed.class))
          .as("no PasskeyUpgradeFailed for the erased user")
          .noneMatch(e -> e.userId().equals(erin))
          .filteredOn(e -> e.userId().equals(frank))
          .hasSize(3);
      assertThat(publicationsNaming(erin)).isZero();
    }
  }

  /**
   * Three ceremonies of a user, issued and not yet ended: a hosted offer and a Connect append
   * token's offer for the browser's failure report, and a hosted offer with a credential made for
   * another challenge.
   */
  record Late(
      Upgrade report, ConnectUpgrade connectReport, Upgrade registration, JsonNode credential) {}

  Late late(UUID userId) {
    Upgrade registration = upgrade(userId, UpgradeMode.PROMPT);
    JsonNode wrongChallenge =
        authenticator.register(
            registration.publicKey(),
            Kind.NONE,
            Flags.standard().withChallenge(Base64Url.encode(new byte[32])));
    return new Late(
        upgrade(userId, UpgradeMode.PROMPT),
        connectUpgrade(userId, ConnectIT.externalUserId()),
        registration,
        wrongChallenge);
  }

  /**
   * Ends the three ceremonies with a failure, each answered as it always is (204, 204, 400
   * challenge-mismatch), and each closed: a reload offers none of them again, the append token is
   * spent.
   */
  void fail(Late late) {
    Http.Response outcome =
        http.post(
            "/api/passkeys/upgrade/outcome",
            late.report().session(),
            Map.of("ceremonyId", late.report().ceremonyId(), "errorName", "NotAllowedError"));
    assertThat(outcome.status()).as("%s", outcome).isEqualTo(204);
    Http.Response connectOutcome =
        http.exchange(
            "POST",
            "/api/passkeys/upgrade/outcome",
            ConnectIT.bearer(late.connectReport().token(), SHOP_ORIGIN),
            Map.of("ceremonyId", late.connectReport().ceremonyId(), "errorName", "AbortError"));
    assertThat(connectOutcome.status()).as("%s", connectOutcome).isEqualTo(204);
    Http.Response refused = register(late.registration(), late.credential());
    assertThat(refused.status()).as("%s", refused).isEqualTo(400);
    assertThat(refused.problemCode()).isEqualTo("challenge-mismatch");

    for (Upgrade closed : List.of(late.report(), late.registration())) {
      JsonNode reload = http.get("/api/passkeys/upgrade", closed.session()).body();
      assertThat(reload.get("action").asString()).isEqualTo("NONE");
      assertThat(reload.get("reason").asString()).isEqualTo("FAILED");
    }
    assertThat(
            http.exchange(
                    "GET",
                    "/api/passkeys/upgrade",
                    ConnectIT.bearer(late.connectReport().token(), SHOP_ORIGIN),
                    null)
                .status())
        .isEqualTo(401);
  }

  /** Tombstones older than the retention (7 days) go with the next erasure; younger ones stay. */
  @Test
  void theNextErasureRemovesTombstonesOlderThanTheRetention() {
    UUID old = UUID.randomUUID();
    UUID recent = UUID.randomUUID();
    UUID dave = UUID.randomUUID();
    insertTombstone(old, Instant.now().minus(Duration.ofDays(7).plusMinutes(5)));
    insertTombstone(recent, Instant.now().minus(Duration.ofDays(7).minusMinutes(5)));

    events.publishAndWait(new UserErased(UserErased.idFor(dave), Instant.now(), dave, null, null));
    await().atMost(Duration.ofSeconds(30)).until(() -> tombstone(dave) != null);

    assertThat(tombstone(old)).as("older than the retention").isNull();
    assertThat(tombstone(recent)).as("younger than the retention").isNotNull();
  }

  // --- helpers

  record ConnectUpgrade(String token, JsonNode decision) {
    String ceremonyId() {
      return decision.get("ceremonyId").asString();
    }

    JsonNode publicKey() {
      return decision.get("publicKey");
    }
  }

  /** A shop login's PROMPT decision, fetched with its append token (as ConnectIT does). */
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
        http.exchange("GET", "/api/passkeys/upgrade", ConnectIT.bearer(token, SHOP_ORIGIN), null);
    assertThat(r.status()).as("upgrade answer %s", r).isEqualTo(200);
    assertThat(r.body().get("action").asString()).isEqualTo("PROMPT");
    return new ConnectUpgrade(token, r.body());
  }

  /** A shop user's passkey, made on the shop's page through an append token. */
  String connectEnrol(UUID userId, String externalUserId) {
    ConnectUpgrade upgrade = connectUpgrade(userId, externalUserId);
    Http.Response r =
        http.exchange(
            "POST",
            "/api/passkeys/registrations",
            ConnectIT.bearer(upgrade.token(), SHOP_ORIGIN),
            Map.of(
                "ceremonyId",
                upgrade.ceremonyId(),
                "credential",
                shopAuthenticator.register(upgrade.publicKey(), Kind.NONE)));
    assertThat(r.status()).as("registration %s", r).isEqualTo(201);
    return r.body().get("credentialId").asString();
  }

  JsonNode connectPasskeys(String externalUserId) {
    Http.Response r =
        http.exchange(
            "GET",
            "/connect/v1/users/" + externalUserId + "/passkeys",
            ConnectIT.basic("shop", SHOP_SECRET),
            null);
    assertThat(r.status()).as("%s", r).isEqualTo(200);
    return r.body();
  }

  static String session(UUID userId) {
    return TestSessions.token(userId, loginId());
  }

  static List<String> ids(JsonNode list) {
    return list.valueStream().map(p -> p.get("id").asString()).toList();
  }

  long credentialsOf(UUID userId) {
    return jdbc.sql("SELECT COUNT(*) FROM passkey_credential WHERE user_id = :u")
        .param("u", userId)
        .query(Long.class)
        .single();
  }

  Instant tombstone(UUID userId) {
    return jdbc.sql("SELECT erased_at FROM erased_user WHERE user_id = :u")
        .param("u", userId)
        .query((rs, n) -> rs.getObject("erased_at", OffsetDateTime.class).toInstant())
        .optional()
        .orElse(null);
  }

  void insertTombstone(UUID userId, Instant erasedAt) {
    jdbc.sql("INSERT INTO erased_user (user_id, erased_at) VALUES (:u, :at)")
        .param("u", userId)
        .param("at", erasedAt.truncatedTo(ChronoUnit.MICROS).atOffset(ZoneOffset.UTC))
        .update();
  }

  /** Rows in the outbox: with completion-mode delete, only publications not yet on Kafka. */
  long publications() {
    return jdbc.sql("SELECT COUNT(*) FROM event_publication").query(Long.class).single();
  }

  /** Outbox rows, completed or not, whose serialized event names the user. */
  long publicationsNaming(UUID userId) {
    return jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE serialized_event LIKE :u")
        .param("u", "%" + userId + "%")
        .query(Long.class)
        .single();
  }

  double deadLetters() {
    return meters
        .get("passbridge.kafka.dead.letters")
        .tag("topic", Topics.USER_ERASED.name())
        .counter()
        .count();
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
