package dev.passbridge.examples.shop.passbridge;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.ClientHttpResponse;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The shop backend's client of Passbridge's server API ({@code /connect/v1}): HTTP Basic with the
 * shop's client id and secret, timeouts, and Passbridge's problems mapped to {@link
 * PassbridgeException}. Tokens, login results and the secret are never logged.
 */
public class PassbridgeClient {
  private static final Logger log = LoggerFactory.getLogger(PassbridgeClient.class);
  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  /** The customer's browser as the shop's login page saw it (the intelligence's inputs). */
  public record ClientInfo(
      boolean autofilled,
      Map<String, Boolean> capabilities,
      String userAgent,
      Map<String, String> hints) {
    public ClientInfo {
      capabilities = capabilities == null ? Map.of() : Map.copyOf(capabilities);
      hints = hints == null ? Map.of() : Map.copyOf(hints);
    }
  }

  /** The second factor the shop checked, and when. */
  public record SecondFactor(String channel, Instant verifiedAt) {}

  /** {@code POST /connect/v1/logins}. */
  public record LoginReport(
      String externalUserId,
      String username,
      String displayName,
      SecondFactor secondFactor,
      ClientInfo client) {}

  /** A connect token for the SDK in the customer's browser. */
  public record ConnectToken(String loginId, String connectToken, long expiresIn) {
    @Override
    public String toString() {
      return "ConnectToken[loginId=" + loginId + ", expiresIn=" + expiresIn + "]";
    }
  }

  /** A passkey login result, verified once. */
  public record VerifiedLogin(
      String externalUserId, String credentialId, Instant authenticatedAt, List<String> amr) {}

  /** One passkey of a user (server-side list). */
  public record Passkey(
      String id,
      String name,
      String provider,
      Instant createdAt,
      Instant lastUsedAt,
      Boolean synced) {}

  private final RestClient rest;
  private final ObjectMapper json;

  public PassbridgeClient(RestClient rest, ObjectMapper json) {
    this.rest = rest;
    this.json = json;
  }

  /**
   * Reports a completed shop login; the answer's token lets the SDK offer a passkey. The report
   * carries an {@code Idempotency-Key}, so when Passbridge is unavailable for a moment (a 5xx, a
   * timeout) it is sent once more under the same key: Passbridge takes the repeat as the same
   * login, never as a second one, whether or not the first attempt got through.
   */
  public ConnectToken reportLogin(LoginReport report) {
    String key = UUID.randomUUID().toString();
    Call<ConnectToken> send =
        () -> post("/connect/v1/logins", report, ConnectToken.class, IDEMPOTENCY_KEY, key);
    try {
      return call("logins", send);
    } catch (PassbridgeException e) {
      if (e.kind() != PassbridgeException.Kind.UNAVAILABLE) {
        throw e;
      }
      return call("logins (repeated)", send);
    }
  }

  /** A token that lets the SDK list, rename and delete this customer's passkeys. */
  public ConnectToken manageToken(String externalUserId) {
    return call(
        "tokens",
        () ->
            post(
                "/connect/v1/tokens",
                Map.of("externalUserId", externalUserId, "scope", "manage"),
                ConnectToken.class));
  }

  /** Verifies a passkey login result from the shop's login page; succeeds once per result. */
  public VerifiedLogin verifyLoginResult(String loginResult) {
    return call(
        "login-results/verify",
        () ->
            post(
                "/connect/v1/login-results/verify",
                Map.of("loginResult", loginResult),
                VerifiedLogin.class));
  }

  /** This customer's passkeys as Passbridge keeps them. */
  public List<Passkey> passkeys(String externalUserId) {
    return call(
        "users/passkeys",
        () ->
            List.of(
                rest.get()
                    .uri("/connect/v1/users/{id}/passkeys", externalUserId)
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .onStatus(HttpStatusCode::isError, this::raise)
                    .body(Passkey[].class)));
  }

