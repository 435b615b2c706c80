package dev.passbridge.auth.connect.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.auth.connect.ConnectTokenSigner;
import dev.passbridge.auth.session.keys.SigningKey;
import dev.passbridge.auth.session.keys.SigningKeys;
import dev.passbridge.platform.core.connect.ConnectToken;
import java.time.Instant;

/**
 * Connect tokens signed with the current session signing key (so every service verifies them with
 * auth-service's JWKS), in the format of {@link ConnectToken}: {@code typ connect+jwt}, which no
 * session verifier accepts.
 */
public class JwtConnectTokenSigner implements ConnectTokenSigner {
  private final SigningKeys keys;
  private final String issuer;

  public JwtConnectTokenSigner(SigningKeys keys, String issuer) {
    this.keys = keys;
    this.issuer = issuer;
  }

  @Override
  public String sign(ConnectToken token, Instant issuedAt) {
    SigningKey key = keys.current();
    SignedJWT jwt = new SignedJWT(ConnectToken.header(key.kid()), token.claims(issuer, issuedAt));
    try {
      jwt.sign(new ECDSASigner(key.jwk()));
    } catch (JOSEException e) {
      throw new IllegalStateException("cannot sign a connect token", e);
    }
    return jwt.serialize();
  }
}
