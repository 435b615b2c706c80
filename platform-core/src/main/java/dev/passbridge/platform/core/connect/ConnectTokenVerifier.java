package dev.passbridge.platform.core.connect;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.JWTClaimsSet;
import dev.passbridge.platform.core.jwt.SignedJwtCheck;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Verifies a connect token ({@link ConnectToken}) against auth-service's key set, with the same
 * inputs as {@code session.SessionTokenVerifier} (issuer, skew, clock): ES256 with a P-256 key by
 * {@code kid}, {@code typ} exactly {@code connect+jwt} (a session is refused, and a session
 * verifier refuses this token), the issuer, {@code exp} with the skew, {@code nbf} when present, a
 * lifetime ({@code exp - iat}) of at most {@link ConnectToken#MAX_LIFETIME}, one audience (the
 * client id), the tenant, the external user id, a known scope, {@code sid} for an append token and
 * {@code jti}. Plain Java, no I/O. Which client the audience must be, and the Origin, are the
 * caller's checks ({@link ConnectClients#originAllowed}).
 */
public final class ConnectTokenVerifier {
  public static final int MAX_TOKEN_LENGTH = SignedJwtCheck.MAX_TOKEN_LENGTH;

  /**
   * What a platform's user id may be: 1 to 128 of {@code A-Z a-z 0-9 . _ : @ -}, but not {@code .}
   * or {@code ..} alone. The id is a path segment of the server API ({@code
   * /connect/v1/users/{externalUserId}}), where a dot segment is refused (the gateway) or resolved
   * away (the container): a user called {@code ..} could be created but never erased or managed.
   * One regular expression for the bodies ({@code @Pattern}), the paths and the tokens.
   */
  public static final String EXTERNAL_USER_ID_REGEX = "(?!\\.{1,2}$)[A-Za-z0-9._:@-]{1,128}";

  /** How {@link #EXTERNAL_USER_ID_REGEX} is told in a problem's detail. */
  public static final String EXTERNAL_USER_ID_RULE =
      "must be 1 to 128 of A-Z a-z 0-9 . _ : @ - (not . or .. alone)";

  public static final Pattern EXTERNAL_USER_ID = Pattern.compile(EXTERNAL_USER_ID_REGEX);

  private final SignedJwtCheck check;
  private final Duration skew;

  public ConnectTokenVerifier(String issuer, Duration skew, Clock clock) {
    this.check =
        new SignedJwtCheck(issuer, skew, clock, ConnectToken.TYPE::equals, "key not usable");
    this.skew = skew;
  }

  /** The key id a token names, if it is a well-formed signed JWT at all. */
  public static Optional<String> keyId(String token) {
    return SignedJwtCheck.keyId(token);
  }

  public ConnectTokenCheck verify(String token, JWKSet keys) {
    return check.verify(
        token,
        keys,
        ConnectTokenVerifier::invalid,
        keyId -> invalid("unknown key"),
        this::checkClaims);
  }

  private ConnectTokenCheck checkClaims(JWTClaimsSet claims, Instant now) throws ParseException {
    Date expires = claims.getExpirationTime();
    Date issued = claims.getIssueTime();
    if (issued.toInstant().isAfter(now.plus(skew))) {
      return invalid("issued in the future");
    }
    if (Duration.between(issued.toInstant(), expires.toInstant())
            .compareTo(ConnectToken.MAX_LIFETIME)
        > 0) {
      return invalid("lifetime too long");
    }
    List<String> audience = claims.getAudience();
    String subject = claims.getSubject();
    String tenant = claims.getStringClaim(ConnectToken.TENANT_CLAIM);
    String external = claims.getStringClaim(ConnectToken.EXTERNAL_USER_CLAIM);
    String tokenId = claims.getJWTID();
    if (audience == null
        || audience.size() != 1
        || !ConnectClient.CLIENT_ID.matcher(audience.getFirst()).matches()
        || subject == null
        || !SignedJwtCheck.isUuid(subject)
        || tenant == null
        || tenant.isBlank()
        || external == null
        || !EXTERNAL_USER_ID.matcher(external).matches()
        || tokenId == null
        || tokenId.isBlank()) {
      return invalid("missing claims");
    }
    Optional<ConnectScope> scope =
        ConnectScope.fromWire(claims.getStringClaim(ConnectToken.SCOPE_CLAIM));
    if (scope.isEmpty()) {
      return invalid("unknown scope");
    }
    String loginId = claims.getStringClaim(ConnectToken.LOGIN_CLAIM);
    if (scope.get() == ConnectScope.APPEND && (loginId == null || loginId.isBlank())) {
      return invalid("missing claims");
    }
    return new ConnectTokenCheck.Valid(
        new ConnectToken(
            UUID.fromString(subject),
            external,
            audience.getFirst(),
            tenant,
            loginId,
            scope.get(),
            tokenId,
            expires.toInstant()));
  }

  private static ConnectTokenCheck invalid(String reason) {
    return new ConnectTokenCheck.Invalid(reason);
  }
}
