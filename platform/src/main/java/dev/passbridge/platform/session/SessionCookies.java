package dev.passbridge.platform.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** Servlet adapter: the session token from the request's session cookie. */
public final class SessionCookies {
  private SessionCookies() {}

  /** The value of the first cookie called {@code cookieName}, or null. */
  public static String token(HttpServletRequest request, String cookieName) {
    Cookie[] cookies = request.getCookies();
    if (cookies == null) {
      return null;
    }
    for (Cookie cookie : cookies) {
      if (cookieName.equals(cookie.getName())) {
        return cookie.getValue();
      }
    }
    return null;
  }
}
