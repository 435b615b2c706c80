package dev.passbridge.auth.accounts;

import dev.passbridge.auth.password.PasswordHasher;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;

/**
 * Creates accounts: checks the username, the phone number (E.164) and the password's strength, then
 * hashes the password and stores the account with a fresh opaque WebAuthn user handle.
 */
public final class Registration {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final UserAccounts accounts;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final Clock clock;

  public Registration(
      UserAccounts accounts, PasswordHasher hasher, PasswordPolicy policy, Clock clock) {
    this.accounts = accounts;
    this.hasher = hasher;
    this.policy = policy;
    this.clock = clock;
  }

  public record Request(String username, String password, String phone, String displayName) {
    @Override
    public String toString() {
      return "Registration.Request[username=" + username + "]";
    }
  }

  public RegistrationResult register(Request request, List<String> roles) {
    var username = Username.parse(request.username());
    if (username.isEmpty()) {
      return new RegistrationResult.InvalidUsername();
    }
    var phone = PhoneNumber.parse(request.phone());
    if (phone.isEmpty()) {
      return new RegistrationResult.InvalidPhone();
    }
    List<PasswordPolicy.Weakness> weaknesses =
        policy.check(request.password(), username.get().key());
    if (!weaknesses.isEmpty()) {
      return new RegistrationResult.WeakPassword(weaknesses);
    }
    // a cheap check first, so a taken name costs no hash; the unique index decides races
    if (accounts.findByUsernameKey(username.get().key()).isPresent()) {
      return new RegistrationResult.UsernameTaken();
    }
    String hash = hasher.hash(PasswordPolicy.normalise(request.password()));
    Instant now = clock.instant();
    UserAccount account =
        new UserAccount(
            UUID.randomUUID(),
            username.get().typed(),
            username.get().key(),
            request.displayName().strip(),
            phone.get(),
            hash,
            newUserHandle(),
            roles,
            now,
            now);
    return accounts.insert(account)
        ? new RegistrationResult.Registered(account.id())
        : new RegistrationResult.UsernameTaken();
  }

  /** 64 random bytes (the WebAuthn maximum), base64url without padding: 86 characters. */
  public static String newUserHandle() {
    byte[] bytes = new byte[64];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
