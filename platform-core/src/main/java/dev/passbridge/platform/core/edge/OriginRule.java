package dev.passbridge.platform.core.edge;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The Origin rule of every edge (docs/architecture.md §4): a state-changing request (any method but
 * GET, HEAD, OPTIONS, TRACE) must carry exactly one {@code Origin} header whose value is on the
 * allowlist (exact match of scheme, host and port), else it is refused with 403 {@code
 * origin-not-allowed}. CSRF defence next to SameSite=Strict cookies; the gateway and every service
 * apply the same rule.
 */
public final class OriginRule {
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");

  private OriginRule() {}

  public static boolean isStateChanging(String method) {
    return method != null && !SAFE.contains(method.toUpperCase(Locale.ROOT));
  }

  /**
   * Empty when the request may pass, else the detail of the 403.
   *
   * @param origins every {@code Origin} header value the request carries (null or empty: none)
   */
  public static Optional<String> violation(
      String method, List<String> origins, List<String> allowed) {
    Optional<String> unnamed = notOne(method, origins);
    if (unnamed.isPresent()) {
      return unnamed;
    }
    if (isStateChanging(method) && !allowed.contains(origins.getFirst())) {
      return Optional.of("Requests from this origin are not allowed.");
    }
    return Optional.empty();
  }

  /**
   * The first half of the rule, for an edge that leaves the allowlist to the handler (which knows
   * whose origins apply): a state-changing request names exactly one {@code Origin}. Empty when it
   * does, else the detail of the 403.
   */
  public static Optional<String> notOne(String method, List<String> origins) {
    if (!isStateChanging(method)) {
      return Optional.empty();
    }
    if (origins == null || origins.isEmpty()) {
      return Optional.of("State-changing requests must carry an Origin header.");
    }
    if (origins.size() > 1) {
      return Optional.of("Requests from this origin are not allowed.");
    }
    return Optional.empty();
  }
}
