package dev.passbridge.reliability.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.topics.Topics;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.reliability.support.Answers;
import dev.passbridge.reliability.support.LogCheck;
import dev.passbridge.reliability.support.ReliabilityCluster;
import dev.passbridge.reliability.support.Report;
import dev.passbridge.reliability.support.Users;
import dev.passbridge.reliability.support.Users.Account;
import dev.passbridge.system.Browser;
import dev.passbridge.testsupport.EventCapture;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The WebAuthn attack cases of docs/architecture.md §4/§7 against the running system, through the
 * gateway, with real signatures: each is refused with its own problem type, and nothing is stored
 * (no credential row, no counter change, no {@code PasskeyAuthenticated}, no session).
 */
@Order(20)
class WebAuthnAttacksIT {
  static ReliabilityCluster cluster;
  static final Answers answers = new Answers("WebAuthn attack cases (registration and login)");
  static final Map<String, String> results = new LinkedHashMap<>();
  static EventCapture authenticated;

  @BeforeAll
  static void start() {
    cluster = ReliabilityCluster.get();
    authenticated = EventCapture.of(cluster.bootstrapServers(), Topics.PASSKEY_AUTHENTICATED);
  }

  @AfterAll
  static void report() throws Exception {
    authenticated.close();
    answers.report();
    results.forEach((attack, answer) -> Report.security("WebAuthn: " + attack, answer));
    LogCheck.assertClean(cluster);
  }

  /** A fresh account, signed in, with the upgrade ceremony of its login. */
  record Ceremony(Account account, JsonNode upgrade, SoftwarePasskeyAuthenticator device) {
    String ceremonyId() {
      return upgrade.path("ceremonyId").asString();
    }

    JsonNode publicKey() {
      return upgrade.path("publicKey");
    }

    Browser.Response submit(JsonNode credential) {
      return account
          .browser()
          .post(
              "/api/passkeys/registrations",
              Map.of("ceremonyId", ceremonyId(), "credential", credential));
    }
  }

  static Ceremony ceremony(Map<String, Boolean> capabilities, String action) {
    Account account = Users.register(cluster);
    Users.signIn(cluster, account, capabilities);
    return new Ceremony(
        account,
        Users.upgrade(account.browser(), action),
        new SoftwarePasskeyAuthenticator(
            cluster.url(), SoftwarePasskeyAuthenticator.GOOGLE_PASSWORD_MANAGER));
  }

  static long stored(String credentialId) {
    return cluster.count(
        "passkey-service",
        "SELECT COUNT(*) FROM passkey_credential WHERE credential_id = ?",
        credentialId);
  }

  void refusedRegistration(
      String attack, Ceremony c, JsonNode credential, int status, String code) {
    Browser.Response r = c.submit(credential);
    answers.expect(r, status, code);
    if (status != 409) {
      assertThat(stored(credential.path("id").asString())).as("stored after %s", attack).isZero();
    }
    results.put(attack, status + " `" + code + "`, nothing stored");
  }

