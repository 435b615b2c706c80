package dev.passbridge.intelligence.profile;

/** The name of the profile's state store (part of the changelog topic's name: keep it). */
public final class ProfileStores {
  private ProfileStores() {}

  /** userId → passkey profile (passkeys, cooldowns, prompts). */
  public static final String PROFILES = "intel-profiles";
}
