package dev.passbridge.bench.load;

import dev.passbridge.bench.http.Agent;
import dev.passbridge.system.SoftwareAuthenticator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import tools.jackson.databind.JsonNode;

/**
 * The scenarios: the journeys of §4 as the web app performs them, through the gateway, each request
 * timed as a step. Client-side work (the authenticator's signature, reading the SMS) is not part of
 * any server step.
 */
public final class Journeys {
  private Journeys() {}

  /** How often the dev SMS outbox is asked while the code is not there yet. */
  static volatile long smsPollNanos = 5_000_000L;

  public static void smsPollMillis(long millis) {
    smsPollNanos = millis * 1_000_000L;
  }

  /**
   * Password + SMS code + session (the login peak of a platform that has not upgraded yet): Firefox
   * on Windows with a typed password, so intelligence-service decides "no upgrade".
   */
  public static final class PasswordLogin implements Scenario {
    @Override
    public String name() {
      return "password";
    }

    @Override
    public List<String> steps() {
      return List.of("password.login", "password.sms", "password.otp-verify", "password.session");
    }

    @Override
    public BenchUser.Kind userKind() {
      return BenchUser.Kind.PASSWORD;
    }

    @Override
    public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
      vu.newSession(Browsers.FIREFOX_WINDOWS);
      passwordAndOtp(vu, user, stats, "password.", false, Map.of());
    }
  }

  /**
   * The whole automatic upgrade: login with an autofilled password in Chrome 140 on macOS, SMS
   * code, session, {@code GET /api/passkeys/upgrade}, the silent create (UP=0) and its
   * registration. The account's passkey is deleted afterwards (its own step, {@code
   * cleanup-delete}) so that the account can upgrade again.
   */
  public static final class Upgrade implements Scenario {
    private final DecisionRecorder decisions;

    /**
     * @param decisions told the loginId, userId and ceremonyId of each offered upgrade (decision
     *     latency), or null
     */
    public Upgrade(DecisionRecorder decisions) {
      this.decisions = decisions;
    }

    @Override
    public String name() {
      return "upgrade";
    }

    @Override
    public List<String> steps() {
      return List.of(
          "upgrade.login",
          "upgrade.sms",
          "upgrade.otp-verify",
          "upgrade.session",
          "upgrade.upgrade-options",
          "upgrade.registration",
          "upgrade.cleanup-delete");
    }

    @Override
    public BenchUser.Kind userKind() {
      return BenchUser.Kind.UPGRADE;
    }

    @Override
    public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
      Registered registered = upgrade(vu, user, stats, "upgrade.", decisions);
      stats.call(
          "upgrade.cleanup-delete",
          204,
          () -> vu.gateway().delete("/api/passkeys/" + registered.credentialId()));
    }
  }

  /** Conditional-UI passkey login: options, assertion, session. */
  public static final class PasskeyLogin implements Scenario {
    @Override
    public String name() {
      return "passkey";
    }

    @Override
    public List<String> steps() {
      return List.of("passkey.options", "passkey.assertion", "passkey.session");
    }

    @Override
    public BenchUser.Kind userKind() {
      return BenchUser.Kind.PASSKEY;
    }

    @Override
    public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
      vu.newSession(Browsers.CHROME_MAC);
      Agent gw = vu.gateway();
      var options =
          stats.call(
              "passkey.options", 200, () -> gw.post("/api/passkeys/login/options", Map.of()));
      Map<String, Object> assertion = user.device().authenticate(options.json().path("publicKey"));
      var login =
          stats.call(
              "passkey.assertion",
              200,
              () ->
                  gw.post(
                      "/api/passkeys/login",
                      Map.of("ceremonyId", options.text("ceremonyId"), "credential", assertion)));
      String loginId = login.text("loginId");
      stats.call(
          "passkey.session", 200, () -> gw.post("/api/auth/session", Map.of("loginId", loginId)));
      if (vu.cookie("pb_session") == null) {
        stats.step("passkey.session").failure("no cookie");
        throw new StepFailed("passkey.session", "no cookie", "no session cookie");
      }
    }
  }

  /**
   * One request, through the gateway or straight to the service: the gateway's overhead. {@code
   * login-options} is public ({@code POST /api/passkeys/login/options}: Origin check, rate limit,
   * routing); {@code me} needs the session ({@code GET /api/me}: the edge session check as well).
   */
  public static final class Endpoint implements Scenario {
    private final String endpoint;
    private final boolean viaGateway;

    public Endpoint(String endpoint, boolean viaGateway) {
      if (!endpoint.equals("login-options") && !endpoint.equals("me")) {
        throw new IllegalArgumentException(endpoint);
      }
      this.endpoint = endpoint;
      this.viaGateway = viaGateway;
    }

    @Override
    public String name() {
      return (viaGateway ? "gateway" : "direct") + "." + endpoint;
    }

    @Override
    public List<String> steps() {
      return List.of(name());
    }

    @Override
    public BenchUser.Kind userKind() {
      return endpoint.equals("me") ? BenchUser.Kind.PASSKEY : null;
    }

    /** {@code me}: this browser logs in once (a passkey login), then asks again and again. */
    @Override
    public void prepare(VirtualUser vu, BenchUser user) {
      if (endpoint.equals("me") && vu.cookie("pb_session") == null) {
        Scenario login = new PasskeyLogin();
        login.iteration(vu, user, new PhaseStats(List.of(login)));
      }
    }

    @Override
    public void iteration(VirtualUser vu, BenchUser user, PhaseStats stats) {
      // prepared before the clock started; an open loop's extra browser, or one whose preparation
      // failed, logs in here (its latency then includes the login)
      prepare(vu, user);
      if (endpoint.equals("login-options")) {
        Agent agent = viaGateway ? vu.gateway() : vu.direct("passkey-service");
        stats.call(name(), 200, () -> agent.post("/api/passkeys/login/options", Map.of()));
      } else {
        Agent agent = viaGateway ? vu.gateway() : vu.direct("auth-service");
        stats.call(name(), 200, () -> agent.get("/api/me"));
      }
    }
  }

  /** Told about every offered upgrade (for the decision latency). */
  public interface DecisionRecorder {
    void offered(String loginId, String userId, String ceremonyId);
  }

  record Registered(String loginId, String credentialId, SoftwareAuthenticator device) {}

  /** The upgrade journey up to the stored passkey (used by the scenario and by the setup). */
  static Registered upgrade(
      VirtualUser vu, BenchUser user, PhaseStats stats, String prefix, DecisionRecorder decisions) {
    vu.newSession(Browsers.CHROME_MAC);
    String loginId = passwordAndOtp(vu, user, stats, prefix, true, Browsers.CONDITIONAL_CAPABLE);
    Agent gw = vu.gateway();
    var upgrade =
        stats.call(prefix + "upgrade-options", 200, () -> gw.get("/api/passkeys/upgrade"));
    String action = upgrade.text("action");
    if (!"CONDITIONAL_CREATE".equals(action)) {
      String kind = "offered " + action + " " + upgrade.text("reason");
      stats.step(prefix + "upgrade-options").failure(kind);
      throw new StepFailed(prefix + "upgrade-options", kind, upgrade.toString());
    }
    String ceremonyId = upgrade.text("ceremonyId");
    if (decisions != null) {
      decisions.offered(loginId, user.userId(), ceremonyId);
    }
    JsonNode publicKey = upgrade.json().path("publicKey");
    SoftwareAuthenticator device = new SoftwareAuthenticator(vu.gatewayUrl());
    Map<String, Object> credential = device.register(publicKey, true);
    var created =
        stats.call(
            prefix + "registration",
            201,
            () ->
                gw.post(
                    "/api/passkeys/registrations",
                    Map.of("ceremonyId", ceremonyId, "credential", credential)));
    return new Registered(loginId, created.text("credentialId"), device);
  }

  /** Login, SMS code, OTP verify, session; returns the loginId. */
  static String passwordAndOtp(
      VirtualUser vu,
      BenchUser user,
      PhaseStats stats,
      String prefix,
      boolean autofilled,
      Map<String, Boolean> capabilities) {
    Agent gw = vu.gateway();
    var login =
        stats.call(
            prefix + "login",
            200,
            () ->
                gw.post(
                    "/api/auth/login",
                    Map.of(
                        "username",
                        user.username(),
                        "password",
                        user.password(),
                        "client",
                        Browsers.client(autofilled, capabilities))));
    String loginId = login.text("loginId");
    String code = smsCode(vu, stats, prefix + "sms", loginId);
    stats.call(
        prefix + "otp-verify",
        204,
        () -> gw.post("/api/otp/verify", Map.of("loginId", loginId, "code", code)));
    stats.call(
        prefix + "session", 200, () -> gw.post("/api/auth/session", Map.of("loginId", loginId)));
    if (vu.cookie("pb_session") == null) {
      stats.step(prefix + "session").failure("no cookie");
      throw new StepFailed(prefix + "session", "no cookie", "no session cookie");
    }
    return loginId;
  }

  /**
   * The code from the dev SMS outbox (local profile), read straight from otp-service: in production
   * the SMS reaches the phone without the gateway. Timed from the login's answer until the code is
   * there (otp-service consumed {@code PasswordAuthenticated} and "sent" the SMS).
   */
  static String smsCode(VirtualUser vu, PhaseStats stats, String step, String loginId) {
    StepStats s = stats.step(step);
    Agent otp = vu.direct("otp-service");
    long t0 = System.nanoTime();
    long deadline = t0 + 15_000_000_000L;
    while (true) {
      Agent.Reply sms;
      try {
        sms = otp.get("/api/dev/sms?loginId=" + loginId);
      } catch (java.io.UncheckedIOException e) {
        s.failure("I/O " + e.getCause().getClass().getSimpleName());
        throw new StepFailed(
            step, "I/O " + e.getCause().getClass().getSimpleName(), e.getMessage());
      }
      if (sms.status() == 200 && sms.text("code") != null) {
        s.success(System.nanoTime() - t0);
        return sms.text("code");
      }
      if (sms.status() != 404 || System.nanoTime() > deadline) {
        String kind =
            sms.status() == 404 ? "no SMS within 15 s" : sms.status() + " " + sms.text("code");
        s.failure(kind);
        throw new StepFailed(step, kind, sms.toString());
      }
      LockSupport.parkNanos(smsPollNanos);
    }
  }
}
