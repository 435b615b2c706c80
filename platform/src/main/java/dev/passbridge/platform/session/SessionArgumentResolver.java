package dev.passbridge.platform.session;

import dev.passbridge.platform.core.session.RevocationCheckUnavailableException;
import dev.passbridge.platform.core.session.Session;
import dev.passbridge.platform.core.session.SessionVerifier;
import dev.passbridge.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Resolves {@code @CurrentSession Session} parameters: the cookie's token through {@link
 * SessionVerifier} (signature, claims, revocation). No session: 401; the revocation store cannot be
 * asked: 503 (fail closed); missing role: 403.
 */
public class SessionArgumentResolver implements HandlerMethodArgumentResolver {
  private static final Logger log = LoggerFactory.getLogger(SessionArgumentResolver.class);
  private final SessionVerifier verifier;
  private final String cookieName;

  public SessionArgumentResolver(SessionVerifier verifier, String cookieName) {
    this.verifier = verifier;
    this.cookieName = cookieName;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return parameter.hasParameterAnnotation(CurrentSession.class)
        && parameter.getParameterType() == Session.class;
  }

  @Override
  public Object resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    Session session = session(webRequest.getNativeRequest(HttpServletRequest.class));
    String role = parameter.getParameterAnnotation(CurrentSession.class).role();
    if (!role.isEmpty() && !session.hasRole(role)) {
      throw ProblemException.forbidden("This needs the " + role + " role.");
    }
    return session;
  }

  /**
   * The request's session, for any resolver that accepts one: 401 without a valid session cookie,
   * 503 with {@code Retry-After} when the revocation store cannot be read (fail closed).
   */
  public Session session(HttpServletRequest request) {
    try {
      return verifier
          .verify(SessionCookies.token(request, cookieName))
          .orElseThrow(ProblemException::unauthenticated);
    } catch (RevocationCheckUnavailableException e) {
      log.warn("session refused, revocations unreadable: {}", String.valueOf(e.getCause()));
      throw new ProblemException(
          HttpStatus.SERVICE_UNAVAILABLE,
          "service-unavailable",
          "Sessions cannot be checked right now; retry shortly.",
          Duration.ofSeconds(1));
    }
  }
}
