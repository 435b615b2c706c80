package dev.passbridge.examples.shop.login;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import tools.jackson.databind.ObjectMapper;

/**
 * The problem+json answer the security chain's own handlers send to a script's request (the login
 * page's passkey login), in the shape of Spring MVC's problem responses plus the {@code code} the
 * page reads: {@link StalePageHandler}'s {@code stale-page} and {@link DeletedAccountFilter}'s
 * {@code account-deleted}. Those run before any controller, so Spring MVC's own problem handling is
 * not there to write it.
 */
final class ProblemResponse {
  private ProblemResponse() {}

  static void write(
      HttpServletResponse response,
      ObjectMapper json,
      HttpStatus status,
      String code,
      String detail)
      throws IOException {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", detail);
    problem.put("code", code);
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8);
    response.getWriter().write(json.writeValueAsString(problem));
  }
}
