package dev.passbridge.passkey.caller.internal;

import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import dev.passbridge.passkey.caller.Caller;
import dev.passbridge.passkey.caller.CurrentCaller;
import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.core.connect.ConnectTokenVerifier;
import dev.passbridge.platform.core.session.SessionVerifier;
import dev.passbridge.platform.openapi.PassbridgeOpenApi;
import dev.passbridge.platform.session.SessionProperties;
import dev.passbridge.platform.web.PassbridgeWebProperties;
import java.time.Clock;
import java.util.List;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Registers the {@code @CurrentCaller} resolver (sessions and connect tokens), and describes it in
 * the OpenAPI document: a {@link Caller} is no request parameter; its operations take the session
 * cookie or a connect token (401 {@code unauthenticated}, 403 {@code origin-not-allowed} or {@code
 * insufficient-scope}).
 */
@Configuration(proxyBeanMethods = false)
class CallerConfiguration {
  static {
    SpringDocUtils.getConfig().addRequestWrapperToIgnore(Caller.class);
  }

  @Bean
  GlobalOperationCustomizer passkeyCallerOperationCustomizer() {
    return (operation, handlerMethod) -> {
      for (var parameter : handlerMethod.getMethodParameters()) {
        if (parameter.hasParameterAnnotation(CurrentCaller.class)) {
          PassbridgeOpenApi.requireAnyOf(
              operation,
              "unauthenticated",
              "No valid session cookie or connect token (Bearer), or a spent append token.",
              PassbridgeOpenApi.SESSION,
              PassbridgeOpenApi.CONNECT_TOKEN);
          PassbridgeOpenApi.problem(
              operation,
              403,
              "The Origin is not allowed (for a connect token: not one of its client's), or the"
                  + " token's scope does not allow this request.",
              "origin-not-allowed",
              "insufficient-scope");
        }
      }
      return operation;
    };
  }

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
