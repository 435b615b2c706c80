package dev.passbridge.platform.web;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Which TCP peers may tell a service who the client is: the reverse proxies (the gateway) listed in
 * {@code passbridge.web.trusted-proxies} as IP addresses or CIDR blocks. A request whose peer is
 * not one of them is answered from what its TCP connection says; its {@code X-Forwarded-*} headers
 * are ignored. Plain Java (no framework types), no DNS lookups: only IP literals are accepted.
 */
public final class TrustedProxies {
  private final List<Block> blocks;

  private TrustedProxies(List<Block> blocks) {
    this.blocks = List.copyOf(blocks);
  }

  /** Nobody is trusted: every request is answered from its TCP peer. */
  public static TrustedProxies none() {
    return new TrustedProxies(List.of());
  }

  /**
   * @param entries IP literals ({@code 10.0.0.7}, {@code ::1}) or CIDR blocks ({@code 127.0.0.0/8},
   *     {@code fd00::/8}); blank entries are skipped
   * @throws IllegalArgumentException for anything else (host names included)
   */
  public static TrustedProxies of(List<String> entries) {
    List<Block> blocks = new ArrayList<>();
    for (String entry : entries == null ? List.<String>of() : entries) {
      if (entry != null && !entry.isBlank()) {
        blocks.add(Block.parse(entry.trim()));
      }
    }
    return new TrustedProxies(blocks);
  }

  public boolean isEmpty() {
    return blocks.isEmpty();
  }

  /** Whether this address (an IP literal; anything else is never trusted) is a trusted proxy. */
  public boolean isTrusted(String address) {
    Optional<InetAddress> parsed = literal(address);
    return parsed.isPresent() && blocks.stream().anyMatch(b -> b.contains(parsed.get()));
  }

  /**
   * The client's address. An untrusted peer is the client. A trusted peer forwarded the request:
   * walk {@code X-Forwarded-For} from the right (the hop nearest to us) past trusted proxies; the
   * first address that is not one is the client. A malformed entry ends the walk at the last
   * trusted hop, so nobody picks an arbitrary key by writing garbage.
   *
   * @param peer the TCP peer's address
   * @param forwardedFor every {@code X-Forwarded-For} header value, in order (may be empty)
   */
  public String clientAddress(String peer, List<String> forwardedFor) {
    String current = literal(peer).map(InetAddress::getHostAddress).orElse(peer);
    if (!isTrusted(current) || forwardedFor == null) {
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
    for (int i = chain.size() - 1; i >= 0; i--) {
      Optional<InetAddress> hop = literal(chain.get(i));
      if (hop.isEmpty()) {
        return current;
      }
      current = hop.get().getHostAddress();
      if (!isTrusted(current)) {
        return current;
      }
    }
    return current;
  }

  /**
   * The scheme the client used: {@code https} over TLS; from a trusted peer, the last {@code
   * X-Forwarded-Proto} value (the one the nearest proxy wrote) when it is http or https; else the
   * connection's own scheme.
   */
  public String scheme(String peer, String connectionScheme, List<String> forwardedProto) {
    if (forwardedProto == null || forwardedProto.isEmpty() || !isTrusted(peer)) {
      return connectionScheme;
    }
    String[] parts = forwardedProto.getLast().split(",");
    String last = parts[parts.length - 1].trim().toLowerCase(Locale.ROOT);
    return last.equals("https") || last.equals("http") ? last : connectionScheme;
  }

  @Override
  public String toString() {
    return blocks.toString();
  }

  /**
   * An IP literal ({@code [::1]} and a zone id accepted), never a DNS lookup; empty for anything
   * else.
   */
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
        throw new IllegalArgumentException("trusted proxy '" + entry + "' has a bad prefix length");
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
