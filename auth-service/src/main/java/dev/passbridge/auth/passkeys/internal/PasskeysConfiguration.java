package dev.passbridge.auth.passkeys.internal;

import dev.passbridge.auth.passkeys.PasskeyProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class PasskeysConfiguration {

  @Bean
  JdbcPasskeyProjection authPasskeyProjection(JdbcClient jdbc) {
    return new JdbcPasskeyProjection(jdbc);
  }

  @Bean
  PasskeyEventsListener authPasskeyEventsListener(PasskeyProjection projection) {
    return new PasskeyEventsListener(projection);
  }
}
