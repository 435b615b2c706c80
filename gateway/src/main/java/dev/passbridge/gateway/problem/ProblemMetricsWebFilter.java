package dev.passbridge.gateway.problem;

import dev.passbridge.platform.core.problem.Problem;
import dev.passbridge.platform.core.problem.ProblemMetric;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Counts the problems the gateway answers itself ({@link ProblemMetric}: edge filters, the error
 * handler, {@code /api-docs}), when the answer is committed. A service's problem passed through is
 * counted by that service, not again here.
 */
public class ProblemMetricsWebFilter implements WebFilter, Ordered {
  private final MeterRegistry meters;

  public ProblemMetricsWebFilter(MeterRegistry meters) {
    this.meters = meters;
  }

  @Override
  public int getOrder() {
    return Ordered.HIGHEST_PRECEDENCE;
  }

  @Override
  public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
    exchange
        .getResponse()
        .beforeCommit(
            () -> {
              if (exchange.getAttribute(ProblemWebAdapter.ANSWERED) instanceof Problem problem) {
                Counter.builder(ProblemMetric.NAME)
                    .description(ProblemMetric.DESCRIPTION)
                    .tag(ProblemMetric.CODE, problem.code())
                    .tag(ProblemMetric.STATUS, Integer.toString(problem.status()))
                    .register(meters)
                    .increment();
              }
              return Mono.empty();
            });
    return chain.filter(exchange);
  }
}
