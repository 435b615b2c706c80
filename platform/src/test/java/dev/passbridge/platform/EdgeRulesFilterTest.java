package dev.passbridge.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.passbridge.platform.core.problem.ProblemMetric;
import dev.passbridge.platform.web.EdgeRulesFilter;
import dev.passbridge.platform.web.PassbridgeWebProperties;
import dev.passbridge.platform.web.ProblemCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class EdgeRulesFilterTest {
  private final EdgeRulesFilter filter =
      new EdgeRulesFilter(
          new PassbridgeWebProperties(
              List.of("http://localhost:8080"), true, DataSize.ofBytes(100), List.of()));

  @Test
  void refusesAStateChangingRequestWithoutOriginAsAProblemWithATopLevelCode() throws Exception {
    var request = new MockHttpServletRequest("POST", "/api/otp/verify");
    var response = new MockHttpServletResponse();
    var chain = new MockFilterChain();
    filter.doFilter(request, response, chain);
    assertThat(response.getStatus()).isEqualTo(403);
    assertThat(response.getContentType()).isEqualTo("application/problem+json");
    JsonNode body = JsonMapper.builder().build().readTree(response.getContentAsString());
    assertThat(body.path("type").asString())
        .isEqualTo("https://passbridge.dev/problems/origin-not-allowed");
    assertThat(body.path("code").asString()).isEqualTo("origin-not-allowed");
    assertThat(body.has("properties")).isFalse();
    assertThat(chain.getRequest()).as("not passed on").isNull();
  }

  /** Spring's matching drops path parameters: {@code alice;x} would name {@code alice}. */
  @Test
  void refusesPathParametersAsTheGatewayDoes() throws Exception {
    for (String uri : List.of("/connect/v1/users/alice;x", "/api/me;jsessionid=1")) {
      var request = new MockHttpServletRequest("DELETE", uri);
      request.addHeader("Origin", "http://localhost:8080");
      var response = new MockHttpServletResponse();
      var chain = new MockFilterChain();
      filter.doFilter(request, response, chain);
      assertThat(response.getStatus()).as(uri).isEqualTo(400);
      assertThat(response.getContentAsString()).contains("\"code\":\"malformed-path\"");
      assertThat(chain.getRequest()).as("not passed on").isNull();
    }
  }

  @Test
  void refusesAForeignOriginButLetsTheAllowedOneAndSafeMethodsThrough() throws Exception {
    var foreign = new MockHttpServletRequest("POST", "/api/auth/login");
    foreign.addHeader("Origin", "https://evil.example");
    var refused = new MockHttpServletResponse();
    filter.doFilter(foreign, refused, new MockFilterChain());
    assertThat(refused.getStatus()).isEqualTo(403);

    var allowed = new MockHttpServletRequest("POST", "/api/auth/login");
    allowed.addHeader("Origin", "http://localhost:8080");
    var chain = new MockFilterChain();
    filter.doFilter(allowed, new MockHttpServletResponse(), chain);
    assertThat(chain.getRequest()).isNotNull();

    var get = new MockHttpServletRequest("GET", "/api/me");
    var getChain = new MockFilterChain();
    filter.doFilter(get, new MockHttpServletResponse(), getChain);
    assertThat(getChain.getRequest()).isNotNull();
  }

  /**
   * Where the handler checks the allowlist (it knows a connect client's origins), the filter still
   * refuses a state-changing request without exactly one Origin, before the body is validated.
   */
  @Test
  void underHandlerCheckedPathsAnOriginMustStillBeNamedOnce() throws Exception {
    var handlerChecked =
        new EdgeRulesFilter(
            new PassbridgeWebProperties(
                List.of("http://localhost:8080"),
                true,
                DataSize.ofBytes(100),
                List.of(),
                List.of("/api/passkeys/")));
    var none = new MockHttpServletRequest("POST", "/api/passkeys/login");
    var refused = new MockHttpServletResponse();
    var noneChain = new MockFilterChain();
    handlerChecked.doFilter(none, refused, noneChain);
    assertThat(refused.getStatus()).isEqualTo(403);
    assertThat(refused.getContentAsString()).contains("must carry an Origin header");
    assertThat(noneChain.getRequest()).isNull();

    var two = new MockHttpServletRequest("POST", "/api/passkeys/login");
    two.addHeader("Origin", "http://localhost:8080");
    two.addHeader("Origin", "http://localhost:8090");
    var twoChain = new MockFilterChain();
    var twoResponse = new MockHttpServletResponse();
    handlerChecked.doFilter(two, twoResponse, twoChain);
    assertThat(twoResponse.getStatus()).isEqualTo(403);
    assertThat(twoChain.getRequest()).isNull();

    var client = new MockHttpServletRequest("POST", "/api/passkeys/login");
    client.addHeader("Origin", "https://shop.example");
    var clientChain = new MockFilterChain();
    var clientResponse = new MockHttpServletResponse();
    handlerChecked.doFilter(client, clientResponse, clientChain);
    assertThat(clientChain.getRequest())
        .as("the handler judges a client's origin: " + clientResponse.getContentAsString())
        .isNotNull();
  }

  /** A streamed body is buffered up to the limit, so the limit is bounded: memory per request. */
  @Test
  void theLimitIsBetweenOneByteAndSixteenMegabytes() {
    for (DataSize size : List.of(DataSize.ofBytes(0), DataSize.ofMegabytes(17))) {
      org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
          .isThrownBy(
              () ->
                  new PassbridgeWebProperties(
                      List.of("http://localhost:8080"), true, size, List.of()))
          .withMessageContaining("max-request-size");
    }
    assertThat(
            new PassbridgeWebProperties(
                    List.of("http://localhost:8080"), true, DataSize.ofMegabytes(16), List.of())
                .maxRequestSize())
        .isEqualTo(DataSize.ofMegabytes(16));
  }

  @Test
  void refusesABodyLargerThanTheLimit() throws Exception {
    var request = new MockHttpServletRequest("POST", "/api/auth/login");
    request.addHeader("Origin", "http://localhost:8080");
    request.setContent(new byte[101]);
    var response = new MockHttpServletResponse();
    filter.doFilter(request, response, new MockFilterChain());
    assertThat(response.getStatus()).isEqualTo(413);
  }

  @Test
  void theConnectServerApiNeedsNoOriginButKeepsTheSizeLimit() throws Exception {
    var backend = new MockHttpServletRequest("POST", "/connect/v1/logins");
    backend.addHeader("Authorization", "Basic c2hvcDpzZWNyZXQ=");
    var chain = new MockFilterChain();
    filter.doFilter(backend, new MockHttpServletResponse(), chain);
    assertThat(chain.getRequest()).as("no Origin from a backend").isNotNull();

    var large = new MockHttpServletRequest("POST", "/connect/v1/logins");
    large.setContent(new byte[101]);
    var response = new MockHttpServletResponse();
    var largeChain = new MockFilterChain();
    filter.doFilter(large, response, largeChain);
    assertThat(response.getStatus()).isEqualTo(413);
    assertThat(largeChain.getRequest()).isNull();
  }

  @Test
  void countsItsProblemsByCodeAndStatus() throws Exception {
    var meters = new SimpleMeterRegistry();
    var counting =
        new EdgeRulesFilter(
            new PassbridgeWebProperties(
                List.of("http://localhost:8080"), true, DataSize.ofBytes(100), List.of()),
            new ProblemCounter(meters));
    counting.doFilter(
        new MockHttpServletRequest("POST", "/api/otp/verify"),
        new MockHttpServletResponse(),
        new MockFilterChain());
    var large = new MockHttpServletRequest("POST", "/api/auth/login");
    large.addHeader("Origin", "http://localhost:8080");
    large.setContent(new byte[101]);
    counting.doFilter(large, new MockHttpServletResponse(), new MockFilterChain());

    assertThat(
            meters
                .get(ProblemMetric.NAME)
                .tags(ProblemMetric.CODE, "origin-not-allowed", ProblemMetric.STATUS, "403")
                .counter()
                .count())
        .isEqualTo(1.0);
    assertThat(
            meters
                .get(ProblemMetric.NAME)
                .tags(ProblemMetric.CODE, "payload-too-large", ProblemMetric.STATUS, "413")
                .counter()
                .count())
        .isEqualTo(1.0);
  }
}
