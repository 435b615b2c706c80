package dev.passbridge.passkey.webauthn;

import static org.assertj.core.api.Assertions.assertThat;

import com.webauthn4j.data.AuthenticationData;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.passkey.upgrade.CreationOptionsFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A quick single-thread throughput measurement of the two verifications (printed, not a benchmark:
 * the test JVM runs with C1 only and a serial GC). Asserts only that every verification succeeded.
 */
class VerificationThroughputTest {
  static final int REGISTRATIONS = 300;
  static final int ASSERTIONS = 600;

  @Test
  void measuresRegistrationAndAssertionVerification() {
    var authenticator =
        new SoftwarePasskeyAuthenticator(
            WebAuthnVerificationTest.ORIGIN, SoftwarePasskeyAuthenticator.APPLE_PASSWORDS);
    byte[] challenge = WebAuthnVerificationTest.random(32);
    String handle = Base64Url.encode(WebAuthnVerificationTest.random(16));
    JsonNode options =
        WebAuthnVerificationTest.JSON.valueToTree(
            new CreationOptionsFactory(WebAuthnVerificationTest.POLICY, Duration.ofMinutes(5))
                .options(challenge, handle, "alice", "Alice", List.of()));
    for (Kind kind : List.of(Kind.NONE, Kind.PACKED_SELF)) {
      List<String> bodies = new ArrayList<>();
      for (int i = 0; i < REGISTRATIONS; i++) {
        bodies.add(authenticator.register(options, kind, Flags.conditional()).toString());
      }
      long start = System.nanoTime();
      for (String body : bodies) {
        assertThat(WebAuthnVerificationTest.REGISTRATIONS.verify(body, challenge, false))
            .isInstanceOf(Outcome.Ok.class);
      }
      report("registration verify (" + kind + ")", REGISTRATIONS, System.nanoTime() - start);
    }

    String body = authenticator.register(options, Kind.NONE, Flags.standard()).toString();
    VerifiedRegistration registered =
        ((Outcome.Ok<VerifiedRegistration>)
                WebAuthnVerificationTest.REGISTRATIONS.verify(body, challenge, true))
            .value();
    String id = Base64Url.encode(registered.credentialId());
    JsonNode request =
        WebAuthnVerificationTest.JSON.valueToTree(
            new RequestOptions(
                Base64Url.encode(challenge), 300000, "localhost", List.of(), "preferred", null));
    List<String> assertions = new ArrayList<>();
    for (int i = 0; i < ASSERTIONS; i++) {
      assertions.add(authenticator.authenticate(request, id).toString());
    }
    long start = System.nanoTime();
    long counter = 0;
    for (String assertion : assertions) {
      AuthenticationData data =
          ((Outcome.Ok<AuthenticationData>) WebAuthnVerificationTest.ASSERTIONS.parse(assertion))
              .value();
      var key =
          new StoredKey(
              registered.credentialId(),
              Base64Url.decode(handle).orElseThrow(),
              registered.coseKey(),
              registered.aaguid(),
              counter++,
              false,
              false);
      assertThat(WebAuthnVerificationTest.ASSERTIONS.verify(data, challenge, key))
          .isInstanceOf(Outcome.Ok.class);
    }
    report("assertion parse+verify (ES256)", ASSERTIONS, System.nanoTime() - start);
  }

  private static void report(String what, int n, long nanos) {
    System.out.printf(
        "THROUGHPUT %s: %d in %d ms = %.0f/s on one thread%n",
        what, n, nanos / 1_000_000, n / (nanos / 1e9));
  }
}
