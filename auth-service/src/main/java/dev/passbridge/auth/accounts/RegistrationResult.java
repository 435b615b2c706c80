package dev.passbridge.auth.accounts;

import java.util.List;
import java.util.UUID;

/** What became of a registration: an account, or the reason there is none. */
public sealed interface RegistrationResult {

  record Registered(UUID userId) implements RegistrationResult {}

  record UsernameTaken() implements RegistrationResult {}

  record InvalidUsername() implements RegistrationResult {}

  record InvalidPhone() implements RegistrationResult {}

  record WeakPassword(List<PasswordPolicy.Weakness> weaknesses) implements RegistrationResult {
    public WeakPassword {
      weaknesses = List.copyOf(weaknesses);
    }
  }
}
