package dev.passbridge.gateway.routing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * The complete list of what the gateway routes (docs/architecture.md §4). Anything not listed here,
 * such as the services' actuator endpoints, is never routed: it reaches the gateway's own handlers
 * (the web app's static files) and ends as 404.
 */
public final class ServiceRoutes {
  private ServiceRoutes() {}

  /** One route: an id, the service it goes to, the path patterns it takes. */
  public record Route(String id, URI service, List<String> paths) {
    public Route {
      paths = List.copyOf(paths);
    }
  }

  public static List<Route> of(RoutingProperties services, boolean devTools) {
    List<Route> routes = new ArrayList<>();
    // the administrators' account tools (an erasure on request) are auth-service's, which owns
    // the accounts; /api/insights/** (the funnel, the rules) are intelligence-service's
    routes.add(
        new Route(
            "auth", services.authService(), List.of("/api/auth/**", "/api/me", "/api/admin/**")));
    // Connect server API (a platform's backend, client credentials; no session at the edge). A
    // user itself (its erasure) is auth-service's, which owns the mapping; the user's passkeys
    // below it are passkey-service's: "*" is one path segment, and this route comes first.
    routes.add(
        new Route(
            "connect-auth",
            services.authService(),
            List.of("/connect/v1/logins", "/connect/v1/tokens", "/connect/v1/users/*")));
    routes.add(new Route("otp", services.otpService(), List.of("/api/otp/**")));
    routes.add(
        new Route(
            "passkey",
            services.passkeyService(),
            List.of("/api/passkeys/**", "/connect/v1/login-results/**", "/connect/v1/users/**")));
    routes.add(new Route("insights", services.intelligenceService(), List.of("/api/insights/**")));
    if (devTools) {
      routes.add(new Route("dev", services.otpService(), List.of("/api/dev/**")));
    }
    return List.copyOf(routes);
  }
}
