package dev.passbridge.passkey.login;

import com.webauthn4j.data.AuthenticationData;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import dev.passbridge.contracts.ids.LoginBinding;
import dev.passbridge.contracts.ids.LoginId;
import dev.passbridge.passkey.ceremony.CeremonyStore;
import dev.passbridge.passkey.ceremony.LoginCeremony;
import dev.passbridge.passkey.ceremony.RandomTokens;
import dev.passbridge.passkey.credentials.PasskeyCredentials;
import dev.passbridge.passkey.credentials.StoredCredential;
import dev.passbridge.passkey.loginresult.LoginResults;
import dev.passbridge.passkey.webauthn.AssertionVerifier;
import dev.passbridge.passkey.webauthn.Base64Url;
import dev.passbridge.passkey.webauthn.Outcome;
import dev.passbridge.passkey.webauthn.Rejection;
import dev.passbridge.passkey.webauthn.RejectionCode;
import dev.passbridge.passkey.webauthn.RelyingPartyPolicy;
import dev.passbridge.passkey.webauthn.RequestOptions;
import dev.passbridge.passkey.webauthn.StoredKey;
import dev.passbridge.passkey.webauthn.VerifiedAssertion;
import dev.passbridge.passkey.webauthn.WebAuthnFailures;
import dev.passbridge.platform.core.connect.ConnectClient;
import dev.passbridge.platform.kafka.EventPublisher;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passkey login (docs/services/passkey-service.md): a discoverable-credential challenge, then the
 * assertion. A verified assertion gets a fresh loginId and {@code PasskeyAuthenticated}
 * (acknowledged by Kafka before the answer), which auth-service turns into a completed login for
 * {@code POST /api/auth/session}. A login for a connect client (its ceremony names the client)
 * accepts only passkeys of that client's tenant, checks {@code clientDataJSON.origin} against the
 * client's origins and answers a signed login result instead; a hosted login accepts only hosted
 * passkeys. A passkey of the wrong kind is {@code unknown-credential}, like an unknown one.
 */
public class PasskeyLoginService {
  private static final Logger log = LoggerFactory.getLogger(PasskeyLoginService.class);

  private final CeremonyStore ceremonies;
  private final AssertionVerifier verifier;
  private final PasskeyCredentials credentials;
  private final RelyingPartyPolicy policy;
  private final RandomTokens random;
  private final EventPublisher publisher;
  private final Clock clock;
  private final Duration ttl;
  private final LoginResults results;

  public PasskeyLoginService(
      CeremonyStore ceremonies,
      AssertionVerifier verifier,
      PasskeyCredentials credentials,
      RelyingPartyPolicy policy,
      RandomTokens random,
      EventPublisher publisher,
      Clock clock,
      Duration ttl,
      LoginResults results) {
    this.ceremonies = ceremonies;
    this.verifier = verifier;
    this.credentials = credentials;
    this.policy = policy;
    this.random = random;
    this.publisher = publisher;
    this.clock = clock;
    this.ttl = ttl;
    this.results = results;
  }

  @Schema(requiredProperties = {"ceremonyId", "publicKey"})
  public record LoginOptions(String ceremonyId, RequestOptions publicKey) {}

  public LoginOptions options() {
    return options(null);
  }

  /**
   * @param client the connect client the login is for, or null for a hosted login
   */
  public LoginOptions options(ConnectClient client) {
    byte[] challenge = random.challenge();
    String ceremonyId = random.id();
    ceremonies.saveLogin(
        new LoginCeremony(
            ceremonyId,
            Base64Url.encode(challenge),
            clock.instant(),
            client == null ? null : client.clientId()),
        ttl);
    return new LoginOptions(
        ceremonyId,
        new RequestOptions(
            Base64Url.encode(challenge),
            ttl.toMillis(),
            policy.rpId(),
            List.of(),
            "preferred",
            null));
  }

  /**
   * The verified login: its fresh loginId and whose it is.
   *
   * @param loginResult the signed login result of a connect client's login ({@code null}: hosted)
   * @param bindingToken a hosted login's browser binding, for the {@code pb_login} cookie ({@link
   *     LoginBinding}; {@code null} for a connect client's login)
   */
  public record PasskeyLogin(
      String loginId, UUID userId, String credentialId, String loginResult, String bindingToken) {
    @Override
    public String toString() {
      return "PasskeyLogin[loginId=" + loginId + ", userId=" + userId + "]";
    }
  }

  public Outcome<PasskeyLogin> login(String ceremonyId, String authenticationResponseJson) {
    return login(ceremonyId, authenticationResponseJson, null);
  }

