package dev.passbridge.platform.connect;

import dev.passbridge.platform.core.connect.ConnectClients;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The Connect clients of {@code passbridge.connect.*} as a {@link ConnectClients} bean (every
 * service; empty when none are configured) and, in a servlet service with Redis, the shared quota,
 * the server-API guard and {@code ConnectClient} controller parameters.
 */
@AutoConfiguration(
    afterName = {
      "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
      "dev.passbridge.platform.web.PassbridgeWebAutoConfiguration"
    })
@EnableConfigurationProperties(ConnectProperties.class)
public class PassbridgeConnectAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  ConnectClients connectClients(ConnectProperties properties) {
    return properties.toClients();
  }

  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(StringRedisTemplate.class)
  @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
  static class GuardConfiguration {

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(StringRedisTemplate.class)
    ConnectQuota connectQuota(StringRedisTemplate redis, ObjectProvider<Clock> clock) {
      return new ConnectQuota(redis, clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(StringRedisTemplate.class)
    ConnectClientGuard connectClientGuard(ConnectClients clients, ConnectQuota quota) {
      return new ConnectClientGuard(clients, quota);
    }

    /** {@code ConnectClient} controller parameters (see {@link ConnectClientArgumentResolver}). */
    @Bean
    @ConditionalOnBean(StringRedisTemplate.class)
    WebMvcConfigurer connectClientArgumentResolverConfigurer(ConnectClientGuard guard) {
      return new WebMvcConfigurer() {
        @Override
        public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
          resolvers.add(new ConnectClientArgumentResolver(guard));
        }
      };
    }
  }
}
