package dev.passbridge.gateway.apidocs.internal;

import dev.passbridge.gateway.routing.ServiceRoutes;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Fetches each routed service's {@code /v3/api-docs} and merges them ({@link ApiDocsMerge}). The
 * merged document is kept for {@code ttl} so a burst of requests to {@code /api-docs} does not
 * become a burst against the services; a failure is not kept.
 */
public class ServiceDocuments {
  static final String SERVICE_DOCS_PATH = "/v3/api-docs";

  private final List<ServiceRoutes.Route> routes;
  private final Function<URI, WebClient> clients;
  private final ApiDocsMerge merge;
  private final JsonMapper json;
  private final Duration timeout;
  private final Mono<String> cached;

  public ServiceDocuments(
      List<ServiceRoutes.Route> routes,
      Function<URI, WebClient> clients,
      JsonMapper json,
      Duration ttl,
      Duration timeout) {
    this(routes, clients, json, ttl, timeout, List.of());
  }

  /**
   * @param limits the gateway's rate limits, documented on the operations they count
   */
  public ServiceDocuments(
      List<ServiceRoutes.Route> routes,
      Function<URI, WebClient> clients,
      JsonMapper json,
      Duration ttl,
      Duration timeout,
      List<ApiDocsMerge.Limit> limits) {
    this.routes = List.copyOf(routes);
    this.clients = clients;
    this.json = json;
    this.merge = new ApiDocsMerge(json, limits);
    this.timeout = timeout;
    this.cached =
        Mono.defer(this::build).cache(doc -> ttl, e -> Duration.ZERO, () -> Duration.ZERO);
  }

  public Mono<String> merged() {
    return cached;
  }

  private Mono<String> build() {
    // one part per service, with every pattern routed to it, in the routes' order
    Map<URI, String> names = new LinkedHashMap<>();
    Map<URI, List<String>> patterns = new LinkedHashMap<>();
    for (ServiceRoutes.Route route : routes) {
      names.putIfAbsent(route.service(), route.id());
      patterns.computeIfAbsent(route.service(), s -> new ArrayList<>()).addAll(route.paths());
    }
    return Flux.fromIterable(patterns.keySet())
        .concatMap(
            service ->
                fetch(service)
                    .map(
                        doc ->
                            new ApiDocsMerge.Part(names.get(service), doc, patterns.get(service))))
        .collectList()
        .map(parts -> json.writerWithDefaultPrettyPrinter().writeValueAsString(merge.merge(parts)));
  }

  private Mono<JsonNode> fetch(URI service) {
    return clients
        .apply(service)
        .get()
        .uri(SERVICE_DOCS_PATH)
        .retrieve()
        .bodyToMono(String.class)
        .timeout(timeout)
        // an idempotent GET: another instance behind the load balancer may answer
        .retry(2)
        .map(json::readTree);
  }
}
