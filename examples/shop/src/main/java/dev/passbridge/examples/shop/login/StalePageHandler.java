package dev.passbridge.examples.shop.login;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.DefaultRedirectStrategy;
import org.springframework.security.web.RedirectStrategy;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import tools.jackson.databind.ObjectMapper;

/**
 * A request whose CSRF token the session no longer has ({@link CsrfException}): its page is out of
 * date because the session changed in another tab (each login step, password, code or passkey,
 * rotates the token: Spring's form login and {@link ShopSignIn}; a logout or an ended session drops
 * it). Logout never gets here (it needs no token, README "Stale pages").
 *
 * <p>A form goes to the page that fits where the session stands now, with {@code ?stale} for the
 * page's message: the account page when logged in, the code page half-way (the newest login's), the
 * login page otherwise. Nothing the stale form asked for is done. A script's request (the login
 * page's passkey login) gets a 403 problem ({@code stale-page}) whose detail the page shows.
 */
public class StalePageHandler implements AccessDeniedHandler {
  private static final Logger log = LoggerFactory.getLogger(StalePageHandler.class);

  /** What the login page's script shows for a stale passkey login. */
  static final String DETAIL =
      "This page was out of date (you logged in or out in another tab, or your session ended)."
          + " Reload the page and try again.";

  private final ObjectMapper json;
  private final RedirectStrategy redirects = new DefaultRedirectStrategy();
  private final SecurityContextHolderStrategy holder =
      SecurityContextHolder.getContextHolderStrategy();

  public StalePageHandler(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public void handle(
      HttpServletRequest request, HttpServletResponse response, AccessDeniedException denied)
      throws IOException {
    if (!isForm(request)) {
      log.debug(
          "stale CSRF token on {} {} (a script's request)", request.getMethod(), path(request));
      ProblemResponse.write(response, json, HttpStatus.FORBIDDEN, "stale-page", DETAIL);
      return;
    }
    String page = ShopSignIn.pageFor(holder.getContext().getAuthentication());
    log.debug("stale CSRF token on {} {}: to {}", request.getMethod(), path(request), page);
    redirects.sendRedirect(request, response, page + "?stale");
  }

  /** A page's form (what a browser sends for {@code <form method="post">}), not a script's call. */
  static boolean isForm(HttpServletRequest request) {
    String type = request.getContentType();
    if (type == null) {
      return false;
    }
    try {
      MediaType media = MediaType.parseMediaType(type);
      return MediaType.APPLICATION_FORM_URLENCODED.includes(media)
          || MediaType.MULTIPART_FORM_DATA.includes(media);
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }
}
