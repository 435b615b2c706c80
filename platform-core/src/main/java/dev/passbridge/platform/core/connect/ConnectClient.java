package dev.passbridge.platform.core.connect;

import dev.passbridge.platform.core.edge.BrowserOrigins;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One configured Connect client (a platform that keeps its own login), {@code
 * passbridge.connect.clients[i].*}. Checked when built: a client that could never be used correctly
 * stops the start rather than failing requests later.
 *
 * @param clientId {@code [a-z0-9-]{3,40}}, the Basic user name and the {@code aud} of its tokens
 * @param secretHashes one or two (during a rotation) {@code sha256:<64 hex>} hashes of the secret
 *     ({@link ConnectClients#hash(String)})
 * @param origins the exact origins ({@code scheme://host[:port]}, no path) its pages run on
 * @param tenant the user space: clients with the same tenant share users; default the client id
 * @param requestsPerMinute the server-API budget of the client per minute, across services
 */
public record ConnectClient(
    String clientId,
    List<String> secretHashes,
    List<String> origins,
    String tenant,
    int requestsPerMinute) {

  public static final Pattern CLIENT_ID = Pattern.compile("[a-z0-9-]{3,40}");
  public static final Pattern TENANT = Pattern.compile("[a-z0-9-]{3,40}");
  public static final Pattern SECRET_HASH = Pattern.compile("sha256:[0-9a-f]{64}");

  public ConnectClient {
    Objects.requireNonNull(clientId, "clientId");
    if (!CLIENT_ID.matcher(clientId).matches()) {
      throw new IllegalArgumentException(
          "connect client id '" + clientId + "' must match " + CLIENT_ID.pattern());
    }
    if (secretHashes == null || secretHashes.isEmpty() || secretHashes.size() > 2) {
      throw new IllegalArgumentException(
          "connect client " + clientId + " needs one or two secret hashes (two during a rotation)");
    }
    secretHashes =
        secretHashes.stream().map(h -> h == null ? "" : h.trim().toLowerCase(Locale.ROOT)).toList();
    for (String hash : secretHashes) {
      if (!SECRET_HASH.matcher(hash).matches()) {
        throw new IllegalArgumentException(
            "connect client "
                + clientId
                + ": a secret hash must be sha256:<64 hex digits> (the SHA-256 of the secret)");
      }
    }
    origins = origins == null ? List.of() : List.copyOf(origins);
    for (String origin : origins) {
      if (!BrowserOrigins.isBrowserOrigin(origin)) {
        throw new IllegalArgumentException(
            "connect client "
                + clientId
                + ": '"
                + origin
                + "' is not an origin as a browser sends it (scheme://host[:port], lower case,"
                + " no path, no default port)");
      }
    }
    tenant = tenant == null || tenant.isBlank() ? clientId : tenant.trim();
    if (!TENANT.matcher(tenant).matches()) {
      throw new IllegalArgumentException(
          "connect client " + clientId + ": tenant must match " + TENANT.pattern());
    }
    if (requestsPerMinute < 1) {
      throw new IllegalArgumentException(
          "connect client " + clientId + ": requests-per-minute must be at least 1");
    }
  }

  /** Never prints the secret hashes. */
  @Override
  public String toString() {
    return "ConnectClient[clientId="
        + clientId
        + ", origins="
        + origins
        + ", tenant="
        + tenant
        + ", requestsPerMinute="
        + requestsPerMinute
        + "]";
  }
}
