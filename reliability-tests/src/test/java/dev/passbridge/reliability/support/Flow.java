package dev.passbridge.reliability.support;

import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Flags;
import dev.passbridge.passkey.testing.SoftwarePasskeyAuthenticator.Kind;
import dev.passbridge.system.Browser;
import dev.passbridge.system.Journeys;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.function.Supplier;
import tools.jackson.databind.JsonNode;

/**
 * One user's whole journey through the gateway, as a patient browser (the web app) performs it
 * while something is broken: sign up, password + SMS code, session, silent passkey creation, log
 * out, passkey login, session. A step that gets a retryable answer (a problem with 502, 503 or 504,
 * {@code login-not-completed}, a {@code PENDING} upgrade) is retried after its {@code Retry-After};
 * a step whose state was lost ({@code login-expired}, {@code challenge-expired}, an OTP gone)
 * starts the login again. Anything else (a 500, an unexpected 4xx, a body that is not a problem, an
 * I/O error at the gateway) ends the flow as <em>unclear</em>: the thing that must never happen.
 */
public final class Flow {
  public enum Result {
    COMPLETED,
    /** Gave up at the deadline while the system still answered "retry later". */
    RETRYABLE,
    UNCLEAR
  }

  public record Outcome(
      Result result, String step, String detail, int retries, int restarts, long millis) {}

  static final Set<Integer> RETRYABLE = Set.of(502, 503, 504);

  private final String url;
  private final Ledger ledger;
  private final LogCapture logs;
  private final Duration patience;
  private final Browser browser;
  private final SoftwarePasskeyAuthenticator device;
  private final String username = Clients.username();
  private final String password = Clients.password();
  private final String phone = Clients.phone();
  private long deadline;
  private int retries;
  private int restarts;
  private String credentialId;

  /**
   * @param patience how long the browser keeps retrying before it gives up (the whole flow)
   */
  public Flow(String url, Ledger ledger, LogCapture logs, Duration patience) {
    this.url = url;
    this.ledger = ledger;
    this.logs = logs;
    this.patience = patience;
    this.browser = Clients.browser(url);
    this.device =
        new SoftwarePasskeyAuthenticator(url, SoftwarePasskeyAuthenticator.GOOGLE_PASSWORD_MANAGER);
    logs.phone(phone);
  }

  private static final class Unclear extends RuntimeException {
    final String step;

    Unclear(String step, String detail) {
      super(detail, null, false, false);
      this.step = step;
    }
  }

  private static final class GaveUp extends RuntimeException {
    final String step;

    GaveUp(String step, String detail) {
      super(detail, null, false, false);
      this.step = step;
    }
  }

  /** The state this login relied on is gone: log in again. */
  private static final class Restart extends RuntimeException {
    Restart(String detail) {
      super(detail, null, false, false);
    }
  }

  public Outcome run() {
    long t0 = System.nanoTime();
    deadline = t0 + patience.toNanos();
    try {
      signUp();
      while (true) {
        try {
          passwordLoginAndUpgrade();
          passkeyLogin();
          return outcome(Result.COMPLETED, "done", "", t0);
        } catch (Restart restart) {
          restarts++;
          if (restarts > 5) {
            return outcome(Result.UNCLEAR, "restart", "too many restarts: " + restart, t0);
          }
        }
      }
    } catch (Unclear e) {
      return outcome(Result.UNCLEAR, e.step, e.getMessage(), t0);
    } catch (GaveUp e) {
      return outcome(Result.RETRYABLE, e.step, e.getMessage(), t0);
    }
  }

  private Outcome outcome(Result result, String step, String detail, long t0) {
    return new Outcome(
        result, step, detail, retries, restarts, (System.nanoTime() - t0) / 1_000_000);
  }

  private void signUp() {
    boolean[] ambiguous = {false};
    call(
        "register",
        () -> browser.post("/api/auth/register", Clients.registration(username, password, phone)),
        r -> r.status() == 201 || (ambiguous[0] && r.status() == 409),
        r -> false,
        ambiguous);
  }

