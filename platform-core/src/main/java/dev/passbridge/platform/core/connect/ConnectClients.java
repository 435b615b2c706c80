package dev.passbridge.platform.core.connect;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The registry of configured Connect clients and their authentication: HTTP Basic {@code
 * clientId:secret} checked against the client's secret hashes.
 *
 * <p>Why a plain SHA-256 and not a password hash: a client secret is a random high-entropy string
 * the operator generates (at least 128 bits), not a password a person chose. Nobody can guess it or
 * search a dictionary for it, so a slow, salted hash would add nothing but CPU per request; a
 * SHA-256 keeps the secret out of the configuration and is compared in constant time ({@link
 * MessageDigest#isEqual}). Two hashes may be valid at once so a secret can be rotated without a
 * gap. An unknown client id is checked against a dummy hash so that a wrong id and a wrong secret
 * take the same path and give the same answer (no hint which part was wrong).
 */
public final class ConnectClients {
  private static final String PREFIX = "sha256:";
  private static final byte[] DUMMY = digest("no client has this secret");

  private final Map<String, ConnectClient> clients;

  /** By client id; fixed at construction, like the origins (the gateway asks on every request). */
  private final List<ConnectClient> sorted;

  private final Set<String> origins;

  public ConnectClients(List<ConnectClient> clients) {
    Map<String, ConnectClient> byId = new LinkedHashMap<>();
    for (ConnectClient client : clients == null ? List.<ConnectClient>of() : clients) {
      if (byId.putIfAbsent(client.clientId(), client) != null) {
        throw new IllegalArgumentException(
            "connect client id '" + client.clientId() + "' is configured twice");
      }
    }
    this.clients = Map.copyOf(byId);
    this.sorted =
        byId.values().stream()
            .sorted(java.util.Comparator.comparing(ConnectClient::clientId))
            .toList();
    Set<String> all = new LinkedHashSet<>();
    sorted.forEach(c -> all.addAll(c.origins()));
    this.origins = Set.copyOf(all);
  }

  public static ConnectClients none() {
    return new ConnectClients(List.of());
  }

  /**
   * {@code sha256:<64 lower-case hex>} of the secret's UTF-8 bytes: what the configuration holds.
   */
  public static String hash(String secret) {
    return PREFIX + HexFormat.of().formatHex(digest(secret));
  }

  public Optional<ConnectClient> find(String clientId) {
    return clientId == null ? Optional.empty() : Optional.ofNullable(clients.get(clientId));
  }

  public List<ConnectClient> all() {
    return sorted;
  }

  public boolean isEmpty() {
    return clients.isEmpty();
  }

  /**
   * The client an {@code Authorization: Basic base64(clientId:secret)} header authenticates, or
   * empty when the header is missing, malformed, names no client or carries a wrong secret (all
   * alike).
   */
  public Optional<ConnectClient> authenticate(String authorizationHeader) {
    Optional<String[]> credentials = basicCredentials(authorizationHeader);
    if (credentials.isEmpty()) {
      return Optional.empty();
    }
    String clientId = credentials.get()[0];
    byte[] presented = digest(credentials.get()[1]);
    ConnectClient client = clients.get(clientId);
    if (client == null) {
      MessageDigest.isEqual(presented, DUMMY);
      return Optional.empty();
    }
    boolean match = false;
    for (String hash : client.secretHashes()) {
      match |= MessageDigest.isEqual(presented, HexFormat.of().parseHex(hash, 7, hash.length()));
    }
    return match ? Optional.of(client) : Optional.empty();
  }

  /** Exact match of scheme, host and port against the client's configured origins. */
  public boolean originAllowed(ConnectClient client, String origin) {
    return client != null && origin != null && client.origins().contains(origin);
  }

  /** Every client's origins (for CORS at the gateway and related origins). */
  public Set<String> allOrigins() {
    return origins;
  }

  private static Optional<String[]> basicCredentials(String header) {
    if (header == null || header.length() < 7 || header.length() > 1024) {
      return Optional.empty();
    }
    if (!header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    String decoded;
    try {
      decoded =
          new String(
              Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      return Optional.empty();
    }
    return Optional.of(new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)});
  }

  private static byte[] digest(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }
}
