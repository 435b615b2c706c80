package dev.passbridge.reliability.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * Which instance did how much work: the in-process instance's meter registry (the launcher's
 * services expose only {@code health} over HTTP), the separate instance's Prometheus endpoint.
 */
public final class Metrics {
  private Metrics() {}

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /**
   * The sum of every sample of {@code metric} whose labels contain all of {@code labelParts} (e.g.
   * {@code uri="/api/otp/verify"}), or 0 when the instance does not answer.
   */
  public static double sum(String baseUrl, String metric, String... labelParts) {
    String text;
    try {
      HttpResponse<String> r =
          HTTP.send(
              HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus"))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return 0;
      }
      text = r.body();
    } catch (Exception e) {
      return 0;
    }
    double sum = 0;
    for (String line : text.split("\n")) {
      if (!line.startsWith(metric + "{") && !line.startsWith(metric + " ")) {
        continue;
      }
      boolean matches = true;
      for (String part : labelParts) {
        matches &= line.contains(part);
      }
      if (matches) {
        sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    return sum;
  }

  /**
   * The total count of the timers (or summaries, counters) called {@code meter} in an in-process
   * service whose tag {@code tag} starts with {@code prefix} (no filter when {@code tag} is null).
   */
  public static double inProcess(
      org.springframework.context.ConfigurableApplicationContext context,
      String meter,
      String tag,
      String prefix) {
    var registries = context.getBeansOfType(io.micrometer.core.instrument.MeterRegistry.class);
    io.micrometer.core.instrument.MeterRegistry registry =
        registries.values().stream()
            .filter(
                r -> r instanceof io.micrometer.core.instrument.composite.CompositeMeterRegistry)
            .findFirst()
            .orElse(registries.values().iterator().next());
    double sum = 0;
    for (var m : registry.find(meter).meters()) {
      String value = tag == null ? "" : m.getId().getTag(tag);
      if (tag != null && (value == null || !value.startsWith(prefix))) {
        continue;
      }
      if (m instanceof io.micrometer.core.instrument.Timer t) {
        sum += t.count();
      } else if (m instanceof io.micrometer.core.instrument.DistributionSummary d) {
        sum += d.count();
      } else if (m instanceof io.micrometer.core.instrument.Counter c) {
        sum += c.count();
      }
    }
    return sum;
  }
}
