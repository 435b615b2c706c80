package dev.passbridge.gateway.webapp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.gateway.support.StubService;
import dev.passbridge.gateway.support.StubService.Received;
import dev.passbridge.gateway.support.StubService.Response;
import dev.passbridge.testsupport.browser.Accessibility;
import dev.passbridge.testsupport.browser.HeadlessChrome;
import dev.passbridge.testsupport.browser.PageErrors;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The web SDK in Connect mode, cross-origin, in headless Chromium: a platform's page on {@code
 * http://localhost:A} under a strict CSP loads {@code /sdk/v1/passbridge.js} from a stand-in
 * Passbridge on {@code http://127.0.0.1:B} (CORS answered by the stand-in, as the gateway does for
 * Connect clients) and uses the three elements with connect tokens: append (PROMPT, the virtual
 * authenticator creates the passkey), login with the client id (the signed login result in the
 * event), the list (the Signal API with the rpId and user handle of the list answer) and a delete
 * that the virtual authenticator reflects. Every API request must carry the right Bearer token and
 * no cookie; no page error and no CSP violation; the elements' prompt and list pass axe-core's WCAG
 * A/AA rules ({@link Accessibility}). The stand-in checks only what the SDK sends: the real
 * services' Connect checks are tested with them.
 */
class WebSdkConnectBrowserIT {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String USER_HANDLE = "c2hvcC11c2VyLWhhbmRsZS0zMi1ieXRlcy1sb25nLXh4";
  private static final String LOGIN_RESULT = "eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiJzaG9wLTQyIn0.c2ln";

  private final StubService page = StubService.start("shop-page");
  private final StubService passbridge = StubService.start("passbridge");
  private final Map<String, String> stored = Collections.synchronizedMap(new LinkedHashMap<>());
  private ChromeDriver driver;
  private ChromeDriverService service;
  private VirtualAuthenticator authenticator;
  private PageErrors pageErrors;

  @BeforeAll
  static void needsChromium() {
    HeadlessChrome.assumeAvailable();
  }

  @AfterEach
  void noPageErrorsThenQuit() {
    try {
      if (pageErrors != null) {
        assertThat(pageErrors.all()).as("page errors and CSP violations").isEmpty();
      }
    } finally {
      HeadlessChrome.quit(driver, service);
      page.close();
      passbridge.close();
    }
  }

  private String pageOrigin() {
    return page.uri().replace("127.0.0.1", "localhost");
  }

  private String api() {
    return passbridge.uri();
  }

  private Response cors(Response response) {
    return response
        .withHeader("Access-Control-Allow-Origin", pageOrigin())
        .withHeader("Vary", "Origin")
        .withHeader("Cross-Origin-Resource-Policy", "cross-origin");
  }

