package dev.passbridge.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RequiredSecretTest {

  @Test
  void theVariableIsSpringsRelaxedBindingName() {
    assertThat(RequiredSecret.environmentVariableOf("passbridge.otp.hmac-key"))
        .isEqualTo("PASSBRIDGE_OTP_HMACKEY");
    assertThat(RequiredSecret.environmentVariableOf("passbridge.auth.keys.encryption-key"))
        .isEqualTo("PASSBRIDGE_AUTH_KEYS_ENCRYPTIONKEY");
    assertThat(RequiredSecret.environmentVariableOf("passbridge.connect.clients[0].secret"))
        .isEqualTo("PASSBRIDGE_CONNECT_CLIENTS_0_SECRET");
  }

  @Test
  void aPlainLineIsAlwaysRequiredUnderItsRelaxedName() {
    RequiredSecret secret = RequiredSecret.parse("  passbridge.otp.hmac-key ");

    assertThat(secret.property()).isEqualTo("passbridge.otp.hmac-key");
    assertThat(secret.environmentVariable()).isEqualTo("PASSBRIDGE_OTP_HMACKEY");
    assertThat(secret.applies(p -> null)).isTrue();
  }

  @Test
  void envNamesTheVariableTheServiceFileReads() {
    RequiredSecret secret =
        RequiredSecret.parse("spring.datasource.password env PASSBRIDGE_AUTH_DB_PASSWORD");

    assertThat(secret.property()).isEqualTo("spring.datasource.password");
    assertThat(secret.environmentVariable()).isEqualTo("PASSBRIDGE_AUTH_DB_PASSWORD");
  }

  @Test
  void whenMakesItConditional() {
    RequiredSecret secret =
        RequiredSecret.parse(
            "passbridge.otp.sms.provider.password when passbridge.otp.sms.sender=http");

    assertThat(secret.environmentVariable()).isEqualTo("PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD");
    assertThat(secret.applies(Map.of("passbridge.otp.sms.sender", "HTTP ")::get)).isTrue();
    assertThat(secret.applies(Map.of("passbridge.otp.sms.sender", "outbox")::get)).isFalse();
    assertThat(secret.applies(p -> null)).isFalse();
  }

  @Test
  void envAndWhenCombine() {
    RequiredSecret secret = RequiredSecret.parse("a.b when c.d=x env A_SECRET");

    assertThat(secret.environmentVariable()).isEqualTo("A_SECRET");
    assertThat(secret.whenProperty()).isEqualTo("c.d");
    assertThat(secret.whenValue()).isEqualTo("x");
  }

  @Test
  void whenSetChecksAValueOnlyWhileOneIsSet() {
    RequiredSecret secret = RequiredSecret.parse("spring.data.redis.password when set");

    assertThat(secret.environmentVariable()).isEqualTo("SPRING_DATA_REDIS_PASSWORD");
    assertThat(secret.whenSet()).isTrue();
    assertThat(secret.applies(Map.of("spring.data.redis.password", "r-5d0c1e")::get)).isTrue();
    assertThat(secret.applies(Map.of("spring.data.redis.password", " ")::get)).isFalse();
    assertThat(secret.applies(p -> null)).isFalse();
    assertThat(RequiredSecret.parse("a.b env A_SECRET when set").environmentVariable())
        .isEqualTo("A_SECRET");
  }

  @Test
  void aLineOutsideTheGrammarIsAConfigurationError() {
    for (String bad :
        new String[] {
          "",
          "A.B",
          "a.b env",
          "a.b env lower_case",
          "a.b when c.d",
          "a.b when =x",
          "a.b if c=d",
          "a.b when set when c.d=x",
          "a.b when c.d=x when set"
        }) {
      assertThatThrownBy(() -> RequiredSecret.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("passbridge.secrets.required");
    }
  }
}
