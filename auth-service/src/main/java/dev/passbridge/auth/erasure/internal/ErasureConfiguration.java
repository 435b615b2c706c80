package dev.passbridge.auth.erasure.internal;

import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.erasure.AccountErasure;
import dev.passbridge.auth.session.AuthSessionProperties;
import dev.passbridge.auth.session.SessionRevocations;
import dev.passbridge.auth.session.UserSessions;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the account erasure: the event is published and acknowledged before anything else. */
@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

  @Bean
  AccountErasure authAccountErasure(
      UserAccounts accounts,
      EventPublisher publisher,
      UserSessions sessions,
      SessionRevocations revocations,
      AuthSessionProperties sessionProperties,
      Clock clock) {
    return new AccountErasure(
        accounts, publisher::publishAndWait, sessions, revocations, sessionProperties.ttl(), clock);
  }
}
