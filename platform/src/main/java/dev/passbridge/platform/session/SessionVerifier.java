package dev.passbridge.platform.session;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Verifies the session JWT (ES256 only, {@code kid} from the header, issuer, expiry) against a key
 * source: auth-service's JWKS for the other services, its own key store inside auth-service.
 * Anything else (alg none, HS256, a foreign key, expired, malformed) is simply no session.
 */
public class SessionVerifier {
  private final DefaultJWTProcessor<SecurityContext> processor;
  private final SessionProperties properties;

  public SessionVerifier(
      JWKSource<SecurityContext> keys, SessionProperties properties, Clock clock) {
    this.properties = properties;
    this.processor = new DefaultJWTProcessor<>();
    processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, null));
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.ES256, keys));
    DefaultJWTClaimsVerifier<SecurityContext> claims =
        new DefaultJWTClaimsVerifier<>(
            new JWTClaimsSet.Builder().issuer(properties.issuer()).build(),
            Set.of("sub", "sid", "exp", "iat")) {
          @Override
          protected java.util.Date currentTime() {
            return java.util.Date.from(clock.instant());
          }
        };
    claims.setMaxClockSkew(5);
    processor.setJWTClaimsSetVerifier(claims);
  }

  public Optional<Session> verify(String token) {
    if (token == null || token.isBlank() || token.length() > 4096) {
      return Optional.empty();
    }
    try {
      JWTClaimsSet claims = processor.process(token, null);
      List<String> amr = Optional.ofNullable(claims.getStringListClaim("amr")).orElse(List.of());
      Set<String> roles =
          new HashSet<>(Optional.ofNullable(claims.getStringListClaim("roles")).orElse(List.of()));
      return Optional.of(
          new Session(
              UUID.fromString(claims.getSubject()),
              claims.getStringClaim("sid"),
              amr,
              roles,
              claims.getExpirationTime().toInstant()));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  public Optional<Session> verify(HttpServletRequest request) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return Optional.empty();
    }
    for (Cookie cookie : cookies) {
      if (properties.cookieName().equals(cookie.getName())) {
        return verify(cookie.getValue());
      }
    }
    return Optional.empty();
  }
}
