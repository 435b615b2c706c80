package dev.passbridge.platform.core.edge;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which hops may tell us who the client is, and so who the client is. One model for the services
 * and the gateway: walk the chain {@code X-Forwarded-For} + TCP peer from the right (the peer is
 * hop 0); a hop is a trusted proxy when it is one of the first {@code hops} hops (the gateway's
 * {@code trusted-proxy-hops}: N load balancers in front of it) or its address is in the list of IP
 * addresses and CIDR blocks (the services' {@code passbridge.web.trusted-proxies}: the gateway);
 * the first hop that is not trusted is the client. An untrusted peer is the client whatever it
 * forwards. A malformed entry ends the walk at the last trusted hop, so nobody picks an arbitrary
 * address by writing garbage. Plain Java; no DNS lookups (only IP literals count).
 */
public final class TrustedProxies {
  private final List<Block> blocks;
  private final int hops;

  private TrustedProxies(List<Block> blocks, int hops) {
    if (hops < 0) {
      throw new IllegalArgumentException("trusted proxy hops must not be negative");
    }
    this.blocks = List.copyOf(blocks);
    this.hops = hops;
  }

  /** Nobody is trusted: every request is answered from its TCP peer. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of(), 0);
  }

  /** The proxies by address; see {@link #of(List, int)}. */
  public static TrustedProxies of(List<String> entries) {
    return of(entries, 0);
  }

  /**
   * @param entries IP literals ({@code 10.0.0.7}, {@code ::1}) or CIDR blocks ({@code 127.0.0.0/8},
   *     {@code fd00::/8}); blank entries are skipped
   * @param hops how many hops nearest to us are trusted whatever their address (0: none)
   * @throws IllegalArgumentException for an entry that is not an IP literal or CIDR block (host
   *     names included) or negative hops
   */
  public static TrustedProxies of(List<String> entries, int hops) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      if (entry != null && !entry.isBlank()) {
        blocks.add(Block.parse(entry.trim()));
      }
    }
    return new TrustedProxies(blocks, hops);
  }

  public boolean isEmpty() {
    return blocks.isEmpty() && hops == 0;
  }

  /** Whether the TCP peer is a trusted proxy (its forwarding headers are believed). */
  public boolean trustsPeer(String peer) {
    return hops > 0 || isTrusted(peer);
  }

  /** Whether this address is in the list (an IP literal; anything else is never trusted). */
  public boolean isTrusted(String address) {
    Optional<InetAddress> parsed = literal(address);
    return parsed.isPresent() && blocks.stream().anyMatch(b -> b.contains(parsed.get()));
  }

  /**
   * The client's address (a normalised IP literal, or the peer as given when it is none).
   *
   * @param peer the TCP peer's address
   * @param forwardedFor every {@code X-Forwarded-For} header value, in order (may be null or empty)
   */
  public String clientAddress(String peer, List<String> forwardedFor) {
    String current = normalise(peer).orElse(peer);
    if (!trustsPeer(current) || forwardedFor == null) {
      return current;
    }
    List<String> chain = new ArrayList<>();
    for (String value : forwardedFor) {
      for (String part : value.split(",")) {
        if (!part.isBlank()) {
          chain.add(part.trim());
        }
      }
    }
    int position = 0;
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<String> hop = normalise(chain.get(i));
      if (hop.isEmpty()) {
        return current;
      }
      current = hop.get();
      position++;
      if (position >= hops && !isTrusted(current)) {
        return current;
      }
    }
    return current;
  }

  /**
   * The scheme the client used: from a trusted peer, the last {@code X-Forwarded-Proto} value (the
   * one the nearest proxy wrote) when it is http or https; else the connection's own scheme.
   */
  public String scheme(String peer, String connectionScheme, List<String> forwardedProto) {
    String forwarded = forwarded(peer, forwardedProto, connectionScheme).toLowerCase(Locale.ROOT);
    return forwarded.equals("https") || forwarded.equals("http") ? forwarded : connectionScheme;
  }

  /**
   * From a trusted peer, the last value of a forwarding header ({@code X-Forwarded-Host}, ...);
   * else, or when there is none, the fallback.
   */
  public String forwarded(String peer, List<String> values, String fallback) {
    if (values == null || values.isEmpty() || !trustsPeer(peer)) {
      return fallback;
    }
    String[] parts = values.getLast().split(",");
    String last = parts[parts.length - 1].trim();
    return last.isEmpty() ? fallback : last;
  }

  @Override
  public String toString() {
    return blocks + (hops > 0 ? " and " + hops + " hop(s)" : "");
  }

  /**
   * The canonical text of an IP literal ({@code "[::1]:8080"}, {@code "10.0.0.1:443"}, a zone id
   * accepted), or empty when it is not one (host names, garbage, {@code "unknown"}).
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
    return literal(text).map(InetAddress::getHostAddress);
  }

  /** An IP literal ({@code [::1]} and a zone id accepted, no port), never a DNS lookup. */
  static Optional<InetAddress> literal(String candidate) {
    if (candidate == null) {
      return Optional.empty();
    }
    String text = candidate.trim();
    if (text.startsWith("[") && text.endsWith("]")) {
      text = text.substring(1, text.length() - 1);
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
      return Optional.of(InetAddress.ofLiteral(text));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  private record Block(byte[] network, int prefix, String text) {
    static Block parse(String entry) {
      int slash = entry.indexOf('/');
      String address = slash < 0 ? entry : entry.substring(0, slash);
      InetAddress parsed =
          literal(address)
              .orElseThrow(
                  () ->
                      new IllegalArgumentException(
                          "trusted proxy '" + entry + "' is not an IP address or CIDR block"));
      int bits = parsed instanceof Inet4Address ? 32 : 128;
      int prefix;
      try {
        prefix = slash < 0 ? bits : Integer.parseInt(entry.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > bits) {
        throw new IllegalArgumentException("trusted proxy '" + entry + "' has a bad prefix length");
      }
      return new Block(parsed.getAddress(), prefix, entry);
    }

    boolean contains(InetAddress address) {
      byte[] candidate = address.getAddress();
      if (candidate.length != network.length) {
        return false;
      }
      int full = prefix / 8;
      for (int i = 0; i < full; i++) {
        if (candidate[i] != network[i]) {
          return false;
        }
      }
      int rest = prefix % 8;
      if (rest == 0) {
        return true;
      }
      int mask = 0xff << (8 - rest);
      return (candidate[full] & mask) == (network[full] & mask);
    }

    @Override
    public String toString() {
      return text;
    }
  }
}
