package dev.passbridge.platform.openapi;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a controller method: a problem answer the operation gives, documented in its OpenAPI operation
 * as {@code status} with the shared {@code Problem} schema and the codes named. It replaces the
 * shared answer of the same status ({@link PassbridgeOpenApi#addSharedAnswers}), so list the shared
 * codes too where they still apply (e.g. {@code validation-failed} beside a 400 of one's own).
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
@Repeatable(ProblemResponse.List.class)
public @interface ProblemResponse {
  int status();

  /** The problem codes of this status; at least one. */
  String[] code();

  /** When it is answered. */
  String description();

  @Documented
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface List {
    ProblemResponse[] value();
  }
}
