package dev.passbridge.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Refuses a request to the API whose {@code Accept} admits neither {@code application/json} nor
 * {@code application/problem+json} with 406 {@code not-acceptable}, before the handler runs.
 *
 * <p>Why: Spring MVC negotiates the answer's type only when it writes the handler's result, after
 * the handler has done its work. {@code Accept: application/xml} on {@code POST /api/auth/session}
 * issued the session (and burnt the login) and on {@code POST /api/auth/login} sent the SMS, and
 * only then answered 406. Every answer of the API is JSON (a problem is {@code
 * application/problem+json}), so whether the client can read it is known before anything happens.
 *
 * <p>Admitted: no {@code Accept} (or an empty one), and any list with a range of non-zero quality
 * that is compatible with one of the two types (<code>&#42;/&#42;</code>, {@code application/*},
 * {@code application/json;q=0.5, text/html}, ...). An {@code Accept} that cannot be parsed is
 * refused, as Spring's own negotiation refuses it. A handler that declares {@code produces} was
 * already matched against {@code Accept} by Spring's request mapping (406 before it runs), so it is
 * left alone. Registered for the API paths only ({@code /api/**}, {@code /connect/**}, {@code
 * /.well-known/**}): springdoc's {@code /v3/api-docs.yaml} and actuator negotiate for themselves.
 */
public class JsonAcceptInterceptor implements HandlerInterceptor {
  /** The paths this rule is registered for. */
  public static final List<String> PATHS = List.of("/api/**", "/connect/**", "/.well-known/**");

  private static final List<MediaType> ANSWERS =
      List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws HttpMediaTypeNotAcceptableException {
    if (!(handler instanceof HandlerMethod)
        || request.getAttribute(HandlerMapping.PRODUCIBLE_MEDIA_TYPES_ATTRIBUTE) != null) {
      return true;
    }
    List<String> values = Collections.list(request.getHeaders(HttpHeaders.ACCEPT));
    if (values.isEmpty()) {
      return true;
    }
    List<MediaType> accepted;
    try {
      accepted = MediaType.parseMediaTypes(values);
    } catch (InvalidMediaTypeException e) {
      throw new HttpMediaTypeNotAcceptableException(
          "Could not parse 'Accept' header " + values + ": " + e.getMessage());
    }
    if (accepted.isEmpty() || admitsJson(accepted)) {
      return true;
    }
    throw new HttpMediaTypeNotAcceptableException(ANSWERS);
  }

  /** Whether one of the ranges (with a quality above 0) admits a JSON answer or a problem. */
  static boolean admitsJson(List<MediaType> accepted) {
    for (MediaType range : accepted) {
      if (range.getQualityValue() > 0 && ANSWERS.stream().anyMatch(range::isCompatibleWith)) {
        return true;
      }
    }
    return false;
  }
}
