package dev.passbridge.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpConnectionTest {
  private ServerSocket server;
  private final ConcurrentLinkedQueue<String> requests = new ConcurrentLinkedQueue<>();
  private final AtomicInteger connections = new AtomicInteger();

  /** A server that answers each request with the next canned response; null closes the socket. */
  private int serve(List<String> answers, boolean closeAfterEach) throws IOException {
    server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    Thread.ofPlatform()
        .daemon()
        .start(
            () -> {
              int next = 0;
              while (!server.isClosed()) {
                try (Socket s = server.accept()) {
                  connections.incrementAndGet();
                  BufferedReader in =
                      new BufferedReader(
                          new InputStreamReader(s.getInputStream(), StandardCharsets.ISO_8859_1));
                  OutputStream out = s.getOutputStream();
                  while (next < answers.size()) {
                    String request = readRequest(in);
                    if (request == null) {
                      break;
                    }
                    requests.add(request);
                    String answer = answers.get(next++);
                    if (answer == null) {
                      break; // close without answering
                    }
                    out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    out.flush();
                    if (closeAfterEach) {
                      break;
                    }
                  }
                } catch (IOException e) {
                  // next connection
                }
              }
            });
    return server.getLocalPort();
  }

  private static String readRequest(BufferedReader in) throws IOException {
    StringBuilder sb = new StringBuilder();
    String line;
    int length = 0;
    while ((line = in.readLine()) != null && !line.isEmpty()) {
      sb.append(line).append('\n');
      if (line.toLowerCase().startsWith("content-length:")) {
        length = Integer.parseInt(line.substring(15).trim());
      }
    }
    if (line == null) {
      return null;
    }
    char[] body = new char[length];
    int read = 0;
    while (read < length) {
      read += in.read(body, read, length - read);
    }
    return sb.append('\n').append(body).toString();
  }

  @AfterEach
  void stop() throws IOException {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void readsContentLengthAndChunkedBodiesOverOneKeptAliveConnection() throws Exception {
    int port =
        serve(
            List.of(
                "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{\"a\":\"bc\"}\n",
                "HTTP/1.1 201 Created\r\nTransfer-Encoding: chunked\r\n\r\n4\r\n{\"x\"\r\n3\r\n:1}\r\n0\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n"),
            false);
    try (HttpConnection c = new HttpConnection("127.0.0.1", port, 5000)) {
      HttpResponse first = c.exchange("GET", "/a", List.of("Accept", "application/json"), null);
      HttpResponse second = c.exchange("POST", "/b", List.of(), "{}".getBytes());
      HttpResponse third = c.exchange("DELETE", "/c", List.of(), null);
      assertThat(first.status()).isEqualTo(200);
      assertThat(first.bodyText()).isEqualTo("{\"a\":\"bc\"}\n");
      assertThat(first.header("content-type")).isEqualTo("application/json");
      assertThat(second.status()).isEqualTo(201);
      assertThat(second.bodyText()).isEqualTo("{\"x\":1}");
      assertThat(third.status()).isEqualTo(204);
      assertThat(third.body()).isEmpty();
    }
    assertThat(connections.get()).isEqualTo(1);
    List<String> seen = new ArrayList<>(requests);
    assertThat(seen.get(0))
        .startsWith("GET /a HTTP/1.1\nHost: 127.0.0.1:" + port)
        .contains("Accept: application/json");
    assertThat(seen.get(1)).contains("Content-Length: 2").endsWith("\n\n{}");
  }

  @Test
  void reopensAConnectionTheServerClosedWhileIdleAndSendsTheRequestAgain() throws Exception {
    int port =
        serve(
            List.of(
                "HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok",
                "HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nagain"),
            true);
    try (HttpConnection c = new HttpConnection("127.0.0.1", port, 5000)) {
      assertThat(c.exchange("GET", "/", List.of(), null).bodyText()).isEqualTo("ok");
      Thread.sleep(100);
      assertThat(c.exchange("POST", "/", List.of(), "x".getBytes()).bodyText()).isEqualTo("again");
    }
    assertThat(connections.get()).isEqualTo(2);
  }

  @Test
  void aConnectionClosedBeforeAnyAnswerOnAFreshSocketIsAnError() throws Exception {
    List<String> answers = new ArrayList<>();
    answers.add(null);
    int port = serve(answers, false);
    try (HttpConnection c = new HttpConnection("127.0.0.1", port, 5000)) {
      assertThatThrownBy(() -> c.exchange("POST", "/", List.of(), "x".getBytes()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void theAgentKeepsCookiesAndForgetsThemOnMaxAgeZero() throws Exception {
    int port =
        serve(
            List.of(
                "HTTP/1.1 200 OK\r\nSet-Cookie: pb_session=abc; Max-Age=3600; Path=/; Secure; HttpOnly\r\nContent-Length: 2\r\n\r\n{}",
                "HTTP/1.1 200 OK\r\nContent-Length: 13\r\n\r\n{\"seen\":true}",
                "HTTP/1.1 204 No Content\r\nSet-Cookie: pb_session=; Max-Age=0; Path=/\r\n\r\n"),
            false);
    Map<String, String> jar = Agent.newCookieJar();
    try (Agent agent =
        new Agent("http://127.0.0.1:" + port, "http://localhost:8080", "test", jar, 5000)) {
      agent.post("/login", Map.of("u", "x"));
      assertThat(agent.cookie("pb_session")).isEqualTo("abc");
      Agent.Reply me = agent.get("/me");
      assertThat(me.json().path("seen").asBoolean()).isTrue();
      agent.post("/logout", Map.of());
      assertThat(agent.cookie("pb_session")).isNull();
    }
    List<String> seen = new ArrayList<>(requests);
    assertThat(seen.get(0))
        .contains("Origin: http://localhost:8080", "Content-Type: application/json")
        .doesNotContain("Cookie:");
    assertThat(seen.get(1)).contains("Cookie: pb_session=abc");
  }
}
