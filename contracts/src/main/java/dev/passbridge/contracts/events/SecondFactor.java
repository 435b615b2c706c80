package dev.passbridge.contracts.events;

import java.time.Instant;

/**
 * The second factor of a password login. Hosted: where the one-time code goes ({@code destination},
 * a phone number in E.164: personal data, and {@link PasswordAuthenticated} is the only event that
 * carries it). Connect: the second factor the platform itself already checked ({@code channel} as
 * the platform reported it, e.g. {@code totp}, and {@code verifiedAt}; no destination).
 *
 * @param destination the phone number the code is sent to (hosted); absent for Connect
 * @param verifiedAt when the platform's own second factor passed (Connect); absent when hosted
 */
public record SecondFactor(
    String channel, @Nullable String destination, @Nullable Instant verifiedAt) {
  public static final String SMS = "SMS";

  public SecondFactor {
    Require.text(channel, "channel");
    Require.optionalText(destination, "destination");
  }

  /** A hosted second factor: a code to send. */
  public SecondFactor(String channel, String destination) {
    this(channel, Require.text(destination, "destination"), null);
  }

  /** A second factor the Connect platform checked itself. */
  public static SecondFactor verifiedByPlatform(String channel, Instant verifiedAt) {
    return new SecondFactor(channel, null, Require.present(verifiedAt, "verifiedAt"));
  }

  @Override
  public String toString() {
    return "SecondFactor[channel="
        + channel
        + ", destination="
        + (destination == null ? "none" : "<redacted>")
        + ", verifiedAt="
        + verifiedAt
        + "]";
  }
}
