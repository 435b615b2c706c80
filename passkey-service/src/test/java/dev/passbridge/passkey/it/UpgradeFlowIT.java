package dev.passbridge.passkey.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.data.attestation.authenticator.COSEKey;
import com.webauthn4j.data.attestation.authenticator.Curve;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.authenticator.EdDSACOSEKey;
import com.webauthn4j.data.attestation.authenticator.RSACOSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.passbridge.contracts.events.PasskeyCreated;
import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.PasskeyUpgradeFailed;
import dev.passbridge.contracts.events.PasskeyUpgradeSkipped;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SkipReasons;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.testsupport.EventCapture;
import dev.passbridge.testsupport.TestInfrastructure;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.redis.core.StringRedisTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Automatic upgrade: decision → options → verified passkey → PasskeyCreated
 * (docs/services/passkey-service.md).
 */
class UpgradeFlowIT extends IntegrationTestBase {
  @Autowired EventPublisher events;
  @Autowired StringRedisTemplate redis;

  @Test
  void conditionalUpgradeFromTheKafkaDecisionToPasskeyCreated() {
    UUID userId = UUID.randomUUID();
    String loginId = loginId();
    PasskeyEligible eligible = eligible(userId, loginId, UpgradeMode.CONDITIONAL);
    try (var capture =
        EventCapture.of(TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_CREATED)) {
      events.publishAndWait(eligible);
      String session = TestSessions.token(userId, loginId);
      JsonNode decision = awaitDecision(session);
      assertThat(decision.get("action").asString()).isEqualTo("CONDITIONAL_CREATE");
      assertThat(decision.get("reason").isNull()).isTrue();
      JsonNode options = decision.get("publicKey");
      assertThat(options.get("rp").get("id").asString()).isEqualTo("localhost");
      assertThat(options.get("rp").get("name").asString()).isEqualTo("Passbridge");
      assertThat(options.get("user").get("name").asString()).isEqualTo("Alice.Example");
      assertThat(options.get("user").get("displayName").asString()).isEqualTo("Alice Example");
      assertThat(options.get("user").get("id").asString()).isEqualTo(eligible.userHandle());
      assertThat(Base64Url.decode(options.get("challenge").asString()).orElseThrow()).hasSize(32);
      assertThat(options.get("pubKeyCredParams").findValuesAsString("alg"))
          .containsExactly("-7", "-8", "-257");
      assertThat(options.get("authenticatorSelection").get("residentKey").asString())
          .isEqualTo("required");
      assertThat(options.get("authenticatorSelection").get("userVerification").asString())
          .isEqualTo("preferred");
      assertThat(options.get("attestation").asString()).isEqualTo("none");
      assertThat(options.get("extensions").get("credProps").asBoolean()).isTrue();
      assertThat(options.get("excludeCredentials")).isEmpty();

      var upgrade = new Upgrade(userId, loginId, session, decision);
      JsonNode credential =
          authenticator.register(options, Kind.NONE, Flags.conditional().withBackup(true, true));
      Http.Response created = register(upgrade, credential);
      assertThat(created.status()).isEqualTo(201);
      String credentialId = created.body().get("credentialId").asString();
      assertThat(credentialId).isEqualTo(credential.get("id").asString());
      assertThat(created.body().get("providerName").asString()).isEqualTo("Apple Passwords");
      assertThat(created.body().get("name").asString()).isEqualTo("Apple Passwords");

      PasskeyCreated event =
          capture.await(PasskeyCreated.class, e -> e.credentialId().equals(credentialId));
      assertThat(event.userId()).isEqualTo(userId);
      assertThat(event.loginId()).isEqualTo(loginId);
      assertThat(event.mode()).isEqualTo(UpgradeMode.CONDITIONAL);
      assertThat(event.backupEligible()).isTrue();
      assertThat(event.backupState()).isTrue();
      assertThat(event.aaguid()).isEqualTo("fbfc3007-154e-4ecc-8c0b-6e020557d7bd");
      assertThat(event.platform()).isEqualTo(eligible.platform());
      ConsumerRecord<String, ?> record =
          capture.records().stream()
              .filter(
                  r ->
                      r.value() instanceof PasskeyCreated c
                          && c.credentialId().equals(credentialId))
              .findFirst()
              .orElseThrow();
      assertThat(record.key()).isEqualTo(userId.toString());
      assertThat(EventCapture.header(record, "ce_type"))
          .isEqualTo("dev.passbridge.PasskeyCreated.v1");

      // the same response again: the ceremony is gone
      Http.Response replay = register(upgrade, credential);
      assertThat(replay.status()).isEqualTo(400);
      assertThat(replay.problemCode()).isEqualTo("challenge-expired");
      assertThat(replay.body().get("type").asString())
          .isEqualTo("https://passbridge.dev/problems/challenge-expired");

      // a reload of the dashboard does not offer the finished ceremony again
      JsonNode after = http.get("/api/passkeys/upgrade", session).body();
      assertThat(after.get("action").asString()).isEqualTo("NONE");
      assertThat(after.get("reason").asString()).isEqualTo("CREATED");
      sleep(500);
      assertThat(
              capture.events(PasskeyCreated.class).stream()
                  .filter(e -> e.credentialId().equals(credentialId)))
          .hasSize(1);
    }

    // the stored row
    var row =
        jdbc.sql(
                "SELECT user_handle, algorithm, sign_count, aaguid, backup_eligible, backup_state,"
                    + " attestation_format, upgrade_mode, transports FROM passkey_credential WHERE"
                    + " user_id = :u")
            .param("u", userId)
            .query()
            .singleRow();
    assertThat(row.get("user_handle")).isEqualTo(eligible.userHandle());
    assertThat(row.get("algorithm")).isEqualTo(-7);
    assertThat(row.get("attestation_format")).isEqualTo("none");
    assertThat(row.get("upgrade_mode")).isEqualTo("CONDITIONAL");
    assertThat(row.get("transports")).isEqualTo("hybrid,internal");
    assertThat(row.get("backup_eligible")).isEqualTo(true);
  }

