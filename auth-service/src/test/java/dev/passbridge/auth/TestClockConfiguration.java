package dev.passbridge.auth;

import dev.passbridge.auth.fakes.MutableClock;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Replaces the platform's system clock with one the integration tests can move forward. */
@TestConfiguration(proxyBeanMethods = false)
public class TestClockConfiguration {
  @Bean
  MutableClock testClock() {
    return MutableClock.system();
  }
}
