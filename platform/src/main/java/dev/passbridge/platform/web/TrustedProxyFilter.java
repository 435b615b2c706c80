package dev.passbridge.platform.web;

import dev.passbridge.platform.core.edge.TrustedProxies;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Servlet adapter of {@link TrustedProxies}, first in the chain: from a trusted proxy, the request
 * reports the forwarded client address ({@code getRemoteAddr}) and scheme ({@code getScheme},
 * {@code isSecure}); from anyone else, its {@code X-Forwarded-*}, {@code Forwarded} and {@code
 * X-Real-IP} headers are hidden, so nothing later in the service can read them.
 */
public class TrustedProxyFilter extends OncePerRequestFilter {
  private final TrustedProxies proxies;

  public TrustedProxyFilter(TrustedProxies proxies) {
    this.proxies = proxies;
  }

  @Override
  protected void doFilterInternal(
      HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String peer = request.getRemoteAddr();
    if (proxies.trustsPeer(peer)) {
      String client =
          proxies.clientAddress(peer, Collections.list(request.getHeaders("X-Forwarded-For")));
      String scheme =
          proxies.scheme(
              peer, request.getScheme(), Collections.list(request.getHeaders("X-Forwarded-Proto")));
      chain.doFilter(new Forwarded(request, client, scheme), response);
    } else {
      chain.doFilter(new Direct(request), response);
    }
  }

  static boolean isForwardingHeader(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return lower.startsWith("x-forwarded-")
        || lower.equals("forwarded")
        || lower.equals("x-real-ip");
  }

  /** A request from a trusted proxy: the client's address and scheme as the proxy reported. */
  private static final class Forwarded extends HttpServletRequestWrapper {
    private final String client;
    private final String scheme;

    Forwarded(HttpServletRequest request, String client, String scheme) {
      super(request);
      this.client = client;
      this.scheme = scheme;
    }

    @Override
    public String getRemoteAddr() {
      return client;
    }

    @Override
    public String getRemoteHost() {
      return client;
    }

    @Override
    public String getScheme() {
      return scheme;
    }

    @Override
    public boolean isSecure() {
      return "https".equals(scheme) || super.isSecure();
    }
  }

  /** A request straight from a client: its forwarding headers do not exist. */
  private static final class Direct extends HttpServletRequestWrapper {
    Direct(HttpServletRequest request) {
      super(request);
    }

    @Override
    public String getHeader(String name) {
      return isForwardingHeader(name) ? null : super.getHeader(name);
    }

    @Override
    public Enumeration<String> getHeaders(String name) {
      return isForwardingHeader(name) ? Collections.emptyEnumeration() : super.getHeaders(name);
    }

    @Override
    public Enumeration<String> getHeaderNames() {
      List<String> names = Collections.list(super.getHeaderNames());
      names.removeIf(TrustedProxyFilter::isForwardingHeader);
      return Collections.enumeration(names);
    }
  }
}
