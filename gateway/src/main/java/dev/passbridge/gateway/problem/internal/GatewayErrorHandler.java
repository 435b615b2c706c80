package dev.passbridge.gateway.problem.internal;

import dev.passbridge.gateway.problem.PayloadTooLargeException;
import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.platform.core.problem.Problem;
import java.net.ConnectException;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.webflux.error.ErrorWebExceptionHandler;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Every failure that reaches the top of the gateway becomes an RFC 9457 problem: unknown paths
 * (404), wrong methods, oversized bodies, a service that cannot be reached (503 + Retry-After), a
 * service that does not answer in time (504), and anything unexpected (500, logged, no details).
 * Replaces Boot's default JSON error handler (which runs at order -1).
 */
@Component
@Order(-2)
public class GatewayErrorHandler implements ErrorWebExceptionHandler {
  private static final Logger log = LoggerFactory.getLogger(GatewayErrorHandler.class);
  static final Duration RETRY_AFTER_UNAVAILABLE = Duration.ofSeconds(1);

  @Override
  public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
    if (exchange.getResponse().isCommitted()) {
      return Mono.error(error);
    }
    Mapped mapped = map(error);
    if (mapped.problem().status() >= 500) {
      String path = loggable(exchange.getRequest().getPath().value());
      if (mapped.problem().status() == 500) {
        log.error("unexpected failure on {} {}", exchange.getRequest().getMethod(), path, error);
      } else {
        log.warn(
            "{} on {} {}: {}",
            mapped.problem().code(),
            exchange.getRequest().getMethod(),
            path,
            rootMessage(error));
      }
    }
    exchange.getResponse().getHeaders().clear();
    return ProblemWebAdapter.write(exchange, mapped.problem(), mapped.retryAfter());
  }

  /**
   * The path for a log line, without the personal data a path can hold: a Connect platform's user
   * id ({@code /connect/v1/users/{externalUserId}/...}, often an e-mail address or a phone number).
   */
  static String loggable(String path) {
    return path.replaceFirst("^(/connect/v1/users/)[^/]+", "$1{externalUserId}");
  }

  record Mapped(Problem problem, Duration retryAfter) {
    Mapped(Problem problem) {
      this(problem, null);
    }
  }

  static Mapped map(Throwable error) {
    if (error instanceof PayloadTooLargeException tooLarge) {
      return new Mapped(payloadTooLarge(tooLarge.limit()));
    }
    if (error instanceof ResponseStatusException status) {
      return fromStatus(status.getStatusCode(), status);
    }
    if (causedBy(error, ConnectException.class)
        || causedBy(error, RedisConnectionFailureException.class)
        || causedBy(error, DataAccessResourceFailureException.class)) {
      return unavailable();
    }
    if (causedBy(error, TimeoutException.class)) {
      return new Mapped(
          Problem.of(
              HttpStatus.GATEWAY_TIMEOUT.value(),
              "upstream-timeout",
              "The service did not answer in time. Try again."));
    }
    if (error.getClass().getName().equals("reactor.netty.http.client.PrematureCloseException")
        || causedBy(error, java.io.IOException.class)) {
      // the connection to the service broke mid-exchange (closed early, reset by a dying instance):
      // the service may or may not have acted, so this is a 502 the client may retry, never a 500
      return new Mapped(
          Problem.of(
              HttpStatus.BAD_GATEWAY.value(),
              "bad-gateway",
              "The service closed the connection early."));
    }
    return new Mapped(
        Problem.of(
            HttpStatus.INTERNAL_SERVER_ERROR.value(),
            "internal-error",
            "Something went wrong on our side. Try again later."));
  }

  private static Mapped fromStatus(HttpStatusCode status, ResponseStatusException error) {
    return switch (status.value()) {
      case 400, 404, 405 -> new Mapped(Problem.ofStatus(status.value()));
      case 406 ->
          new Mapped(
              Problem.of(
                  status.value(),
                  "not-acceptable",
                  "No representation matches the Accept header."));
      case 413 -> new Mapped(payloadTooLarge(-1));
      case 415 ->
          new Mapped(
              Problem.of(
                  status.value(),
                  "unsupported-media-type",
                  "This content type is not accepted here."));
      case 503 -> unavailable();
      case 504 ->
          new Mapped(
              Problem.of(
                  status.value(),
                  "upstream-timeout",
                  "The service did not answer in time. Try again."));
      default -> {
        if (status.is4xxClientError()) {
          yield new Mapped(
              Problem.of(
                  status.value(),
                  "client-error",
                  error.getReason() != null ? error.getReason() : "The request was refused."));
        }
        if (causedBy(error, ConnectException.class)) {
          yield unavailable();
        }
        yield new Mapped(
            Problem.of(
                HttpStatus.INTERNAL_SERVER_ERROR.value(),
                "internal-error",
                "Something went wrong on our side. Try again later."));
      }
    };
  }

  static Problem payloadTooLarge(long limit) {
    return Problem.of(
        HttpStatus.CONTENT_TOO_LARGE.value(),
        "payload-too-large",
        limit > 0
            ? "The request body is larger than " + limit + " bytes."
            : "The request body is too large.");
  }

  private static Mapped unavailable() {
    return new Mapped(
        Problem.serviceUnavailable("The service is unavailable at the moment. Try again shortly."),
        RETRY_AFTER_UNAVAILABLE);
  }

  static boolean causedBy(Throwable error, Class<? extends Throwable> type) {
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName();
  }
}
