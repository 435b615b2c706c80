package dev.passbridge.passkey.upgrade;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.passkey.webauthn.AttestationFormat;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.passkey.webauthn.CreationOptions;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.SignatureAlgorithmId;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CreationOptionsFactoryTest {
  final RelyingPartyPolicy policy =
      new RelyingPartyPolicy(
          "example.com",
          "Example",
          List.of("https://example.com"),
          List.of(
              SignatureAlgorithmId.ES256, SignatureAlgorithmId.EDDSA, SignatureAlgorithmId.RS256),
          Set.of(AttestationFormat.NONE));

  @Test
  void buildsTheOptionsThatSection4Lists() {
    byte[] challenge = new byte[32];
    CreationOptions o =
        new CreationOptionsFactory(policy, Duration.ofMinutes(5))
            .options(
                challenge,
                "aGFuZGxl",
                "Alice.Example",
                "Alice",
                List.of(CreationOptionsFactory.descriptor("Y3JlZA", List.of("internal"))));
    assertThat(o.rp()).isEqualTo(new CreationOptions.RpEntity("example.com", "Example"));
    assertThat(o.user())
        .isEqualTo(new CreationOptions.UserEntity("aGFuZGxl", "Alice.Example", "Alice"));
    assertThat(o.challenge()).isEqualTo(Base64Url.encode(challenge));
    assertThat(o.pubKeyCredParams())
        .extracting(CreationOptions.CredentialParameter::alg)
        .containsExactly(-7L, -8L, -257L);
    assertThat(o.pubKeyCredParams()).allMatch(p -> p.type().equals("public-key"));
    assertThat(o.timeout()).isEqualTo(300_000);
    assertThat(o.excludeCredentials())
        .containsExactly(
            new CreationOptions.CredentialDescriptor("public-key", "Y3JlZA", List.of("internal")));
    assertThat(o.authenticatorSelection().residentKey()).isEqualTo("required");
    assertThat(o.authenticatorSelection().requireResidentKey()).isTrue();
    assertThat(o.authenticatorSelection().userVerification()).isEqualTo("preferred");
    assertThat(o.attestation()).isEqualTo("none");
    assertThat(o.extensions()).isEqualTo(Map.of("credProps", true));
  }

  @Test
  void userHandlesAreBase64UrlOfOpaqueBytes() {
    assertThat(UserHandles.toBase64Url("AAECAwQFBgcICQoLDA0ODw"))
        .isEqualTo("AAECAwQFBgcICQoLDA0ODw");
    // not base64url: its UTF-8 bytes are the handle
    assertThat(UserHandles.toBase64Url("user:42"))
        .isEqualTo(Base64Url.encode("user:42".getBytes(StandardCharsets.UTF_8)));
    assertThatThrownBy(() -> UserHandles.toBase64Url("ü".repeat(40)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
