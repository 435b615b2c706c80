package dev.passbridge.gateway.edge;

import dev.passbridge.platform.core.edge.TrustedProxies;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Optional;

/**
 * The gateway's use of the client address: where the edge rules leave it for the later filters, and
 * the key a rate limit counts it under. Who the client is is the core's trusted-proxy rule ({@link
 * TrustedProxies}); plain Java.
 */
public final class ClientAddresses {
  private ClientAddresses() {}

  /** Exchange attribute holding the resolved client address (a normalised IP literal). */
  public static final String ATTRIBUTE = ClientAddresses.class.getName() + ".client";

  static final String UNKNOWN = "unknown";

  /**
   * The rate-limit key of a client address: IPv4 as is, IPv6 by its /64 prefix (one subscriber
   * usually owns a whole /64, so counting single IPv6 addresses would be trivial to evade).
   */
  public static String rateLimitKey(String address) {
    Optional<String> literal = TrustedProxies.normalise(address);
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
