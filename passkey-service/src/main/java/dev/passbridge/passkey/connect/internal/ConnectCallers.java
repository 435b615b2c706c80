package dev.passbridge.passkey.connect.internal;

import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.web.ProblemException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;

/**
 * The server API's gate: HTTP Basic against the configured clients (401 {@code invalid-client}, the
 * same answer for a wrong id and a wrong secret), then the client's per-minute budget (429 {@code
 * quota-exceeded} with {@code Retry-After} until the next minute): one Redis counter per client and
 * minute, {@code pb:connect:quota:<clientId>:<epoch minute>}, shared by every service and instance
 * that answers the server API.
 */
public class ConnectCallers {
  static final String PREFIX = "pb:connect:quota:";
  private final ConnectClients clients;
  private final StringRedisTemplate redis;
  private final Clock clock;

  public ConnectCallers(ConnectClients clients, StringRedisTemplate redis, Clock clock) {
    this.clients = clients;
    this.redis = redis;
    this.clock = clock;
  }

  public ConnectClient authenticate(String authorization) {
    ConnectClient client =
        clients
            .authenticate(authorization)
            .orElseThrow(
                () ->
                    new ProblemException(
                        HttpStatus.UNAUTHORIZED,
                        "invalid-client",
                        "Client authentication failed."));
    Instant now = clock.instant();
    long minute = now.getEpochSecond() / 60;
    String key = PREFIX + client.clientId() + ":" + minute;
    Long count = redis.opsForValue().increment(key);
    if (count != null && count == 1) {
      redis.expire(key, Duration.ofSeconds(120));
    }
    if (count != null && count > client.requestsPerMinute()) {
      Instant next = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
      throw new ProblemException(
          HttpStatus.TOO_MANY_REQUESTS,
          "quota-exceeded",
          "This client's requests per minute are used up.",
          Duration.between(now, next));
    }
    return client;
  }
}
