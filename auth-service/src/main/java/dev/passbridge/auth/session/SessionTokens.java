package dev.passbridge.auth.session;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Signs session tokens (JWT ES256 with {@code kid}, CONVENTIONS.md). */
public interface SessionTokens {
  IssuedSession issue(
      UUID userId, String sessionId, List<String> amr, List<String> roles, Instant now);
}
