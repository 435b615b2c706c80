package dev.passbridge.reliability.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A TCP forwarder between the services and a backing server (PostgreSQL) that a test can cut: every
 * open connection is closed and new ones are refused, as when the server is down, until {@link
 * #restore()}. Used instead of stopping the machine's PostgreSQL, which other builds share.
 */
public final class TcpProxy implements AutoCloseable {
  private final String targetHost;
  private final int targetPort;
  private final int port;
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private volatile ServerSocket server;

  public TcpProxy(String targetHost, int targetPort) throws IOException {
    this.targetHost = targetHost;
    this.targetPort = targetPort;
    ServerSocket first = bind(0);
    this.port = first.getLocalPort();
    accept(first);
  }

  public int port() {
    return port;
  }

  /** Closes every forwarded connection and refuses new ones. */
  public synchronized void cut() throws IOException {
    ServerSocket s = server;
    server = null;
    if (s != null) {
      s.close();
    }
    for (Socket socket : sockets) {
      closeQuietly(socket);
    }
    sockets.clear();
  }

  /** Accepts connections again, on the same port. */
  public synchronized void restore() throws IOException {
    if (server == null) {
      accept(bind(port));
    }
  }

  public boolean isCut() {
    return server == null;
  }

  private static ServerSocket bind(int port) throws IOException {
    ServerSocket s = new ServerSocket();
    s.setReuseAddress(true);
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
    return s;
  }

  private void accept(ServerSocket s) {
    server = s;
    Thread.ofVirtual()
        .name("tcp-proxy-" + port)
        .start(
            () -> {
              while (!s.isClosed()) {
                try {
                  Socket client = s.accept();
                  Socket upstream;
                  try {
                    upstream = new Socket(targetHost, targetPort);
                  } catch (IOException e) {
                    closeQuietly(client);
                    continue;
                  }
                  client.setTcpNoDelay(true);
                  upstream.setTcpNoDelay(true);
                  sockets.add(client);
                  sockets.add(upstream);
                  pump(client, upstream);
                  pump(upstream, client);
                } catch (IOException e) {
                  // closed by cut() or close()
                }
              }
            });
  }

  private void pump(Socket from, Socket to) {
    Thread.ofVirtual()
        .start(
            () -> {
              byte[] buffer = new byte[16 * 1024];
              try (InputStream in = from.getInputStream();
                  OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                  out.write(buffer, 0, n);
                  out.flush();
                }
              } catch (IOException e) {
                // the other side went away, or the proxy was cut
              } finally {
                closeQuietly(from);
                closeQuietly(to);
                sockets.remove(from);
                sockets.remove(to);
              }
            });
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException ignored) {
      // already closed
    }
  }

  @Override
  public void close() throws IOException {
    cut();
  }
}
