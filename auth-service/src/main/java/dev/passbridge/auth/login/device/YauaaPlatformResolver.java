package dev.passbridge.auth.login.device;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.passbridge.contracts.events.Platform;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import nl.basjes.parse.useragent.UserAgent;
import nl.basjes.parse.useragent.UserAgentAnalyzer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PlatformResolver} on Yauaa, which reads both the User-Agent and the client hints and
 * already knows the frozen values: Safari's {@code Mac OS X 10_15_7} comes back as {@code
 * >=10.15.7}, Chrome's reduced {@code Windows NT 10.0} and {@code Android 10; K} as {@code ??}, and
 * a {@code Sec-CH-UA-Platform-Version} hint replaces them (Windows {@code 15.0.0} is Windows 11).
 * Such non-answers become an absent version.
 *
 * <p>Building the analyzer takes seconds (it compiles its whole rule set; measured ~2 s with only
 * our seven fields), so it is built in the background from start-up and a login only waits for it
 * if it comes before the build is done; the service's readiness waits for it, so behind a load
 * balancer none does. Parses are cached by User-Agent plus hints (an uncached parse costs ~0.2-0.6
 * ms), so a steady stream of logins from a few browser versions costs a map lookup.
 */
public final class YauaaPlatformResolver implements PlatformResolver {
  private static final Logger log = LoggerFactory.getLogger(YauaaPlatformResolver.class);

  static final String[] FIELDS = {
    UserAgent.OPERATING_SYSTEM_NAME,
    UserAgent.OPERATING_SYSTEM_VERSION,
    UserAgent.AGENT_NAME,
    UserAgent.AGENT_VERSION,
    UserAgent.DEVICE_CLASS
  };

  private static final Set<String> UNKNOWN_NAMES =
      Set.of("unknown", "hacker", "cloud", "??", "", "anonymized", "robot", "spy");

  private final CompletableFuture<UserAgentAnalyzer> analyzer;
  private final Cache<String, Platform> cache;
  private volatile long buildMillis = -1;

  public YauaaPlatformResolver(int cacheSize) {
    this(cacheSize, r -> Thread.ofPlatform().daemon().name("yauaa-build").start(r));
  }

  /** Builds the analyzer on {@code builder} (tests hold it back to see the resolver unready). */
  YauaaPlatformResolver(int cacheSize, Executor builder) {
    this.cache = Caffeine.newBuilder().maximumSize(cacheSize).build();
    this.analyzer =
        CompletableFuture.supplyAsync(this::build, builder)
            .whenComplete(
                (built, failure) -> {
                  if (failure != null) {
                    log.error(
                        "Yauaa analyzer could not be built; the service stays unready", failure);
                  }
                });
  }

  private UserAgentAnalyzer build() {
    long t0 = System.nanoTime();
    UserAgentAnalyzer built =
        UserAgentAnalyzer.newBuilder()
            .withFields(FIELDS)
            .hideMatcherLoadStats()
            .dropTests()
            .withoutCache()
            .withoutClientHintsCache()
            .immediateInitialization()
            .build();
    // the first parse pays ~0.2 s of lazy set-up: pay it here, not in the first login
    built.parse(
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko)"
            + " Chrome/136.0.0.0 Safari/537.36");
    buildMillis = (System.nanoTime() - t0) / 1_000_000;
    log.info("Yauaa analyzer built in {} ms", buildMillis);
    return built;
  }

  /** Milliseconds the analyzer took to build, or -1 while it is building. */
  public long buildMillis() {
    return buildMillis;
  }

  /**
   * Whether the analyzer is built, so a login does not wait for it. The service's readiness
   * includes it ({@code userAgentAnalyzer}): an instance takes no traffic before.
   */
  public boolean ready() {
    return analyzer.isDone() && !analyzer.isCompletedExceptionally();
  }

  /** Blocks until the analyzer is built (start-up warm-up, tests). */
  public YauaaPlatformResolver awaitReady() {
    analyzer.join();
    return this;
  }

  @Override
  public Platform resolve(String userAgent, Map<String, String> hints) {
    Map<String, String> h = hints == null ? Map.of() : hints;
    return cache.get(ClientHints.cacheKey(userAgent, h), k -> parse(userAgent, h));
  }

  private Platform parse(String userAgent, Map<String, String> hints) {
    if ((userAgent == null || userAgent.isBlank()) && hints.isEmpty()) {
      return Platform.unknown();
    }
    Map<String, String> headers = new HashMap<>(ClientHints.canonical(hints));
    headers.put("User-Agent", userAgent == null ? "" : userAgent);
    UserAgent.ImmutableUserAgent ua = analyzer.join().parse(headers);
    return new Platform(
        osName(ua.getValue(UserAgent.OPERATING_SYSTEM_NAME)),
        version(ua.getValue(UserAgent.OPERATING_SYSTEM_VERSION)),
        name(ua.getValue(UserAgent.AGENT_NAME)),
        version(ua.getValue(UserAgent.AGENT_VERSION)),
        deviceClass(ua.getValue(UserAgent.DEVICE_CLASS)));
  }

  static String osName(String yauaa) {
    String name = name(yauaa);
    return switch (name) {
      case "Windows NT" -> "Windows";
      default -> name;
    };
  }

  static String name(String yauaa) {
    if (yauaa == null || UNKNOWN_NAMES.contains(yauaa.toLowerCase(Locale.ROOT))) {
      return Platform.UNKNOWN;
    }
    return yauaa;
  }

  /** {@code 136.0.7103.48} → {@code 136.0}; {@code ??}, {@code >=10.15.7} and the like → null. */
  static String version(String yauaa) {
    if (yauaa == null || yauaa.isEmpty() || !Character.isDigit(yauaa.charAt(0))) {
      return null;
    }
    String[] parts = yauaa.split("[._]");
    for (int i = 0; i < Math.min(2, parts.length); i++) {
      if (!parts[i].chars().allMatch(Character::isDigit) || parts[i].isEmpty()) {
        return i == 0 ? null : parts[0];
      }
    }
    return parts.length == 1 ? parts[0] : parts[0] + "." + parts[1];
  }

  static String deviceClass(String yauaa) {
    if (yauaa == null) {
      return Platform.UNKNOWN;
    }
    return switch (yauaa) {
      case "Desktop" -> "Desktop";
      case "Phone", "Mobile" -> "Phone";
      case "Tablet" -> "Tablet";
      default -> Platform.UNKNOWN;
    };
  }
}
