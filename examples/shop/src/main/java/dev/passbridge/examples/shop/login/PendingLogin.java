package dev.passbridge.examples.shop.login;

import dev.passbridge.examples.shop.passbridge.PassbridgeClient.ClientInfo;
import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;

/**
 * A password login waiting for its second factor (a session attribute): who, and what the login
 * page saw of the browser, reported to Passbridge once the second factor passed.
 */
public record PendingLogin(
    String userId,
    boolean autofilled,
    HashMap<String, Boolean> capabilities,
    String userAgent,
    HashMap<String, String> hints)
    implements Serializable {
  static final String SESSION_ATTRIBUTE = "shop.pendingLogin";

  public ClientInfo client() {
    return new ClientInfo(autofilled, Map.copyOf(capabilities), userAgent, Map.copyOf(hints));
  }
}
