package dev.passbridge.auth.erasure.internal;

import dev.passbridge.auth.accounts.UserAccounts;
import dev.passbridge.auth.erasure.AccountErasure;
import dev.passbridge.auth.login.LoginProperties;
import dev.passbridge.auth.login.LoginThrottle;
import dev.passbridge.auth.password.PasswordHashingProperties;
import dev.passbridge.auth.session.AuthSessionProperties;
import dev.passbridge.auth.session.SessionRevocations;
import dev.passbridge.auth.session.UserSessions;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Consumer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the account erasure: the event is published and acknowledged before anything else; the
 * login limits forget the username once the account row is gone, and once more a while later
 * ({@link #lateWrites}), when a login whose password check had read the account before the delete
 * has written what it learnt (a known address, a device token, a failure).
 */
@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

  /**
   * How long after an erasure a login of the account can still write to the limits: its password
   * check read the account before the delete and may wait for a hashing slot twice (a rehash), each
   * wait bounded by the queue timeout; a minute at least ({@link LoginThrottle#LATE_WRITES}).
   */
  static Duration lateWrites(Duration queueTimeout) {
    Duration twoWaits = queueTimeout.multipliedBy(2).plusSeconds(10);
    return twoWaits.compareTo(LoginThrottle.LATE_WRITES) > 0 ? twoWaits : LoginThrottle.LATE_WRITES;
  }

  /**
   * How long the session index keeps a user marked erased (no session is recorded for the user
   * meanwhile): as long as a session lives and as long as a login transaction can still be
   * exchanged for one, whichever is longer; a session lifetime shorter than the transactions' (say
   * {@code session.ttl=5m}, {@code transaction-ttl=10m}) let a login completed before the erasure
   * get a session after the mark expired.
   */
  static Duration erasedMarkLifetime(Duration sessionTtl, Duration transactionTtl) {
    return sessionTtl.compareTo(transactionTtl) >= 0 ? sessionTtl : transactionTtl;
  }

  /** Depends on the limits, so the context closes it (running what waits) before Redis. */
  @Bean
  LateForgetting authLateForgetting(LoginThrottle loginLimits, PasswordHashingProperties hashing) {
    return new LateForgetting(loginLimits::forget, lateWrites(hashing.queueTimeout()));
  }

  @Bean
  AccountErasure authAccountErasure(
      UserAccounts accounts,
      EventPublisher publisher,
      LoginThrottle loginLimits,
      LateForgetting lateForgetting,
      UserSessions sessions,
      SessionRevocations revocations,
      AuthSessionProperties sessionProperties,
      LoginProperties loginProperties,
      Clock clock) {
    return new AccountErasure(
        accounts,
        publisher::publishAndWait,
        forgetNowAndAgain(loginLimits::forget, lateForgetting::later),
        sessions,
        revocations,
        erasedMarkLifetime(sessionProperties.ttl(), loginProperties.transactionTtl()),
        sessionProperties.recentSignIn(),
        clock);
  }

  /**
   * Forgets now (a failure goes to the caller, which logs it) and asks for the same forgetting
   * later whatever happened now.
   */
  static Consumer<String> forgetNowAndAgain(Consumer<String> forget, Consumer<String> later) {
    return usernameKey -> {
      try {
        forget.accept(usernameKey);
      } finally {
        later.accept(usernameKey);
      }
    };
  }
}
