package dev.passbridge.system;

import dev.passbridge.launcher.Launcher;
import dev.passbridge.testsupport.TestInfrastructure;
import java.nio.file.Path;
import java.util.Map;

/**
 * The whole system as the launcher runs it (real Kafka broker, real Redis, H2, all five services),
 * started once per test JVM on free ports and shared by every system test class.
 */
public final class PassbridgeSystem {
  private PassbridgeSystem() {}

  /** Settings every system test relies on (the local profile's limits are tuned for people). */
  static final Map<String, String> OVERRIDES =
      Map.of(
          // each journey waits for its own decision; keep the waits bounded but generous under load
          "logging.level.root", "WARN",
          "logging.level.dev.passbridge", "INFO",
          // the page gives up on a silent create that never completes after this long (browser
          // test)
          "passbridge.web-app.conditional-create-timeout", "2s",
          // the browser journey asks for a new code on the OTP page: a short cooldown (otp-service
          // and the page's countdown agree)
          "passbridge.otp.resend-cooldown", "3s",
          "passbridge.web-app.otp-resend-cooldown", "3s");

  private static Launcher launcher;

  public static synchronized Launcher get() {
    if (launcher == null) {
      int gateway = TestInfrastructure.freePort();
      // the broker and its controller (the next port)
      int kafka = TestInfrastructure.freePortBlock(2);
      int base = TestInfrastructure.freePortBlock(10);
      try {
        launcher =
            Launcher.start(
                new Launcher.Settings(
                    gateway,
                    kafka,
                    TestInfrastructure.freePort(),
                    base,
                    Path.of("target", "system-state"),
                    OVERRIDES));
      } catch (Exception e) {
        throw new IllegalStateException("the system did not start", e);
      }
      Launcher started = launcher;
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      started.close();
                    } catch (Exception ignored) {
                      // going away
                    }
                  },
                  "system-shutdown"));
    }
    return launcher;
  }

  public static String url() {
    return get().url();
  }

  /**
   * A run of {@code n} consecutive free ports (services take base .. base+3; Kafka's controller
   * takes port+1).
   */
}
