package dev.passbridge.examples.shop.login;

import dev.passbridge.examples.shop.users.ShopUser;
import dev.passbridge.examples.shop.users.ShopUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;

/**
 * After a right password: the login waits for its second factor. Keeps what the login page saw of
 * the browser (hidden fields {@code client-autofilled}, {@code client-capabilities}, {@code
 * client-hints}, filled by {@code /js/login.js}), "e-mails" a code and goes to the second-factor
 * page.
 */
public class PasswordStepHandler implements AuthenticationSuccessHandler {
  private static final int MAX_FIELD = 4096;

  private final ShopUsers users;
  private final SecondFactorCodes codes;
  private final DevMailbox mailbox;
  private final ShopSignIn signIn;
  private final ObjectMapper json;
  private final Clock clock;

  public PasswordStepHandler(
      ShopUsers users,
      SecondFactorCodes codes,
      DevMailbox mailbox,
      ShopSignIn signIn,
      ObjectMapper json,
      Clock clock) {
    this.users = users;
    this.codes = codes;
    this.mailbox = mailbox;
    this.signIn = signIn;
    this.json = json;
    this.clock = clock;
  }

  @Override
  public void onAuthenticationSuccess(
      HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    ShopUser user = users.byEmail(authentication.getName()).orElseThrow();
    signIn.passwordStep(
        new ShopPrincipal(user.id(), user.email(), user.displayName()), request, response);
    request
        .getSession()
        .setAttribute(
            PendingLogin.SESSION_ATTRIBUTE,
            new PendingLogin(
                user.id(),
                "true".equals(request.getParameter("client-autofilled")),
                map(request.getParameter("client-capabilities"), new TypeReference<>() {}),
                request.getHeader(HttpHeaders.USER_AGENT),
                map(request.getParameter("client-hints"), new TypeReference<>() {})));
    String code = codes.issue(user.id());
    mailbox.send(
        new DevMailbox.Mail(
            user.email(),
            "Your shop login code",
            "Your code is " + code + ". It is valid for 5 minutes.",
            clock.instant()));
    response.sendRedirect(request.getContextPath() + "/second-factor");
  }

  /** A JSON object of the login page's, or an empty map when absent or not what it should be. */
  private <V> HashMap<String, V> map(String field, TypeReference<Map<String, V>> type) {
    if (field == null || field.isBlank() || field.length() > MAX_FIELD) {
      return new HashMap<>();
    }
    try {
      Map<String, V> value = json.readValue(field, type);
      HashMap<String, V> copy = new HashMap<>();
      value.forEach(
          (k, v) -> {
            if (k != null && v != null) {
              copy.put(k, v);
            }
          });
      return copy;
    } catch (RuntimeException e) {
      return new HashMap<>();
    }
  }
}
