package dev.passbridge.gateway.support;

import dev.passbridge.testsupport.TestInfrastructure;
import dev.passbridge.testsupport.TestSessions;
import java.util.List;
import java.util.UUID;
import org.springframework.test.context.DynamicPropertyRegistry;

/**
 * Stub instances of the four services, shared by every integration test in the JVM: two
 * auth-service instances (load balancing; both serve the test JWKS), one each of otp-service and
 * passkey-service, and intelligence-service as one dead and one live instance (retry tests).
 */
public final class Backends {
  private Backends() {}

  public static final TestSessions SESSIONS = new TestSessions("test-key-1");
  public static final StubService AUTH_1 = StubService.start("auth-1");
  public static final StubService AUTH_2 = StubService.start("auth-2");
  public static final StubService OTP = StubService.start("otp-1");
  public static final StubService PASSKEY = StubService.start("passkey-1");
  public static final StubService INSIGHTS = StubService.start("insights-1");

  /** A port nothing listens on: an intelligence-service instance that is down. */
  public static final int DEAD_PORT = TestInfrastructure.freePort();

  static {
    serveJwks(SESSIONS);
  }

  public static List<StubService> all() {
    return List.of(AUTH_1, AUTH_2, OTP, PASSKEY, INSIGHTS);
  }

  public static void resetAll() {
    all().forEach(StubService::reset);
  }

  /** Both auth instances publish these keys from now on. */
  public static void serveJwks(TestSessions... keys) {
    StubService.Response jwks = StubService.Response.json(200, TestSessions.jwksJson(keys));
    AUTH_1.respond("GET /.well-known/jwks.json", jwks);
    AUTH_2.respond("GET /.well-known/jwks.json", jwks);
  }

  public static int totalReceived() {
    return all().stream().mapToInt(s -> s.received().size()).sum();
  }

  public static String userSession(UUID userId) {
    return SESSIONS.session(userId, "login-" + UUID.randomUUID(), List.of("user"));
  }

  public static String adminSession(UUID userId) {
    return SESSIONS.session(userId, "login-" + UUID.randomUUID(), List.of("user", "admin"));
  }

  public static void register(DynamicPropertyRegistry registry) {
    String simple = "spring.cloud.discovery.client.simple.instances.";
    registry.add(simple + "auth-service[0].uri", AUTH_1::uri);
    registry.add(simple + "auth-service[1].uri", AUTH_2::uri);
    registry.add(simple + "otp-service[0].uri", OTP::uri);
    registry.add(simple + "passkey-service[0].uri", PASSKEY::uri);
    registry.add(simple + "intelligence-service[0].uri", () -> "http://127.0.0.1:" + DEAD_PORT);
    registry.add(simple + "intelligence-service[1].uri", INSIGHTS::uri);
  }
}
