package dev.passbridge.intelligence.decision;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The event id of a login's decision: deterministic, so a redelivery or a restart repeats it. */
public final class DecisionEventId {
  private DecisionEventId() {}

  /** {@code UUID.nameUUIDFromBytes(loginId + ":decision")}: consumers deduplicate by it. */
  public static UUID decisionEventId(String loginId) {
    return UUID.nameUUIDFromBytes((loginId + ":decision").getBytes(StandardCharsets.UTF_8));
  }
}
