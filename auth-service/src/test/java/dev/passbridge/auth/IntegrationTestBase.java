package dev.passbridge.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jwt.SignedJWT;
import dev.passbridge.auth.fakes.MutableClock;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.testsupport.TestInfrastructure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One application context for all integration tests (same configuration, so Spring's context cache
 * shares it): the real embedded Kafka broker, a real Redis and a fresh PostgreSQL database, with
 * tight rate limits and a clock the tests can move forward. Requests go over real HTTP; each one
 * comes from its own random client address ({@code X-Forwarded-For}) unless a test picks one, so
 * the per-IP limit only bites where a test means it to. The test client plays the gateway: its
 * address (127.0.0.1) is the one trusted proxy; a stranger connects from 127.0.0.2.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.config.name=auth-service",
      "spring.application.name=auth-service-it",
      "passbridge.auth.login.attempts-per-ip=6",
      "passbridge.auth.login.failures-per-username=4",
      "passbridge.auth.login.failures-before-delay=3",
      "passbridge.auth.accounts.registrations-per-ip=1000",
      "passbridge.auth.session.exchange-wait=3s",
      "passbridge.auth.keys.check-interval=10m",
      "passbridge.auth.keys.publish-lead=1h",
      "passbridge.auth.keys.rotation-period=30d",
      "passbridge.web.trusted-proxies=127.0.0.1",
      // Connect clients (secrets: ConnectApiIT): shop and outlet share the tenant "shop"
      "passbridge.connect.clients[0].client-id=shop",
      "passbridge.connect.clients[0].secret-hashes[0]="
          + "sha256:1c8ec5c8aa1e2b5cbcd4ba0f0a3d1c5c6f83b7c0a09a7c4bd1bfbcf1ee0a4e7b",
      "passbridge.connect.clients[0].secret-hashes[1]=" + ConnectApiIT.SHOP_HASH,
      "passbridge.connect.clients[0].origins[0]=http://localhost:8090",
      "passbridge.connect.clients[0].requests-per-minute=10000",
      "passbridge.connect.clients[1].client-id=outlet",
      "passbridge.connect.clients[1].secret-hashes[0]=" + ConnectApiIT.OUTLET_HASH,
      "passbridge.connect.clients[1].origins[0]=http://localhost:8091",
      "passbridge.connect.clients[1].tenant=shop",
      "passbridge.connect.clients[1].requests-per-minute=10000",
      "passbridge.connect.clients[2].client-id=forum",
      "passbridge.connect.clients[2].secret-hashes[0]=" + ConnectApiIT.FORUM_HASH,
      "passbridge.connect.clients[2].origins[0]=http://localhost:8092",
      "passbridge.connect.clients[2].requests-per-minute=10000",
      "passbridge.connect.clients[3].client-id=tiny",
      "passbridge.connect.clients[3].secret-hashes[0]=" + ConnectApiIT.TINY_HASH,
      "passbridge.connect.clients[3].origins[0]=http://localhost:8093",
      "passbridge.connect.clients[3].requests-per-minute=3",
      // required outside the local profile: the signing keys are sealed at rest
      "passbridge.auth.keys.encryption-key=kT7yPq2VmX9cN4rJ1wE6sB0dH3gL8aZ5uF2oI7vR4nY=",
      // required outside the local profile: the username digest in the login limits' keys
      "passbridge.auth.login.username-hmac-key=" + IntegrationTestBase.USERNAME_HMAC_KEY
    })
@Import(TestClockConfiguration.class)
public abstract class IntegrationTestBase {
  /** The IT context's {@code passbridge.auth.login.username-hmac-key}. */
  public static final String USERNAME_HMAC_KEY = "Neg8MWhJ5Yy24jYsTWMciZmek9n1MAV6qeFPzJxa+Jk=";

