package dev.passbridge.intelligence.brake;

/** What the brake reports to monitoring: each time it turns the silent create off. */
public interface BrakeMetrics {
  /** Reports nothing (tests). */
  BrakeMetrics NONE = platform -> {};

  /**
   * @param platform the {@code os/browser} it turned the silent create off on (a rollout row's
   *     label, so the series stay few)
   */
  void braked(String platform);
}
