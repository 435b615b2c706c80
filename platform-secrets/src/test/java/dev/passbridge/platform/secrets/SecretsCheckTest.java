package dev.passbridge.platform.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SecretsCheckTest {
  static final List<RequiredSecret> OTP =
      List.of(
          RequiredSecret.parse("passbridge.otp.hmac-key"),
          RequiredSecret.parse(
              "passbridge.otp.sms.provider.username when passbridge.otp.sms.sender=http"),
          RequiredSecret.parse(
              "passbridge.otp.sms.provider.password when passbridge.otp.sms.sender=http"));

  static Map<String, String> complete() {
    Map<String, String> p = new HashMap<>();
    p.put("passbridge.otp.hmac-key", "q1Vn0mM2bXyS9r3dF5kP8tW4zA7cE6hJ0uL2oN5iR8s=");
    p.put("passbridge.otp.sms.sender", "http");
    p.put("passbridge.otp.sms.provider.username", "acct-4711");
    p.put("passbridge.otp.sms.provider.password", "tok-9f83b1c2d7");
    return p;
  }

  @Test
  void realValuesPass() {
    assertThat(SecretsCheck.check(OTP, complete()::get)).isEmpty();
  }

  @Test
  void missingAndBlankValuesAreMissing() {
    Map<String, String> p = complete();
    p.remove("passbridge.otp.hmac-key");
    p.put("passbridge.otp.sms.provider.password", "  ");

    List<SecretsCheck.Problem> problems = SecretsCheck.check(OTP, p::get);

    assertThat(problems)
        .extracting(x -> x.secret().environmentVariable(), SecretsCheck.Problem::reason)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "PASSBRIDGE_OTP_HMACKEY", SecretsCheck.Reason.MISSING),
            org.assertj.core.groups.Tuple.tuple(
                "PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD", SecretsCheck.Reason.MISSING));
  }

  @Test
  void publishedValuesAreRefused() {
    for (String demo :
        List.of(
            "omMDKLzS8AyVB3QfddbOljzuTBRmt/qxBsYAhQ9g/kc=",
            // the same published keys in the URL-safe alphabet, without their padding, and with
            // another last character that decodes to the same bytes (its low bits are unused)
            "omMDKLzS8AyVB3QfddbOljzuTBRmt_qxBsYAhQ9g_kc=",
            "omMDKLzS8AyVB3QfddbOljzuTBRmt/qxBsYAhQ9g/kc",
            "omMDKLzS8AyVB3QfddbOljzuTBRmt/qxBsYAhQ9g/kf=",
            "DqLK318CfVuyWQ0F23RSoEGsJrc1tkzxgicXm-xrFws",
            "DqLK318CfVuyWQ0F23RSoEGsJrc1tkzxgicXm+xrFwv=",
            " ChangeMe ",
            "passbridge",
            "password",
            "demo",
            "<openssl rand -base64 32>",
            "<sms provider api token>")) {
      Map<String, String> p = complete();
      p.put("passbridge.otp.hmac-key", demo);

      assertThat(SecretsCheck.check(OTP, p::get))
          .as(demo)
          .singleElement()
          .extracting(SecretsCheck.Problem::reason)
          .isEqualTo(SecretsCheck.Reason.REFUSED);
    }
  }

  @Test
  void aKeyThatOnlyLooksLikeADemoKeyPasses() {
    // one character different in the middle: other bytes
    Map<String, String> p = complete();
    p.put("passbridge.otp.hmac-key", "omMDKLzS8AyVB3QfddbOljzuTBRmt/qxBsYAhQ9h/kc=");
    assertThat(SecretsCheck.check(OTP, p::get)).isEmpty();
  }

  @Test
  void aConditionalSecretIsNotRequiredWhenItsConditionDoesNotHold() {
    Map<String, String> p = complete();
    p.put("passbridge.otp.sms.sender", "outbox");
    p.remove("passbridge.otp.sms.provider.username");
    p.remove("passbridge.otp.sms.provider.password");

    assertThat(SecretsCheck.check(OTP, p::get)).isEmpty();
  }

  @Test
  void aSecretCheckedWhenSetMayBeAbsentButNotADemoValue() {
    List<RequiredSecret> redis =
        List.of(RequiredSecret.parse("spring.data.redis.password when set"));

    assertThat(SecretsCheck.check(redis, p -> null)).isEmpty();
    assertThat(SecretsCheck.check(redis, Map.of("spring.data.redis.password", "r-5d0c1e")::get))
        .isEmpty();
    assertThat(SecretsCheck.check(redis, Map.of("spring.data.redis.password", "changeme")::get))
        .singleElement()
        .extracting(SecretsCheck.Problem::reason)
        .isEqualTo(SecretsCheck.Reason.REFUSED);
  }

  @Test
  void theMessageNamesEveryVariableAndNoValue() {
    Map<String, String> p = complete();
    p.put("passbridge.otp.hmac-key", "omMDKLzS8AyVB3QfddbOljzuTBRmt/qxBsYAhQ9g/kc=");
    p.remove("passbridge.otp.sms.provider.username");
    p.put("passbridge.otp.sms.provider.password", "secret");

    String message = SecretsCheck.message("otp-service", SecretsCheck.check(OTP, p::get));

    assertThat(message)
        .startsWith("otp-service will not start")
        .contains("PASSBRIDGE_OTP_HMACKEY (passbridge.otp.hmac-key): refused")
        .contains(
            "PASSBRIDGE_OTP_SMS_PROVIDER_USERNAME (passbridge.otp.sms.provider.username): missing")
        .contains(
            "PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD (passbridge.otp.sms.provider.password): refused")
        .doesNotContain("omMDKLzS8AyVB3QfddbOljzuTBRmt")
        .doesNotContain("acct-4711")
        .doesNotContain("secret\n")
        .doesNotEndWith("secret");
  }
}
