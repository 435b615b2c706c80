package dev.passbridge.gateway.problem;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes a problem as {@code application/problem+json} straight onto the exchange, for the edge
 * filters that answer before any handler runs. Extension members ({@code code}, {@code
 * retryAfterSeconds}, ...) are written at the top level as RFC 9457 wants.
 */
public final class ProblemResponses {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ProblemResponses() {}

  public static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
    return write(exchange, problem, null);
  }

  /**
   * With {@code retryAfter}: a {@code Retry-After} header and a {@code retryAfterSeconds} member.
   */
  public static Mono<Void> write(
      ServerWebExchange exchange, ProblemDetail problem, Duration retryAfter) {
    ServerHttpResponse response = exchange.getResponse();
    if (response.isCommitted()) {
      return Mono.empty();
    }
    if (retryAfter != null) {
      long seconds = Problems.retryAfterSeconds(retryAfter);
      problem.setProperty("retryAfterSeconds", seconds);
      response.getHeaders().set(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    }
    response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
    response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
    byte[] body = toJson(problem);
    response.getHeaders().setContentLength(body.length);
    return response.writeWith(Mono.fromSupplier(() -> response.bufferFactory().wrap(body)));
  }

  /** The problem as RFC 9457 JSON bytes (for writers outside WebFlux, such as a Netty handler). */
  public static byte[] toJson(ProblemDetail problem) {
    Map<String, Object> members = new LinkedHashMap<>();
    members.put("type", problem.getType().toString());
    members.put("title", problem.getTitle());
    members.put("status", problem.getStatus());
    if (problem.getDetail() != null) {
      members.put("detail", problem.getDetail());
    }
    if (problem.getInstance() != null) {
      members.put("instance", problem.getInstance().toString());
    }
    if (problem.getProperties() != null) {
      problem.getProperties().forEach(members::putIfAbsent);
    }
    return JSON.writeValueAsString(members).getBytes(StandardCharsets.UTF_8);
  }
}
