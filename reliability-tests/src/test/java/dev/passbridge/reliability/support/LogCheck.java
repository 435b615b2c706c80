package dev.passbridge.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.List;

/**
 * Runs after every test class: no log line written so far (by any instance) carries a password, an
 * OTP code, a full phone number or a session token.
 */
public final class LogCheck {
  private LogCheck() {}

  public static void assertClean(ReliabilityCluster cluster) throws IOException {
    LogCapture logs = cluster.logs();
    List<LogCapture.Finding> findings = logs.scan();
    Report.security(
        "no password, OTP code, full phone number or session token in any log line",
        findings.isEmpty()
            ? "0 findings in "
                + logs.linesScanned()
                + " lines (in-process services and every separate instance; "
                + logs.codesKnown()
                + " codes, every phone number and password of the run checked)"
            : findings.size() + " FINDINGS");
    assertThat(findings).as("secrets in log lines").isEmpty();
  }
}
