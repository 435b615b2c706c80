package dev.passbridge.gateway.ratelimit.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.gateway.ratelimit.RateLimitProperties;
import dev.passbridge.gateway.ratelimit.RateLimitWebFilter;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;

class RateLimitRuleTest {

  private static RateLimitRule rule(
      String name, String method, String path, int limit, String period) {
    return RateLimitRule.of(
        name, new RateLimitProperties.Rule(method, path, limit, Duration.parse(period)));
  }

  @Test
  void spreadsTheLimitEvenlyOverThePeriod() {
    RateLimitRule login = rule("login", "POST", "/api/auth/login", 10, "PT1M");
    assertThat(login.emissionIntervalMillis()).isEqualTo(6_000);
    assertThat(login.periodMillis()).isEqualTo(60_000);
    RateLimitRule fast = rule("fast", "POST", "/x", 600, "PT1M");
    assertThat(fast.emissionIntervalMillis()).isEqualTo(100);
  }

  @Test
  void neverSpacesRequestsByLessThanAMillisecond() {
    assertThat(rule("huge", "GET", "/x", 1_000_000, "PT1S").emissionIntervalMillis()).isEqualTo(1);
  }

  @Test
  void matchesMethodAndPath() {
    RateLimitRule login = rule("login", "POST", "/api/auth/login", 10, "PT1M");
    assertThat(login.matches(HttpMethod.POST, PathContainer.parsePath("/api/auth/login"))).isTrue();
    assertThat(login.matches(HttpMethod.GET, PathContainer.parsePath("/api/auth/login"))).isFalse();
    assertThat(login.matches(HttpMethod.POST, PathContainer.parsePath("/api/auth/loginx")))
        .isFalse();
  }

  @Test
  void theMostSpecificRuleWins() {
    List<RateLimitRule> rules =
        Stream.of(
                rule("all-passkeys", "POST", "/api/passkeys/**", 100, "PT1M"),
                rule("passkey-login-options", "POST", "/api/passkeys/login/options", 30, "PT1M"))
            .sorted(Comparator.comparing(RateLimitRule::path))
            .toList();
    assertThat(
            RateLimitWebFilter.ruleFor(
                    rules, HttpMethod.POST, PathContainer.parsePath("/api/passkeys/login/options"))
                .map(RateLimitRule::name))
        .hasValue("passkey-login-options");
    assertThat(
            RateLimitWebFilter.ruleFor(
                    rules, HttpMethod.POST, PathContainer.parsePath("/api/passkeys/registrations"))
                .map(RateLimitRule::name))
        .hasValue("all-passkeys");
    assertThat(
            RateLimitWebFilter.ruleFor(rules, HttpMethod.GET, PathContainer.parsePath("/api/me")))
        .isEmpty();
  }

  @Test
  void refusesNonsense() {
    assertThatThrownBy(() -> rule("zero", "POST", "/x", 0, "PT1M"))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> rule("no-period", "POST", "/x", 1, "PT0S"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
