package dev.passbridge.platform.web;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.SecurityContext;
import dev.passbridge.platform.core.edge.TrustedProxies;
import dev.passbridge.platform.core.session.SessionRevocations;
import dev.passbridge.platform.core.session.SessionVerifier;
import dev.passbridge.platform.session.RedisSessionRevocations;
import dev.passbridge.platform.session.SessionArgumentResolver;
import dev.passbridge.platform.session.SessionProperties;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.MalformedURLException;
import java.time.Clock;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import tools.jackson.databind.json.JsonMapper;

/**
 * Problem responses, trusted proxies, edge rules and session verification (with the revocation
 * check) for the servlet services. Session verification needs a {@link SessionRevocations}: the
 * Redis one when the service has a {@link StringRedisTemplate}; without one the context does not
 * start (a service that cannot see logouts must not accept sessions).
 */
@AutoConfiguration(
    afterName = "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
    // before Spring Boot's error controller, which backs off when ours is there
    beforeName = "org.springframework.boot.webmvc.autoconfigure.error.ErrorMvcAutoConfiguration")
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

  /** Problem answers by code and status ({@code passbridge_problems_total}). */
  @Bean
  ProblemCounter passbridgeProblemCounter(ObjectProvider<MeterRegistry> meters) {
    return new ProblemCounter(meters.getIfAvailable());
  }

  @Bean
  ProblemCountingAdvice passbridgeProblemCountingAdvice(ProblemCounter problems) {
    return new ProblemCountingAdvice(problems);
  }

  /** {@code /error} answers problems too (instead of Spring Boot's JSON or Whitelabel page). */
  @Bean
  @ConditionalOnMissingBean(ErrorController.class)
  PassbridgeErrorController passbridgeErrorController(ProblemCounter problems) {
    return new PassbridgeErrorController(problems);
  }

  /**
   * Tomcat's own 400s (request lines it refuses before any filter runs) as problems: {@link
   * ProblemErrorReportValve} replaces the host's HTML error report valve. Ordered last, so it runs
   * after Spring Boot's customizer, which adds that valve.
   */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.apache.catalina.valves.ErrorReportValve")
  static class TomcatErrorReportConfiguration {
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReportValve() {
      return new ProblemErrorReportValveCustomizer();
    }
  }

  /** First of all filters: whatever reads the client's address or scheme sees the trusted one. */
  @Bean
  FilterRegistrationBean<TrustedProxyFilter> trustedProxyFilter(
      PassbridgeWebProperties properties) {
    var registration =
        new FilterRegistrationBean<>(
            new TrustedProxyFilter(TrustedProxies.of(properties.trustedProxies())));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  FilterRegistrationBean<EdgeRulesFilter> edgeRulesFilter(
      PassbridgeWebProperties properties, ProblemCounter problems) {
    var registration = new FilterRegistrationBean<>(new EdgeRulesFilter(properties, problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 10);
    return registration;
  }

  /** An unparseable {@code Accept} is answered before anything negotiates with it. */
  @Bean
  FilterRegistrationBean<UnreadableAcceptFilter> unreadableAcceptFilter(ProblemCounter problems) {
    var registration = new FilterRegistrationBean<>(new UnreadableAcceptFilter(problems));
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 8);
    return registration;
  }

  /** {@code Cache-Control: no-store} on every Connect answer, the edge filter's problems too. */
  @Bean
  FilterRegistrationBean<ConnectNoStoreFilter> connectNoStoreFilter() {
    var registration = new FilterRegistrationBean<>(new ConnectNoStoreFilter());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 5);
    return registration;
  }

  /**
   * JSON only, read strictly ({@link JsonOnlyMessageConverters}); the application's own {@link
   * JsonMapper} stays as it is.
   */
  @Bean
  JsonOnlyMessageConverters jsonOnlyMessageConverters(ObjectProvider<JsonMapper> jsonMapper) {
    return new JsonOnlyMessageConverters(
        jsonMapper.getIfAvailable(() -> JsonMapper.builder().build()));
  }

  /**
   * The media type rules checked before a handler runs: a wildcard {@code Content-Type} (415,
   * {@link WildcardContentTypeInterceptor}) anywhere, an {@code Accept} without JSON (406, {@link
   * JsonAcceptInterceptor}) on the API paths.
   */
  @Bean
  WebMvcConfigurer mediaTypeRulesConfigurer() {
    return new WebMvcConfigurer() {
      @Override
      public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new WildcardContentTypeInterceptor());
        registry
            .addInterceptor(new JsonAcceptInterceptor())
            .addPathPatterns(JsonAcceptInterceptor.PATHS);
      }
    };
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
      JWKSource<SecurityContext> keys,
      SessionProperties properties,
      Clock clock,
      SessionRevocations revocations) {
    return new SessionVerifier(keys, properties.issuer(), clock, revocations);
  }

  @Bean
  WebMvcConfigurer sessionArgumentResolverConfigurer(
      SessionVerifier verifier, SessionProperties properties) {
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new SessionArgumentResolver(verifier, properties.cookieName()));
      }
    };
  }

  /** Revocations from the Redis key auth-service writes on logout. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(StringRedisTemplate.class)
  static class RedisRevocationsConfiguration {
    /** No Redis connection: the service does not start (it could not see logouts). */
    @Bean
    @ConditionalOnMissingBean(SessionRevocations.class)
    SessionRevocations sessionRevocations(ObjectProvider<StringRedisTemplate> redis) {
      StringRedisTemplate template = redis.getIfAvailable();
      if (template == null) {
        throw new IllegalStateException(
            "session verification needs Redis (session:revoked:<sid>): configure spring.data.redis.*");
      }
      return new RedisSessionRevocations(template);
    }
  }
}
