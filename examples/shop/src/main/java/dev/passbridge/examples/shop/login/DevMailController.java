package dev.passbridge.examples.shop.login;

import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** {@code /dev/mail}: the dev mailbox of a local run (only when {@code shop.dev-mailbox=true}). */
@Controller
@ConditionalOnBooleanProperty("shop.dev-mailbox")
public class DevMailController {
  private final DevMailbox mailbox;

  public DevMailController(DevMailbox mailbox) {
    this.mailbox = mailbox;
  }

  @GetMapping("/dev/mail")
  String inbox(@RequestParam(name = "to", required = false) String to, Model model) {
    model.addAttribute("to", to == null ? "" : to);
    model.addAttribute("mails", mailbox.inbox(to));
    return "dev-mail";
  }
}
