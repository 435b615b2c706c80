package dev.passbridge.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's Redis server when its port is taken between the check and the bind: another
 * program accepting connections there must not pass for the server.
 */
class LocalRedisTest {
  @TempDir Path state;

  @Test
  void aPortTakenBeforeTheServerBindsItIsLeftForAnotherOne() throws Exception {
    try (ServerSocket taken = listeningButSilent()) {
      int free = LocalRedis.freePort();
      try (LocalRedis redis = new LocalRedis(taken.getLocalPort(), () -> free, state)) {
        assertThat(redis.port()).isEqualTo(free);
        assertThat(ping(free)).isEqualTo("+PONG");
      }
    }
  }

  @Test
  void aServerThatCannotBindAnyPortFailsTheStart() throws Exception {
    try (ServerSocket taken = listeningButSilent()) {
      int port = taken.getLocalPort();
      assertThatThrownBy(() -> new LocalRedis(port, () -> port, state))
          .isInstanceOf(LocalRedis.ExitedAtStart.class)
          .hasMessageContaining("port " + port)
          .hasMessageContaining("Address already in use");
    }
  }

  @Test
  void onlyTheServerItselfCountsAsAnswering() throws Exception {
    try (LocalRedis redis = new LocalRedis(LocalRedis.freePort(), LocalRedis::freePort, state);
        ServerSocket silent = listeningButSilent()) {
      assertThat(LocalRedis.answersAs(redis.port(), ProcessHandle.current().pid())).isFalse();
      assertThat(LocalRedis.answersAs(silent.getLocalPort(), ProcessHandle.current().pid()))
          .isFalse();
    }
  }

  /** Another program's server on 127.0.0.1: it accepts connections and never answers. */
  private static ServerSocket listeningButSilent() throws IOException {
    ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual()
        .start(
            () -> {
              List<Socket> accepted = new ArrayList<>();
              while (!socket.isClosed()) {
                try {
                  accepted.add(socket.accept());
                } catch (IOException closed) {
                  break;
                }
              }
              for (Socket s : accepted) {
                try {
                  s.close();
                } catch (IOException ignored) {
                  // closing anyway
                }
              }
            });
    return socket;
  }

  private static String ping(int port) throws IOException {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(2000);
      socket.getOutputStream().write("PING\r\n".getBytes(StandardCharsets.US_ASCII));
      return new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
          .readLine();
    }
  }
}
