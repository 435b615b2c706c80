package dev.passbridge.auth.connect.internal;

import dev.passbridge.auth.connect.ConnectLogins;
import dev.passbridge.auth.connect.ConnectUserErasure;
import dev.passbridge.auth.login.device.PlatformResolver;
import dev.passbridge.auth.session.keys.SigningKeys;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.platform.session.SessionProperties;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Wires Connect's server API: the mapping table, the token signer (session key and issuer), the
 * event publisher, the reports' idempotency keys (Redis). The clients, quota and guard come from
 * the platform ({@code passbridge.connect.*}).
 */
@Configuration(proxyBeanMethods = false)
class ConnectConfiguration {

  @Bean
  ConnectLogins authConnectLogins(
      JdbcClient jdbc,
      SigningKeys keys,
      SessionProperties sessions,
      EventPublisher publisher,
      StringRedisTemplate redis,
      PlatformResolver platforms,
      Clock clock) {
    return new ConnectLogins(
        new JdbcConnectUsers(jdbc),
        new JwtConnectTokenSigner(keys, sessions.issuer()),
        new KafkaConnectEvents(publisher),
        new RedisReportKeys(redis),
        new RedisErasedUsers(redis),
        platforms,
        clock);
  }

  @Bean
  ConnectUserErasure authConnectUserErasure(
      JdbcClient jdbc, EventPublisher publisher, StringRedisTemplate redis, Clock clock) {
    return new ConnectUserErasure(
        new JdbcConnectUsers(jdbc),
        new KafkaConnectEvents(publisher),
        new RedisErasedUsers(redis),
        clock);
  }
}
