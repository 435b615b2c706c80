package dev.passbridge.journeysupport;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * The health (or readiness) endpoint of a service instance that a test started as its own process:
 * whether it answers UP, and waiting for that while the process starts.
 */
public final class HealthProbe {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String url;

  /**
   * @param url the endpoint, e.g. {@code http://127.0.0.1:8081/actuator/health/readiness}
   */
  public HealthProbe(String url) {
    this.url = url;
  }

  public String url() {
    return url;
  }

  /** Whether the endpoint answers 200 with the status UP (an I/O error or a timeout is "no"). */
  public boolean up() {
    try {
      HttpResponse<String> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
              HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200 && response.body().contains("\"UP\"");
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Waits until {@link #up()}; fails at once if the process is no longer {@code alive}.
   *
   * @param what the instance, for the failure message
   * @param log the instance's log, for the failure message
   * @return the time waited
   */
  public Duration awaitUp(String what, BooleanSupplier alive, Path log, Duration timeout)
      throws InterruptedException {
    long t0 = System.nanoTime();
    long deadline = t0 + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      if (!alive.getAsBoolean()) {
        throw new IllegalStateException(what + " exited during start-up; see " + log);
      }
      if (up()) {
        return Duration.ofNanos(System.nanoTime() - t0);
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException(
        what + " not UP at " + url + " after " + timeout + "; see " + log);
  }
}
