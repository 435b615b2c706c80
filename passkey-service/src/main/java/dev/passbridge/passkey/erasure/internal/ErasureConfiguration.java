package dev.passbridge.passkey.erasure.internal;

import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.erasure.ErasureProperties;
import dev.passbridge.passkey.erasure.UserErasure;
import dev.passbridge.passkey.webauthn.WebAuthnProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the erasure: the use case and its Kafka listener. */
@Configuration(proxyBeanMethods = false)
class ErasureConfiguration {

  /**
   * @throws IllegalStateException (the start fails) when a tombstone would go before a ceremony
   *     issued just before the erasure has expired
   */
  @Bean
  UserErasure passkeyUserErasure(
      PasskeyCredentials credentials, ErasureProperties erasure, WebAuthnProperties webAuthn) {
    if (erasure.tombstoneRetention().compareTo(webAuthn.ceremonyTtl()) <= 0) {
      throw new IllegalStateException(
          "passbridge.passkey.erasure.tombstone-retention ("
              + erasure.tombstoneRetention()
              + ") must be longer than passbridge.passkey.ceremony-ttl ("
              + webAuthn.ceremonyTtl()
              + ")");
    }
    return new UserErasure(credentials, erasure.tombstoneRetention());
  }

  @Bean
  UserErasedListener passkeyUserErasedListener(UserErasure erasure) {
    return new UserErasedListener(erasure);
  }
}
