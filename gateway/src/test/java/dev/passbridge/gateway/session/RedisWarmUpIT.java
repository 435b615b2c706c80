package dev.passbridge.gateway.session;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.support.Backends;
import dev.passbridge.testsupport.TestInfrastructure;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The gateway opens its Redis connection while it starts, before it reports ready and before any
 * request: the first session checks after a start do not pay the connection's set-up inside the
 * revocation lookup's 500 ms bound. Read from Redis itself ({@code CLIENT LIST}), by the client
 * name this context alone uses; no request is sent to the gateway.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=gateway",
      "management.server.port=0",
      "spring.data.redis.client-name=" + RedisWarmUpIT.CLIENT_NAME,
      "logging.structured.format.console=",
    })
class RedisWarmUpIT {
  static final String CLIENT_NAME = "gateway-warm-up-it";

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerRedis(registry);
    Backends.register(registry);
  }

  @Test
  void theGatewayIsConnectedToRedisBeforeItsFirstRequest() {
    RedisClient redis = RedisClient.create("redis://127.0.0.1:" + TestInfrastructure.redisPort());
    try (StatefulRedisConnection<String, String> connection = redis.connect()) {
      assertThat(connection.sync().clientList()).contains("name=" + CLIENT_NAME + " ");
    } finally {
      redis.shutdown();
    }
  }
}
