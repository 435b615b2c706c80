package dev.passbridge.journeysupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.passbridge.system.Browser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/**
 * How the simulated browser tells the failures of a connection apart, read off the JDK client's
 * real exceptions against a raw socket: an answer that never began (a browser resends it once) from
 * an answer cut mid-body (a 502 to a browser) and from a refused connection (neither).
 */
class FlowTest {

  @Test
  void aConnectionClosedBeforeAnyByteIsAnEmptyAnswer() throws Exception {
    Throwable failure = postTo(out -> {}); // reads the request, closes without a byte

    assertThat(Flow.emptyAnswer(failure)).as(String.valueOf(failure)).isTrue();
    assertThat(Flow.cutMidAnswer(failure)).isFalse();
  }

  @Test
  void anAnswerCutMidBodyIsNoEmptyAnswer() throws Exception {
    Throwable failure =
        postTo(
            out -> {
              try {
                out.write(
                    ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                            + "Transfer-Encoding: chunked\r\n\r\n5\r\n{\"a\":")
                        .getBytes(StandardCharsets.US_ASCII));
                out.flush();
              } catch (IOException e) {
                throw new IllegalStateException(e);
              }
            });

    assertThat(Flow.cutMidAnswer(failure)).as(String.valueOf(failure)).isTrue();
    assertThat(Flow.emptyAnswer(failure)).isFalse();
  }

  @Test
  void aRefusedConnectionIsNeither() throws Exception {
    int port;
    try (ServerSocket free = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = free.getLocalPort();
    }
    Throwable failure =
        catchThrowable(
            () -> new Browser("http://localhost:" + port, "test").post("/x", Map.of("a", 1)));

    assertThat(failure).isNotNull();
    assertThat(Flow.emptyAnswer(failure)).as(String.valueOf(failure)).isFalse();
    assertThat(Flow.cutMidAnswer(failure)).isFalse();
  }

  /**
   * A POST through the simulated browser to a server that reads it and answers with {@code answer}.
   */
  private static Throwable postTo(Consumer<OutputStream> answer) throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Thread serving =
          Thread.ofVirtual()
              .start(
                  () -> {
                    try (Socket s = server.accept()) {
                      BufferedReader in =
                          new BufferedReader(
                              new InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII));
                      int length = 0;
                      for (String line = in.readLine();
                          line != null && !line.isEmpty();
                          line = in.readLine()) {
                        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                          length = Integer.parseInt(line.substring(15).trim());
                        }
                      }
                      // the whole body (ASCII JSON): unread bytes would make the close a reset
                      in.read(new char[length], 0, length);
                      answer.accept(s.getOutputStream());
                    } catch (IOException e) {
                      // the client gave up first
                    }
                  });
      Throwable failure =
          catchThrowable(
              () ->
                  new Browser("http://localhost:" + server.getLocalPort(), "test")
                      .post("/api/auth/register", Map.of("a", 1)));
      serving.join();
      assertThat(failure).isNotNull();
      return failure;
    }
  }
}
