package dev.passbridge.platform.connect;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.web.ProblemException;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.MethodParameter;
import org.springframework.http.HttpHeaders;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * A {@link ConnectClient} controller parameter is the calling client, admitted by {@link
 * ConnectClientGuard} (401 {@code invalid-client}, 429 {@code quota-exceeded}). Declare it FIRST:
 * parameters are resolved in order, so the client is authenticated (and counted) before the body is
 * read and validated, and a request without valid client credentials gets the 401 (with {@code
 * WWW-Authenticate: Basic}) whatever its body.
 */
public class ConnectClientArgumentResolver implements HandlerMethodArgumentResolver {
  private final ConnectClientGuard guard;

  public ConnectClientArgumentResolver(ConnectClientGuard guard) {
    this.guard = guard;
  }

  @Override
  public boolean supportsParameter(MethodParameter parameter) {
    return ConnectClient.class.equals(parameter.getParameterType());
  }

  @Override
  public ConnectClient resolveArgument(
      MethodParameter parameter,
      ModelAndViewContainer mavContainer,
      NativeWebRequest webRequest,
      WebDataBinderFactory binderFactory) {
    try {
      return guard.admit(webRequest.getHeader(HttpHeaders.AUTHORIZATION));
    } catch (ProblemException e) {
      HttpServletResponse response = webRequest.getNativeResponse(HttpServletResponse.class);
      if (response != null && e.problem().getStatus() == 401) {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, ConnectClientGuard.CHALLENGE);
      }
      throw e;
    }
  }
}
