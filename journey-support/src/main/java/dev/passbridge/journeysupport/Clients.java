package dev.passbridge.journeysupport;

import dev.passbridge.system.Browser;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Simulated browsers and their users. Each browser has its own client address: the gateways trust
 * one proxy hop of {@code X-Forwarded-For} (one load balancer in front, or the reliability cluster
 * configured as if there were one), so per-address rate limits apply per browser, as in production.
 */
public final class Clients {
  private Clients() {}

  /**
   * Part of every password the tests type, so a log check finds any password (even a malformed or
   * truncated one) without knowing it.
   */
  public static final String PASSWORD_MARKER = "Pw7q-";

  private static final AtomicInteger ADDRESSES = new AtomicInteger(1);
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final String ALPHABET =
      "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";

  /** A fresh address from 10.0.0.0/8, never handed out twice in a run. */
  public static String nextAddress() {
    int n = ADDRESSES.getAndIncrement();
    return "10." + ((n >> 16) & 255) + "." + ((n >> 8) & 255) + "." + (n & 255);
  }

  public static Browser browser(String url) {
    return browser(url, nextAddress());
  }

  public static Browser browser(String url, String address) {
    return new Browser(url, Browser.CHROME_MAC, Map.of("X-Forwarded-For", address));
  }

  /** A password that passes the policy and carries the {@link #PASSWORD_MARKER}. */
  public static String password() {
    return PASSWORD_MARKER + random(14);
  }

  public static String username() {
    return "jrn_" + random(10).toLowerCase(java.util.Locale.ROOT) + "_" + random(4);
  }

  /** A German mobile number in E.164. */
  public static String phone() {
    return "+49151" + (10_000_000 + RANDOM.nextInt(89_999_999));
  }

  public static String random(int n) {
    StringBuilder s = new StringBuilder(n);
    for (int i = 0; i < n; i++) {
      s.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  public static Map<String, Object> registration(String username, String password, String phone) {
    return Map.of(
        "username", username, "password", password, "phone", phone, "displayName", "Journey");
  }
}
