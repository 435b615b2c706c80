package dev.passbridge.passkey.caller.internal;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.core.connect.ConnectTokenVerifier;
import dev.passbridge.platform.core.session.SessionVerifier;
import dev.passbridge.platform.session.SessionProperties;
import dev.passbridge.platform.web.PassbridgeWebProperties;
import java.time.Clock;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Registers the {@code @CurrentCaller} resolver (sessions and connect tokens). */
@Configuration(proxyBeanMethods = false)
class CallerConfiguration {

  @Bean
  WebMvcConfigurer passkeyCallerResolverConfigurer(
      SessionVerifier sessions,
      SessionProperties sessionProperties,
      JWKSource<SecurityContext> keys,
      ConnectClients clients,
      CeremonyStore ceremonies,
      PassbridgeWebProperties web,
      Clock clock) {
    var resolver =
        new CallerArgumentResolver(
            sessions,
            sessionProperties.cookieName(),
            keys,
            new ConnectTokenVerifier(sessionProperties.issuer(), SessionVerifier.CLOCK_SKEW, clock),
            clients,
            ceremonies,
            web.allowedOrigins());
    return new WebMvcConfigurer() {
      @Override
      public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(resolver);
      }
    };
  }
}
