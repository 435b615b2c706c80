package dev.passbridge.passkey.connect.internal;

import dev.passbridge.passkey.connect.ConnectClientsProperties;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.core.connect.ConnectClients;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Wires the connect clients and the server API's gate. */
@Configuration(proxyBeanMethods = false)
class ConnectConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ConnectClients connectClients(ConnectClientsProperties properties) {
    return new ConnectClients(
        properties.clients().stream()
            .map(
                c ->
                    new ConnectClient(
                        c.clientId(),
                        c.secretHashes(),
                        c.origins(),
                        c.tenant(),
                        c.requestsPerMinute()))
            .toList());
  }

  @Bean
  ConnectCallers connectCallers(ConnectClients clients, StringRedisTemplate redis, Clock clock) {
    return new ConnectCallers(clients, redis, clock);
  }
}