  private static String sdkFile(String name) {
    try (InputStream in =
        WebSdkConnectBrowserIT.class.getResourceAsStream("/META-INF/resources/sdk/v1/" + name)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String contentType(String name) {
    if (name.endsWith(".css")) {
      return "text/css";
    }
    if (name.endsWith(".svg")) {
      return "image/svg+xml";
    }
    return "text/javascript";
  }

  /** The stand-in Passbridge: the SDK files and the browser API of a Connect client. */
  private void standInPassbridge() {
    passbridge.respond(
        "GET /sdk/v1/*",
        request -> {
          String name = request.path().substring("/sdk/v1/".length());
          String body = sdkFile(name);
          return body == null
              ? Response.json(404, "{}")
              : cors(new Response(200, Map.of("Content-Type", contentType(name)), body, 0));
        });
    passbridge.respond(
        "OPTIONS /*",
        request ->
            cors(new Response(204, Map.of(), null, 0))
                .withHeader("Access-Control-Allow-Methods", "GET, POST, PATCH, DELETE")
                .withHeader("Access-Control-Allow-Headers", "Authorization, Content-Type")
                .withHeader("Access-Control-Max-Age", "600"));
    passbridge.respond(
        "GET /api/passkeys/upgrade",
        request ->
            cors(
                Response.json(
                    200,
                    """
                    {"action":"PROMPT","reason":null,"ceremonyId":"connect-ceremony","publicKey":{
                      "rp":{"id":"localhost","name":"Passbridge"},
                      "user":{"id":"%s","name":"alice@shop","displayName":"Alice Shopper"},
                      "challenge":"Y29ubmVjdC1jaGFsbGVuZ2UtY29ubmVjdC1jaGFsbGVuZ2U",
                      "pubKeyCredParams":[{"type":"public-key","alg":-7},{"type":"public-key","alg":-257}],
                      "timeout":300000,"excludeCredentials":[],
                      "authenticatorSelection":{"residentKey":"required","requireResidentKey":true,"userVerification":"preferred"},
                      "attestation":"none","extensions":{"credProps":true}}}
                    """
                        .formatted(USER_HANDLE))));
    passbridge.respond(
        "POST /api/passkeys/registrations",
        request -> {
          String id = JSON.readTree(request.body()).at("/credential/id").asString();
          stored.put(id, "Chrome on Linux");
          return cors(Response.json(201, "{\"credentialId\":\"%s\"}".formatted(id)));
        });
    passbridge.respond(
        "GET /api/passkeys",
        request -> {
          List<String> items = new ArrayList<>();
          synchronized (stored) {
            stored.forEach(
                (id, name) ->
                    items.add(
                        """
                        {"id":"%s","name":"%s","providerName":"Google Password Manager","createdAt":"2026-03-01T10:00:00Z",
                         "lastUsedAt":null,"synced":true,"rpId":"localhost","userHandle":"%s"}
                        """
                            .formatted(id, name, USER_HANDLE)));
          }
          return cors(Response.json(200, "[" + String.join(",", items) + "]"));
        });
    passbridge.respond(
        "DELETE /api/passkeys/*",
        request -> {
          stored.remove(request.path().substring("/api/passkeys/".length()));
          return cors(new Response(204, Map.of(), null, 0));
        });
    passbridge.respond(
        "POST /api/passkeys/login/options",
        cors(
            Response.json(
                200,
                "{\"ceremonyId\":\"connect-login\",\"publicKey\":{\"challenge\":\"bG9naW4tY2hhbGxlbmdl\","
                    + "\"rpId\":\"localhost\",\"allowCredentials\":[],\"userVerification\":\"preferred\"}}")));
    passbridge.respond(
        "POST /api/passkeys/login",
        cors(Response.json(200, "{\"loginResult\":\"%s\"}".formatted(LOGIN_RESULT))));
  }

  /**
   * The platform's page: its own origin, a strict CSP naming the Passbridge origin, no inline code.
   */
  private void platformPage() {
    String csp =
        "default-src 'self'; script-src 'self' %1$s; style-src 'self' %1$s; img-src 'self' %1$s; "
                .formatted(api())
            + "connect-src 'self' %s; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
                .formatted(api());
    page.respond(
        "GET /account.html",
        new Response(
            200,
            Map.of("Content-Type", "text/html; charset=utf-8", "Content-Security-Policy", csp),
            """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>Shop account</title>
            <link rel="stylesheet" href="/page.css">
            <script type="module" src="%1$s/sdk/v1/passbridge.js"></script></head>
            <body>
              <label for="username">Email</label>
              <input id="username" name="username" autocomplete="username">
              <passbridge-login id="login" api="%1$s" client-id="shop" for="username" manual></passbridge-login>
              <passbridge-append id="append" api="%1$s" token="APPEND-TOKEN"></passbridge-append>
              <passbridge-passkey-list id="list" api="%1$s" token="MANAGE-TOKEN"
                  user-name="alice@shop" display-name="Alice Shopper"></passbridge-passkey-list>
            </body></html>
            """
                .formatted(api()),
            0));
    // the page's own field as a platform styles it (unstyled, it is below the 24px target size)
    page.respond(
        "GET /page.css",
        new Response(200, Map.of("Content-Type", "text/css"), "input { min-height: 2.75rem; }", 0));
  }

  private void startBrowser() throws Exception {
    service = HeadlessChrome.service(Path.of("target", "tmp-chromium"));
    driver = new ChromeDriver(service, HeadlessChrome.options(390, 844));
    pageErrors = PageErrors.install(driver);
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", Map.of("source", WebAppBrowserIT.SDK_RECORDER));
    authenticator = driver.addVirtualAuthenticator(HeadlessChrome.platformAuthenticator());
  }

  private WebDriverWait waiting() {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));
    wait.withMessage(
        () ->
            "\n--- passbridge received: "
                + passbridge.received().stream().map(r -> r.method() + " " + r.path()).toList()
                + "\n--- events: "
                + recorded("__pbEvents")
                + "\n--- page errors: "
                + pageErrors.all());
    return wait;
  }

  private JsonNode recorded(String key) {
    Object json = driver.executeScript("return sessionStorage.getItem(arguments[0]) || '[]';", key);
    return JSON.readTree(String.valueOf(json));
  }

  private List<JsonNode> events(String type) {
    List<JsonNode> seen = new ArrayList<>();
    recorded("__pbEvents")
        .forEach(
            e -> {
              if (e.get("type").asString().equals(type)) {
                seen.add(e.get("detail"));
              }
            });
    return seen;
  }

  private List<JsonNode> signals(String name) {
    List<JsonNode> seen = new ArrayList<>();
    recorded("__pbSignals")
        .forEach(
            e -> {
              if (e.get("name").asString().equals(name)) {
                seen.add(e.get("options"));
              }
            });
    return seen;
  }

  /** The first POST to a path (its CORS preflight is an OPTIONS before it). */
  private Received posted(String path) {
    return passbridge.received(path).stream()
        .filter(r -> r.method().equals("POST"))
        .findFirst()
        .orElseThrow();
  }