  private void passwordLoginAndUpgrade() {
    Browser.Response login =
        call(
            "login",
            () ->
                browser.post(
                    "/api/auth/login",
                    Map.of(
                        "username",
                        username,
                        "password",
                        password,
                        "client",
                        Browser.client(true, Journeys.CONDITIONAL_CAPABLE))),
            r -> r.status() == 200 && r.text("loginId") != null,
            r -> false,
            new boolean[1]);
    String loginId = login.text("loginId");
    ledger.passwordLogins.add(loginId);

    String code = smsCode(loginId);
    boolean[] ambiguous = {false};
    Browser.Response verify =
        call(
            "verify",
            () -> browser.post("/api/otp/verify", Map.of("loginId", loginId, "code", code)),
            r -> r.status() == 204 || (ambiguous[0] && r.status() == 410),
            r -> r.status() == 410,
            ambiguous);
    if (verify.status() == 204) {
      ledger.verified.add(loginId);
    }

    session(loginId);

    JsonNode upgrade = upgrade();
    String action = upgrade.path("action").asString();
    if (action.equals("NONE") && "HAS_PASSKEY".equals(upgrade.path("reason").asString())) {
      if (credentialId == null) {
        throw new Unclear("upgrade", "HAS_PASSKEY for a user without a passkey: " + upgrade);
      }
      return; // an earlier, ambiguous attempt created it
    }
    if (!action.equals("CONDITIONAL_CREATE")) {
      throw new Unclear("upgrade", "expected CONDITIONAL_CREATE: " + upgrade);
    }
    JsonNode credential =
        device.register(upgrade.path("publicKey"), Kind.NONE, Flags.conditional());
    String id = credential.path("id").asString();
    boolean[] ambiguousCreate = {false};
    call(
        "create passkey",
        () ->
            browser.post(
                "/api/passkeys/registrations",
                Map.of(
                    "ceremonyId", upgrade.path("ceremonyId").asString(), "credential", credential)),
        r -> r.status() == 201 || (ambiguousCreate[0] && r.status() == 409),
        r -> "challenge-expired".equals(r.text("code")),
        ambiguousCreate);
    credentialId = id;
    ledger.credentials.add(id);
  }

  private void passkeyLogin() {
    call(
        "logout",
        () -> browser.post("/api/auth/logout", Map.of()),
        r -> r.status() == 204,
        r -> false,
        new boolean[1]);
    while (true) {
      Browser.Response options =
          call(
              "passkey options",
              () -> browser.post("/api/passkeys/login/options", Map.of()),
              r -> r.status() == 200,
              r -> false,
              new boolean[1]);
      JsonNode assertion = device.authenticate(options.body().path("publicKey"), credentialId);
      Browser.Response login;
      try {
        login =
            call(
                "passkey login",
                () ->
                    browser.post(
                        "/api/passkeys/login",
                        Map.of("ceremonyId", options.text("ceremonyId"), "credential", assertion)),
                r -> r.status() == 200,
                r -> "challenge-expired".equals(r.text("code")),
                new boolean[1]);
      } catch (Restart challengeGone) {
        continue; // a new ceremony, same credential
      }
      String loginId = login.text("loginId");
      ledger.passkeyLogins.add(loginId);
      session(loginId);
      Browser.Response me =
          call(
              "me",
              () -> browser.get("/api/me"),
              r -> r.status() == 200,
              r -> false,
              new boolean[1]);
      if (!username.equalsIgnoreCase(me.text("username"))) {
        throw new Unclear("me", "another user's session: " + me);
      }
      return;
    }
  }

  private void session(String loginId) {
    boolean[] ambiguous = {false};
    call(
        "session",
        () -> browser.post("/api/auth/session", Map.of("loginId", loginId)),
        r -> r.status() == 200,
        r -> r.status() == 410 || (ambiguous[0] && "login-already-used".equals(r.text("code"))),
        ambiguous,
        r -> "login-not-completed".equals(r.text("code")));
    ledger.sessions.add(loginId);
  }

