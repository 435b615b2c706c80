package dev.passbridge.platform.openapi;

import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.session.SessionProperties;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Wires {@link PassbridgeOpenApi} into springdoc for the servlet services. {@code @CurrentSession}
 * parameters are not request parameters (the session comes from the cookie): springdoc skips them,
 * and their operations get the {@code session} security requirement instead.
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
@EnableConfigurationProperties(SessionProperties.class)
public class PassbridgeOpenApiAutoConfiguration {
  static {
    SpringDocUtils.getConfig().addAnnotationsToIgnore(CurrentSession.class);
  }

  @Bean
  GlobalOpenApiCustomizer passbridgeOpenApiCustomizer(
      Environment environment, SessionProperties session) {
    String service = environment.getProperty("spring.application.name", "service");
    return api -> {
      PassbridgeOpenApi.describe(api, service, session.cookieName());
      PassbridgeOpenApi.addSharedAnswers(api);
    };
  }

  @Bean
  GlobalOperationCustomizer passbridgeSessionOperationCustomizer() {
    return (operation, handlerMethod) -> {
      for (var parameter : handlerMethod.getMethodParameters()) {
        CurrentSession session = parameter.getParameterAnnotation(CurrentSession.class);
        if (session != null) {
          PassbridgeOpenApi.requireSession(operation, session.role());
        }
      }
      return operation;
    };
  }
}
