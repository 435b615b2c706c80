package dev.passbridge.bench.load;

import dev.passbridge.bench.http.Agent;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * One simulated browser: a keep-alive connection to the gateway (and, for the gateway baseline and
 * the dev SMS outbox, to services directly), one cookie jar, one User-Agent at a time. Used by one
 * thread at a time.
 */
public final class VirtualUser implements AutoCloseable {
  private final Map<String, String> cookies = Agent.newCookieJar();
  private final Function<String, String> serviceUrls;
  private final String gatewayUrl;
  private final int timeoutMs;
  private final Map<String, Agent> agents = new HashMap<>();
  private final SplittableRandom random;
  private String userAgent = Browsers.FIREFOX_WINDOWS;

  /**
   * @param serviceUrls service name ({@code otp-service}) → its own base URL
   */
  public VirtualUser(
      String gatewayUrl, Function<String, String> serviceUrls, int timeoutMs, long seed) {
    this.gatewayUrl = gatewayUrl;
    this.serviceUrls = serviceUrls;
    this.timeoutMs = timeoutMs;
    this.random = new SplittableRandom(seed);
  }

  /** The gateway, as the browser sees the site. */
  public Agent gateway() {
    return agent("gateway", gatewayUrl);
  }

  /** A service called directly, bypassing the gateway (same cookies, same Origin). */
  public Agent direct(String service) {
    return agent(service, serviceUrls.apply(service));
  }

  private Agent agent(String key, String url) {
    Agent a = agents.get(key);
    if (a == null) {
      a = new Agent(url, gatewayUrl, userAgent, cookies, timeoutMs);
      agents.put(key, a);
    }
    return a;
  }

  public String gatewayUrl() {
    return gatewayUrl;
  }

  /** A new browser session: no cookies, this User-Agent. */
  public void newSession(String userAgent) {
    cookies.clear();
    if (!userAgent.equals(this.userAgent)) {
      this.userAgent = userAgent;
      agents.values().forEach(a -> a.userAgent(userAgent));
    }
  }

  public String cookie(String name) {
    return cookies.get(name);
  }

  public SplittableRandom random() {
    return random;
  }

  @Override
  public void close() {
    agents.values().forEach(Agent::close);
    agents.clear();
  }
}
