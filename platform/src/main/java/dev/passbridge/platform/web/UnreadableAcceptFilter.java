package dev.passbridge.platform.web;

import dev.passbridge.platform.core.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Refuses a request whose {@code Accept} cannot be parsed ({@code Accept: @@@;;}) with 406 {@code
 * not-acceptable}, on every path, before anything else reads the header.
 *
 * <p>Why: whatever negotiates with such a header fails, and that includes the writing of the
 * problem that says so. {@link JsonAcceptInterceptor} refused it, and the answer went out as an
 * empty 406; a path no handler serves answered an empty 404. Written here, directly, the answer is
 * a problem like every other (RFC 9110 lets a server either refuse or ignore such a header; the
 * services refuse it, as Spring's negotiation does, and so does the gateway).
 */
public class UnreadableAcceptFilter extends OncePerRequestFilter {
  private final ProblemCounter problems;

  public UnreadableAcceptFilter(ProblemCounter problems) {
    this.problems = problems;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!readable(Collections.list(request.getHeaders(HttpHeaders.ACCEPT)))) {
      Problem problem = Problem.unreadableAccept();
      problems.count(problem.status(), problem.code());
      EdgeRulesFilter.write(response, problem);
      return;
    }
    chain.doFilter(request, response);
  }

  /** Whether Spring can parse every {@code Accept} value (none at all is fine). */
  static boolean readable(List<String> values) {
    try {
      MediaType.parseMediaTypes(values);
      return true;
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }
}
