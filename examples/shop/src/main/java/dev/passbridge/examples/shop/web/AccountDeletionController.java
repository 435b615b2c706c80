package dev.passbridge.examples.shop.web;

import dev.passbridge.examples.shop.login.ShopPrincipal;
import dev.passbridge.examples.shop.passbridge.PassbridgeClient;
import dev.passbridge.examples.shop.passbridge.PassbridgeException;
import dev.passbridge.examples.shop.users.ShopUsers;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * "Delete my account" on the account page (README "Deleting an account"). Passbridge erases the
 * customer first ({@link PassbridgeClient#eraseUser}); only when it has does the shop delete its
 * own row and end the session. When Passbridge refused or could not record the erasure nothing
 * changed on either side, and the account page says so; when it started the erasure but did not
 * finish it ({@code erasure-incomplete}), the shop's account and the session stay too, and the
 * account page says that pressing "Delete my account" again finishes it. The form needs the CSRF
 * token (a stale one goes to the account page unchanged, {@code StalePageHandler}) and the ticked
 * confirmation box.
 */
@Controller
public class AccountDeletionController {
  private static final Logger log = LoggerFactory.getLogger(AccountDeletionController.class);

  /** The value of the form's confirmation box ({@code confirm}) when ticked. */
  static final String CONFIRMED = "yes";

  /** The account page's message when Passbridge did not erase the customer. */
  static final String FAILED =
      "Your account could not be deleted right now. Nothing was changed; please try again.";

  /**
   * The account page's message when Passbridge started the erasure but did not finish it (its 503
   * {@code erasure-incomplete}): it cannot be undone there, the shop's account is still here, and
   * the same button finishes it.
   */
  static final String INCOMPLETE =
      "Your account is being deleted, but it did not finish. Please press “Delete my account”"
          + " again.";

  /** The account page's message for a form sent without the confirmation box ticked. */
  static final String UNCONFIRMED =
      "Tick the box to confirm that your account should be deleted. Nothing was changed.";

  private final PassbridgeClient passbridge;
  private final ShopUsers users;

  public AccountDeletionController(PassbridgeClient passbridge, ShopUsers users) {
    this.passbridge = passbridge;
    this.users = users;
  }

  @PostMapping("/account/delete")
  String delete(
      @AuthenticationPrincipal ShopPrincipal principal,
      @RequestParam(name = "confirm", required = false) String confirm,
      HttpServletRequest request)
      throws ServletException {
    if (!CONFIRMED.equals(confirm)) {
      return "redirect:/account?deletion=unconfirmed";
    }
    try {
      // the shop's user id is the externalUserId it reports logins with
      passbridge.eraseUser(principal.userId());
    } catch (PassbridgeException e) {
      if (e.erasureIncomplete()) {
        // the erasure has started at Passbridge and cannot be undone; the shop keeps its row and
        // the session so that the customer can press again, which finishes it
        log.warn("account not deleted yet: Passbridge started the erasure but did not finish it");
        return "redirect:/account?deletion=incomplete";
      }
      log.warn("account not deleted: Passbridge did not erase the customer ({})", e.kind());
      return "redirect:/account?deletion=failed";
    }
    // gone at Passbridge: a failure from here on is finished by trying again (Passbridge then
    // answers 204, it keeps nothing for the id)
    users.delete(principal.userId());
    // the logout handlers of POST /logout: the session is invalidated, the context and the CSRF
    // token go with it
    request.logout();
    return "redirect:/?deleted";
  }
}
