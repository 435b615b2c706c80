package dev.passbridge.auth.session.keys;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import java.time.Instant;
import java.util.Objects;

/**
 * One session signing key: EC P-256 for ES256, {@code kid} = its RFC 7638 thumbprint. Keys are
 * numbered by {@code generation}; a key signs from {@code activatesAt} until the next generation
 * activates.
 */
public record SigningKey(int generation, ECKey jwk, Instant createdAt, Instant activatesAt) {

  public SigningKey {
    Objects.requireNonNull(jwk, "jwk");
    if (!jwk.isPrivate()) {
      throw new IllegalArgumentException("a signing key needs its private part");
    }
    Objects.requireNonNull(jwk.getKeyID(), "kid");
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(activatesAt, "activatesAt");
  }

  public String kid() {
    return jwk.getKeyID();
  }

  public ECKey publicJwk() {
    return jwk.toPublicJWK();
  }

  public static SigningKey generate(int generation, Instant createdAt, Instant activatesAt) {
    try {
      ECKey key =
          new ECKeyGenerator(Curve.P_256)
              .keyUse(KeyUse.SIGNATURE)
              .algorithm(JWSAlgorithm.ES256)
              .keyIDFromThumbprint(true)
              .generate();
      return new SigningKey(generation, key, createdAt, activatesAt);
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot generate an EC P-256 key", e);
    }
  }

  @Override
  public String toString() {
    return "SigningKey[kid="
        + kid()
        + ", generation="
        + generation
        + ", activatesAt="
        + activatesAt
        + "]";
  }
}
