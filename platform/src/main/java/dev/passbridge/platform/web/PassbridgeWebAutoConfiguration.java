package dev.passbridge.platform.web;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.passbridge.platform.session.SessionArgumentResolver;
import dev.passbridge.platform.session.SessionProperties;
import dev.passbridge.platform.session.SessionVerifier;
import java.net.MalformedURLException;
import java.time.Clock;
import java.util.List;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Problem responses, edge rules and session verification for the servlet services. */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@EnableConfigurationProperties({PassbridgeWebProperties.class, SessionProperties.class})
public class PassbridgeWebAutoConfiguration {

  @Bean
  @ConditionalOnMissingBean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  PassbridgeProblemHandler passbridgeProblemHandler() {
    return new PassbridgeProblemHandler();
  }

  @Bean
  FilterRegistrationBean<EdgeRulesFilter> edgeRulesFilter(PassbridgeWebProperties properties) {
    var registration = new FilterRegistrationBean<>(new EdgeRulesFilter(properties));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** Remote JWKS of auth-service, cached and refreshed; auth-service supplies its own source. */
  @Bean
  @ConditionalOnMissingBean(JWKSource.class)
  JWKSource<SecurityContext> sessionKeySource(SessionProperties properties)
      throws MalformedURLException {
    return JWKSourceBuilder.create(properties.jwksUri().toURL())
        .cache(properties.jwksCacheTtl().toMillis(), 15_000)
        .retrying(true)
        .build();
  }

  @Bean
  @ConditionalOnMissingBean
  SessionVerifier sessionVerifier(
      JWKSource<SecurityContext> keys, SessionProperties properties, Clock clock) {
    return new SessionVerifier(keys, properties, clock);
  }

  @Bean
  WebMvcConfigurer sessionArgumentResolverConfigurer(SessionVerifier verifier) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new SessionArgumentResolver(verifier));
      }
    };
  }
}
