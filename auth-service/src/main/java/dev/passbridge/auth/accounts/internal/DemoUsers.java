package dev.passbridge.auth.accounts.internal;

import dev.passbridge.auth.accounts.Registration;
import dev.passbridge.auth.accounts.RegistrationResult;
import dev.passbridge.auth.accounts.UserAccount;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;

/**
 * The demo users of CONVENTIONS.md (local profile): created at start-up unless they exist. They go
 * through the normal registration, so they get real Argon2id hashes and user handles.
 */
public class DemoUsers implements ApplicationRunner {
  private static final Logger log = LoggerFactory.getLogger(DemoUsers.class);

  record Demo(
      String username, String password, String phone, String displayName, List<String> roles) {}

  static final List<Demo> USERS =
      List.of(
          new Demo(
              "alice",
              "passbridge-alice-1",
              "+4915110000001",
              "Alice",
              List.of(UserAccount.ROLE_USER)),
          new Demo(
              "bob", "passbridge-bob-1", "+4915110000002", "Bob", List.of(UserAccount.ROLE_USER)),
          new Demo(
              "admin",
              "passbridge-admin-1",
              "+4915110000009",
              "Admin",
              List.of(UserAccount.ROLE_USER, UserAccount.ROLE_ADMIN)));

  private final Registration registration;

  public DemoUsers(Registration registration) {
    this.registration = registration;
  }

  @Override
  public void run(ApplicationArguments args) {
    for (Demo demo : USERS) {
      RegistrationResult result =
          registration.register(
              new Registration.Request(
                  demo.username(), demo.password(), demo.phone(), demo.displayName()),
              demo.roles());
      switch (result) {
        case RegistrationResult.Registered r ->
            log.info("demo user {} created as {}", demo.username(), r.userId());
        case RegistrationResult.UsernameTaken t ->
            log.debug("demo user {} exists already", demo.username());
        default -> throw new IllegalStateException("demo user " + demo.username() + ": " + result);
      }
    }
  }
}
