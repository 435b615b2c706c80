package dev.passbridge.examples.shop.passbridge;

import java.net.http.HttpClient;
import java.util.Arrays;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.ObjectMapper;

/** Wires the {@link PassbridgeClient}; refuses the demo secret outside the local profile. */
@Configuration(proxyBeanMethods = false)
public class PassbridgeConfiguration {
  /** The demo client's secret, accepted by Passbridge only in its local profile too. */
  static final String DEMO_SECRET = "shop-local-secret";

  @Bean
  PassbridgeClient passbridgeClient(
      PassbridgeProperties properties,
      RestClient.Builder builder,
      ObjectMapper json,
      Environment environment) {
    checkSecret(properties, environment);
    HttpClient http =
        HttpClient.newBuilder()
            .connectTimeout(properties.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            // plain HTTP/1.1: no h2c upgrade attempt on every new connection
            .version(HttpClient.Version.HTTP_1_1)
            .build();
    JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(http);
    factory.setReadTimeout(properties.readTimeout());
    RestClient rest =
        builder
            .clone()
            .baseUrl(properties.url().toString())
            .requestFactory(factory)
            .defaultHeaders(h -> h.setBasicAuth(properties.clientId(), properties.clientSecret()))
            .defaultHeader(HttpHeaders.USER_AGENT, "passbridge-example-shop")
            .build();
    return new PassbridgeClient(rest, json);
  }

  static void checkSecret(PassbridgeProperties properties, Environment environment) {
    boolean local = Arrays.asList(environment.getActiveProfiles()).contains("local");
    if (!local && DEMO_SECRET.equals(properties.clientSecret())) {
      throw new IllegalStateException(
          "shop.passbridge.client-secret is the demo secret, which only the local profile accepts:"
              + " set the shop's own client secret");
    }
  }
}
