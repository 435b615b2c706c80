package dev.passbridge.examples.shop.web;

import dev.passbridge.examples.shop.login.LoginController;
import dev.passbridge.examples.shop.login.ShopPrincipal;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient;
import dev.passbridge.examples.shop.passbridge.PassbridgeException;
import dev.passbridge.examples.shop.passbridge.PassbridgeProperties;
import jakarta.servlet.http.HttpSession;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The shop's pages: the catalogue, the welcome page after a login, the account page. */
@Controller
public class PageController {
  /** One thing the shop sells. */
  public record Product(String name, String price) {}

  static final List<Product> CATALOGUE =
      List.of(
          new Product("Linen tea towel", "€ 12.00"),
          new Product("Enamel mug", "€ 18.50"),
          new Product("Beeswax candle", "€ 9.90"));

  private final PassbridgeClient passbridge;
  private final PassbridgeProperties properties;

  public PageController(PassbridgeClient passbridge, PassbridgeProperties properties) {
    this.passbridge = passbridge;
    this.properties = properties;
  }

  @GetMapping("/")
  String home(@AuthenticationPrincipal Object principal, Model model) {
    model.addAttribute("products", CATALOGUE);
    model.addAttribute("customer", principal instanceof ShopPrincipal p ? p.displayName() : null);
    return "home";
  }

  /** After password and second factor: the SDK may offer a passkey (token shown once). */
  @GetMapping("/welcome")
  String welcome(
      @AuthenticationPrincipal ShopPrincipal principal, HttpSession session, Model model) {
    Object token = session.getAttribute(LoginController.APPEND_TOKEN);
    session.removeAttribute(LoginController.APPEND_TOKEN);
    model.addAttribute("customer", principal.displayName());
    model.addAttribute("passbridge", properties.browserOrigin());
    model.addAttribute("appendToken", token);
    model.addAttribute("sdk", token != null);
    return "welcome";
  }

  /**
   * The customer's passkeys, listed and deleted by the SDK with a {@code manage} token, and "Delete
   * my account" ({@code ?deletion=failed}, {@code incomplete} or {@code unconfirmed}: what became
   * of the last try, from {@link AccountDeletionController}). Right after an erasure that started
   * but did not finish no {@code manage} token is asked for: the passkeys are being deleted, and
   * the token would have Passbridge map the id it is erasing again.
   */
  @GetMapping("/account")
  String account(
      @AuthenticationPrincipal ShopPrincipal principal,
      @RequestParam(name = "deletion", required = false) String deletion,
      Model model) {
    boolean erasing = "incomplete".equals(deletion);
    if ("failed".equals(deletion)) {
      model.addAttribute("deleteError", AccountDeletionController.FAILED);
    } else if (erasing) {
      model.addAttribute("deleteError", AccountDeletionController.INCOMPLETE);
    } else if ("unconfirmed".equals(deletion)) {
      model.addAttribute("deleteError", AccountDeletionController.UNCONFIRMED);
      model.addAttribute("deleteUnconfirmed", true);
    }
    model.addAttribute("customer", principal.displayName());
    model.addAttribute("email", principal.email());
    model.addAttribute("passbridge", properties.browserOrigin());
    String manageToken = null;
    if (!erasing) {
      try {
        manageToken = passbridge.manageToken(principal.userId()).connectToken();
      } catch (PassbridgeException e) {
        manageToken = null;
      }
    }
    model.addAttribute("manageToken", manageToken);
    model.addAttribute("sdk", manageToken != null);
    return "account";
  }
}
