package dev.passbridge.production.support;

import dev.passbridge.testsupport.SessionTokens;
import dev.passbridge.testsupport.TestInfrastructure;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Passbridge in its production shape, on this machine: a 3-node KRaft cluster (three processes), a
 * Redis server with a password, one fresh PostgreSQL database per service that has one, a stub SMS
 * provider, two instances of every service (each its own process from its executable jar, the
 * production profile, configured by environment variables only) and a round-robin load balancer in
 * front of the two gateways. Everything is undone by {@link Cleanup}.
 */
public final class ProductionSystem {
  public static final List<String> SERVICES =
      List.of("auth-service", "otp-service", "intelligence-service", "passkey-service", "gateway");
  public static final int INSTANCES = 2;

  private final Path dir;
  private final KafkaCluster kafka;
  private final Redis redis;
  private final SmsProvider sms;
  private final OtpCodes codes;
  private final RoundRobin balancer;
  private final Map<String, List<ServiceInstance>> instances = new LinkedHashMap<>();
  private final Map<String, String> databases = new LinkedHashMap<>();
  private final Map<String, Duration> readyAfter = new LinkedHashMap<>();
  private final Duration kafkaStartup;

  public ProductionSystem(Path dir, Path jars) throws Exception {
    this.dir = dir;
    SecureRandom random = new SecureRandom();
    Path logs = dir.resolve("logs");

    long t0 = System.nanoTime();
    kafka = new KafkaCluster(dir);
    kafka.start();
    // secrets of this deployment, generated per run and passed only by environment
    String redisPassword = secret(random, 24);
    byte[] key = new byte[32];
    random.nextBytes(key);
    String otpKey = Base64.getEncoder().encodeToString(key); // base64, >= 32 bytes
    random.nextBytes(key);
    String signingKeysKey = Base64.getEncoder().encodeToString(key); // AES-256, keys sealed at rest
    random.nextBytes(key);
    String usernameKey = Base64.getEncoder().encodeToString(key); // login limits' username HMAC
    String smsUser = "passbridge-" + random.nextInt(1000);
    String smsPassword = secret(random, 24);
    String dbPassword = secret(random, 16); // trust authentication ignores it; a deployment has one
    redis = new Redis(dir.resolve("redis"), redisPassword);
    codes = new OtpCodes(Base64.getDecoder().decode(otpKey), redis.port(), redisPassword);
    sms = new SmsProvider(TestInfrastructure.freePort(), smsUser, smsPassword);
    databases.put("auth-service", Databases.create("auth"));
    databases.put("passkey-service", Databases.create("passkey"));

    Map<String, List<Integer>> ports = new LinkedHashMap<>();
    for (String service : SERVICES) {
      List<Integer> p = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        p.add(TestInfrastructure.freePort());
      }
      ports.put(service, p);
    }
    balancer =
        new RoundRobin(
            TestInfrastructure.freePort(),
            ports.get("gateway").stream().map(p -> "http://127.0.0.1:" + p).toList());
    String origin = balancer.url();
    kafka.awaitReady(Duration.ofSeconds(120));
    kafkaStartup = Duration.ofNanos(System.nanoTime() - t0);

    Map<String, String> common = new LinkedHashMap<>();
    common.put("SPRING_KAFKA_BOOTSTRAPSERVERS", kafka.bootstrapServers());
    common.put("PASSBRIDGE_KAFKA_PARTITIONS", "3");
    common.put("PASSBRIDGE_KAFKA_REPLICATIONFACTOR", "3");
    common.put("PASSBRIDGE_KAFKA_MININSYNCREPLICAS", "2");
    // a killed instance's partitions move to the survivors after 6 s (the broker's minimum), not 45
    // s
    common.put("SPRING_KAFKA_CONSUMER_PROPERTIES_SESSION_TIMEOUT_MS", "6000");
    common.put("SPRING_KAFKA_CONSUMER_PROPERTIES_HEARTBEAT_INTERVAL_MS", "1000");
    common.put("SPRING_KAFKA_STREAMS_PROPERTIES_SESSION_TIMEOUT_MS", "6000");
    common.put("SPRING_KAFKA_STREAMS_PROPERTIES_HEARTBEAT_INTERVAL_MS", "1000");
    common.put("PASSBRIDGE_WEB_ALLOWEDORIGINS", origin);
    common.put("PASSBRIDGE_WEB_TRUSTEDPROXIES", "127.0.0.0/8,::1/128");
    common.put("SERVER_ADDRESS", "127.0.0.1");
    // the services fetch the session keys through the load balancer (gateway -> auth-service)
    common.put("PASSBRIDGE_SESSION_JWKSURI", origin + "/.well-known/jwks.json");
    Map<String, String> redisEnv =
        Map.of(
            "SPRING_DATA_REDIS_HOST",
            "127.0.0.1",
            "SPRING_DATA_REDIS_PORT",
            String.valueOf(redis.port()),
            "SPRING_DATA_REDIS_PASSWORD",
            redisPassword);

    StringBuilder discovery =
        new StringBuilder("{\"spring\":{\"cloud\":{\"discovery\":{\"client\":");
    discovery.append("{\"simple\":{\"instances\":{");
    List<String> lists = new ArrayList<>();
    for (String service : SERVICES) {
      if (!service.equals("gateway")) {
        lists.add(
            "\""
                + service
                + "\":["
                + String.join(
                    ",",
                    ports.get(service).stream()
                        .map(p -> "{\"uri\":\"http://127.0.0.1:" + p + "\"}")
                        .toList())
                + "]");
      }
    }
    discovery.append(String.join(",", lists)).append("}}}}}}}");

