package dev.passbridge.bench.sut;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.passbridge.launcher.Launcher;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;

/**
 * The system under test in its own JVM: {@link Launcher#start} with the launcher's settings (system
 * properties {@code passbridge.gateway-port} etc.), the command-line arguments forwarded to every
 * service, plus a small control endpoint on 127.0.0.1 for the load generator ({@code GET /info},
 * {@code POST /gc}, {@code POST /close?service=}, {@code POST /jfr/start?file=}, {@code POST
 * /jfr/stop}, {@code POST /shutdown}). It prints {@code SUT READY} when everything is up.
 *
 * <p>Arguments: {@code --bench.control-port=N} (required), then {@code --key=value} service
 * properties.
 */
public final class SystemMain {
  private SystemMain() {}

  public static void main(String[] args) throws Exception {
    int controlPort = -1;
    java.util.List<String> serviceArgs = new java.util.ArrayList<>();
    for (String arg : args) {
      if (arg.startsWith("--bench.control-port=")) {
        controlPort = Integer.parseInt(arg.substring(arg.indexOf('=') + 1));
      } else {
        serviceArgs.add(arg);
      }
    }
    if (controlPort <= 0) {
      throw new IllegalArgumentException("--bench.control-port=N is required");
    }
    Launcher.Settings settings = Launcher.Settings.fromEnvironment();
    Launcher launcher = Launcher.start(settings, serviceArgs.toArray(String[]::new));
    SystemControl control = new SystemControl(launcher);
    CountDownLatch shutdown = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(new Thread(() -> close(launcher), "benchmark-system-shutdown"));

    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), controlPort), 8);
    server.setExecutor(Executors.newSingleThreadExecutor(r -> new Thread(r, "bench-control")));
    server.createContext(
        "/info",
        ex ->
            answer(
                ex,
                "{\"gateway\":\"%s\",\"bootstrapServers\":\"%s\",\"redisPort\":%d,\"servicePortBase\":%d,\"pid\":%d,\"jvm\":\"%s\"}"
                    .formatted(
                        launcher.url(),
                        launcher.bootstrapServers(),
                        launcher.redisPort(),
                        settings.servicePortBase(),
                        ProcessHandle.current().pid(),
                        SystemControl.jvmDescription().replace("\"", "'"))));
    server.createContext(
        "/gc", ex -> answer(ex, "{\"heapUsed\":" + SystemControl.liveHeapAfterGc() + "}"));
    server.createContext(
        "/close",
        ex -> {
          String service = query(ex).get("service");
          answer(ex, "{\"heapUsed\":" + control.closeServiceAndCollect(service) + "}");
        });
    server.createContext(
        "/jfr/start",
        ex -> {
          control.startJfr(Path.of(query(ex).get("file")));
          answer(ex, "{}");
        });
    server.createContext(
        "/jfr/stop",
        ex -> {
          control.stopJfr();
          answer(ex, "{}");
        });
    server.createContext(
        "/shutdown",
        ex -> {
          answer(ex, "{}");
          shutdown.countDown();
        });
    server.start();
    System.out.println("SUT READY control=" + controlPort + " gateway=" + launcher.url());
    shutdown.await();
    server.stop(0);
    close(launcher);
    System.exit(0);
  }

  private static void close(Launcher launcher) {
    try {
      launcher.close();
    } catch (Exception e) {
      System.err.println("error while stopping: " + e);
    }
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> q = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw != null) {
      for (String pair : raw.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          q.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
    }
    return q;
  }

  private static void answer(HttpExchange ex, String json) throws IOException {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(200, body.length);
    try (var out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
