package dev.passbridge.gateway.support;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One HTTP/1.1 connection written and read by hand: requests go out as the bytes given, answers are
 * read by {@code Content-Length} or chunked framing, each within a deadline. Unlike an HTTP client
 * library it never retries, never opens a second connection and shows exactly whether the server
 * answered on this connection, and whether it announced or performed a close.
 */
public final class RawConnection implements AutoCloseable {
  /** An answer as it came; header names in lower case. */
  public record Answer(int status, Map<String, String> headers, byte[] body) {
    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    /** The server said it closes the connection after this answer. */
    public boolean closes() {
      String connection = header("connection");
      return connection != null && connection.toLowerCase(Locale.ROOT).contains("close");
    }
  }

  /** No (complete) answer within the deadline. */
  public static final class NoAnswer extends IOException {
    public NoAnswer(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Socket socket;
  private final InputStream in;
  private final OutputStream out;

  public RawConnection(int port, Duration deadline) throws IOException {
    socket = new Socket("127.0.0.1", port);
    socket.setTcpNoDelay(true);
    socket.setSoTimeout((int) deadline.toMillis());
    in = new BufferedInputStream(socket.getInputStream());
    out = socket.getOutputStream();
  }

  /** Sends one request (request line and headers as given, then the body) and reads its answer. */
  public Answer exchange(String method, String target, Map<String, String> headers, byte[] body)
      throws IOException {
    StringBuilder head = new StringBuilder();
    head.append(method).append(' ').append(target).append(" HTTP/1.1\r\n");
    head.append("Host: localhost\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    if (body != null) {
      head.append("Content-Length: ").append(body.length).append("\r\n");
    }
    head.append("\r\n");
    return exchangeRaw(head.toString().getBytes(StandardCharsets.ISO_8859_1), body, method);
  }

  /** Sends the bytes as they are (a malformed request line, say) and reads one answer. */
  public Answer exchangeRaw(byte[] head, byte[] body, String method) throws IOException {
    out.write(head);
    if (body != null) {
      out.write(body);
    }
    out.flush();
    try {
      return read(method.equals("HEAD"));
    } catch (SocketTimeoutException timeout) {
      throw new NoAnswer("no answer within " + socket.getSoTimeout() + " ms", timeout);
    }
  }

  private Answer read(boolean head) throws IOException {
    String statusLine = line();
    if (statusLine == null) {
      throw new NoAnswer("connection closed without an answer", null);
    }
    String[] parts = statusLine.split(" ", 3);
    int status = Integer.parseInt(parts[1]);
    Map<String, String> headers = new LinkedHashMap<>();
    for (String line = line(); line != null && !line.isEmpty(); line = line()) {
      int colon = line.indexOf(':');
      headers.merge(
          line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
          line.substring(colon + 1).trim(),
          (a, b) -> a + ", " + b);
    }
    if (head || status == 204 || status == 304 || status < 200) {
      return new Answer(status, headers, new byte[0]);
    }
    String chunked = headers.get("transfer-encoding");
    if (chunked != null && chunked.toLowerCase(Locale.ROOT).contains("chunked")) {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      while (true) {
        String sizeLine = line();
        if (sizeLine == null) {
          throw new NoAnswer("connection closed inside a chunked body", null);
        }
        int size = Integer.parseInt(sizeLine.split(";", 2)[0].trim(), 16);
        if (size == 0) {
          for (String trailer = line(); trailer != null && !trailer.isEmpty(); trailer = line()) {
            // trailers are not used here
          }
          return new Answer(status, headers, body.toByteArray());
        }
        body.write(exactly(size));
        line();
      }
    }
    String length = headers.get("content-length");
    if (length != null) {
      return new Answer(status, headers, exactly(Integer.parseInt(length)));
    }
    // neither framing: the body runs to the close
    return new Answer(status, headers, in.readAllBytes());
  }

  private byte[] exactly(int size) throws IOException {
    byte[] bytes = in.readNBytes(size);
    if (bytes.length < size) {
      throw new NoAnswer(
          "connection closed after " + bytes.length + " of " + size + " bytes", null);
    }
    return bytes;
  }

  private String line() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int b = in.read(); b != -1; b = in.read()) {
      if (b == '\n') {
        byte[] bytes = line.toByteArray();
        int end =
            bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
        return new String(bytes, 0, end, StandardCharsets.ISO_8859_1);
      }
      line.write(b);
    }
    return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
  }

  /** Whether the server closed this connection (reads end of stream within the deadline). */
  public boolean closedByServer() {
    try {
      return in.read() == -1;
    } catch (IOException e) {
      return e instanceof java.net.SocketException;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
