package dev.passbridge.examples.shop.login;

import dev.passbridge.examples.shop.users.ShopUsers;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.authentication.logout.CompositeLogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.security.web.context.SecurityContextHolderFilter;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfLogoutHandler;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.ObjectMapper;

/**
 * Ends a session whose customer no longer exists: "Delete my account" in one browser logs out that
 * browser only, and every other session of the customer (another browser, another device) ends
 * here, on its next request (README "Deleting an account").
 *
 * <p>Each request of a session that names a customer ({@link ShopPrincipal}: fully logged in, or
 * half-way after the password) asks {@link ShopUsers#byId} whether the customer is still there. One
 * query per request is fine for this example; a larger platform would rather keep a per-customer
 * "sessions valid from" stamp in a cache, or end the sessions themselves through a session index.
 * Anonymous requests are not checked (no context in the session: nothing is asked). When the row is
 * gone the session ends as {@code POST /logout} ends it (its CSRF token dropped, the session
 * invalidated, the security context cleared) and nothing the request asked for is done, so nothing
 * is sent to Passbridge either (no {@code manage} token for an id it has just erased). A page or a
 * form goes to {@code /login?gone} ("Your account was deleted. You are logged out."); a script's
 * request (the login page's passkey login) gets a 401 problem {@code account-deleted} whose detail
 * the page shows, as {@link StalePageHandler} answers a stale one.
 *
 * <p>A filter in the security chain, right after the context is loaded ({@link
 * SecurityContextHolderFilter}) and the security headers are set up, before the CSRF check, the
 * logout and every login filter: the request is answered before any of them acts on a principal
 * that names nobody. A {@link SecurityContextRepository} that dropped such contexts was the
 * alternative, but it would only make the request anonymous: the session would live on, and the
 * customer would meet a bare login page (or, with a form's still valid token, have the form go on
 * as a visitor's) without being told why.
 */
public class DeletedAccountFilter extends OncePerRequestFilter {
  private static final Logger log = LoggerFactory.getLogger(DeletedAccountFilter.class);

  /** Where a page or a form of an ended session goes; the login page says why. */
  static final String GONE_PAGE = "/login?gone";

  /** What the login page's script shows for a passkey login from such a session. */
  static final String DETAIL = "Your account was deleted. You are logged out.";

  private final ShopUsers users;
  private final LogoutHandler logout;
  private final ObjectMapper json;
  private final RedirectStrategy redirects = new DefaultRedirectStrategy();
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  /**
   * @param contexts and {@code csrfTokens}: the repositories of the security chain, which the
   *     logout clears as {@code POST /logout} does
   */
  public DeletedAccountFilter(
      ShopUsers users,
      SecurityContextRepository contexts,
      CsrfTokenRepository csrfTokens,
      ObjectMapper json) {
    this.users = users;
    SecurityContextLogoutHandler context = new SecurityContextLogoutHandler();
    context.setSecurityContextRepository(contexts);
    // the handlers of Spring's logout, in its order
    this.logout = new CompositeLogoutHandler(new CsrfLogoutHandler(csrfTokens), context);
    this.json = json;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = holder.getContext().getAuthentication();
    if (authentication == null
        || !(authentication.getPrincipal() instanceof ShopPrincipal principal)
        // one query per request of a logged-in session: fine for the example (see above)
        || users.byId(principal.userId()).isPresent()) {
      chain.doFilter(request, response);
      return;
    }
    log.info(
        "session of a deleted customer ended on {} {}",
        request.getMethod(),
        request.getRequestURI());
    logout.logout(request, response, authentication);
    if (isPage(request)) {
      redirects.sendRedirect(request, response, GONE_PAGE);
      return;
    }
    ProblemResponse.write(response, json, HttpStatus.UNAUTHORIZED, "account-deleted", DETAIL);
  }

  /** A page the browser opens ({@code GET}, {@code HEAD}) or a page's form, not a script's call. */
  private static boolean isPage(HttpServletRequest request) {
    return HttpMethod.GET.matches(request.getMethod())
        || HttpMethod.HEAD.matches(request.getMethod())
        || StalePageHandler.isForm(request);
  }
}
