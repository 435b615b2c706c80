package dev.passbridge.gateway.ratelimit;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.gateway.rate-limit.*}: per-client-IP limits on the endpoints an attacker would
 * hammer (register, login, OTP verify and resend, passkey login options and login). The rules
 * themselves are in {@code gateway.yml} (production shape) and {@code gateway-local.yml} (generous,
 * for demos and automated acceptance runs); a profile changes one value with e.g. {@code
 * passbridge.gateway.rate-limit.rules.login.limit=600}.
 *
 * @param enabled switch all limits off (never in production)
 * @param keyPrefix Redis key prefix (CONVENTIONS.md: the gateway owns {@code gw:})
 * @param failOpen when Redis cannot be asked in time, let the request through (true, default:
 *     availability of the login beats the limit for the length of a Redis outage; the services keep
 *     their own limits) or refuse it with 503 (false)
 * @param timeout how long one limit check may take
 * @param rules named rules: method, path pattern, how many requests per period
 */
@Validated
@ConfigurationProperties("passbridge.gateway.rate-limit")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("gw:rl:") @NotBlank String keyPrefix,
    @DefaultValue("true") boolean failOpen,
    @DefaultValue("250ms") @NotNull Duration timeout,
    @DefaultValue Map<String, @Valid Rule> rules) {

  public RateLimitProperties {
    rules = Map.copyOf(rules);
  }

  /**
   * @param method the HTTP method the rule counts
   * @param path a path pattern ({@code /api/auth/login}, {@code /api/otp/**})
   * @param limit requests allowed per period (and the largest burst)
   * @param period the period the limit refills over, evenly
   */
  public record Rule(
      @NotBlank @Pattern(regexp = "GET|HEAD|POST|PUT|PATCH|DELETE") String method,
      @NotBlank @Pattern(regexp = "/.*") String path,
      @Positive int limit,
      @NotNull Duration period) {}
}
