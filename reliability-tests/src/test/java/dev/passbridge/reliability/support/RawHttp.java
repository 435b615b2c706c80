package dev.passbridge.reliability.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A byte-level HTTP client for hostile input: any method, path, headers and body bytes, and the
 * answer as it came (status, headers, text), whatever its content type.
 *
 * <p>Requests share kept-alive connections as a browser's do, so hostile input also checks that an
 * answer the gateway writes itself (404, 403, 431, ...) leaves the connection usable for the next
 * request (a finding of these tests, fixed in the gateway: docs/services/gateway.md, "Kept-alive
 * connections").
 */
public final class RawHttp {
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final String base;
  private final HttpClient client =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(5))
          .version(HttpClient.Version.HTTP_1_1)
          .build();

  public RawHttp(String base) {
    this.base = base;
  }

  public record Answer(int status, HttpHeaders headers, String body) {
    public String contentType() {
      return headers.firstValue("Content-Type").orElse("");
    }

    /** The problem's {@code type}, or null when the body is not a problem document. */
    public String problemType() {
      try {
        JsonNode node = JSON.readTree(body);
        return node.path("type").isString() ? node.path("type").asString() : null;
      } catch (RuntimeException e) {
        return null;
      }
    }

    @Override
    public String toString() {
      return status
          + " "
          + contentType()
          + " "
          + (body.length() > 300 ? body.substring(0, 300) : body);
    }
  }

  public Answer send(String method, String path, Map<String, String> headers, byte[] body) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      HttpResponse<byte[]> response = sendOnce(request.build());
      return new Answer(
          response.statusCode(),
          response.headers(),
          new String(response.body(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + ": no answer: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * Sends once more, on another connection, when a pooled connection was closed before a single
   * byte of an answer came back. The gateway closes a connection after a request it could not
   * decode (a 431 for an oversized header, say); a kept-alive connection the client picked just
   * before it saw that close fails this way although the server never read the request. Browsers
   * retry exactly this case. A second silent close still fails the test: a server that drops
   * requests is caught.
   */
  private HttpResponse<byte[]> sendOnce(HttpRequest request)
      throws IOException, InterruptedException {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      if (e.getMessage() == null || !e.getMessage().contains("received no bytes")) {
        throw e;
      }
      return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
    }
  }

  public Answer send(String method, String path, Map<String, String> headers, String body) {
    return send(method, path, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
  }

  public static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
