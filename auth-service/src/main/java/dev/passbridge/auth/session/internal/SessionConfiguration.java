package dev.passbridge.auth.session.internal;

import dev.passbridge.auth.login.LoginTransactions;
import dev.passbridge.auth.login.internal.RedisLoginTransactions;
import dev.passbridge.auth.session.AuthSessionProperties;
import dev.passbridge.auth.session.SessionEvents;
import dev.passbridge.auth.session.SessionExchange;
import dev.passbridge.auth.session.SessionTokens;
import dev.passbridge.auth.session.UserSessions;
import dev.passbridge.auth.session.keys.SigningKeys;
import dev.passbridge.platform.kafka.EventPublisher;
import dev.passbridge.platform.session.SessionProperties;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.task.SyncTaskExecutor;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

@Configuration(proxyBeanMethods = false)
class SessionConfiguration {

  @Bean
  JwtSessionTokens authSessionTokens(
      SigningKeys keys, SessionProperties platformSessions, AuthSessionProperties sessions) {
    return new JwtSessionTokens(keys, platformSessions.issuer(), sessions.ttl());
  }

  @Bean
  KafkaSessionEvents authSessionEvents(EventPublisher publisher) {
    return new KafkaSessionEvents(publisher);
  }

  @Bean
  RedisSessionRevocations authSessionRevocations(StringRedisTemplate redis) {
    return new RedisSessionRevocations(redis);
  }

  @Bean
  RedisUserSessions authUserSessions(StringRedisTemplate redis) {
    return new RedisUserSessions(redis);
  }

  @Bean
  SessionExchange authSessionExchange(
      LoginTransactions transactions,
      SessionTokens tokens,
      SessionEvents events,
      UserSessions userSessions,
      Clock clock) {
    return new SessionExchange(transactions, tokens, events, userSessions, clock);
  }

  @Bean
  CompletionSignals authCompletionSignals() {
    return new CompletionSignals();
  }

  /**
   * One subscription per instance, on the channel the completing scripts publish to. A signal only
   * completes futures whose continuations hop to the worker executor, so it is handled on the Redis
   * client's own thread: the container's default executor would start a new platform thread for
   * every message (one per login).
   */
  @Bean
  RedisMessageListenerContainer authCompletionListenerContainer(
      RedisConnectionFactory connections, CompletionSignals signals) {
    var container = new RedisMessageListenerContainer();
    container.setConnectionFactory(connections);
    container.setTaskExecutor(new SyncTaskExecutor());
    container.addMessageListener(
        signals, new ChannelTopic(RedisLoginTransactions.COMPLETED_CHANNEL));
    return container;
  }

  @Bean
  LoginCompletionWaits authLoginCompletionWaits(
      SessionExchange exchange, CompletionSignals signals, ExecutorService authWorkers) {
    return new LoginCompletionWaits(exchange, signals, authWorkers);
  }
}
