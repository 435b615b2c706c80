package dev.passbridge.reliability.support;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.system.Browser;
import java.util.concurrent.atomic.AtomicLong;

/** Assertions on answers, and a tally of hostile requests for the report. */
public final class Answers {
  private final String surface;
  private final AtomicLong tried = new AtomicLong();
  private final AtomicLong clientErrors = new AtomicLong();
  private final AtomicLong serverErrors = new AtomicLong();

  public Answers(String surface) {
    this.surface = surface;
  }

  /** Counts one answer to a hostile request. */
  public Browser.Response count(Browser.Response r) {
    count(r.status());
    return r;
  }

  public void count(int status) {
    tried.incrementAndGet();
    if (status >= 500) {
      serverErrors.incrementAndGet();
    } else if (status >= 400) {
      clientErrors.incrementAndGet();
    }
  }

  /** Asserts an RFC 9457 problem with this status and stable code, and counts it. */
  public Browser.Response expect(Browser.Response r, int status, String code) {
    count(r);
    assertProblem(r, status, code);
    return r;
  }

  public static void assertProblem(Browser.Response r, int status, String code) {
    assertThat(r.status()).as("status of %s", r).isEqualTo(status);
    assertThat(r.text("type"))
        .as("problem type of %s", r)
        .isEqualTo("https://passbridge.dev/problems/" + code);
    assertThat(r.headers().firstValue("Content-Type").orElse(""))
        .as("content type of %s", r)
        .startsWith("application/problem+json");
  }

  public long tried() {
    return tried.get();
  }

  public long serverErrors() {
    return serverErrors.get();
  }

  /** Adds this tally to the report's hostile-input table. */
  public void report() {
    Report.inputs(surface, tried.get(), clientErrors.get(), serverErrors.get());
  }
}
