package dev.passbridge.otp.sms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class SmsTextsTest {
  static SmsProperties.ProviderProperties provider(URI url) {
    return new SmsProperties.ProviderProperties(
        url,
        null,
        null,
        "Passbridge",
        Duration.ofSeconds(2),
        Duration.ofSeconds(3),
        3,
        Duration.ofMillis(200),
        Duration.ofSeconds(2),
        50,
        20,
        10,
        Duration.ofSeconds(30),
        2);
  }

  static SmsProperties properties(String webOtpHost) {
    return new SmsProperties(
        SmsProperties.Sender.OUTBOX,
        "Your Passbridge code is {code}. It expires in {minutes} minutes.",
        webOtpHost,
        Duration.ofMinutes(15),
        provider(null));
  }

  @Test
  void fillsInCodeAndMinutes() {
    var message =
        new SmsTexts(properties(null))
            .compose(
                "AAAAAAAAAAAAAAAAAAAAAA",
                "+4915110000001",
                "012345",
                Duration.ofSeconds(270),
                Instant.EPOCH);
    assertThat(message.text())
        .isEqualTo("Your Passbridge code is 012345. It expires in 5 minutes.");
    assertThat(message.code()).isEqualTo("012345");
    assertThat(message.to()).isEqualTo("+4915110000001");
  }

  @Test
  void addsTheWebOtpLineWhenAHostIsConfigured() {
    var message =
        new SmsTexts(properties("localhost"))
            .compose(
                "AAAAAAAAAAAAAAAAAAAAAA", "+49151", "012345", Duration.ofMinutes(5), Instant.EPOCH);
    assertThat(message.text()).endsWith("\n\n@localhost #012345");
  }

  @Test
  void everyMessageHasItsOwnIdempotencyKey() {
    var texts = new SmsTexts(properties(null));
    var a =
        texts.compose(
            "AAAAAAAAAAAAAAAAAAAAAA", "+49151", "1", Duration.ofMinutes(5), Instant.EPOCH);
    var b =
        texts.compose(
            "AAAAAAAAAAAAAAAAAAAAAA", "+49151", "1", Duration.ofMinutes(5), Instant.EPOCH);
    assertThat(a.messageId()).isNotEqualTo(b.messageId());
  }

  @Test
  void theHttpSenderNeedsAProviderUrl() {
    assertThatThrownBy(
            () ->
                new SmsProperties(
                    SmsProperties.Sender.HTTP,
                    "{code}",
                    null,
                    Duration.ofMinutes(1),
                    provider(null)))
        .hasMessageContaining("passbridge.otp.sms.provider.url");
  }

  @Test
  void theTemplateMustContainTheCode() {
    assertThatThrownBy(
            () ->
                new SmsProperties(
                    SmsProperties.Sender.OUTBOX,
                    "no code here",
                    null,
                    Duration.ofMinutes(1),
                    provider(null)))
        .hasMessageContaining("{code}");
  }

  @Test
  void providerSecretsStayOutOfToString() {
    var p =
        new SmsProperties.ProviderProperties(
            URI.create("https://sms.example"),
            "acct",
            "s3cr3t-token",
            "Passbridge",
            Duration.ofSeconds(2),
            Duration.ofSeconds(3),
            3,
            Duration.ofMillis(200),
            Duration.ofSeconds(2),
            50,
            20,
            10,
            Duration.ofSeconds(30),
            2);
    assertThat(p.toString()).doesNotContain("s3cr3t-token");
  }
}
