package dev.passbridge.reliability.support;

/** {@code -Psoak} (system property {@code reliability.soak=true}): longer loads, more faults. */
public final class Soak {
  private Soak() {}

  public static boolean enabled() {
    return Boolean.getBoolean("reliability.soak");
  }
}
