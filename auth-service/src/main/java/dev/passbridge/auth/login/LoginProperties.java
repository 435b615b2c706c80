package dev.passbridge.auth.login;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code passbridge.auth.login.*}.
 *
 * @param transactionTtl how long a login transaction lives in Redis (password to session)
 * @param otpTtl the one-time code's lifetime as otp-service applies it; only used to tell the
 *     browser {@code otp.expiresAt}
 * @param attemptsPerIp login attempts per client IP and {@code ipWindow} (any username, any
 *     outcome; attempts already refused by the other limits do not count)
 * @param ipWindow fixed window of the per-IP limit
 * @param failuresBeforeDelay failures of one client (device or address) for one username before its
 *     back-off starts; must be below {@code failuresPerUsername}
 * @param initialDelay the first back-off; it doubles with every further failure of that client
 * @param maxDelay the longest back-off
 * @param pairMemory how long a client's failures for a username are remembered after its last one
 *     (at least {@code maxDelay})
 * @param failuresPerUsername failures per username and {@code usernameWindow} from clients not
 *     known for the account (each client adds at most {@code failuresBeforeDelay}); past it, only
 *     known clients may try
 * @param usernameWindow fixed window of the per-username limit
 * @param deviceTtl lifetime of the device cookie ({@code pb_device}) and its Redis key
 * @param knownAddressTtl how long an address with a successful password step stays known for that
 *     account ({@code 0}: only device cookies make a client known)
 * @param platformCacheSize parsed User-Agent/client-hint combinations kept in memory
 * @param usernameHmacKey the per-deployment secret of the username digest in the limits' Redis keys
 *     ({@link UsernameDigest}): base64, at least 32 bytes. Required; only the local profile's file
 *     sets one (a demo value, refused elsewhere). Changing it starts every limit afresh.
 */
@Validated
@ConfigurationProperties("passbridge.auth.login")
public record LoginProperties(
    @DefaultValue("10m") @NotNull Duration transactionTtl,
    @DefaultValue("5m") @NotNull Duration otpTtl,
    @DefaultValue("30") @Min(1) int attemptsPerIp,
    @DefaultValue("1m") @NotNull Duration ipWindow,
    @DefaultValue("5") @Min(1) int failuresBeforeDelay,
    @DefaultValue("5s") @NotNull Duration initialDelay,
    @DefaultValue("15m") @NotNull Duration maxDelay,
    @DefaultValue("24h") @NotNull Duration pairMemory,
    @DefaultValue("10") @Min(2) int failuresPerUsername,
    @DefaultValue("15m") @NotNull Duration usernameWindow,
    @DefaultValue("90d") @NotNull Duration deviceTtl,
    @DefaultValue("7d") @NotNull Duration knownAddressTtl,
    @DefaultValue("10000") @Min(0) @Max(1_000_000) int platformCacheSize,
    @NotBlank String usernameHmacKey) {

  public LoginProperties {
    require(
        failuresBeforeDelay < failuresPerUsername,
        "failures-before-delay must be below"
            + " failures-per-username, or one address alone could shut out every new client");
    if (initialDelay != null && maxDelay != null) {
      require(initialDelay.isPositive(), "initial-delay must be positive");
      require(maxDelay.compareTo(initialDelay) >= 0, "max-delay must be at least initial-delay");
      if (pairMemory != null) {
        require(pairMemory.compareTo(maxDelay) >= 0, "pair-memory must be at least max-delay");
      }
    }
    for (Duration d : new Duration[] {ipWindow, usernameWindow, deviceTtl}) {
      require(
          d == null || d.isPositive(), "ip-window, username-window, device-ttl must be positive");
    }
    require(
        knownAddressTtl == null || !knownAddressTtl.isNegative(),
        "known-address-ttl must not be negative");
    if (usernameHmacKey != null && !usernameHmacKey.isBlank()) {
      UsernameDigest.decodeKey(usernameHmacKey); // base64 of at least 32 bytes, or no start
    }
  }

  /** The username digest of the limits' keys, under the configured key. */
  public UsernameDigest usernameDigest() {
    return new UsernameDigest(UsernameDigest.decodeKey(usernameHmacKey));
  }

  /** Never prints the key. */
  @Override
  public String toString() {
    return "LoginProperties[transactionTtl="
        + transactionTtl
        + ", otpTtl="
        + otpTtl
        + ", attemptsPerIp="
        + attemptsPerIp
        + ", ipWindow="
        + ipWindow
        + ", failuresBeforeDelay="
        + failuresBeforeDelay
        + ", initialDelay="
        + initialDelay
        + ", maxDelay="
        + maxDelay
        + ", pairMemory="
        + pairMemory
        + ", failuresPerUsername="
        + failuresPerUsername
        + ", usernameWindow="
        + usernameWindow
        + ", deviceTtl="
        + deviceTtl
        + ", knownAddressTtl="
        + knownAddressTtl
        + ", platformCacheSize="
        + platformCacheSize
        + ", usernameHmacKey=<redacted>]";
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException("passbridge.auth.login." + message);
    }
  }
}
