package dev.passbridge.gateway.edge.internal;

import dev.passbridge.gateway.edge.ClientAddressProperties;
import dev.passbridge.gateway.edge.EdgeProperties;
import dev.passbridge.gateway.edge.EdgeRulesWebFilter;
import dev.passbridge.gateway.edge.SecurityHeaders;
import dev.passbridge.gateway.edge.SecurityHeadersProperties;
import dev.passbridge.gateway.edge.SecurityHeadersWebFilter;
import dev.passbridge.platform.core.connect.ConnectClients;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the edge rules, the security headers and the forwarding headers. */
@Configuration(proxyBeanMethods = false)
class EdgeConfiguration {

  @Bean
  SecurityHeadersWebFilter gatewaySecurityHeadersWebFilter(
      SecurityHeadersProperties properties, ClientAddressProperties clientAddress) {
    return new SecurityHeadersWebFilter(new SecurityHeaders(properties), clientAddress);
  }

  @Bean
  EdgeRulesWebFilter gatewayEdgeRulesWebFilter(
      EdgeProperties properties,
      ClientAddressProperties clientAddress,
      MeterRegistry meters,
      ConnectClients clients) {
    return new EdgeRulesWebFilter(properties, clientAddress, meters, clients);
  }

  @Bean
  ForwardedHeaders gatewayForwardedHeaders(ClientAddressProperties clientAddress) {
    return new ForwardedHeaders(clientAddress);
  }
}
