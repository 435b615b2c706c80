package dev.passbridge.auth.erasure.internal;

import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.erasure.AccountErasure;
import dev.passbridge.auth.login.LoginThrottle;
import dev.passbridge.auth.session.AuthSessionProperties;
import dev.passbridge.auth.session.SessionRevocations;
import dev.passbridge.auth.session.UserSessions;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the account erasure: the event is published and acknowledged before anything else; the
 * login limits forget the username once the account row is gone.
 */
@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

  @Bean
  AccountErasure authAccountErasure(
      UserAccounts accounts,
      EventPublisher publisher,
      LoginThrottle loginLimits,
      UserSessions sessions,
      SessionRevocations revocations,
      AuthSessionProperties sessionProperties,
      Clock clock) {
    return new AccountErasure(
        accounts,
        publisher::publishAndWait,
        loginLimits::forget,
        sessions,
        revocations,
        sessionProperties.ttl(),
        sessionProperties.recentSignIn(),
        clock);
  }
}
