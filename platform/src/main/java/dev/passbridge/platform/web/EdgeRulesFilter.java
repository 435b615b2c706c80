package dev.passbridge.platform.web;

import dev.passbridge.platform.core.edge.OriginRule;
import dev.passbridge.platform.core.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Servlet adapter of the edge rules every service applies behind the gateway: the request-size
 * limit (413) and the Origin rule ({@link OriginRule}, 403). Applies to {@code /api/**}; actuator
 * and JWKS are exempt.
 */
public class EdgeRulesFilter extends OncePerRequestFilter {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final PassbridgeWebProperties properties;
  private final ProblemCounter problems;

  public EdgeRulesFilter(PassbridgeWebProperties properties) {
    this(properties, ProblemCounter.none());
  }

  public EdgeRulesFilter(PassbridgeWebProperties properties, ProblemCounter problems) {
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long limit = properties.maxRequestSize().toBytes();
    if (request.getContentLengthLong() > limit) {
      answer(response, Problem.payloadTooLarge(limit));
      return;
    }
    if (properties.originCheck()) {
      Optional<String> violation =
          OriginRule.violation(
              request.getMethod(),
              Collections.list(request.getHeaders("Origin")),
              properties.allowedOrigins());
      if (violation.isPresent()) {
        answer(response, Problem.originNotAllowed(violation.get()));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  private void answer(HttpServletResponse response, Problem problem) throws IOException {
    problems.count(problem.status(), problem.code());
    write(response, problem);
  }

  /** RFC 9457 shape: extension members (such as {@code code}) at the top level. */
  static void write(HttpServletResponse response, Problem problem) throws IOException {
    response.setStatus(problem.status());
    response.setContentType("application/problem+json");
    JSON.writeValue(response.getOutputStream(), problem.members());
  }
}
