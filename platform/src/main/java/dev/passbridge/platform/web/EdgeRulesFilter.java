package dev.passbridge.platform.web;

import dev.passbridge.platform.core.edge.OriginRule;
import dev.passbridge.platform.core.problem.Problem;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UnsupportedEncodingException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Servlet adapter of the edge rules every service applies behind the gateway: no path parameters
 * ({@code ;}, 400 {@code malformed-path}, as at the gateway), the request-size limit (413) on
 * {@code /api/**} and the Connect server API {@code /connect/**}, for a declared {@code
 * Content-Length} and for a streamed ({@code Transfer-Encoding: chunked}) body alike, which is read
 * into memory here up to one byte past the limit (Tomcat's {@code maxPostSize} covers form posts
 * only; the gateway counts streamed bodies the same way), and the Origin rule ({@link OriginRule},
 * 403) on {@code /api/**} (the Connect server API is called by a platform's backend with client
 * credentials, not by a browser, so it carries no Origin). Actuator and JWKS are exempt, and the
 * Origin rule is left to the handlers under {@link
 * PassbridgeWebProperties#handlerOriginCheckPaths()}.
 */
public class EdgeRulesFilter extends OncePerRequestFilter {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final PassbridgeWebProperties properties;
  private final ProblemCounter problems;

  public EdgeRulesFilter(PassbridgeWebProperties properties) {
    this(properties, ProblemCounter.none());
  }

  public EdgeRulesFilter(PassbridgeWebProperties properties, ProblemCounter problems) {
    this.properties = properties;
    this.problems = problems;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    String raw = request.getRequestURI();
    String decoded = decodedPath(request);
    return !ruled(raw) && !ruled(decoded);
  }

  private static boolean ruled(String path) {
    return path.startsWith("/api/") || path.startsWith("/connect/");
  }

  /**
   * The path as the handlers are matched: Spring MVC matches decoded segments, so {@code
   * /%61pi/otp/verify} reaches the handler of {@code /api/otp/verify}; the container's servlet path
   * is that path decoded and normalised ({@code /./}, {@code /../}, {@code //}). The rules are
   * decided on it (and on the raw URI: whichever names a ruled path applies them), so that no
   * spelling of a path skips them. The raw URI where the container gives no servlet path (a mock
   * request).
   */
  static String decodedPath(HttpServletRequest request) {
    String servletPath = request.getServletPath();
    String pathInfo = request.getPathInfo();
    String path = (servletPath == null ? "" : servletPath) + (pathInfo == null ? "" : pathInfo);
    return path.isEmpty() ? request.getRequestURI() : path;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (request.getRequestURI().contains(";")) {
      // path parameters: Spring's matching drops them, so DELETE /connect/v1/users/alice;x would
      // name alice. The gateway refuses them ("malformed-path"); so does every service itself.
      answer(
          response,
          Problem.of(
              400,
              "malformed-path",
              "The request path contains segments or characters the gateway does not accept."));
      return;
    }
    long limit = properties.maxRequestSize().toBytes();
    if (request.getContentLengthLong() > limit) {
      answer(response, Problem.payloadTooLarge(limit));
      return;
    }
    String path = decodedPath(request);
    if (properties.originCheck()
        && (path.startsWith("/api/") || request.getRequestURI().startsWith("/api/"))) {
      List<String> origins = Collections.list(request.getHeaders("Origin"));
      // where the handler knows whose origins apply, it checks the allowlist; that there is one
      // Origin is checked here all the same, before the body is read and validated
      Optional<String> violation =
          handlerChecksOrigin(path)
              ? OriginRule.notOne(request.getMethod(), origins)
              : OriginRule.violation(request.getMethod(), origins, properties.allowedOrigins());
      if (violation.isPresent()) {
        answer(response, Problem.originNotAllowed(violation.get()));
        return;
      }
    }
    if (request.getContentLengthLong() < 0 && mayStreamABody(request)) {
      // a streamed body declares no length: read it here, up to one byte past the limit
      // at most 16 MB + 1 (PassbridgeWebProperties bounds the limit)
      byte[] body = request.getInputStream().readNBytes(Math.toIntExact(limit + 1));
      if (body.length > limit) {
        answer(response, Problem.payloadTooLarge(limit));
        return;
      }
      chain.doFilter(new BufferedBody(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  /**
   * Whether a request without {@code Content-Length} can have a body: HTTP/1.1 says so with {@code
   * Transfer-Encoding}; HTTP/2 frames a body without either header.
   */
  private static boolean mayStreamABody(HttpServletRequest request) {
    return request.getHeader("Transfer-Encoding") != null
        || !request.getProtocol().startsWith("HTTP/1.");
  }

  /**
   * A request whose streamed body was read into memory by the size rule. As the servlet API says,
   * the body is read once, as a stream or as a reader, not both. Form parameters of such a body are
   * not parsed from it (the services take JSON only, and refuse a form with 415).
   */
  private static final class BufferedBody extends HttpServletRequestWrapper {
    private final ByteArrayInputStream body;
    private ServletInputStream stream;
    private BufferedReader reader;
    private final int length;

    BufferedBody(HttpServletRequest request, byte[] body) {
      super(request);
      this.body = new ByteArrayInputStream(body);
      this.length = body.length;
    }

    @Override
    public ServletInputStream getInputStream() {
      if (reader != null) {
        throw new IllegalStateException("getReader() has already been called for this request");
      }
      if (stream == null) {
        stream =
            new ServletInputStream() {
              @Override
              public int read() {
                return body.read();
              }

              @Override
              public int read(byte[] b, int off, int len) {
                return body.read(b, off, len);
              }

              @Override
              public boolean isFinished() {
                return body.available() == 0;
              }

              @Override
              public boolean isReady() {
                return true;
              }

              @Override
              public void setReadListener(ReadListener listener) {
                // everything is here already: all of it is available at once
                try {
                  if (!isFinished()) {
                    listener.onDataAvailable();
                  }
                  listener.onAllDataRead();
                } catch (IOException e) {
                  listener.onError(e);
                }
              }
            };
      }
      return stream;
    }

    @Override
    public BufferedReader getReader() throws UnsupportedEncodingException {
      if (stream != null) {
        throw new IllegalStateException(
            "getInputStream() has already been called for this request");
      }
      if (reader == null) {
        String encoding = getCharacterEncoding();
        reader =
            new BufferedReader(
                new InputStreamReader(
                    body, encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding)));
      }
      return reader;
    }

    @Override
    public int getContentLength() {
      return length;
    }

    @Override
    public long getContentLengthLong() {
      return length;
    }
  }

  private boolean handlerChecksOrigin(String path) {
    for (String prefix : properties.handlerOriginCheckPaths()) {
      if (path.startsWith(prefix)) {
        return true;
      }
    }
    return false;
  }

  private void answer(HttpServletResponse response, Problem problem) throws IOException {
    problems.count(problem.status(), problem.code());
    write(response, problem);
  }

  /** RFC 9457 shape: extension members (such as {@code code}) at the top level. */
  static void write(HttpServletResponse response, Problem problem) throws IOException {
    response.setStatus(problem.status());
    response.setContentType("application/problem+json");
    JSON.writeValue(response.getOutputStream(), problem.members());
  }
}
