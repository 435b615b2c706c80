package dev.passbridge.examples.shop.login;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What the shop's login tests share: Passbridge's answer to a login report, the e-mailed code. */
final class ShopTests {
  private ShopTests() {}

  /** The stand-in Passbridge takes every login report ({@code POST /connect/v1/logins}). */
  static void acceptsLoginReports(WireMockServer passbridge) {
    passbridge.stubFor(
        post("/connect/v1/logins")
            .willReturn(
                aResponse()
                    .withStatus(201)
                    .withHeader("Content-Type", "application/json")
                    .withBody(
                        "{\"loginId\":\"l-1\",\"connectToken\":\"append-token-1\",\"expiresIn\":300}")));
  }

  /** The code of the newest mail to {@code email}. */
  static String lastCode(DevMailbox mailbox, String email) {
    List<DevMailbox.Mail> inbox = mailbox.inbox(email);
    assertThat(inbox).isNotEmpty();
    Matcher m = Pattern.compile("\\b(\\d{6})\\b").matcher(inbox.getFirst().body());
    assertThat(m.find()).isTrue();
    return m.group(1);
  }
}
