package dev.passbridge.intelligence.profile;

/** The names of the profile's state stores (part of their changelog topics' names: keep them). */
public final class ProfileStores {
  private ProfileStores() {}

  /** userId → passkey profile (passkeys, cooldowns, prompts). */
  public static final String PROFILES = "intel-profiles";

  /**
   * userId → when the user was erased (epoch milliseconds): the profile's writes for that user are
   * dropped until the mark is as old as the events on the topics ({@code
   * passbridge.kafka.retention}).
   */
  public static final String ERASED = "intel-erased";
}
