package dev.passbridge.platform.openapi;

import dev.passbridge.platform.connect.ConnectClientGuard;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.session.CurrentSession;
import dev.passbridge.platform.session.SessionProperties;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.GlobalOpenApiCustomizer;
import org.springdoc.core.customizers.GlobalOperationCustomizer;
import org.springdoc.core.utils.SpringDocUtils;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Wires {@link PassbridgeOpenApi} into springdoc for the servlet services. Arguments that argument
 * resolvers take from the request's credentials are not request parameters, so springdoc skips them
 * and their operations get a security requirement instead: {@code @CurrentSession} parameters (the
 * session cookie: {@code session}, 401) and {@link ConnectClient} parameters (HTTP Basic client
 * credentials: {@code connectBasic}, 401 {@code invalid-client}, 429 {@code quota-exceeded}). A
 * service hides its own such types the same way ({@link SpringDocUtils#addRequestWrapperToIgnore}).
 * {@link ProblemResponse} annotations become the operation's problem answers; a {@code JsonNode} is
 * any JSON value (not the node class's getters).
 */
@AutoConfiguration
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(GlobalOpenApiCustomizer.class)
@EnableConfigurationProperties(SessionProperties.class)
public class PassbridgeOpenApiAutoConfiguration {
  static {
    SpringDocUtils.getConfig()
        .addAnnotationsToIgnore(CurrentSession.class)
        .addRequestWrapperToIgnore(ConnectClient.class)
        .replaceWithSchema(JsonNode.class, new Schema<>().description("JSON, taken as it is."));
  }

  @Bean
  GlobalOpenApiCustomizer passbridgeOpenApiCustomizer(
      Environment environment, SessionProperties session) {
    String service = environment.getProperty("spring.application.name", "service");
    return api -> {
      PassbridgeOpenApi.describe(api, service, session.cookieName());
      PassbridgeOpenApi.addSharedAnswers(api);
      PassbridgeOpenApi.nullableReferences(api);
    };
  }

  @Bean
  GlobalOperationCustomizer passbridgeSessionOperationCustomizer() {
    return (operation, handlerMethod) -> {
      for (ProblemResponse answer :
          AnnotatedElementUtils.findMergedRepeatableAnnotations(
              handlerMethod.getMethod(), ProblemResponse.class)) {
        PassbridgeOpenApi.problem(operation, answer.status(), answer.description(), answer.code());
      }
      for (var parameter : handlerMethod.getMethodParameters()) {
        CurrentSession session = parameter.getParameterAnnotation(CurrentSession.class);
        if (session != null) {
          PassbridgeOpenApi.requireSession(operation, session.role());
        }
        if (ConnectClient.class.equals(parameter.getParameterType())) {
          PassbridgeOpenApi.requireAnyOf(
              operation,
              ConnectClientGuard.INVALID_CLIENT,
              "No valid client credentials (HTTP Basic client id and secret).",
              PassbridgeOpenApi.CONNECT_BASIC);
          PassbridgeOpenApi.problem(
              operation,
              429,
              ConnectClientGuard.QUOTA_EXCEEDED,
              "The client's requests per minute are used up; retry after Retry-After.");
        }
      }
      return operation;
    };
  }
}
