package dev.passbridge.bench.load;

import dev.passbridge.system.SoftwareAuthenticator;

/**
 * One registered account of the benchmark and, for passkey users, the device that holds its
 * passkey. Leased to one virtual user at a time (a passkey's signature counter must not be raced).
 */
public final class BenchUser {
  /** What the account is used for; the pools never mix. */
  public enum Kind {
    /** password + SMS logins (no passkey, typed password, so never upgraded) */
    PASSWORD,
    /** the upgrade journey; the passkey is deleted afterwards so the account can upgrade again */
    UPGRADE,
    /** has a passkey (made at setup) and logs in with it */
    PASSKEY
  }

  private final String username;
  private final String password;
  private final String userId;
  private final Kind kind;
  private SoftwareAuthenticator device;
  private String credentialId;

  public BenchUser(String username, String password, String userId, Kind kind) {
    this.username = username;
    this.password = password;
    this.userId = userId;
    this.kind = kind;
  }

  public String username() {
    return username;
  }

  public String password() {
    return password;
  }

  public String userId() {
    return userId;
  }

  public Kind kind() {
    return kind;
  }

  public SoftwareAuthenticator device() {
    return device;
  }

  public String credentialId() {
    return credentialId;
  }

  void passkey(SoftwareAuthenticator device, String credentialId) {
    this.device = device;
    this.credentialId = credentialId;
  }
}
