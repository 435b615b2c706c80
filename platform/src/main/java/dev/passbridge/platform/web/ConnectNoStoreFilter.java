package dev.passbridge.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * {@code Cache-Control: no-store} on every answer of the Connect server API ({@code /connect/**}):
 * its successes, its problems (400, 401, 413, 422, 429, ... whoever writes them: a handler, the
 * problem handler, the edge filter, {@code /error}) and its user data ({@code GET
 * /connect/v1/users/{externalUserId}/passkeys}).
 *
 * <p>Why: the documents promise {@code no-store} for {@code /connect/v1}. Only the handlers' own
 * 201s said so; every other answer had no {@code Cache-Control}, which the gateway completes with
 * {@code no-cache} (cacheable, revalidated). Set here, once for every service, before the edge
 * filter and everything after it runs: a handler's {@code ResponseEntity} header replaces it only
 * where it says otherwise, which no Connect handler does.
 */
public class ConnectNoStoreFilter extends OncePerRequestFilter {
  public static final String PREFIX = "/connect/";

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    // any spelling of the path that reaches a Connect handler (EdgeRulesFilter#decodedPath)
    return !request.getRequestURI().startsWith(PREFIX)
        && !EdgeRulesFilter.decodedPath(request).startsWith(PREFIX);
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    chain.doFilter(request, response);
  }
}
