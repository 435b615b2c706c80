package dev.passbridge.gateway.apidocs;

import dev.passbridge.gateway.apidocs.internal.ServiceDocuments;
import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.platform.core.problem.Problem;
import io.swagger.v3.oas.annotations.Hidden;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * {@code GET /api-docs}: the merged OpenAPI document of the public API. A service that cannot be
 * asked makes it a 503 problem (a document with holes would look complete to a client generator).
 */
@Hidden
@RestController
public class ApiDocsController {
  public static final String PATH = "/api-docs";
  private static final Logger log = LoggerFactory.getLogger(ApiDocsController.class);
  private final ServiceDocuments documents;

  public ApiDocsController(ServiceDocuments documents) {
    this.documents = documents;
  }

  @GetMapping(path = PATH, produces = MediaType.APPLICATION_JSON_VALUE)
  Mono<ResponseEntity<String>> apiDocs(ServerWebExchange exchange) {
    return documents
        .merged()
        .map(
            json ->
                ResponseEntity.ok()
                    .contentType(MediaType.APPLICATION_JSON)
                    .header(HttpHeaders.CACHE_CONTROL, "no-cache")
                    .body(json))
        .onErrorResume(
            e -> {
              log.warn("api-docs: a service's document could not be read: {}", e.toString());
              Problem problem =
                  Problem.serviceUnavailable(
                      "A service's API document cannot be read right now; retry shortly.");
              ProblemWebAdapter.answered(exchange, problem);
              return Mono.just(
                  ResponseEntity.status(problem.status())
                      .contentType(MediaType.APPLICATION_PROBLEM_JSON)
                      .header(HttpHeaders.RETRY_AFTER, "1")
                      .body(
                          new String(
                              ProblemWebAdapter.toJson(problem.with("retryAfterSeconds", 1)),
                              StandardCharsets.UTF_8)));
            });
  }
}