  @Test
  void registrationAttacksAreRefusedAndStoreNothing() throws Exception {
    Ceremony origin = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    refusedRegistration(
        "registration from a foreign origin",
        origin,
        origin
            .device()
            .register(
                origin.publicKey(),
                Kind.NONE,
                Flags.conditional().withOrigin("https://evil.example")),
        400,
        "origin-mismatch");

    Ceremony rp = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    refusedRegistration(
        "registration for another RP ID",
        rp,
        rp.device()
            .register(rp.publicKey(), Kind.NONE, Flags.conditional().withRpId("evil.example")),
        400,
        "rp-id-mismatch");

    Ceremony prompt = ceremony(Users.PROMPT_ONLY, "PROMPT");
    refusedRegistration(
        "UP=0 in a PROMPT ceremony (not CONDITIONAL)",
        prompt,
        prompt.device().register(prompt.publicKey(), Kind.NONE, Flags.conditional()),
        400,
        "user-presence-missing");

    Ceremony algorithm = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    refusedRegistration(
        "key algorithm not allowed (ES384)",
        algorithm,
        algorithm
            .device()
            .register(
                algorithm.publicKey(),
                Kind.NONE,
                Flags.conditional().withAlgorithm(COSEAlgorithmIdentifier.ES384)),
        400,
        "algorithm-not-allowed");

    Ceremony format = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    ObjectNode u2f = format.device().register(format.publicKey(), Kind.NONE, Flags.conditional());
    withAttestationFormat(u2f, "fido-u2f");
    refusedRegistration(
        "attestation format not allowed (fido-u2f)", format, u2f, 400, "unsupported-attestation");

    // replayed challenge: a credential answering this ceremony's challenge, sent for another one
    Ceremony first = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    JsonNode forFirst = first.device().register(first.publicKey(), Kind.NONE, Flags.conditional());
    Users.signIn(cluster, first.account(), Users.CONDITIONAL);
    Ceremony second =
        new Ceremony(
            first.account(),
            Users.upgrade(first.account().browser(), "CONDITIONAL_CREATE"),
            first.device());
    refusedRegistration(
        "another ceremony's challenge", second, forFirst, 400, "challenge-mismatch");

    // another user's session cannot use (or burn) this user's ceremony
    Ceremony victim = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    JsonNode victimCredential =
        victim.device().register(victim.publicKey(), Kind.NONE, Flags.conditional());
    Ceremony attacker = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    Browser.Response stolen =
        attacker
            .account()
            .browser()
            .post(
                "/api/passkeys/registrations",
                Map.of("ceremonyId", victim.ceremonyId(), "credential", victimCredential));
    answers.expect(stolen, 400, "challenge-expired");
    results.put("another user's ceremony", "400 `challenge-expired`, ceremony kept for its owner");
    Browser.Response own = victim.submit(victimCredential);
    assertThat(own.status()).as("the owner's registration %s", own).isEqualTo(201);

    // replay of a successful registration
    answers.expect(victim.submit(victimCredential), 400, "challenge-expired");
    results.put("replayed registration (challenge used)", "400 `challenge-expired`");
    assertThat(stored(victimCredential.path("id").asString())).isEqualTo(1);

    // another user's credential id registered again
    JsonNode clone =
        attacker
            .device()
            .register(
                attacker.publicKey(),
                Kind.NONE,
                Flags.conditional()
                    .withCredentialId(
                        SoftwarePasskeyAuthenticator.unb64(
                            victimCredential.path("id").asString())));
    refusedRegistration("another user's credential id", attacker, clone, 409, "credential-exists");
    assertThat(
            cluster.count(
                "passkey-service",
                "SELECT COUNT(*) FROM passkey_credential WHERE credential_id = ? AND user_id = ?",
                victimCredential.path("id").asString(),
                java.util.UUID.fromString(victim.account().userId())))
        .as("the credential still belongs to its owner")
        .isEqualTo(1);

    // ... and that attacker's authenticator (same id, its own key) cannot log in as the victim:
    // with its own user handle the handle does not match, with the victim's the signature fails
    JsonNode options = loginOptions(attacker.account().browser());
    answers.expect(
        passkeyLogin(
            attacker.account().browser(),
            options,
            attacker.device().authenticate(options.path("publicKey"), clone.path("id").asString())),
        400,
        "user-handle-mismatch");
    String victimHandle = victim.publicKey().path("user").path("id").asString();
    options = loginOptions(attacker.account().browser());
    answers.expect(
        passkeyLogin(
            attacker.account().browser(),
            options,
            attacker
                .device()
                .authenticate(
                    options.path("publicKey"),
                    clone.path("id").asString(),
                    Flags.standard().withUserHandle(victimHandle))),
        400,
        "bad-signature");
    results.put(
        "another user's credential (own key)",
        "400 `user-handle-mismatch` (own handle), 400 `bad-signature` (victim's handle)");
  }

