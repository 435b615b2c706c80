package dev.passbridge.platform.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.testsupport.TestInfrastructure;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every answer of a servlet service is a problem, also those Spring MVC never writes: Tomcat's own
 * 400 for a request line it refuses (sent here over a raw socket, as no HTTP client sends them),
 * what the container forwards to {@code /error}, and Spring's parameter errors.
 */
@SpringBootTest(
    classes = ErrorAnswersIT.App.class,
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = {
      "spring.application.name=error-answers-it",
      "spring.kafka.admin.auto-create=false"
    })
class ErrorAnswersIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** How often the POST handler ran. */
  static final AtomicInteger CREATED = new AtomicInteger();

  @LocalServerPort int port;

  @DynamicPropertySource
  static void infrastructure(DynamicPropertyRegistry registry) {
    TestInfrastructure.registerRedis(registry);
    TestInfrastructure.registerKafka(registry);
  }

  @SpringBootConfiguration
  @EnableAutoConfiguration(
      excludeName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
  static class App {
    @RestController
    @Validated
    static class Things {
      @GetMapping("/api/things")
      String byName(@RequestParam @Size(max = 5) String name) {
        return name;
      }

      @GetMapping("/api/things/{id}")
      String byId(@PathVariable UUID id) {
        return id.toString();
      }

      @PostMapping("/api/things")
      Map<String, Object> create(@RequestBody Map<String, String> thing) {
        CREATED.incrementAndGet();
        return Map.of("name", thing.get("name"), "size", thing.get("padding").length());
      }
    }
  }

  record Answer(int status, String contentType, String body) {
    JsonNode json() {
      return JSON.readTree(body);
    }
  }

  /** Sends the request line as it is, byte for byte. */
  private Answer raw(String method, String target, String accept) throws IOException {
    return raw(method, target, "Accept: " + accept + "\r\n", new byte[0]);
  }

  /**
   * Sends a JSON body in chunks of 8 KiB (no {@code Content-Length}), as a client streaming it
   * would.
   */
  private Answer chunked(String json) throws IOException {
    return chunked("/api/things", "Origin: http://localhost:8080\r\n", json);
  }

  private Answer chunked(String target, String originHeader, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    var chunks = new java.io.ByteArrayOutputStream();
    for (int at = 0; at < body.length; at += 8192) {
      int size = Math.min(8192, body.length - at);
      chunks.write((Integer.toHexString(size) + "\r\n").getBytes(StandardCharsets.ISO_8859_1));
      chunks.write(body, at, size);
      chunks.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    }
    chunks.write("0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
    return raw(
        "POST",
        target,
        originHeader + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n",
        chunks.toByteArray());
  }

  private Answer raw(String method, String target, String headers, byte[] content)
      throws IOException {
    try (Socket socket = new Socket("127.0.0.1", port)) {
      socket.setSoTimeout(10_000);
      OutputStream out = socket.getOutputStream();
      out.write(
          (method
                  + " "
                  + target
                  + " HTTP/1.1\r\nHost: localhost\r\n"
                  + headers
                  + "Connection: close\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.write(content);
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      int headEnd = answer.indexOf("\r\n\r\n");
      String head = answer.substring(0, headEnd);
      String body = answer.substring(headEnd + 4);
      int status = Integer.parseInt(head.substring(9, 12));
      String contentType = "";
      for (String line : head.split("\r\n")) {
        if (line.toLowerCase(Locale.ROOT).startsWith("content-type:")) {
          contentType = line.substring("content-type:".length()).trim();
        }
      }
      if (head.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
        body = unchunk(body);
      }
      return new Answer(status, contentType, body);
    }
  }

  private static String unchunk(String chunked) {
    StringBuilder body = new StringBuilder();
    int at = 0;
    while (true) {
      int lineEnd = chunked.indexOf("\r\n", at);
      int size = Integer.parseInt(chunked.substring(at, lineEnd).trim(), 16);
      if (size == 0) {
        return body.toString();
      }
      body.append(chunked, lineEnd + 2, lineEnd + 2 + size);
      at = lineEnd + 2 + size + 2;
    }
  }

  @ParameterizedTest(name = "{0} {1} (Accept {2}) → {3} {4}")
  @CsvSource(
      delimiter = ' ',
      value = {
        // request lines Tomcat refuses before any filter or servlet runs
        "GET /api/things?name=[ text/html 400 malformed-request",
        "GET /api/things?name=| */* 400 malformed-request",
        "GET /api/things/%ff text/html 400 malformed-request",
        "GET /api/things/a%2Fb */* 400 malformed-request",
        "GET /api/things/a%00b */* 400 malformed-request",
        // what the container forwards to /error, and /error itself
        "TRACE /api/things text/html 405 method-not-allowed",
        "GET /error text/html 404 not-found",
        "GET /nothing-here text/html 404 not-found",
        // Spring's own parameter errors
        "GET /api/things */* 400 validation-failed",
        "GET /api/things/not-a-uuid */* 400 validation-failed",
        "GET /api/things?name=toolong */* 400 validation-failed"
      })
  void answersAProblem(String method, String target, String accept, int status, String code)
      throws IOException {
    Answer answer = raw(method, target, accept);
    assertThat(answer.status()).as(answer.body()).isEqualTo(status);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    JsonNode problem = answer.json();
    assertThat(problem.path("code").asString()).isEqualTo(code);
    assertThat(problem.path("type").asString())
        .isEqualTo("https://passbridge.dev/problems/" + code);
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(answer.body()).doesNotContain("Tomcat", "<html", "timestamp", "Whitelabel");
  }

  @ParameterizedTest(name = "Accept {1} on {0} → 406 not-acceptable")
  @CsvSource(
      delimiter = ' ',
      value = {
        "/api/things?name=a @@@;;",
        "/api/things/not-a-uuid text",
        "/nothing-here application/json;q=",
        "/error /json"
      })
  void anAcceptThatCannotBeReadIsAProblemOnEveryPath(String target, String accept)
      throws IOException {
    Answer answer = raw("GET", target, accept);
    assertThat(answer.status()).as(answer.body()).isEqualTo(406);
    assertThat(answer.contentType()).startsWith("application/problem+json");
    assertThat(answer.json().path("code").asString()).isEqualTo("not-acceptable");
  }

  @Test
  void aStreamedBodyIsReadUpToTheLimitAndOneOverItIsRefusedBeforeTheHandler() throws IOException {
    int before = CREATED.get();
    Answer small = chunked("{\"name\":\"small\",\"padding\":\"" + "x".repeat(20_000) + "\"}");
    assertThat(small.status()).as(small.body()).isEqualTo(200);
    assertThat(small.json().path("name").asString()).isEqualTo("small");
    assertThat(small.json().path("size").asInt()).isEqualTo(20_000);
    assertThat(CREATED.get()).isEqualTo(before + 1);

    // 64 KB is the services' default limit (passbridge.web.max-request-size)
    Answer large = chunked("{\"name\":\"large\",\"padding\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(large.status()).as(large.body()).isEqualTo(413);
    assertThat(large.contentType()).startsWith("application/problem+json");
    assertThat(large.json().path("code").asString()).isEqualTo("payload-too-large");
    assertThat(CREATED.get()).as("the handler did not run").isEqualTo(before + 1);

    Answer exact = chunked("{\"name\":\"exact\",\"padding\":\"" + "x".repeat(65_536 - 29) + "\"}");
    assertThat(exact.status()).as("exactly the limit").isEqualTo(200);
  }

  /**
   * Spring MVC matches decoded, normalised paths, so each of these spellings reaches the handler of
   * {@code POST /api/things} (or would): none of them skips the Origin rule or the size limit.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "/%61pi/things",
    "/%61%70%69/things",
    "/api/./things",
    "//api/things",
    "/x/../api/things"
  })
  void noSpellingOfAPathSkipsTheOriginRuleOrTheSizeLimit(String target) throws IOException {
    int before = CREATED.get();
    Answer foreign =
        chunked(target, "Origin: https://evil.example\r\n", "{\"name\":\"x\",\"padding\":\"y\"}");
    assertThat(foreign.status()).as(foreign.body()).isEqualTo(403);
    assertThat(foreign.json().path("code").asString()).isEqualTo("origin-not-allowed");

    Answer large =
        chunked(
            target,
            "Origin: http://localhost:8080\r\n",
            "{\"name\":\"large\",\"padding\":\"" + "x".repeat(70_000) + "\"}");
    assertThat(large.status()).as(large.body()).isEqualTo(413);
    assertThat(CREATED.get()).as("the handler did not run").isEqualTo(before);
  }

  @ParameterizedTest(name = "{0} names {1}")
  @CsvSource(
      delimiter = ' ',
      value = {"/api/things name", "/api/things/not-a-uuid id", "/api/things?name=toolong name"})
  void namesTheParameterNotTheMethod(String target, String field) throws IOException {
    JsonNode errors = raw("GET", target, "*/*").json().path("errors");
    assertThat(errors.propertyNames()).containsExactly(field);
  }
}
