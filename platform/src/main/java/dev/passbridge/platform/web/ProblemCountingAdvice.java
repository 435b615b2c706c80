package dev.passbridge.platform.web;

import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Counts every {@link ProblemDetail} a controller or the problem handler writes ({@link
 * ProblemCounter}), whichever code path built it. The edge filter, which answers before MVC, counts
 * its own.
 */
@ControllerAdvice
public class ProblemCountingAdvice implements ResponseBodyAdvice<Object> {
  private final ProblemCounter counter;

  public ProblemCountingAdvice(ProblemCounter counter) {
    this.counter = counter;
  }

  @Override
  public boolean supports(
      MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
    return true;
  }

  @Override
  public Object beforeBodyWrite(
      Object body,
      MethodParameter returnType,
      MediaType selectedContentType,
      Class<? extends HttpMessageConverter<?>> selectedConverterType,
      ServerHttpRequest request,
      ServerHttpResponse response) {
    if (body instanceof ProblemDetail problem) {
      Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
      counter.count(problem.getStatus(), code);
    }
    return body;
  }
}
