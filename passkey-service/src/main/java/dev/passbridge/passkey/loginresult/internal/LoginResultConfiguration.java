package dev.passbridge.passkey.loginresult.internal;

import dev.passbridge.passkey.loginresult.LoginResultKeys;
import dev.passbridge.passkey.loginresult.LoginResultProperties;
import dev.passbridge.passkey.loginresult.LoginResultRedemptions;
import dev.passbridge.passkey.loginresult.LoginResults;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * Wires the login results: the key from {@code passbridge.connect.login-result.signing-key}, or a
 * generated one when it is blank (only possible in the local profile: elsewhere the secrets check
 * stops the start first), and the verification keys of a rotation beside it.
 */
@Configuration(proxyBeanMethods = false)
class LoginResultConfiguration {
  private static final Logger log = LoggerFactory.getLogger(LoginResultConfiguration.class);

  @Bean
  LoginResultKeys loginResultKeys(LoginResultProperties properties) {
    LoginResultKeys keys;
    if (properties.signingKey() == null || properties.signingKey().isBlank()) {
      log.info("no login-result signing key configured: generated one for this run");
      keys = LoginResultKeys.generate();
    } else {
      keys = LoginResultKeys.parse(properties.signingKey());
    }
    keys = keys.withVerificationKeys(properties.verificationKeys());
    log.atInfo()
        .addKeyValue("signingKid", keys.signingKey().getKeyID())
        .addKeyValue("publishedKids", keys.publicKeys().getKeys().size())
        .log(
            "login results signed with key {}; {} key(s) published and accepted",
            keys.signingKey().getKeyID(),
            keys.publicKeys().getKeys().size());
    return keys;
  }

  @Bean
  LoginResults loginResults(LoginResultKeys keys, LoginResultProperties properties, Clock clock) {
    return new LoginResults(
        keys, properties.issuer(), properties.lifetime(), properties.clockSkew(), clock);
  }

  @Bean
  LoginResultRedemptions loginResultRedemptions(StringRedisTemplate redis) {
    return new RedisLoginResultRedemptions(redis);
  }
}
