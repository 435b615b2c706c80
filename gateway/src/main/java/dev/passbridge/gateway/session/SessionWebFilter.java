package dev.passbridge.gateway.session;

import dev.passbridge.gateway.connect.ConnectOrigins;
import dev.passbridge.gateway.edge.EdgeRules;
import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.gateway.session.internal.ProtectedRoutes;
import dev.passbridge.gateway.session.internal.ProtectedRoutes.Requirement;
import dev.passbridge.gateway.session.internal.RedisRevocations;
import dev.passbridge.gateway.session.internal.RemoteJwks;
import dev.passbridge.platform.core.connect.ConnectTokenCheck;
import dev.passbridge.platform.core.connect.ConnectTokenVerifier;
import dev.passbridge.platform.core.problem.Problem;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.core.session.SessionTokenVerifier;
import dev.passbridge.platform.core.session.TokenCheck;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpCookie;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The session check at the edge for protected routes ({@link ProtectedRoutes}): the {@code
 * pb_session} JWT must verify against auth-service's keys and must not be revoked, else 401 {@code
 * unauthenticated}; insights also need the admin role, else 403 {@code forbidden}. A verified
 * request goes on with {@code X-Passbridge-User: <userId>} (informational: the services verify the
 * cookie themselves). When the keys or the revocation list cannot be read, protected routes answer
 * 503 (fail closed) while public routes keep working.
 *
 * <p>Connect mode: a request to the browser API ({@code /api/passkeys/**}) with {@code
 * Authorization: Bearer} is checked as a connect token instead (platform-core's {@code
 * ConnectTokenVerifier} against the same keys: signature, {@code typ connect+jwt}, issuer, expiry,
 * lifetime), never as a session: valid, it goes on like a session request but without its {@code
 * Cookie} header (a token request is never answered from the cookie); invalid, 401. Scope, origin
 * and single use are the service's to check.
 */
public class SessionWebFilter implements WebFilter, Ordered {
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 30;

  /** Exchange attribute with the {@link Session} of a protected request. */
  public static final String ATTRIBUTE = SessionWebFilter.class.getName() + ".session";

  private static final Logger log = LoggerFactory.getLogger(SessionWebFilter.class);

  private final SessionProperties properties;
  private final SessionTokenVerifier verifier;
  private final RemoteJwks keys;
  private final RedisRevocations revocations;
  private final VerifiedTokenCache verified;
  private final java.time.Clock clock;
  private final MeterRegistry meters;
  private final ConnectTokenVerifier connectTokens;

  public SessionWebFilter(
      SessionProperties properties,
      SessionTokenVerifier verifier,
      RemoteJwks keys,
      RedisRevocations revocations,
      VerifiedTokenCache verified,
      java.time.Clock clock,
      MeterRegistry meters) {
    this.properties = properties;
    this.verifier = verifier;
    this.keys = keys;
    this.revocations = revocations;
    this.verified = verified;
    this.clock = clock;
    this.meters = meters;
    this.connectTokens =
        new ConnectTokenVerifier(properties.issuer(), properties.clockSkew(), clock);
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  sealed interface Outcome {
    record Allowed(Session session) implements Outcome {}

    record Rejected(String reason, Problem problem, Duration retryAfter) implements Outcome {}
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    Requirement requirement =
        ProtectedRoutes.requirementFor(exchange.getRequest().getPath().pathWithinApplication());
    if (requirement == Requirement.NONE) {
      return chain.filter(exchange);
    }
    List<String> authorization =
        exchange.getRequest().getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION);
    if (requirement == Requirement.SESSION
        && ConnectOrigins.isBearer(authorization)
        && ConnectOrigins.ruleFor(
                exchange.getRequest().getPath().pathWithinApplication().value(), authorization)
            == ConnectOrigins.Rule.HOSTED_OR_CLIENT) {
      return connect(exchange, chain, ConnectOrigins.bearerToken(authorization));
    }
    HttpCookie cookie = exchange.getRequest().getCookies().getFirst(properties.cookieName());
    String token = cookie == null ? null : cookie.getValue();
    Mono<Outcome> outcome =
        token == null || token.isBlank()
            ? Mono.just(unauthenticated("missing", "A valid session is required."))
            : check(token, requirement);
    return outcome.flatMap(
        result ->
            switch (result) {
              case Outcome.Allowed allowed -> {
                exchange.getAttributes().put(ATTRIBUTE, allowed.session());
                yield chain.filter(
                    exchange
                        .mutate()
                        .request(
                            r ->
                                r.headers(
                                    h ->
                                        h.set(
                                            EdgeRules.VERIFIED_USER_HEADER,
                                            allowed.session().userId().toString())))
                        .build());
              }
              case Outcome.Rejected rejected -> {
                meters
                    .counter(
                        "passbridge.gateway.rejections", "rule", "session-" + rejected.reason())
                    .increment();
                yield ProblemWebAdapter.write(exchange, rejected.problem(), rejected.retryAfter());
              }
            });
  }

  private Mono<Void> connect(ServerWebExchange exchange, WebFilterChain chain, String token) {
    return keys.current()
        .flatMap(
            keySet ->
                ConnectTokenVerifier.keyId(token)
                        .filter(kid -> keySet.getKeyByKeyId(kid) == null)
                        .isPresent()
                    ? keys.refreshed()
                    : Mono.just(keySet))
        .map(keySet -> connectTokens.verify(token, keySet))
        .flatMap(
            check ->
                switch (check) {
                  case ConnectTokenCheck.Valid valid ->
                      chain.filter(
                          exchange
                              .mutate()
                              .request(
                                  r ->
                                      r.headers(
                                          h -> {
                                            h.remove(HttpHeaders.COOKIE);
                                            h.set(
                                                EdgeRules.VERIFIED_USER_HEADER,
                                                valid.token().userId().toString());
                                          }))
                              .build());
                  case ConnectTokenCheck.Invalid invalid -> {
                    meters
                        .counter("passbridge.gateway.rejections", "rule", "connect-token")
                        .increment();
                    yield ProblemWebAdapter.write(
                        exchange, Problem.unauthenticated("The connect token is not valid."), null);
                  }
                })
        .onErrorResume(
            error -> {
              log.warn(
                  "connect token check unavailable ({}): answering 503",
                  error.getClass().getSimpleName());
              return ProblemWebAdapter.write(
                  exchange,
                  Problem.serviceUnavailable(
                      "Tokens cannot be checked at the moment. Try again shortly."),
                  Duration.ofSeconds(1));
            });
  }

  private Mono<Outcome> check(String token, Requirement requirement) {
    return keys.current()
        .flatMap(
            keySet -> {
              var known = verified.get(token, keySet, clock.instant());
              if (known.isPresent()) {
                return Mono.just((TokenCheck) new TokenCheck.Valid(known.get()));
              }
              TokenCheck first = verifyAndRemember(token, keySet);
              return first instanceof TokenCheck.UnknownKey
                  ? keys.refreshed().map(fresh -> verifyAndRemember(token, fresh))
                  : Mono.just(first);
            })
        .flatMap(
            result ->
                switch (result) {
                  case TokenCheck.Valid valid -> revocationAndRole(valid.session(), requirement);
                  case TokenCheck.UnknownKey unknown ->
                      Mono.just(unauthenticated("unknown-key", "The session is not valid."));
                  case TokenCheck.Invalid invalid ->
                      Mono.just(
                          unauthenticated(
                              invalid.reason().equals("expired") ? "expired" : "invalid",
                              invalid.reason().equals("expired")
                                  ? "The session has expired. Sign in again."
                                  : "The session is not valid."));
                })
        .onErrorResume(
            error -> {
              log.warn(
                  "session check unavailable ({}): answering 503",
                  error.getClass().getSimpleName());
              return Mono.just(
                  new Outcome.Rejected(
                      "unavailable",
                      Problem.serviceUnavailable(
                          "Sessions cannot be checked at the moment. Try again shortly."),
                      Duration.ofSeconds(1)));
            });
  }

  private TokenCheck verifyAndRemember(String token, com.nimbusds.jose.jwk.JWKSet keySet) {
    TokenCheck check = verifier.verify(token, keySet);
    if (check instanceof TokenCheck.Valid valid) {
      SessionTokenVerifier.keyId(token)
          .map(keySet::getKeyByKeyId)
          .ifPresent(key -> verified.put(token, valid.session(), key));
    }
    return check;
  }

  private Mono<Outcome> revocationAndRole(Session session, Requirement requirement) {
    return revocations
        .isRevoked(session.sessionId())
        .map(
            revoked -> {
              if (revoked) {
                return unauthenticated("revoked", "The session has ended. Sign in again.");
              }
              if (requirement == Requirement.ADMIN && !session.hasRole("admin")) {
                return new Outcome.Rejected(
                    "forbidden", Problem.forbidden("This needs the admin role."), null);
              }
              return new Outcome.Allowed(session);
            });
  }

  private static Outcome unauthenticated(String reason, String detail) {
    return new Outcome.Rejected(reason, Problem.unauthenticated(detail), null);
  }
}
