package dev.passbridge.passkey.it;

import dev.passbridge.contracts.events.PasskeyEligible;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.RuleResult;
import dev.passbridge.contracts.events.UpgradeMode;
import dev.passbridge.passkey.PasskeyApplication;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.upgrade.UpgradeService;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.testsupport.TestInfrastructure;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * Base of the integration tests: the whole service on a random port against the real test Kafka
 * broker, a real Redis and a fresh real PostgreSQL database; sessions signed by {@link
 * TestSessions}.
 */
@SpringBootTest(
    classes = PasskeyApplication.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=passkey-service",
      "passbridge.passkey.upgrade.max-wait=800ms",
      "logging.level.org.apache.kafka=WARN"
    })
@Import(TestSessions.class)
public abstract class IntegrationTestBase {
  static final SecureRandom RANDOM = new SecureRandom();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
    TestInfrastructure.registerPostgres(registry, "passkey");
    registry.add(
        "passbridge.passkey.attestation.trust-anchors", IntegrationTestBase::trustAnchorFile);
  }

  /** The emulator's test root CA, so its basic "packed" attestations are trusted. */
  static String trustAnchorFile() {
    try {
      Path dir = Files.createDirectories(Path.of("target", "test-trust"));
      Path file = dir.resolve("webauthn4j-test-root.pem");
      Files.writeString(file, SoftwarePasskeyAuthenticator.emulatorRootCertificatePem());
      return "file:" + file.toAbsolutePath();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @LocalServerPort int port;
  @Autowired UpgradeService upgrades;
  @Autowired JdbcClient jdbc;

  Http http;
  SoftwarePasskeyAuthenticator authenticator;

  @BeforeEach
  void client() {
    http = new Http(port);
    authenticator =
        new SoftwarePasskeyAuthenticator(Http.ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
  }

  static String loginId() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64Url.encode(b);
  }

  static String userHandle() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return Base64Url.encode(b);
  }

  static PasskeyEligible eligible(UUID userId, String loginId, UpgradeMode mode) {
    return new PasskeyEligible(
        UUID.randomUUID(),
        Instant.now(),
        userId,
        loginId,
        mode,
        List.of(new RuleResult("second-factor", true, "OTP verified")),
        "Alice.Example",
        "Alice Example",
        userHandle(),
        new Platform("iOS", "18.2", "Safari", "18.2", "Phone"));
  }

  /** A user with a session and a prepared upgrade ceremony (event handled in-process). */
  record Upgrade(UUID userId, String loginId, String session, JsonNode decision) {
    String ceremonyId() {
      return decision.get("ceremonyId").asString();
    }

    JsonNode publicKey() {
      return decision.get("publicKey");
    }
  }

  Upgrade upgrade(UUID userId, UpgradeMode mode) {
    String loginId = loginId();
    upgrades.onEligible(eligible(userId, loginId, mode));
    String session = TestSessions.token(userId, loginId);
    Http.Response r = http.get("/api/passkeys/upgrade", session);
    if (r.status() != 200) {
      throw new AssertionError("upgrade answer " + r);
    }
    return new Upgrade(userId, loginId, session, r.body());
  }

  Http.Response register(Upgrade upgrade, JsonNode credential) {
    return http.post(
        "/api/passkeys/registrations",
        upgrade.session(),
        Map.of("ceremonyId", upgrade.ceremonyId(), "credential", credential));
  }

  /** Creates a passkey for the user through the upgrade flow and returns its id. */
  String enrol(UUID userId, SoftwarePasskeyAuthenticator.Flags flags) {
    Upgrade upgrade = upgrade(userId, UpgradeMode.CONDITIONAL);
    Http.Response r =
        register(
            upgrade,
            authenticator.register(
                upgrade.publicKey(), SoftwarePasskeyAuthenticator.Kind.NONE, flags));
    if (r.status() != 201) {
      throw new AssertionError("registration answer " + r);
    }
    return r.body().get("credentialId").asString();
  }
}
