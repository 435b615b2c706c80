package dev.passbridge.intelligence.profile;

import dev.passbridge.intelligence.rules.PasskeyProfile;
import dev.passbridge.intelligence.streams.JsonSerde;
import dev.passbridge.intelligence.streams.StateStores;
import org.apache.kafka.streams.StreamsBuilder;

/** The profile's state store (its name is part of the changelog topic's name: keep it). */
public final class ProfileStores {
  private ProfileStores() {}

  /** userId → passkey profile (passkeys, cooldowns, prompts). */
  public static final String PROFILES = "intel-profiles";

  static void addTo(StreamsBuilder builder) {
    builder.addStateStore(StateStores.keyValue(PROFILES, JsonSerde.of(PasskeyProfile.class)));
  }
}
