package dev.passbridge.contracts.events;

/**
 * Where the one-time code goes. {@code destination} is a phone number in E.164: personal data, and
 * {@link PasswordAuthenticated} is the only event that carries it.
 */
public record SecondFactor(String channel, String destination) {
  public static final String SMS = "SMS";

  public SecondFactor {
    Require.text(channel, "channel");
    Require.text(destination, "destination");
  }

  @Override
  public String toString() {
    return "SecondFactor[channel=" + channel + ", destination=<redacted>]";
  }
}
