package dev.passbridge.gateway.session.internal;

import java.util.List;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which requests need a session at the edge (docs/architecture.md §4: {@code /api/me}, passkey
 * management, the upgrade and registrations, insights, the administrators' tools) and which need
 * the admin role (insights, {@code /api/admin}). Under {@code /api/passkeys} everything is
 * protected except the passkey login, so a new endpoint there is protected by default. Matching
 * uses the same path patterns as the routes.
 */
public final class ProtectedRoutes {
  private ProtectedRoutes() {}

  public enum Requirement {
    NONE,
    SESSION,
    ADMIN
  }

  private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
  private static final List<PathPattern> PUBLIC =
      List.of(PARSER.parse("/api/passkeys/login"), PARSER.parse("/api/passkeys/login/**"));
  private static final List<PathPattern> SESSION =
      List.of(PARSER.parse("/api/me"), PARSER.parse("/api/passkeys/**"));
  private static final List<PathPattern> ADMIN =
      List.of(
          PARSER.parse("/api/insights/**"),
          PARSER.parse("/api/admin"),
          PARSER.parse("/api/admin/**"));

  public static Requirement requirementFor(PathContainer path) {
    if (matches(ADMIN, path)) {
      return Requirement.ADMIN;
    }
    if (matches(PUBLIC, path)) {
      return Requirement.NONE;
    }
    if (matches(SESSION, path)) {
      return Requirement.SESSION;
    }
    return Requirement.NONE;
  }

  public static Requirement requirementFor(String path) {
    return requirementFor(PathContainer.parsePath(path));
  }

  private static boolean matches(List<PathPattern> patterns, PathContainer path) {
    for (PathPattern pattern : patterns) {
      if (pattern.matches(path)) {
        return true;
      }
    }
    return false;
  }
}
