package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.testsupport.TestInfrastructure;
import java.net.InetAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.health.actuate.endpoint.HealthEndpointGroups;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * auth-service called directly, not through the gateway: forwarding headers from a peer that is not
 * a trusted proxy are ignored, a logged-out session is refused, a Redis outage refuses sessions
 * (503, fail closed), and health shows no internals.
 */
class DirectCallsIT extends IntegrationTestBase {
  @Autowired HealthEndpointGroups healthGroups;

  @Autowired
  @Qualifier("userAgentAnalyzerHealthIndicator")
  HealthIndicator analyzerHealth;

  /** Connects from 127.0.0.2: loopback, but not the trusted proxy (127.0.0.1). */
  private final HttpClient stranger;

  DirectCallsIT() throws Exception {
    stranger =
        HttpClient.newBuilder()
            .localAddress(InetAddress.getByName("127.0.0.2"))
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  private Reply fromStranger(HttpRequest request) throws Exception {
    HttpResponse<String> r = stranger.send(request, HttpResponse.BodyHandlers.ofString());
    return new Reply(r.statusCode(), r.headers().map(), r.body());
  }

  private HttpRequest strangerLogin(String forwardedFor) {
    String body =
        JSON.writeValueAsString(
            Map.of("username", uniqueName("spray"), "password", "some password"));
    return request("/api/auth/login")
        .header("Content-Type", "application/json")
        .header("Origin", ORIGIN)
        .header("User-Agent", CHROME_WINDOWS)
        .header("X-Forwarded-For", forwardedFor)
        .header("X-Forwarded-Proto", "https")
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  @Test
  void aStrangerCannotDodgeThePerIpLoginLimitWithForgedForwardedFor() throws Exception {
    for (int i = 0; i < 6; i++) {
      Reply r = fromStranger(strangerLogin(randomIp()));
      assertThat(r.status()).as(r.body()).isEqualTo(401);
      assertThat(r.header("Strict-Transport-Security")).isEmpty();
    }
    // a seventh forged address does not help: the limit counts the TCP peer, 127.0.0.2
    Reply limited = fromStranger(strangerLogin(randomIp()));
    assertThat(limited.status()).isEqualTo(429);
    assertThat(limited.problemCode()).isEqualTo("too-many-attempts");
    assertThat(redis.hasKey("auth:rl:login-ip:127.0.0.2")).isTrue();
    // the trusted proxy (127.0.0.1) still names the client: a forwarded address is its own bucket
    assertThat(login(uniqueName("spray"), "some password").status()).isEqualTo(401);
  }

  @Test
  void aLoggedOutSessionIsRefusedAndARedisOutageFailsClosed() throws Exception {
    String token = fullLogin(uniqueName("direct"), "correct horse battery");
    HttpRequest me = request("/api/me").header("Cookie", "pb_session=" + token).GET().build();
    assertThat(fromStranger(me).status()).isEqualTo(200);

    TestInfrastructure.stopRedis();
    try {
      Reply down = fromStranger(me);
      assertThat(down.status()).as(down.body()).isEqualTo(503);
      assertThat(down.problemCode()).isEqualTo("service-unavailable");
      assertThat(down.header("Retry-After")).isPresent();
    } finally {
      TestInfrastructure.startRedis();
    }
    long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
    while (fromStranger(me).status() != 200 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertThat(fromStranger(me).status()).as("after Redis is back").isEqualTo(200);

    assertThat(post("/api/auth/logout", "", "Cookie", "pb_session=" + token).status())
        .isEqualTo(204);
    Reply after = fromStranger(me);
    assertThat(after.status()).isEqualTo(401);
    assertThat(after.problemCode()).isEqualTo("unauthenticated");
  }

  @Test
  void healthShowsTheStatusButNoDetailsOnThePublicPort() throws Exception {
    // health and readiness include the user-agent analyzer, built in the background from start-up
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!analyzerHealth.health(false).getStatus().equals(Status.UP)
        && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    Reply health = fromStranger(request("/actuator/health").GET().build());
    assertThat(health.status()).isEqualTo(200);
    assertThat(health.json().path("status").asString()).isEqualTo("UP");
    assertThat(health.json().has("components")).isFalse();
    assertThat(health.json().has("details")).isFalse();
    assertThat(health.body()).doesNotContain("version", "clusterId", "path");
    Reply readiness = fromStranger(request("/actuator/health/readiness").GET().build());
    assertThat(readiness.status()).isEqualTo(200);
    assertThat(readiness.json().has("components")).isFalse();
    assertThat(healthGroups.get("readiness").isMember("userAgentAnalyzer")).isTrue();
    assertThat(healthGroups.getPrimary().isMember("userAgentAnalyzer")).isTrue();
    assertThat(analyzerHealth.health(true).getStatus()).isEqualTo(Status.UP);
  }
}
