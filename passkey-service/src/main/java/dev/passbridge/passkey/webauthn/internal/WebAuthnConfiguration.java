package dev.passbridge.passkey.webauthn.internal;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import dev.passbridge.passkey.webauthn.AssertionVerifier;
import dev.passbridge.passkey.webauthn.RegistrationVerifier;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.WebAuthnManagers;
import dev.passbridge.passkey.webauthn.WebAuthnProperties;
import java.io.IOException;
import java.io.InputStream;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.Resource;

/**
 * Wires the WebAuthn verification: the relying-party policy from {@code passbridge.passkey.*}, the
 * strict {@code WebAuthnManager} with the configured trust anchors, and the two verifiers.
 */
@Configuration(proxyBeanMethods = false)
class WebAuthnConfiguration {

  @Bean
  ObjectConverter passkeyObjectConverter() {
    return new ObjectConverter();
  }

  @Bean
  RelyingPartyPolicy passkeyRelyingPartyPolicy(WebAuthnProperties properties) {
    return new RelyingPartyPolicy(
        properties.rp().id(),
        properties.rp().name(),
        properties.origins(),
        properties.algorithms(),
        new LinkedHashSet<>(properties.attestation().formats()));
  }

  @Bean
  WebAuthnManager passkeyWebAuthnManager(
      WebAuthnProperties properties, RelyingPartyPolicy policy, ObjectConverter objectConverter)
      throws IOException {
    return WebAuthnManagers.create(
        policy.formats(),
        certificates(properties.attestation().trustAnchors()),
        properties.attestation().requireTrustedCertificates(),
        objectConverter);
  }

  static List<X509Certificate> certificates(List<Resource> resources) throws IOException {
    List<X509Certificate> certificates = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Resource resource : resources) {
        try (InputStream in = resource.getInputStream()) {
          factory.generateCertificates(in).forEach(c -> certificates.add((X509Certificate) c));
        }
      }
    } catch (CertificateException e) {
      throw new IllegalStateException("cannot read attestation trust anchors", e);
    }
    return certificates;
  }

  @Bean
  RegistrationVerifier passkeyRegistrationVerifier(
      WebAuthnManager manager, RelyingPartyPolicy policy, ObjectConverter objectConverter) {
    return new RegistrationVerifier(manager, policy, objectConverter);
  }

  @Bean
  AssertionVerifier passkeyAssertionVerifier(
      WebAuthnManager manager, RelyingPartyPolicy policy, ObjectConverter objectConverter) {
    return new AssertionVerifier(manager, policy, objectConverter);
  }
}
