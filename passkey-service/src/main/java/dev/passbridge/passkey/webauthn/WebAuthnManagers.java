package dev.passbridge.passkey.webauthn;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.anchor.TrustAnchorRepository;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.AAGUID;
import com.webauthn4j.verifier.attestation.statement.AttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidsafetynet.AndroidSafetyNetAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.CertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.DefaultCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Builds the one {@link WebAuthnManager} of the service with explicit verifiers: only the
 * configured attestation formats, self attestation allowed, certificate chains checked against the
 * configured trust anchors (or, when so configured, not checked). Never the non-strict manager.
 */
public final class WebAuthnManagers {
  private WebAuthnManagers() {}

  public static WebAuthnManager create(
      Set<AttestationFormat> formats,
      List<X509Certificate> trustAnchors,
      boolean requireTrustedCertificates,
      ObjectConverter objectConverter) {
    List<AttestationStatementVerifier> verifiers = new ArrayList<>();
    for (AttestationFormat format : formats) {
      verifiers.add(
          switch (format) {
            case NONE -> new NoneAttestationStatementVerifier();
            case PACKED -> new PackedAttestationStatementVerifier();
            case FIDO_U2F -> new FIDOU2FAttestationStatementVerifier();
            case TPM -> new TPMAttestationStatementVerifier();
            case ANDROID_KEY -> new AndroidKeyAttestationStatementVerifier();
            case ANDROID_SAFETYNET -> new AndroidSafetyNetAttestationStatementVerifier();
            case APPLE -> new AppleAnonymousAttestationStatementVerifier();
          });
    }
    CertPathTrustworthinessVerifier certPath;
    if (requireTrustedCertificates) {
      Set<TrustAnchor> anchors =
          trustAnchors.stream()
              .map(c -> new TrustAnchor(c, null))
              .collect(Collectors.toUnmodifiableSet());
      DefaultCertPathTrustworthinessVerifier strict =
          new DefaultCertPathTrustworthinessVerifier(new StaticTrustAnchors(anchors));
      strict.setRevocationCheckEnabled(false);
      certPath = strict;
    } else {
      certPath = new NullCertPathTrustworthinessVerifier();
    }
    return new WebAuthnManager(
        verifiers,
        certPath,
        new DefaultSelfAttestationTrustworthinessVerifier(true),
        List.of(),
        List.of(),
        objectConverter);
  }

  /** The same anchors for every authenticator model. */
  private record StaticTrustAnchors(Set<TrustAnchor> anchors) implements TrustAnchorRepository {
    @Override
    public Set<TrustAnchor> find(AAGUID aaguid) {
      return anchors;
    }

    @Override
    public Set<TrustAnchor> find(byte[] attestationCertificateKeyIdentifier) {
      return anchors;
    }
  }
}
