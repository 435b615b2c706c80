package dev.passbridge.bench.http;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One keep-alive HTTP/1.1 connection, blocking, for one virtual user (as a browser keeps one to the
 * site). Deliberately small: the load generator shares the two cores with the system it measures,
 * so every microsecond it spends is taken from the services. Understands {@code Content-Length},
 * chunked bodies and {@code Connection: close}; a connection the server closed while idle is
 * reopened once, transparently, as browsers do.
 *
 * <p>Not thread-safe: one connection per virtual thread.
 */
public final class HttpConnection implements AutoCloseable {
  private static final byte[] CRLF = {'\r', '\n'};

  private final String host;
  private final int port;
  private final int timeoutMillis;
  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private boolean reused;

  public HttpConnection(String host, int port, int timeoutMillis) {
    this.host = host;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /** {@code http://localhost:8080} → a connection to it. */
  public static HttpConnection to(String baseUrl, int timeoutMillis) {
    var uri = java.net.URI.create(baseUrl);
    return new HttpConnection(uri.getHost(), uri.getPort(), timeoutMillis);
  }

  public String authority() {
    return host + ":" + port;
  }

  /**
   * Sends one request and reads the whole answer.
   *
   * @param headers name/value pairs (Host, Content-Length and Connection are added here)
   * @param body the request body, or null
   */
  public HttpResponse exchange(String method, String path, List<String> headers, byte[] body)
      throws IOException {
    byte[] head = head(method, path, headers, body);
    boolean retried = false;
    while (true) {
      boolean wasReused = reused && socket != null;
      try {
        ensureOpen();
        try {
          out.write(head);
          if (body != null) {
            out.write(body);
          }
          out.flush();
        } catch (IOException e) {
          throw wasReused ? new StaleConnectionException() : e;
        }
        HttpResponse response = read(method);
        reused = true;
        if (response.closeAfter()) {
          closeQuietly();
        }
        return response;
      } catch (StaleConnectionException e) {
        // the server closed an idle keep-alive connection before it read the request: nothing
        // happened on its side, so sending again is safe (also for a POST)
        closeQuietly();
        if (retried || !wasReused) {
          throw new IOException("connection closed by " + authority(), e);
        }
        retried = true;
      } catch (IOException | RuntimeException e) {
        closeQuietly();
        throw e;
      }
    }
  }

  private byte[] head(String method, String path, List<String> headers, byte[] body) {
    StringBuilder sb = new StringBuilder(256);
    sb.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    sb.append("Host: ").append(host).append(':').append(port).append("\r\n");
    for (int i = 0; i + 1 < headers.size(); i += 2) {
      sb.append(headers.get(i)).append(": ").append(headers.get(i + 1)).append("\r\n");
    }
    if (body != null) {
      sb.append("Content-Length: ").append(body.length).append("\r\n");
    } else if (!method.equals("GET") && !method.equals("HEAD") && !method.equals("DELETE")) {
      sb.append("Content-Length: 0\r\n");
    }
    sb.append("\r\n");
    return sb.toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private void ensureOpen() throws IOException {
    if (socket != null && !socket.isClosed()) {
      return;
    }
    Socket s = new Socket();
    s.setTcpNoDelay(true);
    s.setKeepAlive(true);
    s.setSoTimeout(timeoutMillis);
    s.connect(new InetSocketAddress(host, port), Math.min(timeoutMillis, 5000));
    socket = s;
    in = new BufferedInputStream(s.getInputStream(), 16 * 1024);
    out = new BufferedOutputStream(s.getOutputStream(), 8 * 1024);
    reused = false;
  }

  private HttpResponse read(String method) throws IOException {
    String statusLine = readLine(true);
    if (statusLine == null) {
      throw new StaleConnectionException();
    }
    // HTTP/1.1 200 OK
    int sp = statusLine.indexOf(' ');
    if (sp < 0 || statusLine.length() < sp + 4) {
      throw new IOException("bad status line: " + statusLine);
    }
    int status = Integer.parseInt(statusLine.substring(sp + 1, sp + 4));
    List<String> headers = new ArrayList<>(24);
    long contentLength = -1;
    boolean chunked = false;
    boolean close = statusLine.startsWith("HTTP/1.0");
    String line;
    while ((line = readLine(false)) != null && !line.isEmpty()) {
      int colon = line.indexOf(':');
      if (colon <= 0) {
        continue;
      }
      String name = line.substring(0, colon).trim();
      String value = line.substring(colon + 1).trim();
      headers.add(name);
      headers.add(value);
      if (name.equalsIgnoreCase("Content-Length")) {
        contentLength = Long.parseLong(value);
      } else if (name.equalsIgnoreCase("Transfer-Encoding")) {
        chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
      } else if (name.equalsIgnoreCase("Connection")) {
        close = value.equalsIgnoreCase("close");
      }
    }
    if (line == null) {
      throw new EOFException("connection closed in the headers");
    }
    byte[] body;
    if (method.equals("HEAD")
        || status == 204
        || status == 304
        || (status >= 100 && status < 200)) {
      body = new byte[0];
    } else if (chunked) {
      body = readChunked();
    } else if (contentLength >= 0) {
      body = in.readNBytes((int) contentLength);
      if (body.length < contentLength) {
        throw new EOFException("body cut short");
      }
    } else {
      body = in.readAllBytes();
      close = true;
    }
    return new HttpResponse(status, headers, body, close);
  }

  private byte[] readChunked() throws IOException {
    ByteArrayOutputStream buffer = new ByteArrayOutputStream(512);
    while (true) {
      String sizeLine = readLine(false);
      if (sizeLine == null) {
        throw new EOFException("connection closed in a chunked body");
      }
      int semi = sizeLine.indexOf(';');
      int size = Integer.parseInt((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
      if (size == 0) {
        // trailers until the empty line
        String trailer;
        while ((trailer = readLine(false)) != null && !trailer.isEmpty()) {
          // ignored
        }
        return buffer.toByteArray();
      }
      byte[] chunk = in.readNBytes(size);
      if (chunk.length < size) {
        throw new EOFException("chunk cut short");
      }
      buffer.write(chunk);
      if (in.read() != CRLF[0] || in.read() != CRLF[1]) {
        throw new IOException("chunk without CRLF");
      }
    }
  }

  /** A header line without its CRLF; null at end of stream before any byte. */
  private String readLine(boolean first) throws IOException {
    StringBuilder sb = new StringBuilder(64);
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') {
        int len = sb.length();
        if (len > 0 && sb.charAt(len - 1) == '\r') {
          sb.setLength(len - 1);
        }
        return sb.toString();
      }
      sb.append((char) c);
    }
    if (sb.isEmpty()) {
      return null;
    }
    throw new EOFException(first ? "status line cut short" : "header line cut short");
  }

  private void closeQuietly() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    socket = null;
    in = null;
    out = null;
  }

  @Override
  public void close() {
    closeQuietly();
  }

  private static final class StaleConnectionException extends IOException {
    StaleConnectionException() {
      super("connection closed before the status line");
    }
  }
}
