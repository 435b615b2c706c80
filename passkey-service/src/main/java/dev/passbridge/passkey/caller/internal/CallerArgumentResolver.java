package dev.passbridge.passkey.caller.internal;

import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.passbridge.passkey.caller.Caller;
import dev.passbridge.passkey.caller.CurrentCaller;
import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.UpgradeDecision;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.core.connect.ConnectScope;
import dev.passbridge.platform.core.connect.ConnectToken;
import dev.passbridge.platform.core.connect.ConnectTokenCheck;
import dev.passbridge.platform.core.connect.ConnectTokenVerifier;
import dev.passbridge.platform.core.edge.OriginRule;
import dev.passbridge.platform.core.session.SessionVerifier;
import dev.passbridge.platform.session.SessionArgumentResolver;
import dev.passbridge.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@code @CurrentCaller Caller} parameters. With {@code Authorization: Bearer}: the
 * connect token against auth-service's keys (401 {@code unauthenticated} when invalid, expired or
 * of an unknown client), exactly one {@code Origin} of the token's client (403 {@code
 * origin-not-allowed}), the endpoint's scope (403 {@code insufficient-scope}), and for an append
 * token a login whose ceremony is not finished (401: the token is spent); the cookie is not read.
 * Without: the hosted Origin rule on state-changing requests (403), then the session cookie, as
 * {@code @CurrentSession} does (401, 503 when revocations cannot be read). Tokens are never logged.
 */
public class CallerArgumentResolver implements HandlerMethodArgumentResolver {
  private static final Logger log = LoggerFactory.getLogger(CallerArgumentResolver.class);
  private static final String BEARER = "Bearer ";

  private final SessionArgumentResolver sessions;
  private final JWKSource<SecurityContext> keys;
  private final ConnectTokenVerifier tokens;
  private final ConnectClients clients;
  private final CeremonyStore ceremonies;
  private final List<String> hostedOrigins;

  public CallerArgumentResolver(
      SessionVerifier sessions,
      String cookieName,
      JWKSource<SecurityContext> keys,
      ConnectTokenVerifier tokens,
      ConnectClients clients,
      CeremonyStore ceremonies,
      List<String> hostedOrigins) {
    this.sessions = new SessionArgumentResolver(sessions, cookieName);
    this.keys = keys;
    this.tokens = tokens;
    this.clients = clients;
    this.ceremonies = ceremonies;
    this.hostedOrigins = List.copyOf(hostedOrigins);
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.hasParameterAnnotation(CurrentCaller.class)
        && parameter.getParameterType() == Caller.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    ConnectScope scope = parameter.getParameterAnnotation(CurrentCaller.class).scope();
    List<String> authorization = Collections.list(request.getHeaders(HttpHeaders.AUTHORIZATION));
    if (authorization.isEmpty()) {
      // the platform's edge filter leaves the Origin rule of these paths to this resolver
      OriginRule.violation(
              request.getMethod(),
              Collections.list(request.getHeaders(HttpHeaders.ORIGIN)),
              hostedOrigins)
          .ifPresent(
              detail -> {
                throw new ProblemException(HttpStatus.FORBIDDEN, "origin-not-allowed", detail);
              });
      return new Caller.Hosted(sessions.session(request));
    }
    if (authorization.size() != 1 || !isBearer(authorization.getFirst())) {
      throw unauthenticated();
    }
    return connect(
        authorization.getFirst().substring(BEARER.length()).strip(),
        Collections.list(request.getHeaders(HttpHeaders.ORIGIN)),
        scope);
  }

  static boolean isBearer(String header) {
    return header.regionMatches(true, 0, BEARER, 0, BEARER.length());
  }

  private Caller.Connect connect(String token, List<String> origins, ConnectScope scope) {
    ConnectToken verified = verify(token).orElseThrow(CallerArgumentResolver::unauthenticated);
    ConnectClient client =
        clients.find(verified.clientId()).orElseThrow(CallerArgumentResolver::unauthenticated);
    if (origins.size() != 1 || !clients.originAllowed(client, origins.getFirst())) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN,
          "origin-not-allowed",
          "Requests with this token must come from one of its client's origins.");
    }
    if (verified.scope() != scope) {
      throw new ProblemException(
          HttpStatus.FORBIDDEN, "insufficient-scope", "This token does not allow this request.");
    }
    if (scope == ConnectScope.APPEND
        && (verified.loginId() == null
            || ceremonies
                .decision(verified.loginId())
                .filter(d -> d.userId().equals(verified.userId()))
                .filter(UpgradeDecision::finished)
                .isPresent())) {
      log.info(
          "append token of client {} for login {} refused: its ceremony is finished",
          verified.clientId(),
          verified.loginId());
      throw unauthenticated();
    }
    return new Caller.Connect(verified, client);
  }

  private Optional<ConnectToken> verify(String token) {
    Optional<String> keyId = ConnectTokenVerifier.keyId(token);
    if (keyId.isEmpty()) {
      return Optional.empty();
    }
    JWKSet keySet;
    try {
      keySet =
          new JWKSet(
              keys.get(new JWKSelector(new JWKMatcher.Builder().keyID(keyId.get()).build()), null));
    } catch (KeySourceException e) {
      log.warn("connect token refused, keys unreadable: {}", e.getClass().getSimpleName());
      return Optional.empty();
    }
    return switch (tokens.verify(token, keySet)) {
      case ConnectTokenCheck.Valid valid -> Optional.of(valid.token());
      case ConnectTokenCheck.Invalid invalid -> {
        log.debug("connect token refused: {}", invalid.reason());
        yield Optional.empty();
      }
    };
  }

  private static ProblemException unauthenticated() {
    return new ProblemException(
        HttpStatus.UNAUTHORIZED,
        "unauthenticated",
        "A valid session or connect token is required.");
  }
}
