package dev.passbridge.auth.password;

import dev.passbridge.platform.web.Problems;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** A hash flood is overload: 503 {@code service-busy} with Retry-After, never a 500. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class HashingCapacityAdvice {
  private static final Logger log = LoggerFactory.getLogger(HashingCapacityAdvice.class);

  @ExceptionHandler(HashingCapacityExceededException.class)
  ResponseEntity<ProblemDetail> busy(HashingCapacityExceededException e) {
    log.warn("password hashing is saturated; request refused with 503");
    return Problems.retryAfter(
        HttpStatus.SERVICE_UNAVAILABLE,
        "service-busy",
        "Too many logins at once; retry shortly.",
        Duration.ofSeconds(1));
  }
}
