package dev.passbridge.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Request-size limit and the Origin check (§4: every state-changing request must carry an Origin
 * from the allowlist, else 403). Applies to {@code /api/**}; actuator and JWKS are exempt.
 */
public class EdgeRulesFilter extends OncePerRequestFilter {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final PassbridgeWebProperties properties;

  public EdgeRulesFilter(PassbridgeWebProperties properties) {
    this.properties = properties;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith("/api/");
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long length = request.getContentLengthLong();
    if (length > properties.maxRequestSize().toBytes()) {
      write(
          response,
          Problems.problem(
              HttpStatus.CONTENT_TOO_LARGE,
              "payload-too-large",
              "The request body is larger than "
                  + properties.maxRequestSize().toBytes()
                  + " bytes."));
      return;
    }
    if (properties.originCheck() && !SAFE.contains(request.getMethod())) {
      String origin = request.getHeader("Origin");
      if (origin == null || !properties.allowedOrigins().contains(origin)) {
        write(
            response,
            Problems.problem(
                HttpStatus.FORBIDDEN,
                "origin-not-allowed",
                origin == null
                    ? "State-changing requests must carry an Origin header."
                    : "Requests from this origin are not allowed."));
        return;
      }
    }
    chain.doFilter(request, response);
  }

  /** RFC 9457 shape: extension members (such as {@code code}) at the top level. */
  static void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("type", problem.getType().toString());
    body.put("title", problem.getTitle());
    body.put("status", problem.getStatus());
    body.put("detail", problem.getDetail());
    if (problem.getProperties() != null) {
      body.putAll(problem.getProperties());
    }
    response.setStatus(problem.getStatus());
    response.setContentType("application/problem+json");
    JSON.writeValue(response.getOutputStream(), body);
  }
}