  /**
   * @param client the connect client the request names, or null for a hosted login; it must be the
   *     one the ceremony was issued for
   */
  public Outcome<PasskeyLogin> login(
      String ceremonyId, String authenticationResponseJson, ConnectClient client) {
    var ceremony = ceremonies.takeLogin(ceremonyId);
    String clientId = client == null ? null : client.clientId();
    if (ceremony.isEmpty() || !Objects.equals(ceremony.get().clientId(), clientId)) {
      return Outcome.rejected(RejectionCode.CHALLENGE_EXPIRED);
    }
    AuthenticationData data;
    switch (verifier.parse(authenticationResponseJson)) {
      case Outcome.Rejected<AuthenticationData> r -> {
        return Outcome.rejected(r.rejection());
      }
      case Outcome.Ok<AuthenticationData> ok -> data = ok.value();
    }
    String credentialId = Base64Url.encode(data.getCredentialId());
    var found =
        credentials
            .find(credentialId)
            .filter(c -> client == null ? c.tenant() == null : c.ownedByTenant(client.tenant()));
    if (found.isEmpty()) {
      return unknownCredential(credentialId);
    }
    StoredCredential stored = found.get();
    StoredKey key =
        new StoredKey(
            data.getCredentialId(),
            Base64Url.decode(stored.userHandle()).orElseThrow(),
            stored.publicKey(),
            stored.aaguid(),
            stored.signCount(),
            stored.backupEligible(),
            stored.backupState());
    byte[] challenge = Base64Url.decode(ceremony.get().challenge()).orElseThrow();
    VerifiedAssertion assertion;
    List<String> origins = client == null ? policy.origins() : client.origins();
    switch (verifier.verify(data, challenge, key, origins)) {
      case Outcome.Rejected<VerifiedAssertion> r -> {
        return rejected(stored, r.rejection());
      }
      case Outcome.Ok<VerifiedAssertion> ok -> assertion = ok.value();
    }
    switch (credentials.recordUse(
        credentialId, assertion.signCount(), assertion.backupEligible(), assertion.backupState())) {
      case RECORDED -> {}
      case COUNTER_REGRESSION -> {
        // another assertion of this credential with the same or a higher counter got there first
        counterRegression(stored);
        return Outcome.rejected(RejectionCode.COUNTER_REGRESSION);
      }
      case GONE -> {
        // deleted while this assertion was verified: the browser may forget it
        return unknownCredential(credentialId);
      }
    }
    String loginId = LoginId.random().value();
    // a hosted login is traded for a session by auth-service, for the browser holding this token
    String bindingToken = client == null ? LoginBinding.newToken() : null;
    publisher.publishAndWait(
        new PasskeyAuthenticated(
            UUID.randomUUID(),
            clock.instant(),
            stored.userId(),
            loginId,
            credentialId,
            client == null ? null : LoginSource.CONNECT,
            clientId,
            LoginBinding.digest(bindingToken)));
    if (client != null) {
      String loginResult = results.sign(clientId, stored.externalUserId(), credentialId);
      log.info(
          "passkey login {} of user {} with {} for client {}",
          loginId,
          stored.userId(),
          credentialId,
          clientId);
      return Outcome.ok(
          new PasskeyLogin(loginId, stored.userId(), credentialId, loginResult, null));
    }
    log.info("passkey login {} of user {} with {}", loginId, stored.userId(), credentialId);
    return Outcome.ok(new PasskeyLogin(loginId, stored.userId(), credentialId, null, bindingToken));
  }

  /** Named, so the web app can call {@code PublicKeyCredential.signalUnknownCredential}. */
  private Outcome<PasskeyLogin> unknownCredential(String credentialId) {
    return Outcome.rejected(
        new Rejection(
            RejectionCode.UNKNOWN_CREDENTIAL,
            WebAuthnFailures.detail(RejectionCode.UNKNOWN_CREDENTIAL),
            Map.of("credentialId", credentialId, "rpId", policy.rpId())));
  }

  private Outcome<PasskeyLogin> rejected(StoredCredential stored, Rejection rejection) {
    if (rejection.code() == RejectionCode.COUNTER_REGRESSION) {
      counterRegression(stored);
    }
    log.info(
        "passkey login with {} of user {} rejected: {}",
        stored.credentialId(),
        stored.userId(),
        rejection.code().code());
    return Outcome.rejected(rejection);
  }

  private void counterRegression(StoredCredential stored) {
    credentials.flagCounterRegression(stored.credentialId());
    log.warn(
        "signature counter regression on passkey {} of user {}: possible cloned authenticator",
        stored.credentialId(),
        stored.userId());
  }
}