  private List<Received> apiRequests() {
    return passbridge.received().stream()
        .filter(r -> r.path().startsWith("/api/") && !r.method().equals("OPTIONS"))
        .toList();
  }

  @Test
  void theElementsWorkCrossOriginWithConnectTokensUnderAStrictCsp() throws Exception {
    standInPassbridge();
    platformPage();
    startBrowser();
    driver.get(pageOrigin() + "/account.html");

    // append: the prompt, then the virtual authenticator creates the passkey
    waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("append-dialog")));
    Accessibility.assertNoViolations(driver, "a platform's page with the SDK's prompt open");
    driver.findElement(By.id("append-create")).click();
    waiting().until(d -> !events("passbridge:appended").isEmpty());
    String credentialId = events("passbridge:appended").getFirst().get("credentialId").asString();
    assertThat(stored).containsKey(credentialId);
    assertThat(authenticator.getCredentials()).hasSize(1);
    assertThat(
            driver.findElements(
                By.cssSelector("link[rel=stylesheet][href$='/sdk/v1/passbridge.css']")))
        .hasSize(1);
    assertThat(driver.findElement(By.cssSelector("#append .pb-message")).getText())
        .isEqualTo("Your passkey is ready. Next time, sign in with it.");

    // the list again: the passkey, the Signal API with the answer's rpId and user handle
    driver.executeScript("document.getElementById('list').reload();");
    waiting()
        .until(
            ExpectedConditions.textToBe(By.cssSelector("#list .passkey-name"), "Chrome on Linux"));
    Accessibility.assertNoViolations(driver, "a platform's page with the SDK's passkey list");
    waiting().until(d -> !signals("signalAllAcceptedCredentials").isEmpty());
    JsonNode accepted = signals("signalAllAcceptedCredentials").getLast();
    assertThat(accepted.get("rpId").asString()).isEqualTo("localhost");
    assertThat(accepted.get("userId").asString()).isEqualTo(USER_HANDLE);
    assertThat(accepted.get("allAcceptedCredentialIds").get(0).asString()).isEqualTo(credentialId);
    JsonNode details = signals("signalCurrentUserDetails").getLast();
    assertThat(details.get("name").asString()).isEqualTo("alice@shop");
    assertThat(details.get("displayName").asString()).isEqualTo("Alice Shopper");
    assertThat(authenticator.getCredentials()).hasSize(1);

    // login with the client id: the signed login result in the event
    driver.findElement(By.cssSelector("#login .pb-login-button")).click();
    waiting().until(d -> !events("passbridge:login").isEmpty());
    JsonNode login = events("passbridge:login").getFirst();
    assertThat(login.get("loginResult").asString()).isEqualTo(LOGIN_RESULT);
    assertThat(login.get("credentialId").asString()).isEqualTo(credentialId);
    JsonNode options = JSON.readTree(posted("/api/passkeys/login/options").body());
    assertThat(options.get("clientId").asString()).isEqualTo("shop");
    JsonNode assertion = JSON.readTree(posted("/api/passkeys/login").body());
    assertThat(assertion.get("clientId").asString()).isEqualTo("shop");
    assertThat(assertion.at("/credential/response/userHandle").asString()).isEqualTo(USER_HANDLE);

    // delete: the list is empty, the Signal API (handle remembered) removes it from the
    // authenticator
    driver.findElement(By.cssSelector("#list .delete")).click();
    waiting()
        .until(
            ExpectedConditions.visibilityOfElementLocated(
                By.cssSelector("#list-delete-dialog button[value=delete]")))
        .click();
    waiting().until(d -> !events("passbridge:deleted").isEmpty());
    assertThat(stored).isEmpty();
    waiting().until(d -> authenticator.getCredentials().isEmpty());
    assertThat(signals("signalAllAcceptedCredentials").getLast().get("allAcceptedCredentialIds"))
        .isEmpty();
    assertThat(events("passbridge:error")).isEmpty();

    // every API request: the element's token (none for the login), the page's Origin, no cookie
    List<Received> requests = apiRequests();
    assertThat(requests).isNotEmpty();
    for (Received request : requests) {
      String expected =
          switch (request.path()) {
            case "/api/passkeys/upgrade", "/api/passkeys/registrations" -> "Bearer APPEND-TOKEN";
            case "/api/passkeys/login/options", "/api/passkeys/login" -> null;
            default -> "Bearer MANAGE-TOKEN";
          };
      assertThat(request.header("Authorization")).as(request.path()).isEqualTo(expected);
      assertThat(request.header("Origin")).as(request.path()).isEqualTo(pageOrigin());
      assertThat(request.header("Cookie")).as(request.path()).isNull();
    }
    assertThat(requests.stream().map(r -> r.method() + " " + r.path()))
        .contains(
            "GET /api/passkeys/upgrade",
            "POST /api/passkeys/registrations",
            "GET /api/passkeys",
            "POST /api/passkeys/login/options",
            "POST /api/passkeys/login",
            "DELETE /api/passkeys/" + credentialId);
  }
}
