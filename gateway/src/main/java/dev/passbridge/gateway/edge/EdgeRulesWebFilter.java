package dev.passbridge.gateway.edge;

import dev.passbridge.gateway.connect.ConnectOrigins;
import dev.passbridge.gateway.edge.internal.BodyLimit;
import dev.passbridge.gateway.problem.ProblemWebAdapter;
import dev.passbridge.platform.core.connect.ConnectClients;
import dev.passbridge.platform.core.edge.OriginRule;
import dev.passbridge.platform.core.edge.TrustedProxies;
import dev.passbridge.platform.core.problem.Problem;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * The request rules every request passes before rate limits, session checks and routing: served
 * methods only (405), well-formed paths only (400), an {@code Accept} that parses (406), an allowed
 * {@code Origin} on state-changing requests (403, docs/architecture.md §4; the client origins too
 * where Connect mode needs them, none on the server API: {@link ConnectOrigins}), a body size limit
 * (413, also for streamed bodies), the client address resolved once, and client-sent identity
 * headers removed.
 */
public class EdgeRulesWebFilter implements WebFilter, Ordered {
  /**
   * Declared bodies over the limit but up to this size are read and dropped before the 413, as
   * Tomcat's {@code maxSwallowSize} (2 MiB) does, so that the client gets its answer.
   */
  static final long SWALLOW_LIMIT = 2L * 1024 * 1024;

  public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

  private final EdgeProperties properties;
  private final TrustedProxies proxies;
  private final MeterRegistry meters;
  private final List<String> hostedOrClient;

  public EdgeRulesWebFilter(
      EdgeProperties properties, ClientAddressProperties clientAddress, MeterRegistry meters) {
    this(properties, clientAddress, meters, ConnectClients.none());
  }

  /**
   * @param clients the connect clients, whose origins are accepted where {@link ConnectOrigins}
   *     says so
   */
  public EdgeRulesWebFilter(
      EdgeProperties properties,
      ClientAddressProperties clientAddress,
      MeterRegistry meters,
      ConnectClients clients) {
    this.properties = properties;
    List<String> origins = new ArrayList<>(properties.allowedOrigins());
    clients.allOrigins().stream().filter(o -> !origins.contains(o)).sorted().forEach(origins::add);
    this.hostedOrClient = List.copyOf(origins);
    this.proxies = clientAddress.rule();
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return ORDER;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    ServerHttpRequest request = exchange.getRequest();
    if (!EdgeRules.isServed(request.getMethod().name())) {
      return reject(
          exchange,
          "method",
          Problem.of(
              HttpStatus.METHOD_NOT_ALLOWED.value(),
              "method-not-allowed",
              "This method is not allowed at this address."));
    }
    if (EdgeRules.hasUnencodedCharacters(request.getURI().getRawPath())
        || EdgeRules.hasUnencodedCharacters(request.getURI().getRawQuery())) {
      return reject(
          exchange,
          "target",
          Problem.of(
              HttpStatus.BAD_REQUEST.value(),
              "malformed-request",
              "The request target contains characters that must be percent-encoded."));
    }
    if (EdgeRules.isMalformedPath(request.getURI().getRawPath())) {
      return reject(
          exchange,
          "path",
          Problem.of(
              HttpStatus.BAD_REQUEST.value(),
              "malformed-path",
              "The request path contains segments or characters the gateway does not accept."));
    }
    if (!readableAccept(request.getHeaders().getOrEmpty(HttpHeaders.ACCEPT))) {
      // whatever negotiates with it fails (the welcome page's route answered 500): say so here
      return reject(exchange, "accept", Problem.unreadableAccept());
    }
    ConnectOrigins.Rule originRule =
        ConnectOrigins.ruleFor(
            request.getPath().pathWithinApplication().value(),
            request.getHeaders().getOrEmpty(HttpHeaders.AUTHORIZATION));
    if (properties.originCheck()
        && originRule != ConnectOrigins.Rule.NONE
        && !EdgeRules.isServerApi(request.getURI().getRawPath())) {
      Optional<String> violation =
          OriginRule.violation(
              request.getMethod().name(),
              request.getHeaders().get(HttpHeaders.ORIGIN),
              originRule == ConnectOrigins.Rule.HOSTED_OR_CLIENT
                  ? hostedOrClient
                  : properties.allowedOrigins());
      if (violation.isPresent()) {
        return reject(exchange, "origin", Problem.originNotAllowed(violation.get()));
      }
    }
    long limit = properties.maxRequestSize().toBytes();
    long length = request.getHeaders().getContentLength();
    if (length > limit) {
      if (length > SWALLOW_LIMIT) {
        return reject(exchange, "size", payloadTooLarge(limit));
      }
      // read (and drop) the body before answering: a server that answers and closes while the
      // client is still sending makes the kernel reset the connection, and the client loses the
      // 413 it was sent; beyond SWALLOW_LIMIT the client is not worth the bandwidth
      return request
          .getBody()
          .doOnNext(DataBufferUtils::release)
          .then(Mono.defer(() -> reject(exchange, "size", payloadTooLarge(limit))));
    }

    String client =
        proxies.clientAddress(
            peer(request), request.getHeaders().getValuesAsList("X-Forwarded-For"));
    exchange.getAttributes().put(ClientAddresses.ATTRIBUTE, client);

    ServerHttpRequest cleaned =
        request
            .mutate()
            .headers(
                headers ->
                    headers.headerNames().stream()
                        .filter(EdgeRules::isIdentityHeader)
                        .toList()
                        .forEach(headers::remove))
            .build();
    if (length < 0 && request.getHeaders().containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
      cleaned = new BodyLimit(cleaned, limit);
    }
    return chain.filter(exchange.mutate().request(cleaned).build());
  }

  /**
   * Whether every {@code Accept} value parses. One that does not is refused (406) on every path;
   * whether a readable one admits the answer is left to whoever writes it (the services refuse one
   * without JSON before their handlers run).
   */
  static boolean readableAccept(List<String> values) {
    try {
      MediaType.parseMediaTypes(values);
      return true;
    } catch (InvalidMediaTypeException e) {
      return false;
    }
  }

  private Mono<Void> reject(ServerWebExchange exchange, String rule, Problem problem) {
    meters.counter("passbridge.gateway.rejections", "rule", rule).increment();
    return ProblemWebAdapter.write(exchange, problem);
  }

  private static Problem payloadTooLarge(long limit) {
    return Problem.payloadTooLarge(limit);
  }

  /** The TCP peer's address as text ({@code unknown} when the connection does not say). */
  public static String peer(ServerHttpRequest request) {
    InetSocketAddress remote = request.getRemoteAddress();
    return remote == null || remote.getAddress() == null
        ? ClientAddresses.UNKNOWN
        : remote.getAddress().getHostAddress();
  }
}
