package dev.passbridge.platform.core.connect;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jwt.JWTClaimsSet;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.Objects;
import java.util.UUID;

/**
 * A verified connect token: what a platform's backend got from {@code POST /connect/v1/logins}
 * (scope {@code append}) or {@code POST /connect/v1/tokens} (scope {@code manage}) and hands to its
 * page.
 *
 * <p>The JWT: header {@code alg ES256}, {@code kid}, {@code typ connect+jwt} (so neither a session
 * verifier nor this one accepts the other's tokens); claims {@code iss} (the session issuer),
 * {@code sub} userId, {@code aud} clientId, {@code tnt} tenant, {@code ext} externalUserId, {@code
 * sid} loginId (append only), {@code scope}, {@code jti}, {@code iat}, {@code exp} (at most {@link
 * #MAX_LIFETIME} after {@code iat}).
 *
 * @param loginId the reported login ({@code sid}); null for {@link ConnectScope#MANAGE}
 */
public record ConnectToken(
    UUID userId,
    String externalUserId,
    String clientId,
    String tenant,
    String loginId,
    ConnectScope scope,
    String tokenId,
    Instant expiresAt) {

  public static final JOSEObjectType TYPE = new JOSEObjectType("connect+jwt");
  public static final Duration MAX_LIFETIME = Duration.ofMinutes(5);
  public static final String TENANT_CLAIM = "tnt";
  public static final String EXTERNAL_USER_CLAIM = "ext";
  public static final String LOGIN_CLAIM = "sid";
  public static final String SCOPE_CLAIM = "scope";

  public ConnectToken {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(externalUserId, "externalUserId");
    Objects.requireNonNull(clientId, "clientId");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(scope, "scope");
    Objects.requireNonNull(tokenId, "tokenId");
    Objects.requireNonNull(expiresAt, "expiresAt");
    if (scope == ConnectScope.APPEND && (loginId == null || loginId.isBlank())) {
      throw new IllegalArgumentException("an append token names its login");
    }
    if (scope == ConnectScope.MANAGE) {
      loginId = null;
    }
  }

  /** The header the signer uses. */
  public static JWSHeader header(String keyId) {
    return new JWSHeader.Builder(JWSAlgorithm.ES256).keyID(keyId).type(TYPE).build();
  }

  /** The claims of this token as issued at {@code issuedAt} by {@code issuer}. */
  public JWTClaimsSet claims(String issuer, Instant issuedAt) {
    JWTClaimsSet.Builder claims =
        new JWTClaimsSet.Builder()
            .issuer(issuer)
            .subject(userId.toString())
            .audience(clientId)
            .claim(TENANT_CLAIM, tenant)
            .claim(EXTERNAL_USER_CLAIM, externalUserId)
            .claim(SCOPE_CLAIM, scope.wireValue())
            .jwtID(tokenId)
            .issueTime(Date.from(issuedAt))
            .expirationTime(Date.from(expiresAt));
    if (loginId != null) {
      claims.claim(LOGIN_CLAIM, loginId);
    }
    return claims.build();
  }
}
