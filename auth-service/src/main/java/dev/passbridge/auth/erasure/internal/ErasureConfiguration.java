package dev.passbridge.auth.erasure.internal;

import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.erasure.AccountErasure;
import dev.passbridge.auth.login.LoginThrottle;
import dev.passbridge.auth.session.AuthSessionProperties;
import dev.passbridge.auth.session.SessionRevocations;
import dev.passbridge.auth.session.UserSessions;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the account erasure: the event is published and acknowledged before anything else; the
 * login limits forget the username once the account row is gone, and once more after {@link
 * LoginThrottle#LATE_WRITES}, when a login whose password check had read the account before the
 * delete has written what it learnt (a known address, a device token, a failure). The second time
 * runs in memory: a restart in that minute leaves such a late write to its TTL.
 */
@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {
  private static final Logger log = LoggerFactory.getLogger(ErasureConfiguration.class);

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
        forgetNowAndAgain(
            loginLimits::forget,
            CompletableFuture.delayedExecutor(
                LoginThrottle.LATE_WRITES.toMillis(),
                TimeUnit.MILLISECONDS,
                task -> Thread.ofVirtual().name("erasure-forget-again").start(task))),
        sessions,
        revocations,
        sessionProperties.ttl(),
        sessionProperties.recentSignIn(),
        clock);
  }

  /**
   * Forgets now (a failure goes to the caller) and hands the same forgetting to {@code later}
   * whatever happened now; a failure then is logged by its class only (a message could name a key)
   * and the state is left to its TTLs.
   */
  static Consumer<String> forgetNowAndAgain(Consumer<String> forget, Executor later) {
    return usernameKey -> {
      try {
        forget.accept(usernameKey);
      } finally {
        later.execute(
            () -> {
              try {
                forget.accept(usernameKey);
              } catch (RuntimeException e) {
                log.warn(
                    "login limits of an erased account not forgotten the second time, left to"
                        + " expire: {}",
                    e.getClass().getName());
              }
            });
      }
    };
  }
}
