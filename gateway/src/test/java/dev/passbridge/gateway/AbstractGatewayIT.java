package dev.passbridge.gateway;

import dev.passbridge.gateway.support.Backends;
import dev.passbridge.testsupport.TestInfrastructure;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway in its default (production-shaped) profile in front of stub services and a real
 * Redis, with a few settings lowered so limits and timeouts are quick to hit. Subclasses share one
 * application context.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=gateway",
      "management.server.port=0",
      "spring.cloud.gateway.server.webflux.httpclient.response-timeout=1500ms",
      "spring.cloud.gateway.server.webflux.httpclient.connect-timeout=500",
      "passbridge.web.max-request-size=1KB",
      "passbridge.gateway.rate-limit.key-prefix=gw:rl:it-default:",
      "passbridge.gateway.rate-limit.rules.otp-resend.limit=3",
      "passbridge.gateway.rate-limit.rules.otp-resend.period=1m",
      // measured in GatewayOverheadIT: the limiter runs, but never refuses
      "passbridge.gateway.rate-limit.rules.passkey-login-options.limit=1000000",
      "passbridge.session.jwks-min-refresh-interval=0s",
      "logging.structured.format.console=",
      // two connect clients: one on this machine, one on another site (a related origin)
      "passbridge.connect.clients[0].client-id=shop",
      "passbridge.connect.clients[0].secret-hashes[0]=sha256:"
          + "0000000000000000000000000000000000000000000000000000000000000001",
      "passbridge.connect.clients[0].origins[0]=http://localhost:8090",
      "passbridge.connect.clients[1].client-id=faraway",
      "passbridge.connect.clients[1].secret-hashes[0]=sha256:"
          + "0000000000000000000000000000000000000000000000000000000000000002",
      "passbridge.connect.clients[1].origins[0]=https://shop.example",
    })
public abstract class AbstractGatewayIT {
  public static final String ORIGIN = "http://localhost:8080";

  @LocalServerPort protected int port;

  protected WebTestClient client;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerRedis(registry);
    Backends.register(registry);
  }

  @BeforeEach
  void setUpClient() {
    client =
        WebTestClient.bindToServer()
            .baseUrl("http://localhost:" + port)
            .responseTimeout(Duration.ofSeconds(20))
            .build();
    Backends.resetAll();
  }
}
