package dev.passbridge.gateway.ratelimit.internal;

import dev.passbridge.gateway.ratelimit.RateLimitProperties;
import java.time.Duration;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * One limit: {@code limit} requests per {@code period} per client, refilled evenly (GCRA: a request
 * is allowed once {@code period / limit} has passed per earlier request, with a burst of up to
 * {@code limit}).
 */
public record RateLimitRule(
    String name, HttpMethod method, PathPattern path, int limit, Duration period) {

  public RateLimitRule {
    if (limit <= 0 || period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("rule " + name + ": limit and period must be positive");
    }
  }

  public static RateLimitRule of(String name, RateLimitProperties.Rule rule) {
    return new RateLimitRule(
        name,
        HttpMethod.valueOf(rule.method()),
        PathPatternParser.defaultInstance.parse(rule.path()),
        rule.limit(),
        rule.period());
  }

  public boolean matches(HttpMethod requestMethod, PathContainer requestPath) {
    return method.equals(requestMethod) && path.matches(requestPath);
  }

  /** The even spacing between requests, in whole milliseconds (at least 1). */
  public long emissionIntervalMillis() {
    return Math.max(1, Math.round((double) period.toMillis() / limit));
  }

  /** The whole window: {@code limit} emission intervals. */
  public long periodMillis() {
    return emissionIntervalMillis() * limit;
  }
}