  @Test
  void assertionAttacksAreRefusedAndChangeNothing() throws Exception {
    Ceremony owner = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    JsonNode created = owner.device().register(owner.publicKey(), Kind.NONE, Flags.conditional());
    assertThat(owner.submit(created).status()).isEqualTo(201);
    String id = created.path("id").asString();
    Browser browser = owner.account().browser();

    assertion(
        "login from a foreign origin",
        browser,
        owner,
        id,
        Flags.standard().withOrigin("https://evil.example"),
        "origin-mismatch");
    assertion(
        "login for another RP ID",
        browser,
        owner,
        id,
        Flags.standard().withRpId("evil.example"),
        "rp-id-mismatch");
    assertion(
        "login with UP=0",
        browser,
        owner,
        id,
        Flags.standard().withUserPresent(false).withUserVerified(false),
        "user-presence-missing");
    Ceremony other = ceremony(Users.CONDITIONAL, "CONDITIONAL_CREATE");
    JsonNode otherCredential =
        other.device().register(other.publicKey(), Kind.NONE, Flags.conditional());
    assertThat(other.submit(otherCredential).status()).isEqualTo(201);
    String otherHandle = other.publicKey().path("user").path("id").asString();
    assertion(
        "login with another user's user handle",
        browser,
        owner,
        id,
        Flags.standard().withUserHandle(otherHandle),
        "user-handle-mismatch");
    assertion(
        "login with a corrupted signature",
        browser,
        owner,
        id,
        Flags.standard().withCorruptSignature(),
        "bad-signature");

    long counterBefore = counter(id);
    // replayed assertion: valid once, refused the second time
    JsonNode options = loginOptions(browser);
    JsonNode valid = owner.device().authenticate(options.path("publicKey"), id);
    Browser.Response ok = passkeyLogin(browser, options, valid);
    assertThat(ok.status()).as("honest passkey login %s", ok).isEqualTo(200);
    answers.expect(passkeyLogin(browser, options, valid), 400, "challenge-expired");
    results.put("replayed assertion (challenge used)", "400 `challenge-expired`");
    // the authenticator counted every signature it made (the refused ones too): the server keeps
    // the counter of the one it accepted
    long accepted = owner.device().credential(id).counter();
    assertThat(accepted).isGreaterThan(counterBefore);
    assertThat(counter(id)).isEqualTo(accepted);

    // counter regression: an assertion whose counter does not grow (a cloned authenticator)
    JsonNode again = loginOptions(browser);
    Browser.Response regressed =
        passkeyLogin(
            browser,
            again,
            owner
                .device()
                .authenticate(
                    again.path("publicKey"), id, Flags.standard().withCounter(counterBefore)));
    answers.expect(regressed, 400, "counter-regression");
    results.put(
        "counter regression (cloned authenticator)",
        "400 `counter-regression`, credential flagged");
    assertThat(counter(id)).as("counter after the regression").isEqualTo(accepted);

    Thread.sleep(500);
    List<PasskeyAuthenticated> announced =
        authenticated.events(PasskeyAuthenticated.class).stream()
            .filter(e -> e.credentialId().equals(id))
            .toList();
    assertThat(announced).as("only the honest login was announced: %s", announced).hasSize(1);
    assertThat(
            cluster.count(
                "passkey-service",
                "SELECT COUNT(*) FROM passkey_credential WHERE credential_id = ?"
                    + " AND counter_regression_at IS NOT NULL",
                id))
        .as("credential flagged after the regression")
        .isEqualTo(1);
  }

  static long counter(String credentialId) {
    return cluster.count(
        "passkey-service",
        "SELECT sign_count FROM passkey_credential WHERE credential_id = ?",
        credentialId);
  }

  void assertion(
      String attack, Browser browser, Ceremony owner, String id, Flags flags, String code) {
    long before = counter(id);
    JsonNode options = loginOptions(browser);
    Browser.Response r =
        passkeyLogin(
            browser, options, owner.device().authenticate(options.path("publicKey"), id, flags));
    answers.expect(r, 400, code);
    assertThat(r.text("loginId")).isNull();
    assertThat(counter(id)).as("counter after %s", attack).isEqualTo(before);
    results.put(attack, "400 `" + code + "`, counter unchanged");
  }

  static JsonNode loginOptions(Browser browser) {
    Browser.Response options = browser.post("/api/passkeys/login/options", Map.of());
    assertThat(options.status()).as("options %s", options).isEqualTo(200);
    return options.body();
  }

  static Browser.Response passkeyLogin(Browser browser, JsonNode options, JsonNode assertion) {
    return browser.post(
        "/api/passkeys/login",
        Map.of("ceremonyId", options.path("ceremonyId").asString(), "credential", assertion));
  }

  /** Rewrites {@code fmt} (and gives it a plausible statement) in a registration response. */
  @SuppressWarnings("unchecked")
  static void withAttestationFormat(ObjectNode registration, String format) throws Exception {
    ObjectNode response = (ObjectNode) registration.path("response");
    var cbor = new ObjectConverter().getCborConverter();
    byte[] bytes =
        SoftwarePasskeyAuthenticator.unb64(response.path("attestationObject").asString());
    Map<String, Object> object = new LinkedHashMap<>(cbor.readValue(bytes, Map.class));
    object.put("fmt", format);
    object.put(
        "attStmt",
        Map.of(
            "sig",
            new byte[] {0x30, 0x06, 0x02, 0x01, 0x01, 0x02, 0x01, 0x01},
            "x5c",
            List.of(SoftwarePasskeyAuthenticator.emulatorRootCertificate().getEncoded())));
    response.put(
        "attestationObject", SoftwarePasskeyAuthenticator.b64(cbor.writeValueAsBytes(object)));
  }
}
