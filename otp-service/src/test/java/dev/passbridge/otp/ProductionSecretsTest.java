package dev.passbridge.otp;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.passbridge.platform.secrets.MissingSecretsException;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck;
import dev.passbridge.testsupport.StartUpToTheSecretsCheck.PassedTheCheck;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * otp-service started as in production (its own configuration file, no profile) without each of its
 * secrets, and with a published demo value: the start fails naming the variable, before anything
 * connects (no Kafka or Redis here). The local profile needs none of them.
 */
class ProductionSecretsTest {
  static final Map<String, String> SECRETS =
      Map.of(
          "PASSBRIDGE_OTP_HMACKEY", "WrgCs4VlxHls7FQdFALnNQzk+Gfgzb2NZohbpqQ2b04=",
          "PASSBRIDGE_OTP_SMS_PROVIDER_USERNAME", "acct-70411",
          "PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD", "tok-3c9a51e0b7");

  static void start(Map<String, String> variables, String... profiles) {
    StartUpToTheSecretsCheck.start(
        OtpApplication.class, OtpApplication.CONFIG_NAME, variables, profiles);
  }

  static Map<String, String> without(String name) {
    Map<String, String> v = new HashMap<>(SECRETS);
    v.remove(name);
    return v;
  }

  static Map<String, String> with(String name, String value) {
    Map<String, String> v = new HashMap<>(SECRETS);
    v.put(name, value);
    return v;
  }

  @Test
  void withEverySecretTheStartGoesOn() {
    assertThatThrownBy(() -> start(SECRETS)).isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void withoutEachSecretTheStartFailsNamingItsVariable() {
    for (String name : SECRETS.keySet()) {
      assertThatThrownBy(() -> start(without(name)))
          .as(name)
          .isInstanceOf(MissingSecretsException.class)
          .hasMessageContaining(name + " (")
          .hasMessageContaining(": missing");
    }
  }

  @Test
  void theLocalDevelopmentKeyAndPlaceholdersAreRefused() {
    assertThatThrownBy(
            () ->
                start(
                    with("PASSBRIDGE_OTP_HMACKEY", "omMDKLzS8AyVB3QfddbOljzuTBRmt/qxBsYAhQ9g/kc=")))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_OTP_HMACKEY (passbridge.otp.hmac-key): refused")
        .hasMessageNotContaining("omMDKLzS8AyVB3Qf");
    assertThatThrownBy(
            () -> start(with("PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD", "<sms provider api token>")))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD")
        .hasMessageContaining("refused");
  }

  @Test
  void everyMissingSecretIsListedInOneFailure() {
    assertThatThrownBy(() -> start(Map.of()))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContainingAll(SECRETS.keySet().toArray(String[]::new));
  }

  @Test
  void theSmsCredentialsAreRequiredOnlyForTheHttpSender() {
    Map<String, String> outbox = new HashMap<>(SECRETS);
    outbox.remove("PASSBRIDGE_OTP_SMS_PROVIDER_USERNAME");
    outbox.remove("PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD");
    outbox.put("PASSBRIDGE_OTP_SMS_SENDER", "outbox");

    // the secrets check asks for no SMS credentials; the SMS wiring then stops the start, since the
    // outbox is for the local profile only (SmsConfigurationTest)
    assertThatThrownBy(() -> start(outbox)).isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void vonageNeedsItsApiSecretInsteadOfTheHttpCredentials() {
    Map<String, String> vonage = new HashMap<>(SECRETS);
    vonage.remove("PASSBRIDGE_OTP_SMS_PROVIDER_USERNAME");
    vonage.remove("PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD");
    vonage.put("PASSBRIDGE_OTP_SMS_SENDER", "vonage");

    assertThatThrownBy(() -> start(vonage))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_OTP_SMS_VONAGE_APISECRET (")
        .hasMessageNotContaining("PASSBRIDGE_OTP_SMS_PROVIDER");
    vonage.put("PASSBRIDGE_OTP_SMS_VONAGE_APISECRET", "vs-81c2e04f9a");
    assertThatThrownBy(() -> start(vonage)).isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void twilioRefusesADemoOrPlaceholderCredentialOutsideTheLocalProfile() {
    Map<String, String> twilio = new HashMap<>(SECRETS);
    twilio.remove("PASSBRIDGE_OTP_SMS_PROVIDER_USERNAME");
    twilio.remove("PASSBRIDGE_OTP_SMS_PROVIDER_PASSWORD");
    twilio.put("PASSBRIDGE_OTP_SMS_SENDER", "twilio");
    twilio.put("PASSBRIDGE_OTP_SMS_TWILIO_ACCOUNTSID", "AC5f1e0c2d9a7b4e3f8c6d1a2b3c4d5e6f");

    // no credential at all
    assertThatThrownBy(() -> start(twilio))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_OTP_SMS_TWILIO_AUTHTOKEN (")
        .hasMessageContaining(": missing")
        .hasMessageNotContaining("PASSBRIDGE_OTP_SMS_PROVIDER");
    // a published demo auth token
    twilio.put("PASSBRIDGE_OTP_SMS_TWILIO_AUTHTOKEN", "changeme");
    assertThatThrownBy(() -> start(twilio))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_OTP_SMS_TWILIO_AUTHTOKEN (")
        .hasMessageContaining("refused")
        .hasMessageNotContaining("changeme");
    // an API key's secret replaces the auth token, and is checked in its place
    twilio.put("PASSBRIDGE_OTP_SMS_TWILIO_APIKEYSID", "SK0a1b2c3d4e5f60718293a4b5c6d7e8f9");
    twilio.put("PASSBRIDGE_OTP_SMS_TWILIO_APIKEYSECRET", "<twilio api key secret>");
    assertThatThrownBy(() -> start(twilio))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("refused");
    twilio.put("PASSBRIDGE_OTP_SMS_TWILIO_APIKEYSECRET", "q8Xr2Lk0Vb7Nw3Tz9Hc4");
    assertThatThrownBy(() -> start(twilio)).isInstanceOf(PassedTheCheck.class);
    // a placeholder account
    twilio.put("PASSBRIDGE_OTP_SMS_TWILIO_ACCOUNTSID", "<account sid>");
    assertThatThrownBy(() -> start(twilio))
        .isInstanceOf(MissingSecretsException.class)
        .hasMessageContaining("PASSBRIDGE_OTP_SMS_TWILIO_ACCOUNTSID (")
        .hasMessageContaining("refused");
    // the local profile takes the demo values
    twilio.put("PASSBRIDGE_OTP_SMS_TWILIO_AUTHTOKEN", "changeme");
    twilio.remove("PASSBRIDGE_OTP_SMS_TWILIO_APIKEYSECRET");
    twilio.remove("PASSBRIDGE_OTP_SMS_TWILIO_APIKEYSID");
    assertThatThrownBy(() -> start(twilio, "local")).isInstanceOf(PassedTheCheck.class);
  }

  @Test
  void theLocalProfileNeedsNoSecret() {
    assertThatThrownBy(() -> start(Map.of(), "local")).isInstanceOf(PassedTheCheck.class);
  }
}