  /**
   * Erases this customer at Passbridge ({@code DELETE /connect/v1/users/{externalUserId}}, the id
   * encoded as one path segment). Both answers that say done return: 202 (Passbridge knew the
   * customer: its mapping is gone now, the passkeys and the profile within seconds) and 204
   * (Passbridge keeps nothing for the id: never seen, or erased already). Anything else is a {@link
   * PassbridgeException}: Passbridge refused the erasure or could not record it (503 {@code
   * service-unavailable}) and kept what it had; or it started the erasure but did not finish it
   * (503 {@value PassbridgeException#ERASURE_INCOMPLETE}: the erasure cannot be undone, the mapping
   * or the sessions were not all done, {@link PassbridgeException#erasureIncomplete()}); or (no
   * answer in time) it may have erased the customer all the same. In the last two cases a later try
   * finishes the erasure (202, or 204 when nothing is left).
   *
   * <p>The erasure is idempotent, so after an {@code UNAVAILABLE} answer (a 5xx such as the two
   * 503, no answer in time, an answer that is not 202 or 204) it is sent once more, as a login
   * report is: a repeat finishes what the first attempt started, or finds nothing left and answers
   * 204. A 4xx is not repeated. When the first attempt answered {@code erasure-incomplete} and the
   * repeat fails otherwise (a 503 {@code service-unavailable}, no answer), the exception is the
   * first one, the repeat's failure suppressed in it: the erasure has started in any case, so the
   * caller must not say that nothing was changed.
   */
  public void eraseUser(String externalUserId) {
    Call<HttpStatusCode> send =
        () -> {
          HttpStatusCode status =
              rest.delete()
                  .uri("/connect/v1/users/{id}", externalUserId)
                  .accept(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON)
                  .retrieve()
                  .onStatus(HttpStatusCode::isError, this::raise)
                  .toBodilessEntity()
                  .getStatusCode();
          if (status.value() != 202 && status.value() != 204) {
            throw new PassbridgeException(
                PassbridgeException.Kind.UNAVAILABLE,
                status.value(),
                null,
                "Passbridge answered " + status.value() + " to an erasure",
                null);
          }
          return status;
        };
    try {
      call("users/erase", send);
    } catch (PassbridgeException first) {
      if (first.kind() != PassbridgeException.Kind.UNAVAILABLE) {
        throw first;
      }
      try {
        call("users/erase (repeated)", send);
      } catch (PassbridgeException repeated) {
        if (first.erasureIncomplete() && !repeated.erasureIncomplete()) {
          first.addSuppressed(repeated);
          throw first;
        }
        throw repeated;
      }
    }
  }

  private <T> T post(String path, Object body, Class<T> answer, String... headers) {
    return rest.post()
        .uri(path)
        .headers(
            h -> {
              for (int i = 0; i < headers.length; i += 2) {
                h.add(headers[i], headers[i + 1]);
              }
            })
        .contentType(MediaType.APPLICATION_JSON)
        .accept(MediaType.APPLICATION_JSON)
        .body(body)
        .retrieve()
        .onStatus(HttpStatusCode::isError, this::raise)
        .body(answer);
  }

  private interface Call<T> {
    T run();
  }

  private <T> T call(String what, Call<T> call) {
    try {
      T result = call.run();
      if (result == null) {
        throw new PassbridgeException(
            PassbridgeException.Kind.UNAVAILABLE, 0, null, "Passbridge sent no answer", null);
      }
      return result;
    } catch (PassbridgeException e) {
      log.warn(
          "Passbridge {} failed: {} (status {}, code {})", what, e.kind(), e.status(), e.code());
      throw e;
    } catch (ResourceAccessException e) {
      log.warn("Passbridge {} unreachable: {}", what, e.getClass().getSimpleName());
      throw new PassbridgeException(
          PassbridgeException.Kind.UNAVAILABLE, 0, null, "Passbridge is unreachable", e);
    } catch (RestClientException e) {
      log.warn("Passbridge {} answered something unreadable", what);
      throw new PassbridgeException(
          PassbridgeException.Kind.UNAVAILABLE, 0, null, "Passbridge's answer was unreadable", e);
    }
  }

  private void raise(org.springframework.http.HttpRequest request, ClientHttpResponse response)
      throws java.io.IOException {
    int status = response.getStatusCode().value();
    String code = null;
    try {
      JsonNode problem = json.readTree(response.getBody());
      if (problem != null && problem.hasNonNull("code")) {
        code = problem.get("code").asString();
      }
    } catch (RuntimeException unreadable) {
      // not a problem document: the status alone says enough
    }
    PassbridgeException.Kind kind;
    if (status >= 500) {
      kind = PassbridgeException.Kind.UNAVAILABLE;
    } else if (status == 401 && (code == null || "invalid-client".equals(code))) {
      kind = PassbridgeException.Kind.MISCONFIGURED;
    } else if (status == 429) {
      kind = PassbridgeException.Kind.OVER_QUOTA;
    } else {
      kind = PassbridgeException.Kind.REJECTED;
    }
    throw new PassbridgeException(
        kind,
        status,
        code,
        "Passbridge answered " + status + (code == null ? "" : " " + code),
        null);
  }
}
