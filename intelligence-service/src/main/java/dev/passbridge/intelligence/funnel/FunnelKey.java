package dev.passbridge.intelligence.funnel;

import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.Nullable;
import dev.passbridge.contracts.events.Platform;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * One funnel counter: {@code 2025-06-01|iOS/Safari|eligible|CONDITIONAL}, and for a Connect login
 * {@code 2025-06-01|iOS/Safari|eligible|CONDITIONAL|CONNECT} (hosted keys keep the four parts they
 * always had, so counters stored before Connect mode stay hosted). ISO dates first, so a range scan
 * over the key covers a date range. Platform and detail are sanitised (they come from clients) and
 * bounded (platforms to a fixed list), so a hostile value cannot break the key or blow up the
 * store.
 */
public record FunnelKey(
    LocalDate day, String platform, FunnelStep step, @Nullable String detail, LoginSource source) {

  public static final String UNKNOWN_PLATFORM = "Unknown/Unknown";
  public static final String OTHER = "other";

  public FunnelKey {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(step, "step");
    platform = sanitisePlatform(platform);
    detail = detail == null ? null : sanitiseDetail(detail);
    source = LoginSource.of(source);
  }

  /** A hosted login's counter. */
  public FunnelKey(LocalDate day, String platform, FunnelStep step, @Nullable String detail) {
    this(day, platform, step, detail, LoginSource.HOSTED);
  }

  /**
   * The counter of {@code step} on the UTC day of {@code at}; a login without a known platform
   * counts under {@link #UNKNOWN_PLATFORM}.
   */
  public static FunnelKey of(
      FunnelStep step, @Nullable String detail, @Nullable String platformLabel, Instant at) {
    return of(step, detail, platformLabel, at, LoginSource.HOSTED);
  }

  /** As {@link #of(FunnelStep, String, String, Instant)}, for a login of {@code source}. */
  public static FunnelKey of(
      FunnelStep step,
      @Nullable String detail,
      @Nullable String platformLabel,
      Instant at,
      @Nullable LoginSource source) {
    return new FunnelKey(
        LocalDate.ofInstant(at, ZoneOffset.UTC),
        platformLabel == null ? Platform.unknown().label() : platformLabel,
        step,
        detail,
        source);
  }

  public String encode() {
    String key = day + "|" + platform + "|" + step.code() + "|" + (detail == null ? "" : detail);
    return source == LoginSource.HOSTED ? key : key + "|" + source.name();
  }

  public static FunnelKey decode(String key) {
    String[] parts = key.split("\\|", -1);
    if (parts.length != 4 && parts.length != 5) {
      throw new IllegalArgumentException("not a funnel key: " + key);
    }
    return new FunnelKey(
        LocalDate.parse(parts[0]),
        parts[1],
        FunnelStep.ofCode(parts[2]),
        parts[3].isEmpty() ? null : parts[3],
        parts.length == 5 ? LoginSource.valueOf(parts[4]) : LoginSource.HOSTED);
  }

  /** Smallest key of {@code day}. */
  public static String firstOf(LocalDate day) {
    return day + "|";
  }

  /** Largest key of {@code day}. */
  public static String lastOf(LocalDate day) {
    return day + "|\uffff";
  }

  /** A fixed vocabulary ({@link PlatformLabel}): no client can add a key, series or row. */
  static String sanitisePlatform(String platform) {
    return PlatformLabel.of(platform);
  }

  /**
   * The names an upgrade failure is counted under: the errors a WebAuthn create can raise
   * (DOMException names), {@code Dismissed} ("Not now"), and passkey-service's rejection codes. The
   * browser reports the name (passkey-service checks only its form), so any other name is {@value
   * #OTHER}: one client could otherwise add a funnel key and a metric series per login.
   */
  static final java.util.Set<String> KNOWN_FAILURES =
      java.util.Set.of(
          "AbortError",
          "NotAllowedError",
          "InvalidStateError",
          "NotSupportedError",
          "SecurityError",
          "ConstraintError",
          "UnknownError",
          "TimeoutError",
          "NetworkError",
          "OperationError",
          "DataError",
          "EncodingError",
          "TypeError",
          "Dismissed",
          "challenge-expired",
          "challenge-mismatch",
          "origin-mismatch",
          "rp-id-mismatch",
          "user-presence-missing",
          "user-verification-missing",
          "bad-signature",
          "counter-regression",
          "unsupported-attestation",
          "bad-attestation",
          "untrusted-attestation",
          "algorithm-not-allowed",
          "user-handle-mismatch",
          "backup-flags-invalid",
          "credential-exists",
          "user-erased",
          "unknown-credential",
          "malformed-credential",
          "verification-failed");

  /**
   * An upgrade failure's name as the funnel counts it: one of {@link #KNOWN_FAILURES}, else other.
   */
  public static String failureDetail(String errorName) {
    return errorName != null && KNOWN_FAILURES.contains(errorName) ? errorName : OTHER;
  }

  static String sanitiseDetail(String detail) {
    return detail.matches("[A-Za-z0-9_.-]{1,64}") ? detail : OTHER;
  }
}