  private String smsCode(String loginId) {
    Browser.Response sms =
        call(
            "sms",
            () -> browser.get("/api/dev/sms?loginId=" + loginId),
            r -> r.status() == 200 && r.text("code") != null,
            r -> false,
            new boolean[1],
            r -> r.status() == 404 && "sms-not-found".equals(r.text("code")));
    String code = sms.text("code");
    logs.code(code);
    return code;
  }

  private JsonNode upgrade() {
    Browser.Response upgrade =
        call(
            "upgrade",
            () -> browser.get("/api/passkeys/upgrade"),
            r -> r.status() == 200 && !"PENDING".equals(r.body().path("reason").asString(null)),
            r -> false,
            new boolean[1],
            r -> r.status() == 200);
    return upgrade.body();
  }

  private Browser.Response call(
      String step,
      Supplier<Browser.Response> request,
      Predicate<Browser.Response> ok,
      Predicate<Browser.Response> restart,
      boolean[] ambiguous) {
    return call(step, request, ok, restart, ambiguous, r -> false);
  }

  /**
   * Sends until {@code ok}; retries retryable answers (and {@code again}) until the deadline;
   * restarts the login on {@code restart}; anything else is unclear.
   */
  private Browser.Response call(
      String step,
      Supplier<Browser.Response> request,
      Predicate<Browser.Response> ok,
      Predicate<Browser.Response> restart,
      boolean[] ambiguous,
      Predicate<Browser.Response> again) {
    while (true) {
      Browser.Response r;
      try {
        r = request.get();
      } catch (RuntimeException e) {
        if (!cutMidAnswer(e)) {
          throw new Unclear(step, "no HTTP answer from the gateway: " + e);
        }
        // the answer's headers came, then its body was cut: the instance behind the gateway died
        // mid-answer. To a browser that is a 502: the step may have had its effect; try again.
        ambiguous[0] = true;
        if (System.nanoTime() > deadline) {
          throw new GaveUp(step, "answer cut mid-body: " + e);
        }
        retries++;
        sleep(200);
        continue;
      }
      if (ok.test(r)) {
        return r;
      }
      if (restart.test(r)) {
        throw new Restart(step + ": " + r);
      }
      // 502/503/504 problems, and a rate limit with its Retry-After: "try again later", clearly
      boolean retryable =
          (RETRYABLE.contains(r.status()) && isProblem(r))
              || (r.status() == 429
                  && "rate-limited".equals(r.text("code"))
                  && r.headers().firstValue("Retry-After").isPresent());
      if (!retryable && !again.test(r)) {
        throw new Unclear(step, r.status() + " " + r.body());
      }
      if (r.status() == 502 || r.status() == 504) {
        ambiguous[0] = true; // it may have had its effect
      }
      if (System.nanoTime() > deadline) {
        throw new GaveUp(step, r.status() + " " + r.body());
      }
      retries++;
      sleep(retryAfterMillis(step, r));
    }
  }

  /** A chunked body that ended before its last chunk: the answer had begun, then broke off. */
  static boolean cutMidAnswer(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException
          && t.getMessage() != null
          && t.getMessage().contains("chunked transfer encoding")) {
        return true;
      }
    }
    return false;
  }

  static boolean isProblem(Browser.Response r) {
    return r.body() != null && r.body().path("type").asString("").startsWith("https://");
  }

  private long retryAfterMillis(String step, Browser.Response r) {
    String header = r.headers().firstValue("Retry-After").orElse(null);
    if (header != null && header.matches("\\d{1,4}")) {
      long wait = Long.parseLong(header) * 1000;
      if (System.nanoTime() + wait * 1_000_000 > deadline) {
        throw new GaveUp(
            step, r.status() + " with Retry-After " + header + " s, beyond the patience");
      }
      return wait;
    }
    return 250;
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