  @Test
  void promptUpgradeRejectsACredentialWithoutUserPresence() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.PROMPT);
    assertThat(upgrade.decision().get("action").asString()).isEqualTo("PROMPT");
    try (var capture =
        EventCapture.of(
            TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_UPGRADE_FAILED)) {
      Http.Response r =
          register(
              upgrade, authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.conditional()));
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.problemCode()).isEqualTo("user-presence-missing");
      PasskeyUpgradeFailed failed =
          capture.await(
              PasskeyUpgradeFailed.class, e -> e.ceremonyId().equals(upgrade.ceremonyId()));
      assertThat(failed.errorName()).isEqualTo("user-presence-missing");
      assertThat(failed.mode()).isEqualTo(UpgradeMode.PROMPT);
    }
    assertThat(passkeysOf(upgrade.userId())).isZero();
  }

  @Test
  void promptUpgradeAcceptsThePackedEmulator() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.PROMPT);
    Http.Response r =
        register(upgrade, authenticator.register(upgrade.publicKey(), Kind.PACKED_EMULATOR));
    assertThat(r.status()).isEqualTo(201);
    // the emulator's AAGUID is in no provider list
    assertThat(r.body().get("providerName").asString()).isEqualTo("Passkey");
  }

  @Test
  void conditionalUpgradeAcceptsPackedSelfAttestationWithoutUserPresence() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    Http.Response r =
        register(
            upgrade,
            authenticator.register(upgrade.publicKey(), Kind.PACKED_SELF, Flags.conditional()));
    assertThat(r.status()).isEqualTo(201);
  }

  @Test
  void rejectsVerificationFailuresWithTheirProblemType() {
    record Case(Flags flags, String code) {}
    List<Case> cases =
        List.of(
            new Case(Flags.standard().withOrigin("https://evil.example"), "origin-mismatch"),
            new Case(Flags.standard().withRpId("evil.example"), "rp-id-mismatch"),
            new Case(
                Flags.standard()
                    .withAlgorithm(
                        com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier.ES384),
                "algorithm-not-allowed"),
            new Case(
                Flags.standard().withChallenge(Base64Url.encode(new byte[32])),
                "challenge-mismatch"),
            new Case(Flags.standard().withBackup(false, true), "backup-flags-invalid"));
    for (Case c : cases) {
      Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.PROMPT);
      Http.Response r =
          register(upgrade, authenticator.register(upgrade.publicKey(), Kind.NONE, c.flags()));
      assertThat(r.status()).as(c.code()).isEqualTo(400);
      assertThat(r.problemCode()).isEqualTo(c.code());
    }
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.PROMPT);
    Http.Response bad =
        register(
            upgrade,
            authenticator.register(
                upgrade.publicKey(), Kind.PACKED_SELF, Flags.standard().withCorruptSignature()));
    assertThat(bad.problemCode()).isEqualTo("bad-signature");
    Upgrade another = upgrade(UUID.randomUUID(), UpgradeMode.PROMPT);
    Http.Response malformed =
        register(another, Http.JSON.readTree("{\"id\":\"x\",\"response\":{}}"));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.problemCode()).isEqualTo("malformed-credential");
  }

  @Test
  void anEmptyCredentialIdIsMalformedAndEndsTheOffer() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    JsonNode empty =
        authenticator.register(
            upgrade.publicKey(), Kind.NONE, Flags.conditional().withCredentialId(new byte[0]));
    assertThat(empty.get("id").asString()).isEmpty();

    Http.Response r = register(upgrade, empty);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.problemCode()).isEqualTo("malformed-credential");
    assertThat(r.contentType()).startsWith("application/problem+json");
    JsonNode after = http.get("/api/passkeys/upgrade", upgrade.session()).body();
    assertThat(after.get("action").asString()).isEqualTo("NONE");
    assertThat(after.get("reason").asString()).isEqualTo("FAILED");
    assertThat(after.get("ceremonyId").isNull()).isTrue();
    assertThat(passkeysOf(upgrade.userId())).isZero();
  }

  @Test
  void aCredentialEnvelopeOfAnotherTypeOrIdIsMalformed() {
    for (String field : List.of("type", "id")) {
      Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.PROMPT);
      ObjectNode credential =
          authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.standard());
      if (field.equals("type")) {
        credential.put("type", "password");
      } else {
        credential.put("id", "!!!");
      }
      Http.Response r = register(upgrade, credential);
      assertThat(r.status()).as(field).isEqualTo(400);
      assertThat(r.problemCode()).as(field).isEqualTo("malformed-credential");
      assertThat(
              http.get("/api/passkeys/upgrade", upgrade.session()).body().get("reason").asString())
          .isEqualTo("FAILED");
      assertThat(passkeysOf(upgrade.userId())).isZero();
    }
  }

  /**
   * A document without the JSON shape of {@code PublicKeyCredential.toJSON()} is no credential a
   * browser made: 400 {@code malformed-credential}, and the offer, the ceremony and the funnel stay
   * as they were (an outside probe found {@code "credential": {}} ending the offer and counted as a
   * failed upgrade). The real credential for the same ceremony is stored afterwards.
   */
  @Test
  void aDocumentWithoutACredentialsShapeEndsNoOffer() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    ObjectNode real = authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.conditional());
    ObjectNode noRawId = real.deepCopy();
    noRawId.remove("rawId");
    ObjectNode numberType = real.deepCopy();
    numberType.put("type", 5);
    ObjectNode responseText = real.deepCopy();
    responseText.put("response", "x");
    ObjectNode attestationNumber = real.deepCopy();
    ((ObjectNode) attestationNumber.get("response")).put("attestationObject", 5);
    ObjectNode noClientData = real.deepCopy();
    ((ObjectNode) noClientData.get("response")).remove("clientDataJSON");
    List<JsonNode> documents =
        List.of(
            Http.JSON.readTree("{}"),
            Http.JSON.readTree("{\"id\":\"x\",\"response\":{}}"),
            Http.JSON.readTree("[]"),
            noRawId,
            numberType,
            responseText,
            attestationNumber,
            noClientData);
    try (var capture =
        EventCapture.of(
            TestInfrastructure.kafkaBootstrapServers(),
            Topics.PASSKEY_UPGRADE_FAILED,
            Topics.PASSKEY_CREATED)) {
      for (JsonNode document : documents) {
        Http.Response r = register(upgrade, document);
        assertThat(r.status()).as(document.toString()).isEqualTo(400);
        assertThat(r.problemCode()).as(document.toString()).isEqualTo("malformed-credential");
        JsonNode offer = http.get("/api/passkeys/upgrade", upgrade.session()).body();
        assertThat(offer.get("action").asString()).isEqualTo("CONDITIONAL_CREATE");
        assertThat(offer.get("ceremonyId").asString()).isEqualTo(upgrade.ceremonyId());
      }
      Http.Response stored = register(upgrade, real);
      assertThat(stored.status()).as(stored.body().toString()).isEqualTo(201);
      capture.await(PasskeyCreated.class, e -> e.userId().equals(upgrade.userId()));
      assertThat(capture.events(PasskeyUpgradeFailed.class))
          .noneMatch(e -> e.ceremonyId().equals(upgrade.ceremonyId()));
    }
    assertThat(passkeysOf(upgrade.userId())).isEqualTo(1);
  }

  @Test
  void publicKeysThatCanNeverVerifyAreNotStored() throws Exception {
    byte[] ones = new byte[32];
    java.util.Arrays.fill(ones, (byte) 1);
    byte[] twos = new byte[32];
    java.util.Arrays.fill(twos, (byte) 2);
    KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
    rsa.initialize(1024);
    record Case(COSEKey key, String code) {}
    List<Case> cases =
        List.of(
            new Case(
                new EC2COSEKey(
                    null, COSEAlgorithmIdentifier.ES256, null, Curve.SECP256R1, ones, twos),
                "malformed-credential"),
            new Case(
                new EdDSACOSEKey(
                    null, COSEAlgorithmIdentifier.EdDSA, null, Curve.ED25519, new byte[] {1}, null),
                "malformed-credential"),
            new Case(
                RSACOSEKey.create(
                    (RSAPublicKey) rsa.generateKeyPair().getPublic(),
                    COSEAlgorithmIdentifier.RS256),
                "algorithm-not-allowed"));
    for (Case c : cases) {
      Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.PROMPT);
      Http.Response r =
          register(
              upgrade,
              authenticator.registerWithPublicKey(upgrade.publicKey(), c.key(), Flags.standard()));
      assertThat(r.status()).as(c.code()).isEqualTo(400);
      assertThat(r.problemCode()).isEqualTo(c.code());
      assertThat(passkeysOf(upgrade.userId())).isZero();
    }
  }

  @Test
  void transportsOutsideTheWebAuthnListAreNotStored() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    ObjectNode credential =
        authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.conditional());
    ((ObjectNode) credential.get("response"))
        .putArray("transports")
        .add("internal")
        .add("x".repeat(300))
        .add("usb,nfc");

    Http.Response r = register(upgrade, credential);

    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    assertThat(
            jdbc.sql("SELECT transports FROM passkey_credential WHERE user_id = :u")
                .param("u", upgrade.userId())
                .query(String.class)
                .single())
        .isEqualTo("internal");
  }

  @Test
  void aCredentialIdCanBeRegisteredOnlyOnce() {
    UUID userId = UUID.randomUUID();
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    Upgrade first = upgrade(userId, UpgradeMode.CONDITIONAL);
    assertThat(
            register(
                    first,
                    authenticator.register(
                        first.publicKey(), Kind.NONE, Flags.conditional().withCredentialId(id)))
                .status())
        .isEqualTo(201);
    Upgrade second = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    Http.Response r =
        register(
            second,
            authenticator.register(
                second.publicKey(), Kind.NONE, Flags.conditional().withCredentialId(id)));
    assertThat(r.status()).isEqualTo(409);
    assertThat(r.problemCode()).isEqualTo("credential-exists");
  }

  @Test
  void theUsersPasskeysAreExcludedFromTheNextCeremony() {
    UUID userId = UUID.randomUUID();
    String existing = enrol(userId, Flags.conditional());
    Upgrade next = upgrade(userId, UpgradeMode.PROMPT);
    JsonNode exclude = next.publicKey().get("excludeCredentials");
    assertThat(exclude).hasSize(1);
    assertThat(exclude.get(0).get("id").asString()).isEqualTo(existing);
    assertThat(exclude.get(0).get("type").asString()).isEqualTo("public-key");
  }

  /**
   * Two logins decided while the user had no passkey; the first registers. The second login's
   * offer, asked for again, names that passkey in excludeCredentials: the list is read when the
   * offer is served, not frozen in the decision (a real authenticator then refuses with
   * InvalidStateError instead of silently making a second passkey).
   */
  @Test
  void anOfferMadeBeforeTheFirstPasskeyExcludesItWhenServedAfterwards() {
    for (UpgradeMode mode : UpgradeMode.values()) {
      UUID userId = UUID.randomUUID();
      Upgrade first = upgrade(userId, UpgradeMode.CONDITIONAL);
      Upgrade second = upgrade(userId, mode);
      assertThat(second.publicKey().get("excludeCredentials")).as("%s", mode).isEmpty();
      Http.Response created =
          register(
              first, authenticator.register(first.publicKey(), Kind.NONE, Flags.conditional()));
      assertThat(created.status()).isEqualTo(201);
      String credentialId = created.body().get("credentialId").asString();

      JsonNode again = http.get("/api/passkeys/upgrade", second.session()).body();
      assertThat(again.get("action").asString())
          .isEqualTo(second.decision().get("action").asString());
      assertThat(again.get("ceremonyId").asString()).isEqualTo(second.ceremonyId());
      JsonNode exclude = again.get("publicKey").get("excludeCredentials");
      assertThat(exclude).as("%s", mode).hasSize(1);
      assertThat(exclude.get(0).get("type").asString()).isEqualTo("public-key");
      assertThat(exclude.get(0).get("id").asString()).isEqualTo(credentialId);
      assertThat(exclude.get(0).get("transports").toString())
          .isEqualTo("[\"hybrid\",\"internal\"]");
      // everything else is the offer as decided: the same challenge and user
      assertThat(again.get("publicKey").get("challenge"))
          .isEqualTo(second.publicKey().get("challenge"));
      assertThat(again.get("publicKey").get("user")).isEqualTo(second.publicKey().get("user"));
    }
  }

  /**
   * The decision written down in docs/services/passkey-service.md ("An offer older than the user's
   * passkeys"): passkey-service does not second-guess intelligence-service's gate at registration.
   * A credential from another authenticator on that older offer is verified under the ceremony's
   * mode as always; the same authenticator is stopped before it creates anything, by the fresh
   * excludeCredentials.
   */
  @Test
  void anOlderOfferStillAcceptsAPasskeyOfAnotherAuthenticator() {
    UUID userId = UUID.randomUUID();
    Upgrade first = upgrade(userId, UpgradeMode.CONDITIONAL);
    Upgrade second = upgrade(userId, UpgradeMode.CONDITIONAL);
    assertThat(
            register(
                    first,
                    authenticator.register(first.publicKey(), Kind.NONE, Flags.conditional()))
                .status())
        .isEqualTo(201);
    JsonNode served = http.get("/api/passkeys/upgrade", second.session()).body();
    var other =
        new SoftwarePasskeyAuthenticator(
            Http.ORIGIN, SoftwarePasskeyAuthenticator.GOOGLE_PASSWORD_MANAGER);
    Http.Response r =
        register(second, other.register(served.get("publicKey"), Kind.NONE, Flags.conditional()));
    assertThat(r.status()).isEqualTo(201);
    assertThat(passkeysOf(userId)).isEqualTo(2);
  }

  @Test
  void twoConcurrentSubmissionsOfOneCeremonyCreateOnePasskey() throws Exception {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    JsonNode credential =
        authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.conditional());
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Http.Response>> answers = new ArrayList<>();
      Callable<Http.Response> submit =
          () -> {
            start.await();
            return register(upgrade, credential);
          };
      answers.add(pool.submit(submit));
      answers.add(pool.submit(submit));
      start.countDown();
      List<Integer> statuses = new ArrayList<>();
      for (var a : answers) {
        statuses.add(a.get().status());
      }
      assertThat(statuses).containsExactlyInAnyOrder(201, 400);
    } finally {
      pool.shutdownNow();
    }
    assertThat(passkeysOf(upgrade.userId())).isEqualTo(1);
  }

  @Test
  void anotherUsersSessionCanNeitherSeeNorUseTheCeremony() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    UUID intruder = UUID.randomUUID();
    String intruderSession = TestSessions.token(intruder, upgrade.loginId());
    JsonNode seen = http.get("/api/passkeys/upgrade", intruderSession).body();
    assertThat(seen.get("action").asString()).isEqualTo("NONE");
    assertThat(seen.get("reason").asString()).isEqualTo("PENDING");
    assertThat(seen.get("publicKey").isNull()).isTrue();

    JsonNode credential =
        authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.conditional());
    Http.Response stolen =
        http.post(
            "/api/passkeys/registrations",
            intruderSession,
            Map.of("ceremonyId", upgrade.ceremonyId(), "credential", credential));
    assertThat(stolen.problemCode()).isEqualTo("challenge-expired");
    // the owner's ceremony is untouched
    assertThat(register(upgrade, credential).status()).isEqualTo(201);
  }

  @Test
  void answersPendingWhenNoDecisionArrivesInTime() {
    long start = System.nanoTime();
    Http.Response r =
        http.get("/api/passkeys/upgrade", TestSessions.token(UUID.randomUUID(), loginId()));
    long millis = (System.nanoTime() - start) / 1_000_000;
    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body().get("action").asString()).isEqualTo("NONE");
    assertThat(r.body().get("reason").asString()).isEqualTo("PENDING");
    assertThat(millis).isBetween(700L, 5000L);
  }

  @Test
  void aDecisionThatArrivesDuringTheWaitIsAnsweredAtOnce() throws Exception {
    UUID userId = UUID.randomUUID();
    String loginId = loginId();
    var later =
        Executors.newSingleThreadScheduledExecutor()
            .schedule(
                () -> upgrades.onEligible(eligible(userId, loginId, UpgradeMode.PROMPT)),
                300,
                java.util.concurrent.TimeUnit.MILLISECONDS);
    Http.Response r = http.get("/api/passkeys/upgrade", TestSessions.token(userId, loginId));
    later.get();
    assertThat(r.body().get("action").asString()).isEqualTo("PROMPT");
  }

  @Test
  void skippedAndRepeatedDecisionsAreIdempotent() {
    UUID userId = UUID.randomUUID();
    String loginId = loginId();
    var skipped =
        new PasskeyUpgradeSkipped(
            UUID.randomUUID(),
            Instant.now(),
            userId,
            loginId,
            SkipReasons.HAS_PASSKEY,
            List.of(),
            Platform.unknown());
    upgrades.onSkipped(skipped);
    upgrades.onSkipped(skipped);
    upgrades.onEligible(eligible(userId, loginId, UpgradeMode.CONDITIONAL));
    JsonNode r = http.get("/api/passkeys/upgrade", TestSessions.token(userId, loginId)).body();
    assertThat(r.get("action").asString()).isEqualTo("NONE");
    assertThat(r.get("reason").asString()).isEqualTo("HAS_PASSKEY");
    assertThat(r.get("ceremonyId").isNull()).isTrue();
    assertThat(ceremonyKeys(userId)).as("a refused offer leaves no ceremony behind").isEmpty();

    String other = loginId();
    PasskeyEligible eligible = eligible(userId, other, UpgradeMode.CONDITIONAL);
    upgrades.onEligible(eligible);
    String session = TestSessions.token(userId, other);
    String first = http.get("/api/passkeys/upgrade", session).body().get("ceremonyId").asString();
    upgrades.onEligible(eligible);
    assertThat(http.get("/api/passkeys/upgrade", session).body().get("ceremonyId").asString())
        .isEqualTo(first);
    assertThat(ceremonyKeys(userId)).containsExactly("passkey:reg:" + userId + ":" + first);
  }

  /**
   * The same decision delivered to several instances at once (a rebalance): one offer wins and
   * exactly one ceremony is left, the one served (a script that wrote the ceremony whatever the
   * decision's fate, or none, fails here).
   */
  @Test
  void aDecisionDeliveredTwiceAtOnceStoresOneCeremony() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (int round = 0; round < 5; round++) {
        UUID userId = UUID.randomUUID();
        String loginId = loginId();
        PasskeyEligible eligible = eligible(userId, loginId, UpgradeMode.PROMPT);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> runs = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          runs.add(
              pool.submit(
                  () -> {
                    go.await();
                    upgrades.onEligible(eligible);
                    return null;
                  }));
        }
        go.countDown();
        for (Future<?> f : runs) {
          f.get();
        }
        String served =
            http.get("/api/passkeys/upgrade", TestSessions.token(userId, loginId))
                .body()
                .get("ceremonyId")
                .asString();
        assertThat(ceremonyKeys(userId)).containsExactly("passkey:reg:" + userId + ":" + served);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  private java.util.Set<String> ceremonyKeys(UUID userId) {
    return redis.keys("passkey:reg:" + userId + ":*");
  }

  @Test
  void theBrowsersOutcomeEndsTheCeremonyAndIsPublished() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    try (var capture =
        EventCapture.of(
            TestInfrastructure.kafkaBootstrapServers(), Topics.PASSKEY_UPGRADE_FAILED)) {
      Http.Response r =
          http.post(
              "/api/passkeys/upgrade/outcome",
              upgrade.session(),
              Map.of("ceremonyId", upgrade.ceremonyId(), "errorName", "NotAllowedError"));
      assertThat(r.status()).isEqualTo(204);
      PasskeyUpgradeFailed failed =
          capture.await(
              PasskeyUpgradeFailed.class, e -> e.ceremonyId().equals(upgrade.ceremonyId()));
      assertThat(failed.errorName()).isEqualTo("NotAllowedError");
      assertThat(failed.mode()).isEqualTo(UpgradeMode.CONDITIONAL);
      assertThat(failed.loginId()).isEqualTo(upgrade.loginId());
    }
    Http.Response again =
        http.post(
            "/api/passkeys/upgrade/outcome",
            upgrade.session(),
            Map.of("ceremonyId", upgrade.ceremonyId(), "errorName", "Dismissed"));
    assertThat(again.problemCode()).isEqualTo("challenge-expired");
    Http.Response late =
        register(
            upgrade, authenticator.register(upgrade.publicKey(), Kind.NONE, Flags.conditional()));
    assertThat(late.problemCode()).isEqualTo("challenge-expired");
    assertThat(http.get("/api/passkeys/upgrade", upgrade.session()).body().get("reason").asString())
        .isEqualTo("FAILED");
  }

  @Test
  void badRequestsGetClearProblems() {
    Upgrade upgrade = upgrade(UUID.randomUUID(), UpgradeMode.CONDITIONAL);
    assertThat(http.get("/api/passkeys/upgrade", null).status()).isEqualTo(401);
    assertThat(
            http.get(
                    "/api/passkeys/upgrade",
                    TestSessions.foreignToken(upgrade.userId(), upgrade.loginId()))
                .problemCode())
        .isEqualTo("unauthenticated");
    Http.Response noOrigin =
        http.postWithoutOrigin(
            "/api/passkeys/registrations", upgrade.session(), Map.of("ceremonyId", "x"));
    assertThat(noOrigin.status()).isEqualTo(403);
    assertThat(noOrigin.body().get("type").asString()).endsWith("/origin-not-allowed");
    assertThat(
            http.post("/api/passkeys/registrations", upgrade.session(), Map.of("ceremonyId", "x"))
                .problemCode())
        .isEqualTo("validation-failed");
    assertThat(http.post("/api/passkeys/registrations", upgrade.session(), "{nope").problemCode())
        .isEqualTo("malformed-request");
    Http.Response notObject =
        http.post(
            "/api/passkeys/registrations",
            upgrade.session(),
            Map.of("ceremonyId", upgrade.ceremonyId(), "credential", "text"));
    assertThat(notObject.status()).isEqualTo(400);
    assertThat(notObject.problemCode()).isEqualTo("malformed-credential");
    assertThat(
            http.post(
                    "/api/passkeys/upgrade/outcome",
                    upgrade.session(),
                    Map.of("ceremonyId", upgrade.ceremonyId(), "errorName", "<script>"))
                .problemCode())
        .isEqualTo("validation-failed");
  }

  long passkeysOf(UUID userId) {
    return jdbc.sql("SELECT COUNT(*) FROM passkey_credential WHERE user_id = :u")
        .param("u", userId)
        .query(Long.class)
        .single();
  }

  JsonNode awaitDecision(String session) {
    long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode r = http.get("/api/passkeys/upgrade", session).body();
      if (!"PENDING".equals(r.path("reason").asString(""))) {
        return r;
      }
    }
    throw new AssertionError("no decision");
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
