package dev.passbridge.gateway.problem.internal;

import dev.passbridge.gateway.problem.ProblemMetricsWebFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The problem metric's filter ({@code passbridge_problems_total} by code and status). */
@Configuration(proxyBeanMethods = false)
class ProblemConfiguration {

  @Bean
  ProblemMetricsWebFilter problemMetricsWebFilter(MeterRegistry meters) {
    return new ProblemMetricsWebFilter(meters);
  }
}
