package dev.passbridge.gateway.edge;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Finds the client's IP address behind a known number of trusted proxies, and the key a rate limit
 * counts it under. Pure functions; no DNS lookups (only IP literals are accepted).
 */
public final class ClientAddresses {
  private ClientAddresses() {}

  /** Exchange attribute holding the resolved client address (a normalised IP literal). */
  public static final String ATTRIBUTE = ClientAddresses.class.getName() + ".client";

  static final String UNKNOWN = "unknown";

  /**
   * @param peer the TCP peer of the gateway
   * @param forwardedFor the {@code X-Forwarded-For} header values (may be empty)
   * @param trustedHops how many proxies in front of the gateway are trusted to append to the header
   */
  public static String resolve(InetSocketAddress peer, List<String> forwardedFor, int trustedHops) {
    String peerAddress =
        peer == null || peer.getAddress() == null
            ? UNKNOWN
            : normalise(peer.getAddress().getHostAddress()).orElse(UNKNOWN);
    if (trustedHops <= 0) {
      return peerAddress;
    }
    List<String> chain = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          chain.add(part.trim());
        }
      }
    }
    chain.add(peerAddress);
    int index = Math.max(0, chain.size() - 1 - trustedHops);
    return normalise(chain.get(index)).orElse(peerAddress);
  }

  /**
   * The canonical text of an IP literal ({@code "[::1]:8080"}, {@code "10.0.0.1:443"} accepted), or
   * empty when it is not one (hostnames, garbage, {@code "unknown"}).
   */
  public static Optional<String> normalise(String candidate) {
    if (candidate == null) {
      return Optional.empty();
    }
    String text = candidate.trim();
    if (text.startsWith("[")) {
      int end = text.indexOf(']');
      if (end < 0) {
        return Optional.empty();
      }
      text = text.substring(1, end);
    } else if (text.indexOf(':') > 0 && text.indexOf(':') == text.lastIndexOf(':')) {
      text = text.substring(0, text.indexOf(':')); // IPv4 with a port
    }
    int zone = text.indexOf('%');
    if (zone >= 0) {
      text = text.substring(0, zone);
    }
    if (text.isEmpty()
        || !text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
      return Optional.empty();
    }
    try {
      InetAddress address = InetAddress.ofLiteral(text);
      return Optional.of(address.getHostAddress());
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /**
   * The rate-limit key of a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber
   * usually owns a whole /64, so counting single IPv6 addresses would be trivial to evade).
   */
  public static String rateLimitKey(String address) {
    Optional<String> literal = normalise(address);
    if (literal.isEmpty()) {
      return UNKNOWN;
    }
    InetAddress parsed = InetAddress.ofLiteral(literal.get());
    if (parsed instanceof Inet6Address) {
      byte[] bytes = parsed.getAddress();
      StringBuilder key = new StringBuilder();
      for (int i = 0; i < 8; i += 2) {
        key.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff)));
        key.append(':');
      }
      return key.append(":/64").toString();
    }
    return parsed.getHostAddress();
  }
}
