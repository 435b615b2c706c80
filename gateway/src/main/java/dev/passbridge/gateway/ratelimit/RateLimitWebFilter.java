package dev.passbridge.gateway.ratelimit;

import dev.passbridge.gateway.edge.ClientAddresses;
import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.gateway.ratelimit.internal.RateLimitRule;
import dev.passbridge.gateway.ratelimit.internal.RedisGcraLimiter;
import dev.passbridge.platform.core.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.PathContainer;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Applies the first matching {@link RateLimitRule} per client address: over the limit → 429 {@code
 * rate-limited} with {@code Retry-After}. Requests no rule matches pass untouched.
 */
public class RateLimitWebFilter implements WebFilter, Ordered {
  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;
  private static final Logger log = LoggerFactory.getLogger(RateLimitWebFilter.class);

  private final List<RateLimitRule> rules;
  private final RedisGcraLimiter limiter;
  private final RateLimitProperties properties;
  private final MeterRegistry meters;

  public RateLimitWebFilter(
      List<RateLimitRule> rules,
      RedisGcraLimiter limiter,
      RateLimitProperties properties,
      MeterRegistry meters) {
    this.rules = List.copyOf(rules);
    this.limiter = limiter;
    this.properties = properties;
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  public static Optional<RateLimitRule> ruleFor(
      List<RateLimitRule> rules, org.springframework.http.HttpMethod method, PathContainer path) {
    return rules.stream().filter(rule -> rule.matches(method, path)).findFirst();
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    if (!properties.enabled()) {
      return chain.filter(exchange);
    }
    Optional<RateLimitRule> rule =
        ruleFor(
            rules,
            exchange.getRequest().getMethod(),
            exchange.getRequest().getPath().pathWithinApplication());
    if (rule.isEmpty()) {
      return chain.filter(exchange);
    }
    String client = exchange.getAttributeOrDefault(ClientAddresses.ATTRIBUTE, "unknown");
    return limiter
        .acquire(rule.get(), ClientAddresses.rateLimitKey(client))
        .flatMap(
            decision ->
                switch (decision) {
                  case RateLimitDecision.Allowed allowed -> chain.filter(exchange);
                  case RateLimitDecision.Limited limited -> {
                    meters
                        .counter("passbridge.gateway.rate.limited", "rule", rule.get().name())
                        .increment();
                    yield ProblemWebAdapter.write(
                        exchange,
                        Problem.of(
                            HttpStatus.TOO_MANY_REQUESTS.value(),
                            "rate-limited",
                            "Too many requests from your address. Try again in "
                                + Problem.retryAfterSeconds(limited.retryAfter())
                                + " seconds."),
                        limited.retryAfter());
                  }
                  case RateLimitDecision.Unknown unknown -> {
                    meters
                        .counter("passbridge.gateway.rate.unchecked", "rule", rule.get().name())
                        .increment();
                    log.warn(
                        "rate limit {} not checked ({}): {}",
                        rule.get().name(),
                        unknown.reason(),
                        properties.failOpen() ? "letting the request through" : "refusing it");
                    yield properties.failOpen()
                        ? chain.filter(exchange)
                        : ProblemWebAdapter.write(
                            exchange,
                            Problem.serviceUnavailable(
                                "This cannot be served at the moment. Try again shortly."),
                            Duration.ofSeconds(1));
                  }
                });
  }
}
