package dev.passbridge.examples.shop.login;

import dev.passbridge.examples.shop.passbridge.PassbridgeClient;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.ConnectToken;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.LoginReport;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.SecondFactor;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient.VerifiedLogin;
import dev.passbridge.examples.shop.passbridge.PassbridgeException;
import dev.passbridge.examples.shop.passbridge.PassbridgeProperties;
import dev.passbridge.examples.shop.users.ShopUser;
import dev.passbridge.examples.shop.users.ShopUsers;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The login pages: password (with Passbridge's passkey login on the same page), the second factor,
 * and the passkey login's backend half.
 */
@Controller
public class LoginController {
  private static final Logger log = LoggerFactory.getLogger(LoginController.class);

  /** The append token for the welcome page (shown once). */
  public static final String APPEND_TOKEN = "shop.appendToken";

  private final SecondFactorCodes codes;
  private final ShopSignIn signIn;
  private final ShopUsers users;
  private final PassbridgeClient passbridge;
  private final PassbridgeProperties properties;
  private final Clock clock;

  public LoginController(
      SecondFactorCodes codes,
      ShopSignIn signIn,
      ShopUsers users,
      PassbridgeClient passbridge,
      PassbridgeProperties properties,
      Clock clock) {
    this.codes = codes;
    this.signIn = signIn;
    this.users = users;
    this.passbridge = passbridge;
    this.properties = properties;
    this.clock = clock;
  }

  /**
   * The login page; {@code ?error} is a wrong password (Spring Security's failure URL): the page
   * says so and marks its fields.
   */
  @GetMapping("/login")
  String login(@RequestParam(name = "error", required = false) String error, Model model) {
    if (error != null) {
      model.addAttribute("error", "That e-mail address and password do not match.");
    }
    model.addAttribute("passbridge", properties.browserOrigin());
    model.addAttribute("clientId", properties.clientId());
    model.addAttribute("sdk", true);
    return "login";
  }

  @GetMapping("/second-factor")
  String secondFactor(@AuthenticationPrincipal ShopPrincipal principal, Model model) {
    model.addAttribute("email", principal.email());
    return "second-factor";
  }

  /** Checks the code; a right one completes the login and reports it to Passbridge. */
  @PostMapping("/second-factor")
  String checkCode(
      @AuthenticationPrincipal ShopPrincipal principal,
      @RequestParam(name = "code", required = false) String code,
      HttpServletRequest request,
      HttpServletResponse response,
      Model model) {
    HttpSession session = request.getSession();
    PendingLogin pending = (PendingLogin) session.getAttribute(PendingLogin.SESSION_ATTRIBUTE);
    if (pending == null || !pending.userId().equals(principal.userId())) {
      return "redirect:/login?expired";
    }
    SecondFactorCodes.Check check =
        codes.check(principal.userId(), code == null ? "" : code.trim());
    switch (check) {
      case WRONG -> {
        model.addAttribute("email", principal.email());
        model.addAttribute("error", "That code is not right.");
        return "second-factor";
      }
      case GONE -> {
        session.invalidate();
        return "redirect:/login?expired";
      }
      case ACCEPTED -> {
        // fall through to the completed login
      }
    }
    session.removeAttribute(PendingLogin.SESSION_ATTRIBUTE);
    signIn.complete(principal, request, response);
    reportLogin(principal, pending)
        .ifPresent(t -> request.getSession().setAttribute(APPEND_TOKEN, t));
    return "redirect:/welcome";
  }

  /**
   * The shop's login is complete (password and second factor): Passbridge hears of it and answers a
   * connect token that lets the SDK on the welcome page offer a passkey. Without Passbridge the
   * shop works as before, only without the offer.
   */
  private Optional<String> reportLogin(ShopPrincipal principal, PendingLogin pending) {
    try {
      ConnectToken token =
          passbridge.reportLogin(
              new LoginReport(
                  principal.userId(),
                  principal.email(),
                  principal.displayName(),
                  new SecondFactor("email", clock.instant()),
                  pending.client()));
      return Optional.of(token.connectToken());
    } catch (PassbridgeException e) {
      log.warn("login not reported to Passbridge ({}): no passkey offer this time", e.kind());
      return Optional.empty();
    }
  }

  /** What the login page sends after {@code passbridge:login}. */
  public record PasskeyLogin(String loginResult) {}

  /**
   * The passkey login's backend half: Passbridge verifies its login result (once), the shop logs in
   * the customer it names.
   */
  @PostMapping("/login/passkey")
  @ResponseBody
  ResponseEntity<?> passkeyLogin(
      @RequestBody(required = false) PasskeyLogin body,
      HttpServletRequest request,
      HttpServletResponse response) {
    if (body == null || body.loginResult() == null || body.loginResult().isBlank()) {
      return problem(HttpStatus.BAD_REQUEST, "invalid-login-result", "No login result.");
    }
    VerifiedLogin verified;
    try {
      verified = passbridge.verifyLoginResult(body.loginResult());
    } catch (PassbridgeException e) {
      return switch (e.kind()) {
        case REJECTED ->
            "login-result-used".equals(e.code())
                ? problem(
                    HttpStatus.CONFLICT,
                    "login-result-used",
                    "This passkey login was already used. Log in again.")
                : problem(
                    HttpStatus.BAD_REQUEST,
                    "invalid-login-result",
                    "The passkey login could not be verified. Log in again.");
        case UNAVAILABLE, OVER_QUOTA ->
            problem(
                HttpStatus.SERVICE_UNAVAILABLE,
                "passkeys-unavailable",
                "Passkey login is not available right now. Use your password.");
        case MISCONFIGURED ->
            problem(
                HttpStatus.BAD_GATEWAY,
                "passkeys-misconfigured",
                "Passkey login is not available right now. Use your password.");
      };
    }
    Optional<ShopUser> user = users.byId(verified.externalUserId());
    if (user.isEmpty()) {
      return problem(HttpStatus.UNAUTHORIZED, "unknown-account", "This account no longer exists.");
    }
    ShopUser u = user.get();
    signIn.complete(new ShopPrincipal(u.id(), u.email(), u.displayName()), request, response);
    return ResponseEntity.ok(Map.of("redirect", "/account"));
  }

  private static ResponseEntity<ProblemDetail> problem(
      HttpStatus status, String code, String text) {
    ProblemDetail p = ProblemDetail.forStatusAndDetail(status, text);
    p.setProperty("code", code);
    return ResponseEntity.status(status).body(p);
  }
}
