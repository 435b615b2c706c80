package dev.passbridge.examples.shop.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;

/**
 * Puts a shop user's login state into the servlet session: after the password only {@value
 * #PASSWORD_STEP} (which opens the second-factor page and nothing else), after the second factor or
 * a verified passkey {@code ROLE_USER}. Each step gets a new session id and a new CSRF token, as
 * Spring Security's form login gives them: a page rendered before the step, in this tab or another,
 * is then stale ({@link StalePageHandler}). The token is rotated by Spring's own {@link
 * CsrfAuthenticationStrategy} over the {@link CsrfTokenRepository} the CSRF filter uses (after the
 * password, where the form login has rotated it already, it is rotated once more, which is
 * harmless).
 */
public class ShopSignIn {
  public static final String PASSWORD_STEP = "FACTOR_PASSWORD_ONLY";

  private final SecurityContextRepository repository;
  private final CsrfAuthenticationStrategy csrf;
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  /**
   * @param csrfTokens the repository the CSRF filter reads ({@code csrf.csrfTokenRepository(...)}),
   *     so that the rotated token is the one it checks
   */
  public ShopSignIn(SecurityContextRepository repository, CsrfTokenRepository csrfTokens) {
    this.repository = repository;
    this.csrf = new CsrfAuthenticationStrategy(csrfTokens);
  }

  /** The password was right: the second factor is next. */
  public void passwordStep(
      ShopPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
    store(principal, PASSWORD_STEP, request, response);
  }

  /** Fully logged in ({@code how}: {@code password+code} or {@code passkey}). */
  public void complete(
      ShopPrincipal principal, HttpServletRequest request, HttpServletResponse response) {
    store(principal, "ROLE_USER", request, response);
  }

  /**
   * The page for where a login stands: {@code /account} when complete, {@code /second-factor} after
   * the password alone, {@code /login} otherwise (where a stale form and an error page send the
   * customer on).
   */
  public static String pageFor(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return "/login";
    }
    boolean passwordStep = false;
    for (GrantedAuthority authority : authentication.getAuthorities()) {
      if ("ROLE_USER".equals(authority.getAuthority())) {
        return "/account";
      }
      passwordStep |= PASSWORD_STEP.equals(authority.getAuthority());
    }
    return passwordStep ? "/second-factor" : "/login";
  }

  private void store(
      ShopPrincipal principal,
      String authority,
      HttpServletRequest request,
      HttpServletResponse response) {
    request.getSession(true);
    request.changeSessionId();
    Authentication authentication =
        UsernamePasswordAuthenticationToken.authenticated(
            principal, null, List.of(new SimpleGrantedAuthority(authority)));
    // a new token in the session (and for this request's page); every older page's is stale
    csrf.onAuthentication(authentication, request, response);
    SecurityContext context = holder.createEmptyContext();
    context.setAuthentication(authentication);
    holder.setContext(context);
    repository.saveContext(context, request, response);
  }
}
