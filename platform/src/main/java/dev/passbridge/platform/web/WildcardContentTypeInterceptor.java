package dev.passbridge.platform.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Refuses a request whose {@code Content-Type} is a wildcard (<code>&#42;</code>, <code>&#42;/&#42;
 * </code>, <code>application/&#42;</code>, <code>text/&#42;</code>) with 415 {@code
 * unsupported-media-type}, the same problem as any other content type the service does not read,
 * before the handler runs.
 *
 * <p>Why: a wildcard is a media range for {@code Accept}, never the type of a body. Spring's {@code
 * HttpHeaders.getContentType()} asserts that, so a handler reading a body (and anything else that
 * asks the request's headers for its content type) failed with an {@link IllegalArgumentException}
 * the problem handler could only answer as 500 {@code internal-error}, logged as our failure.
 * Handlers that declare {@code consumes} were already answered 415 by Spring's request mapping;
 * this gives every other handler the same answer. A content type Spring cannot parse at all is left
 * to Spring, which answers 415 itself where it reads the body.
 */
public class WildcardContentTypeInterceptor implements HandlerInterceptor {

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws HttpMediaTypeNotSupportedException {
    if (!(handler instanceof HandlerMethod)) {
      return true;
    }
    String value = request.getContentType();
    if (value == null || value.isBlank()) {
      return true;
    }
    MediaType contentType;
    try {
      contentType = MediaType.parseMediaType(value);
    } catch (InvalidMediaTypeException unparseable) {
      return true;
    }
    if (contentType.isWildcardType() || contentType.isWildcardSubtype()) {
      throw new HttpMediaTypeNotSupportedException(
          contentType,
          List.of(MediaType.APPLICATION_JSON),
          HttpMethod.valueOf(request.getMethod()));
    }
    return true;
  }
}