  public static final String ORIGIN = "http://localhost:8080";
  public static final String CHROME_WINDOWS =
      "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
          + " Chrome/136.0.0.0 Safari/537.36";
  protected static final JsonMapper JSON = JsonMapper.builder().build();

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerKafka(registry);
    TestInfrastructure.registerRedis(registry);
    TestInfrastructure.registerPostgres(registry, "auth");
  }

  @LocalServerPort protected int port;
  @Autowired protected MutableClock clock;
  @Autowired protected EventPublisher publisher;
  @Autowired protected StringRedisTemplate redis;
  @Autowired protected JdbcClient jdbc;

  @Autowired private KafkaListenerEndpointRegistry listeners;

  /**
   * Every running listener has its partitions before a test publishes. The two listeners share one
   * consumer group, so when a context starts (Spring's test context cache closes and re-creates
   * them) the second one's join is a rebalance the first one learns of only at its next heartbeat
   * (3 s): an event published meanwhile waits, and a session exchange bounded at 3 s gave up before
   * the login appeared (seen once in CI in {@code PasskeyEventsIT}).
   */
  @BeforeEach
  void listenersHaveTheirPartitions() {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(50))
        .until(
            () ->
                listeners.getListenerContainers().stream()
                    .filter(MessageListenerContainer::isRunning)
                    .allMatch(
                        c ->
                            c.getAssignedPartitions() != null
                                && !c.getAssignedPartitions().isEmpty()));
  }

  protected final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  protected static String bootstrap() {
    return TestInfrastructure.kafkaBootstrapServers();
  }

  protected static String randomIp() {
    var r = ThreadLocalRandom.current();
    return "10." + r.nextInt(256) + "." + r.nextInt(256) + "." + (1 + r.nextInt(254));
  }

  protected static String uniqueName(String prefix) {
    return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** An HTTP answer with its body parsed when it is JSON. */
  public record Reply(int status, Map<String, List<String>> headers, String body) {
    public JsonNode json() {
      return JSON.readTree(body);
    }

    public Optional<String> header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .flatMap(e -> e.getValue().stream())
          .findFirst();
    }

    /** The problem type's last path segment, e.g. {@code invalid-credentials}. */
    public String problemCode() {
      String type = json().path("type").asString();
      return type.substring(type.lastIndexOf('/') + 1);
    }
  }

  protected HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .timeout(Duration.ofSeconds(20));
  }

  protected Reply send(HttpRequest request) {
    try {
      HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Reply(r.statusCode(), r.headers().map(), r.body());
    } catch (Exception e) {
      throw new AssertionError("request failed: " + request.uri(), e);
    }
  }

  protected Reply post(String path, String body, String... headers) {
    var b =
        request(path)
            .header("Content-Type", "application/json")
            .header("Origin", ORIGIN)
            .header("X-Forwarded-For", randomIp())
            .POST(HttpRequest.BodyPublishers.ofString(body));
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  protected Reply postJson(String path, Object body, String... headers) {
    return post(path, JSON.writeValueAsString(body), headers);
  }

  protected Reply get(String path, String... headers) {
    var b = request(path).GET();
    for (int i = 0; i + 1 < headers.length; i += 2) {
      b.setHeader(headers[i], headers[i + 1]);
    }
    return send(b.build());
  }

  // --- the flow, step by step ---

  protected static final String PHONE = "+4915112345678";

  protected UUID register(String username, String password) {
    Reply r =
        postJson(
            "/api/auth/register",
            Map.of(
                "username", username,
                "password", password,
                "phone", PHONE,
                "displayName", "Tester " + username));
    assertThat(r.status()).as(r.body()).isEqualTo(201);
    return UUID.fromString(r.json().path("userId").asString());
  }

  protected Reply login(String username, String password, String... headers) {
    Map<String, Object> client = new LinkedHashMap<>();
    client.put("autofilled", true);
    client.put(
        "capabilities", Map.of("conditionalCreate", true, "passkeyPlatformAuthenticator", true));
    client.put("hints", Map.of("platform", "Windows", "platformVersion", "15.0.0"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("username", username);
    body.put("password", password);
    body.put("client", client);
    String[] all = new String[headers.length + 2];
    all[0] = "User-Agent";
    all[1] = CHROME_WINDOWS;
    System.arraycopy(headers, 0, all, 2, headers.length);
    Reply r = postJson("/api/auth/login", body, all);
    if (r.status() == 200) {
      // kept as a browser's cookie jar keeps it, for this login's session request
      setCookie(r, "pb_login")
          .ifPresent(token -> bindings.put(r.json().path("loginId").asString(), token));
    }
    return r;
  }

  /** Each password login's browser binding ({@code pb_login}), as the login's browser holds it. */
  private final Map<String, String> bindings = new java.util.concurrent.ConcurrentHashMap<>();

  /** The binding cookie a password login of this test got, if any. */
  protected String binding(String loginId) {
    return bindings.get(loginId);
  }

  /** The value of cookie {@code name} among an answer's Set-Cookie headers. */
  protected static Optional<String> setCookie(Reply r, String name) {
    return setCookieHeader(r, name).map(c -> c.substring(name.length() + 1, c.indexOf(';')));
  }

  /** The whole Set-Cookie header of cookie {@code name}, attributes included. */
  protected static Optional<String> setCookieHeader(Reply r, String name) {
    return r.headers().entrySet().stream()
        .filter(e -> e.getKey().equalsIgnoreCase("Set-Cookie"))
        .flatMap(e -> e.getValue().stream())
        .filter(c -> c.startsWith(name + "="))
        .findFirst();
  }

  protected String loginId(String username, String password) {
    Reply r = login(username, password);
    assertThat(r.status()).as(r.body()).isEqualTo(200);
    return r.json().path("loginId").asString();
  }

  protected void publish(PassbridgeEvent event) {
    publisher.publishAndWait(event);
  }

  protected OtpVerified otpVerified(UUID userId, String loginId) {
    return new OtpVerified(UUID.randomUUID(), clock.instant(), userId, loginId, "SMS");
  }

  /** The session request of the browser that logged in (its binding cookie, if it got one). */
  protected Reply session(String loginId) {
    String binding = bindings.get(loginId);
    return binding == null
        ? postJson("/api/auth/session", Map.of("loginId", loginId))
        : postJson(
            "/api/auth/session", Map.of("loginId", loginId), "Cookie", "pb_login=" + binding);
  }

  /** A session request for {@code loginId} from another client: no cookie, or the ones given. */
  protected Reply sessionFromElsewhere(String loginId, String... headers) {
    return postJson("/api/auth/session", Map.of("loginId", loginId), headers);
  }

  /** The {@code pb_session} cookie's value from a Set-Cookie header. */
  protected static String sessionCookie(Reply r) {
    String setCookie = r.header("Set-Cookie").orElseThrow(() -> new AssertionError("no cookie"));
    assertThat(setCookie).startsWith("pb_session=");
    return setCookie.substring("pb_session=".length(), setCookie.indexOf(';'));
  }

  protected Reply me(String token) {
    return get("/api/me", "Cookie", "pb_session=" + token);
  }

  /** Logs in completely (register, password, OTP event, session) and returns the token. */
  protected String fullLogin(String username, String password) {
    UUID userId = register(username, password);
    String loginId = loginId(username, password);
    publish(otpVerified(userId, loginId));
    Reply s = session(loginId);
    assertThat(s.status()).as(s.body()).isEqualTo(200);
    return sessionCookie(s);
  }

  /** Another device of the same user: a new login of the account to a session. */
  protected String anotherSession(UUID userId, String username, String password) {
    String loginId = loginId(username, password);
    publish(otpVerified(userId, loginId));
    Reply s = session(loginId);
    assertThat(s.status()).as(s.body()).isEqualTo(200);
    return sessionCookie(s);
  }

  /** How many account rows have this id (0 or 1). */
  protected long accountRows(UUID userId) {
    return jdbc.sql("select count(*) from user_account where id = ?")
        .param(userId)
        .query(Long.class)
        .single();
  }

  /** Verifies a token against the keys served at {@code /.well-known/jwks.json}. */
  protected SignedJWT verifyAgainstJwks(String token) throws Exception {
    Reply jwks = get("/.well-known/jwks.json");
    assertThat(jwks.status()).isEqualTo(200);
    SignedJWT jwt = SignedJWT.parse(token);
    ECKey key = (ECKey) JWKSet.parse(jwks.body()).getKeyByKeyId(jwt.getHeader().getKeyID());
    assertThat(key).as("kid %s in the JWKS", jwt.getHeader().getKeyID()).isNotNull();
    assertThat(key.isPrivate()).isFalse();
    assertThat(jwt.verify(new ECDSAVerifier(key))).isTrue();
    return jwt;
  }
}
