package dev.passbridge.platform.web;

import dev.passbridge.platform.core.problem.Problem;
import dev.passbridge.platform.core.session.RevocationCheckUnavailableException;
import dev.passbridge.platform.kafka.EventPublicationException;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.kafka.KafkaException;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Maps every failure to a problem response with a stable type. Bad input is a 4xx; broken
 * infrastructure (database, Redis, Kafka) is a retryable 503; nothing else leaks a stack trace.
 */
@RestControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class PassbridgeProblemHandler extends ResponseEntityExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(PassbridgeProblemHandler.class);

  @ExceptionHandler(ProblemException.class)
  ResponseEntity<ProblemDetail> problem(ProblemException e) {
    if (e.retryAfter() != null) {
      ProblemDetail p = e.problem();
      return Problems.retryAfter(
          HttpStatus.valueOf(p.getStatus()),
          String.valueOf(p.getProperties().get("code")),
          p.getDetail(),
          e.retryAfter());
    }
    return Problems.response(e.problem());
  }

  @ExceptionHandler(ConstraintViolationException.class)
  ResponseEntity<ProblemDetail> constraintViolation(ConstraintViolationException e) {
    Map<String, String> errors = new LinkedHashMap<>();
    e.getConstraintViolations()
        .forEach(v -> errors.put(parameterName(v.getPropertyPath()), v.getMessage()));
    return Problems.response(
        HttpStatus.BAD_REQUEST,
        "validation-failed",
        "The request is not valid.",
        Map.of("errors", errors));
  }

  /**
   * The name a client knows: a method parameter's path is {@code method.parameter}, and the
   * method's name is ours, not the API's.
   */
  private static String parameterName(Path path) {
    String name = null;
    for (Path.Node node : path) {
      if (node.getKind() != ElementKind.METHOD && node.getKind() != ElementKind.CONSTRUCTOR) {
        name = name == null ? node.toString() : name + "." + node;
      }
    }
    return name == null ? path.toString() : name;
  }

  @ExceptionHandler({
    EventPublicationException.class,
    RevocationCheckUnavailableException.class,
    KafkaException.class,
    DataAccessResourceFailureException.class,
    TransientDataAccessException.class,
    QueryTimeoutException.class,
    CannotCreateTransactionException.class
  })
  ResponseEntity<ProblemDetail> unavailable(Exception e) {
    log.warn("dependency unavailable: {}", e.toString());
    return Problems.retryAfter(
        HttpStatus.SERVICE_UNAVAILABLE,
        "service-unavailable",
        "A backing service is unavailable; retry shortly.",
        Duration.ofSeconds(1));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<ProblemDetail> unexpected(Exception e) {
    if (isInfrastructure(e)) {
      return unavailable(e);
    }
    if (isUndecodableParameter(e)) {
      return Problems.response(
          HttpStatus.BAD_REQUEST,
          "malformed-request",
          "The query or form parameters are not valid percent-encoded UTF-8.");
    }
    log.error("unexpected failure", e);
    return Problems.response(
        HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Something went wrong on our side.");
  }

  /**
   * Tomcat parses query and form parameters lazily, on the first {@code getParameter}, and throws
   * its {@code InvalidParameterException} (an {@code IllegalStateException}) for bytes that are not
   * UTF-8 ({@code %ff}) or broken percent-escapes. That is the client's input, not our failure.
   * Matched by name: the platform also serves the reactive gateway, which has no Tomcat.
   */
  private static boolean isUndecodableParameter(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().equals("org.apache.tomcat.util.http.InvalidParameterException")) {
        return true;
      }
    }
    return false;
  }

  /** Redis and JDBC driver failures that are not translated into Spring's hierarchy. */
  private static boolean isInfrastructure(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String name = t.getClass().getName();
      if (name.startsWith("io.lettuce.core.RedisConnection")
          || name.equals("io.lettuce.core.RedisCommandTimeoutException")
          || name.startsWith("org.springframework.data.redis.RedisConnectionFailure")
          || name.equals("java.net.ConnectException")
          || name.equals("java.sql.SQLTransientConnectionException")) {
        return true;
      }
    }
    return false;
  }

  @Override
  protected ResponseEntity<Object> handleMethodArgumentNotValid(
      MethodArgumentNotValidException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    Map<String, String> errors = new LinkedHashMap<>();
    ex.getBindingResult()
        .getFieldErrors()
        .forEach(f -> errors.putIfAbsent(f.getField(), f.getDefaultMessage()));
    ex.getBindingResult()
        .getGlobalErrors()
        .forEach(g -> errors.putIfAbsent(g.getObjectName(), g.getDefaultMessage()));
    ProblemDetail problem =
        Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid.");
    problem.setProperty("errors", errors);
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHandlerMethodValidationException(
      HandlerMethodValidationException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid.");
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleHttpMessageNotReadable(
      HttpMessageNotReadableException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    ProblemDetail problem =
        Problems.problem(
            HttpStatus.BAD_REQUEST,
            "malformed-request",
            "The request body is missing or is not valid JSON of the expected shape.");
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  @Override
  protected ResponseEntity<Object> handleMissingServletRequestParameter(
      MissingServletRequestParameterException ex,
      HttpHeaders headers,
      HttpStatusCode status,
      WebRequest request) {
    return invalidParameter(headers, ex.getParameterName(), "is required");
  }

  @Override
  protected ResponseEntity<Object> handleTypeMismatch(
      TypeMismatchException ex, HttpHeaders headers, HttpStatusCode status, WebRequest request) {
    String name = ex.getPropertyName() != null ? ex.getPropertyName() : "parameter";
    return invalidParameter(headers, name, "has the wrong format");
  }

  private static ResponseEntity<Object> invalidParameter(
      HttpHeaders headers, String name, String message) {
    ProblemDetail problem =
        Problems.problem(HttpStatus.BAD_REQUEST, "validation-failed", "The request is not valid.");
    problem.setProperty("errors", Map.of(name, message));
    return ResponseEntity.badRequest().headers(headers).body(problem);
  }

  /** Gives Spring's own problems (404, 405, 406, 413, 415, ...) a stable type too. */
  @Override
  protected ResponseEntity<Object> createResponseEntity(
      Object body, HttpHeaders headers, HttpStatusCode statusCode, WebRequest request) {
    if (body instanceof ProblemDetail problem
        && (problem.getType() == null || "about:blank".equals(problem.getType().toString()))) {
      String code = Problem.codeFor(statusCode.value());
      problem.setType(URI.create(Problems.TYPE_BASE + code));
      problem.setProperty("code", code);
    }
    return super.createResponseEntity(body, headers, statusCode, request);
  }
}
