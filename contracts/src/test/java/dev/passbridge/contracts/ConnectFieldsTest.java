package dev.passbridge.contracts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.contracts.events.ClientSignals;
import dev.passbridge.contracts.events.LoginSource;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PasswordAuthenticated;
import dev.passbridge.contracts.events.Platform;
import dev.passbridge.contracts.events.SecondFactor;
import dev.passbridge.contracts.serde.EventJson;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The Connect fields are optional: an event written before them reads as hosted, and a Connect
 * login carries source, client, external user and tenant, with the platform's own second factor.
 */
class ConnectFieldsTest {
  private static final Instant NOW = Instant.parse("2026-03-01T10:00:00Z");
  private static final Platform PLATFORM = new Platform("macOS", null, "Chrome", null, "desktop");
  private static final ClientSignals CLIENT = new ClientSignals(true, Map.of(), null, Map.of());

  @Test
  void anEventWrittenBeforeConnectModeReadsAsHosted() {
    String json =
        """
        {"eventId":"%s","occurredAt":"2026-03-01T10:00:00Z","userId":"%s","loginId":"l1","channel":"SMS"}
        """
            .formatted(UUID.randomUUID(), UUID.randomUUID());
    OtpVerified verified = EventJson.read(json.getBytes(StandardCharsets.UTF_8), OtpVerified.class);
    assertThat(verified.source()).isNull();
    assertThat(LoginSource.of(verified.source())).isEqualTo(LoginSource.HOSTED);
    assertThat(verified.clientId()).isNull();
  }

  @Test
  void aConnectLoginCarriesItsClientAndThePlatformsSecondFactor() {
    PasswordAuthenticated connect =
        new PasswordAuthenticated(
            UUID.randomUUID(),
            NOW,
            UUID.randomUUID(),
            "l2",
            "alice@shop",
            "Alice",
            "handle",
            SecondFactor.verifiedByPlatform("totp", NOW.minusSeconds(30)),
            CLIENT,
            PLATFORM,
            LoginSource.CONNECT,
            "shop",
            "user-42",
            "shop");
    JsonNode json = EventJson.MAPPER.readTree(EventJson.write(connect));
    assertThat(json.get("source").asString()).isEqualTo("CONNECT");
    assertThat(json.get("clientId").asString()).isEqualTo("shop");
    assertThat(json.get("externalUserId").asString()).isEqualTo("user-42");
    assertThat(json.at("/secondFactor/verifiedAt").asString()).isEqualTo("2026-03-01T09:59:30Z");
    assertThat(json.at("/secondFactor/destination").isNull()).isTrue();
    assertThat(EventJson.read(EventJson.write(connect), PasswordAuthenticated.class))
        .isEqualTo(connect);
  }

  @Test
  void aHostedLoginStillNeedsItsCodeDestination() {
    assertThatThrownBy(
            () ->
                new PasswordAuthenticated(
                    UUID.randomUUID(),
                    NOW,
                    UUID.randomUUID(),
                    "l3",
                    "alice",
                    "Alice",
                    "handle",
                    null,
                    CLIENT,
                    PLATFORM))
        .hasMessageContaining("secondFactor");
    assertThatThrownBy(() -> new SecondFactor("SMS", null)).hasMessageContaining("destination");
    PasswordAuthenticated hosted =
        new PasswordAuthenticated(
            UUID.randomUUID(),
            NOW,
            UUID.randomUUID(),
            "l3",
            "alice",
            "Alice",
            "handle",
            new SecondFactor("SMS", "+4915110000001"),
            CLIENT,
            PLATFORM);
    assertThat(hosted.source()).isNull();
    assertThat(hosted.secondFactor().toString()).doesNotContain("+4915110000001");
    assertThat(hosted.loginBinding()).isNull();

    PasswordAuthenticated bound = hosted.withLoginBinding("0123456789abcdef0123456789abcdef");
    assertThat(bound.loginBinding()).isEqualTo("0123456789abcdef0123456789abcdef");
    assertThat(bound.withLoginBinding(null)).isEqualTo(hosted);
    assertThat(EventJson.read(EventJson.write(bound), PasswordAuthenticated.class))
        .isEqualTo(bound);
    assertThatThrownBy(() -> hosted.withLoginBinding(" ")).hasMessageContaining("loginBinding");
  }
}
