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
 * limit (413) on {@code /api/**} and the Connect server API {@code /connect/**}, and the Origin
 * rule ({@link OriginRule}, 403) on {@code /api/**} (the Connect server API is called by a
 * platform's backend with client credentials, not by a browser, so it carries no Origin). Actuator
 * and JWKS are exempt, and the Origin rule is left to the handlers under {@link
 * PassbridgeWebProperties#handlerOriginCheckPaths()}.
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
    String path = request.getRequestURI();
    return !path.startsWith("/api/") && !path.startsWith("/connect/");
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
    if (properties.originCheck()
        && request.getRequestURI().startsWith("/api/")
        && !handlerChecksOrigin(request.getRequestURI())) {
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

  private boolean handlerChecksOrigin(String path) {
    for (String prefix : properties.handlerOriginCheckPaths()) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
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
