package dev.passbridge.passkey.login.internal;

import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.RandomTokens;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.login.PasskeyLoginService;
import dev.passbridge.passkey.loginresult.LoginResults;
import dev.passbridge.passkey.webauthn.AssertionVerifier;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.WebAuthnProperties;
import dev.passbridge.platform.kafka.EventPublisher;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the passkey login. */
@Configuration(proxyBeanMethods = false)
class LoginConfiguration {

  @Bean
  PasskeyLoginService passkeyLoginService(
      CeremonyStore store,
      AssertionVerifier verifier,
      PasskeyCredentials credentials,
      RelyingPartyPolicy policy,
      RandomTokens random,
      EventPublisher publisher,
      Clock clock,
      WebAuthnProperties properties,
      LoginResults results) {
    return new PasskeyLoginService(
        store,
        verifier,
        credentials,
        policy,
        random,
        publisher,
        clock,
        properties.ceremonyTtl(),
        results);
  }
}
