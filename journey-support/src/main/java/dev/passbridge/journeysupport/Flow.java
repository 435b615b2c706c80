package dev.passbridge.journeysupport;

import static dev.passbridge.system.Journeys.sleep;

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
 * One user's whole journey through the gateway (or a load balancer in front of the gateways, see
 * {@link Front}), as a patient browser (the web app) performs it while something is broken: sign
 * up, password + SMS code, session, silent passkey creation, log out, passkey login, session. A
 * step that gets a retryable answer (a problem with 502, 503 or 504, {@code login-not-completed}, a
 * {@code PENDING} upgrade) is retried after its {@code Retry-After}; a step whose state was lost
 * ({@code login-expired}, {@code challenge-expired}, an OTP gone) starts the login again. Anything
 * else (a 500, an unexpected 4xx, a body that is not a problem, an I/O error at the gateway) ends
 * the flow as <em>unclear</em>: the thing that must never happen.
 *
 * <p>The SMS code comes either from the gateway's dev endpoint ({@code GET /api/dev/sms}, the
 * {@code local} profile) or from an {@link SmsInbox} (an SMS provider the test stands in for).
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

  /**
   * What stands between the simulated browser and the gateways, and which of its failures a browser
   * takes for "try again".
   *
   * @param cutAnswerRetryable an answer cut mid-body (its headers came, then its chunked body broke
   *     off) is a 502 to a browser: the step may have had its effect; try again. True when the
   *     browser talks to a gateway directly and the instance behind it can die mid-answer; false
   *     behind a load balancer, which answers such a failure itself (then a cut answer is unclear).
   * @param ownErrorHeader the header that marks a 502/503/504 written by the load balancer itself
   *     (retryable although not a problem body), or null
   */
  public record Front(boolean cutAnswerRetryable, String ownErrorHeader) {
    /** The browser talks to a gateway directly. */
    public static final Front GATEWAY = new Front(true, null);

    /** A load balancer in front of the gateways that marks its own errors with {@code header}. */
    public static Front loadBalancer(String header) {
      return new Front(false, header);
    }
  }

  /** Where the user reads the SMS code of a login. */
  @FunctionalInterface
  public interface SmsInbox {
    /** The code of {@code loginId} sent to {@code phone}, or null while none has arrived. */
    String code(String phone, String loginId);
  }

  /** Told every phone number and SMS code the flow uses (e.g. so a log check can look for them). */
  public interface Secrets {
    Secrets NONE =
        new Secrets() {
          @Override
          public void phone(String e164) {}

          @Override
          public void code(String code) {}
        };

    void phone(String e164);

    void code(String code);
  }

  private final String url;
  private final Front front;
  private final Ledger ledger;
  private final SmsInbox inbox;
  private final Secrets secrets;
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
   * A flow straight to a gateway ({@link Front#GATEWAY}) that reads each SMS code from the
   * gateway's dev endpoint.
   *
   * @param secrets told the user's phone now and each code as it is read
   * @param patience how long the browser keeps retrying before it gives up (the whole flow)
   */
  public Flow(String url, Ledger ledger, Secrets secrets, Duration patience) {
    this(url, Front.GATEWAY, ledger, null, secrets, patience);
  }

  /**
   * A flow through {@code front} that reads each SMS code from {@code inbox}.
   *
   * @param patience how long the browser keeps retrying before it gives up (the whole flow)
   */
  public Flow(String url, Front front, Ledger ledger, SmsInbox inbox, Duration patience) {
    this(url, front, ledger, java.util.Objects.requireNonNull(inbox), Secrets.NONE, patience);
  }

  private Flow(
      String url, Front front, Ledger ledger, SmsInbox inbox, Secrets secrets, Duration patience) {
    this.url = url;
    this.front = front;
    this.ledger = ledger;
    this.inbox = inbox;
    this.secrets = secrets;
    this.patience = patience;
    this.browser = Clients.browser(url);
    this.device =
        new SoftwarePasskeyAuthenticator(url, SoftwarePasskeyAuthenticator.GOOGLE_PASSWORD_MANAGER);
    secrets.phone(phone);
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
    ledger.phones.put(loginId, phone);
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

  /** The code of this login, as the user reads it (told to the {@link Secrets}). */
  private String smsCode(String loginId) {
    String code = inbox == null ? devSms(loginId) : inboxSms(loginId);
    secrets.code(code);
    return code;
  }

  /** From the gateway's dev endpoint (otp-service's dev outbox, one list per login). */
  private String devSms(String loginId) {
    Browser.Response sms =
        call(
            "sms",
            () -> browser.get("/api/dev/sms?loginId=" + loginId),
            r -> r.status() == 200 && r.text("code") != null,
            r -> false,
            new boolean[1],
            r -> r.status() == 404 && "sms-not-found".equals(r.text("code")));
    return sms.text("code");
  }

  /**
   * From the inbox, as the user reads it on the phone: the SMS to this user's number whose code is
   * this login's (a login attempt answered "try again" may have sent one too).
   */
  private String inboxSms(String loginId) {
    while (true) {
      String code = inbox.code(phone, loginId);
      if (code != null) {
        return code;
      }
      if (System.nanoTime() > deadline) {
        throw new GaveUp("sms", "no SMS for login " + loginId);
      }
      sleep(50);
    }
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
    boolean resentEmpty = false;
    while (true) {
      Browser.Response r;
      try {
        r = request.get();
      } catch (RuntimeException e) {
        if (!resentEmpty && emptyAnswer(e)) {
          // the connection closed before the first byte of an answer: a browser sends the request
          // again, once, whatever its method (see emptyAnswer). It may have had its effect.
          resentEmpty = true;
          ambiguous[0] = true;
          if (step.equals("login")) {
            ledger.ambiguousLogins.merge(phone, 1, Integer::sum);
          }
          retries++;
          continue;
        }
        if (!front.cutAnswerRetryable() || !cutMidAnswer(e)) {
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
      if (step.equals("login") && RETRYABLE.contains(r.status())) {
        // "try again", but the login may have happened (and its SMS may come)
        ledger.ambiguousLogins.merge(phone, 1, Integer::sum);
      }
      if (restart.test(r)) {
        throw new Restart(step + ": " + r);
      }
      // 502/503/504 problems, and a rate limit with its Retry-After: "try again later", clearly
      boolean retryable =
          (RETRYABLE.contains(r.status()) && (isProblem(r) || fromFront(r)))
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

  /**
   * The connection closed before a single byte of the answer came (the JDK client's "header parser
   * received no bytes"). On a kept-alive connection a browser sends any request again when that
   * happens, POST included (Chromium's {@code HttpNetworkTransaction::ShouldResendRequest}: a
   * reused connection and no response headers yet); the JDK client does so only for GET. The flow
   * resends once per step, as the browser's next connection would, and counts the step as one that
   * may have had its effect (a GET, which the JDK client already sent again, goes out a third time:
   * harmless for the reads the flow makes). A second empty answer in the same step is unclear: that
   * is no race with an idle connection's close any more.
   */
  static boolean emptyAnswer(Throwable e) {
    return ioFailure(e, "received no bytes");
  }

  /** A chunked body that ended before its last chunk: the answer had begun, then broke off. */
  static boolean cutMidAnswer(Throwable e) {
    return ioFailure(e, "chunked transfer encoding");
  }

  /** Whether {@code e} or one of its causes is an I/O failure whose message names {@code what}. */
  private static boolean ioFailure(Throwable e, String what) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof java.io.IOException
          && t.getMessage() != null
          && t.getMessage().contains(what)) {
        return true;
      }
    }
    return false;
  }

  /** An error answer the load balancer wrote itself. */
  private boolean fromFront(Browser.Response r) {
    return front.ownErrorHeader() != null
        && r.headers().firstValue(front.ownErrorHeader()).isPresent();
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
}
