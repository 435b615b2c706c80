package dev.passbridge.gateway.problem;

import dev.passbridge.platform.core.problem.Problem;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The reactive adapter of the problem catalogue ({@link Problem}): writes a problem as {@code
 * application/problem+json} straight onto the {@link ServerWebExchange}, for the edge filters that
 * answer before any handler runs. Extension members ({@code code}, {@code retryAfterSeconds}, ...)
 * are written at the top level as RFC 9457 wants.
 */
public final class ProblemWebAdapter {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** The exchange attribute naming the problem the gateway itself answered (for the metric). */
  public static final String ANSWERED = ProblemWebAdapter.class.getName() + ".answered";

  private ProblemWebAdapter() {}

  /** Marks the exchange as answered with {@code problem} ({@link ProblemMetricsWebFilter}). */
  public static void answered(ServerWebExchange exchange, Problem problem) {
    exchange.getAttributes().put(ANSWERED, problem);
  }

  public static Mono<Void> write(ServerWebExchange exchange, Problem problem) {
    return write(exchange, problem, null);
  }

  /**
   * With {@code retryAfter}: a {@code Retry-After} header and a {@code retryAfterSeconds} member.
   */
  public static Mono<Void> write(ServerWebExchange exchange, Problem problem, Duration retryAfter) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    Problem answer = problem;
    if (retryAfter != null) {
      long seconds = Problem.retryAfterSeconds(retryAfter);
      answer = problem.with("retryAfterSeconds", seconds);
      response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    answered(exchange, answer);
    response.setStatusCode(HttpStatusCode.valueOf(answer.status()));
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] body = toJson(answer);
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  /** The problem as RFC 9457 JSON bytes (for writers outside WebFlux, such as a Netty handler). */
  public static byte[] toJson(Problem problem) {
    return JSON.writeValueAsString(problem.members()).getBytes(StandardCharsets.UTF_8);
  }
}
