package dev.passbridge.passkey.webauthn;

import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What every ceremony is checked against: RP ID, origin allowlist, algorithm allowlist and the
 * accepted attestation formats. Plain Java, built from configuration.
 */
public record RelyingPartyPolicy(
    String rpId,
    String rpName,
    List<String> origins,
    List<SignatureAlgorithmId> algorithms,
    Set<AttestationFormat> formats) {

  public RelyingPartyPolicy {
    Objects.requireNonNull(rpId, "rpId");
    Objects.requireNonNull(rpName, "rpName");
    origins = List.copyOf(origins);
    algorithms = List.copyOf(algorithms);
    formats = Set.copyOf(formats);
    if (origins.isEmpty() || algorithms.isEmpty() || formats.isEmpty()) {
      throw new IllegalArgumentException("origins, algorithms and formats must not be empty");
    }
  }

  public ServerProperty serverProperty(byte[] challenge) {
    return serverProperty(challenge, origins);
  }

  /** With other origins than the configured ones (a connect client's). */
  public ServerProperty serverProperty(byte[] challenge, List<String> acceptedOrigins) {
    Set<Origin> allowed = new LinkedHashSet<>();
    acceptedOrigins.forEach(o -> allowed.add(new Origin(o)));
    return new ServerProperty(allowed, rpId, new DefaultChallenge(challenge));
  }

  public List<PublicKeyCredentialParameters> credentialParameters() {
    return algorithms.stream()
        .map(a -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY, a.cose()))
        .toList();
  }

  public boolean accepts(String attestationFormat) {
    return formats.stream().anyMatch(f -> f.id().equals(attestationFormat));
  }
}
