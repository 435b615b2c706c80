package dev.passbridge.production.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.passbridge.journeysupport.EventCheck;
import dev.passbridge.journeysupport.Flow;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A stand-in for the SMS provider otp-service's HTTP adapter talks to (the provider contract of
 * docs/services/otp-service.md): {@code POST /messages} with HTTP Basic credentials, a JSON body
 * {@code {to, from, text, reference}} and an {@code Idempotency-Key}; answers 202. It keeps every
 * message per recipient, and deduplicates by the key as a real provider does (a retried attempt is
 * one SMS).
 */
public final class SmsProvider implements EventCheck.SmsByPhone, AutoCloseable {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final Pattern CODE = Pattern.compile("(?<!\\d)(\\d{6})(?!\\d)");

  /** One SMS as the provider would deliver it. */
  public record Sms(String key, String to, String code) {}

  private final HttpServer server;
  private final String authorization;
  private final Map<String, List<Sms>> byPhone = new ConcurrentHashMap<>();
  private final Set<String> keys = ConcurrentHashMap.newKeySet();
  private final Set<String> claimed = ConcurrentHashMap.newKeySet();
  private final Map<String, Integer> claimedByPhone = new ConcurrentHashMap<>();
  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong refused = new AtomicLong();

  public SmsProvider(int port, String username, String password) throws IOException {
    authorization =
        "Basic "
            + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 50);
    server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
    server.createContext("/messages", this::handle);
    server.start();
    Cleanup.onEnd(this::close);
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/messages";
  }

  private void handle(HttpExchange exchange) throws IOException {
    try (exchange) {
      requests.incrementAndGet();
      byte[] body = exchange.getRequestBody().readAllBytes();
      String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
      if (!"POST".equals(exchange.getRequestMethod())
          || !authorization.equals(exchange.getRequestHeaders().getFirst("Authorization"))
          || key == null) {
        refused.incrementAndGet();
        exchange.sendResponseHeaders(401, -1);
        return;
      }
      JsonNode message = JSON.readTree(body);
      Matcher code = CODE.matcher(message.path("text").asString(""));
      if (keys.add(key)) {
        byPhone
            .computeIfAbsent(
                message.path("to").asString(),
                k -> java.util.Collections.synchronizedList(new ArrayList<>()))
            .add(new Sms(key, message.path("to").asString(), code.find() ? code.group(1) : null));
      }
      byte[] answer =
          ("{\"id\":\"" + UUID.randomUUID() + "\",\"status\":\"accepted\"}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(202, answer.length);
      exchange.getResponseBody().write(answer);
    }
  }

  /**
   * The first SMS to {@code phone}, not claimed yet, whose code {@code belongs} (to the caller's
   * login); claims it. Null if none has arrived yet.
   */
  public Sms claim(String phone, java.util.function.Predicate<String> belongs) {
    List<Sms> list = byPhone.get(phone);
    if (list == null) {
      return null;
    }
    List<Sms> candidates;
    synchronized (list) {
      candidates = List.copyOf(list);
    }
    for (Sms sms : candidates) {
      if (sms.code() != null && !claimed.contains(sms.key()) && belongs.test(sms.code())) {
        claimed.add(sms.key());
        claimedByPhone.merge(phone, 1, Integer::sum);
        return sms;
      }
    }
    return null;
  }

  /**
   * The user's phone for {@link Flow}: the code of a login is the SMS to the user's number whose
   * code is this login's ({@code codes} tells; a login attempt answered "try again" may have sent
   * one too), claimed as it is read.
   */
  public Flow.SmsInbox inbox(OtpCodes codes) {
    return (phone, loginId) -> {
      Sms message = claim(phone, code -> codes.belongs(loginId, code));
      return message == null ? null : message.code();
    };
  }

  /** SMS to a phone that a login of the user claimed (read and used). */
  @Override
  public int claimed(String phone) {
    return claimedByPhone.getOrDefault(phone, 0);
  }

  /** Distinct SMS (by idempotency key) sent to a phone. */
  @Override
  public int count(String phone) {
    List<Sms> list = byPhone.get(phone);
    if (list == null) {
      return 0;
    }
    synchronized (list) {
      return new LinkedHashSet<>(list).size();
    }
  }

  public long requests() {
    return requests.get();
  }

  public long refused() {
    return refused.get();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
