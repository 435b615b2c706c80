package dev.passbridge.platform.session;

import dev.passbridge.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/** Resolves {@code @CurrentSession Session} parameters. */
public class SessionArgumentResolver implements HandlerMethodArgumentResolver {
  private final SessionVerifier verifier;

  public SessionArgumentResolver(SessionVerifier verifier) {
    this.verifier = verifier;
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
    HttpServletRequest request = webRequest.getNativeRequest(HttpServletRequest.class);
    Session session = verifier.verify(request).orElseThrow(ProblemException::unauthenticated);
    String role = parameter.getParameterAnnotation(CurrentSession.class).role();
    if (!role.isEmpty() && !session.hasRole(role)) {
      throw ProblemException.forbidden("This needs the " + role + " role.");
    }
    return session;
  }
}