    for (String service : SERVICES) {
      List<ServiceInstance> list = new ArrayList<>();
      for (int i = 0; i < INSTANCES; i++) {
        int port = ports.get(service).get(i);
        Map<String, String> env = new LinkedHashMap<>();
        env.put("SERVER_PORT", String.valueOf(port));
        switch (service) {
          case "auth-service" -> {
            env.putAll(common);
            env.putAll(redisEnv);
            env.put("SPRING_DATASOURCE_URL", databases.get(service));
            env.put("SPRING_DATASOURCE_USERNAME", Databases.USER);
            env.put("SPRING_DATASOURCE_PASSWORD", dbPassword);
            env.put("PASSBRIDGE_AUTH_DB_PASSWORD", dbPassword);
            env.put("PASSBRIDGE_AUTH_KEYS_ENCRYPTIONKEY", signingKeysKey);
            env.put("PASSBRIDGE_AUTH_LOGIN_USERNAMEHMACKEY", usernameKey); // same on both instances
          }
          case "otp-service" -> {
            env.putAll(common);
            env.putAll(redisEnv);
            env.put("PASSBRIDGE_OTP_HMACKEY", otpKey);
            env.put("PASSBRIDGE_OTP_SMS_SENDER", "http");
            env.put("PASSBRIDGE_OTP_SMS_PROVIDER_URL", sms.url());
            env.put("PASSBRIDGE_OTP_SMS_PROVIDER_USERNAME", smsUser);
            env.put("PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD", smsPassword);
          }
          case "intelligence-service" -> {
            env.putAll(common);
            // logged-out sessions are read from Redis by every service with a session route
            env.putAll(redisEnv);
            env.put(
                "PASSBRIDGE_INTELLIGENCE_STATEDIR",
                Files.createDirectories(dir.resolve("streams").resolve("intelligence-" + port))
                    .toString());
          }
          case "passkey-service" -> {
            env.putAll(common);
            env.putAll(redisEnv);
            env.put("SPRING_DATASOURCE_URL", databases.get(service));
            env.put("SPRING_DATASOURCE_USERNAME", Databases.USER);
            env.put("SPRING_DATASOURCE_PASSWORD", dbPassword);
            env.put("PASSBRIDGE_PASSKEY_DB_PASSWORD", dbPassword);
            // a per-run login-result signing key, as a JWK (docs/services/passkey-service.md)
            env.put(
                "PASSBRIDGE_LOGIN_RESULT_KEY", SessionTokens.newKey("login-result").toJSONString());
            env.put("PASSBRIDGE_PASSKEY_RP_ID", "localhost");
            env.put("PASSBRIDGE_PASSKEY_ORIGINS", origin);
          }
          case "gateway" -> {
            env.putAll(redisEnv);
            env.put("MANAGEMENT_SERVER_PORT", String.valueOf(TestInfrastructure.freePort()));
            env.put("SERVER_ADDRESS", "127.0.0.1");
            env.put("PASSBRIDGE_WEB_ALLOWEDORIGINS", origin);
            env.put("PASSBRIDGE_WEB_TRUSTEDPROXIES", "127.0.0.0/8,::1/128");
            env.put("PASSBRIDGE_GATEWAY_CLIENTADDRESS_TRUSTEDPROXYHOPS", "1");
            env.put("PASSBRIDGE_SESSION_JWKSURI", "lb://auth-service/.well-known/jwks.json");
            // map keys with dashes (auth-service) cannot be spelled as
            // SPRING_CLOUD_..._INSTANCES_<ID>
            // variables, so the instance lists come as SPRING_APPLICATION_JSON (as
            // docker-compose.yml)
            env.put("SPRING_APPLICATION_JSON", discovery.toString());
          }
          default -> throw new IllegalArgumentException(service);
        }
        list.add(
            new ServiceInstance(
                service,
                service + "-" + (char) ('a' + i),
                jars.resolve(service + ".jar"),
                port,
                env,
                logs));
      }
      instances.put(service, list);
    }
    List<ServiceInstance> all = instances.values().stream().flatMap(List::stream).toList();
    for (ServiceInstance instance : all) {
      instance.start();
    }
    Map<ServiceInstance, Duration> waited = awaitReady(all, Duration.ofSeconds(300));
    waited.forEach((instance, d) -> readyAfter.put(instance.name(), d));
  }

  /** Waits for every instance in parallel; the time each took to be ready. */
  public static Map<ServiceInstance, Duration> awaitReady(
      List<ServiceInstance> list, Duration timeout) throws Exception {
    Map<ServiceInstance, Duration> result = new LinkedHashMap<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Map<ServiceInstance, Future<Duration>> futures = new LinkedHashMap<>();
      for (ServiceInstance instance : list) {
        futures.put(instance, pool.submit((Callable<Duration>) () -> instance.awaitReady(timeout)));
      }
      for (var e : futures.entrySet()) {
        result.put(e.getKey(), e.getValue().get());
      }
    }
    return result;
  }

  private static String secret(SecureRandom random, int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(b);
  }

  public KafkaCluster kafka() {
    return kafka;
  }

  public SmsProvider sms() {
    return sms;
  }

  public OtpCodes codes() {
    return codes;
  }

  public RoundRobin balancer() {
    return balancer;
  }

  public String url() {
    return balancer.url();
  }

  public List<ServiceInstance> instances(String service) {
    return instances.get(service);
  }

  public Map<String, String> databases() {
    return databases;
  }

  public Map<String, Duration> readyAfter() {
    return readyAfter;
  }

  public Duration kafkaStartup() {
    return kafkaStartup;
  }

  public Path dir() {
    return dir;
  }
}
