package dev.passbridge.auth.login.internal;

import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.login.LoginCompletion;
import dev.passbridge.auth.login.LoginEvents;
import dev.passbridge.auth.login.LoginLimitStore;
import dev.passbridge.auth.login.LoginProperties;
import dev.passbridge.auth.login.LoginThrottle;
import dev.passbridge.auth.login.LoginTransactions;
import dev.passbridge.auth.login.PasswordLogin;
import dev.passbridge.auth.login.device.PlatformResolver;
import dev.passbridge.auth.login.device.YauaaPlatformResolver;
import dev.passbridge.auth.password.PasswordHasher;
import dev.passbridge.auth.ratelimit.RateCounters;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Clock;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Wires the login feature: plain domain objects, Redis and Kafka adapters. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  YauaaPlatformResolver authPlatformResolver(LoginProperties properties) {
    return new YauaaPlatformResolver(properties.platformCacheSize());
  }

  /**
   * {@code userAgentAnalyzer} in health and readiness: OUT_OF_SERVICE while the analyzer builds (a
   * few seconds from start, in the background), so no login waits for it behind a load balancer.
   */
  @Bean
  HealthIndicator userAgentAnalyzerHealthIndicator(YauaaPlatformResolver resolver) {
    return () ->
        resolver.ready()
            ? Health.up().withDetail("buildMillis", resolver.buildMillis()).build()
            : Health.outOfService().build();
  }

  @Bean
  RedisLoginTransactions authLoginTransactions(StringRedisTemplate redis) {
    return new RedisLoginTransactions(redis);
  }

  @Bean
  KafkaLoginEvents authLoginEvents(EventPublisher publisher) {
    return new KafkaLoginEvents(publisher);
  }

  @Bean
  RedisLoginLimits authLoginLimits(StringRedisTemplate redis) {
    return new RedisLoginLimits(redis);
  }

  @Bean
  LoginThrottle authLoginThrottle(
      RateCounters counters, LoginLimitStore limits, LoginProperties properties, Clock clock) {
    return LoginThrottle.of(counters, limits, properties, clock);
  }

  @Bean
  PasswordLogin authPasswordLogin(
      UserAccounts accounts,
      PasswordHasher hasher,
      LoginThrottle throttle,
      LoginTransactions transactions,
      LoginEvents events,
      PlatformResolver platforms,
      Clock clock,
      LoginProperties properties) {
    return new PasswordLogin(
        accounts,
        hasher,
        throttle,
        transactions,
        events,
        platforms,
        clock,
        properties.transactionTtl(),
        properties.otpTtl());
  }

  @Bean
  LoginCompletion authLoginCompletion(
      LoginTransactions transactions,
      UserAccounts accounts,
      Clock clock,
      LoginProperties properties) {
    return new LoginCompletion(transactions, accounts, clock, properties.transactionTtl());
  }

  @Bean
  LoginCompletionListener authLoginCompletionListener(LoginCompletion completion) {
    return new LoginCompletionListener(completion);
  }
}
