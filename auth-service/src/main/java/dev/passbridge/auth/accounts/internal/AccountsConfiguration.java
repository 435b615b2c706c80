package dev.passbridge.auth.accounts.internal;

import dev.passbridge.auth.accounts.AccountProperties;
import dev.passbridge.auth.accounts.PasswordPolicy;
import dev.passbridge.auth.accounts.Registration;
import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.password.Argon2PasswordHasher;
import dev.passbridge.auth.password.PasswordHasher;
import dev.passbridge.auth.password.PasswordHashingProperties;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

@Configuration(proxyBeanMethods = false)
class AccountsConfiguration {

  @Bean
  JdbcUserAccounts authUserAccounts(JdbcClient jdbc) {
    return new JdbcUserAccounts(jdbc);
  }

  @Bean
  Argon2PasswordHasher authPasswordHasher(PasswordHashingProperties properties) {
    return Argon2PasswordHasher.of(properties);
  }

  @Bean
  PasswordPolicy authPasswordPolicy(AccountProperties properties) {
    return PasswordPolicy.withBuiltInBlocklist(properties.passwordMinLength());
  }

  @Bean
  Registration authRegistration(
      UserAccounts accounts, PasswordHasher hasher, PasswordPolicy policy, Clock clock) {
    return new Registration(accounts, hasher, policy, clock);
  }

  @Bean
  @ConditionalOnBooleanProperty("passbridge.auth.accounts.demo-users")
  DemoUsers authDemoUsers(Registration registration) {
    return new DemoUsers(registration);
  }
}
