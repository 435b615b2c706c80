package dev.passbridge.auth.login.internal;

import dev.passbridge.auth.login.LoginCompletion;
import dev.passbridge.contracts.events.OtpLocked;
import dev.passbridge.contracts.events.OtpVerified;
import dev.passbridge.contracts.events.PassbridgeEvent;
import dev.passbridge.contracts.events.PasskeyAuthenticated;
import org.springframework.kafka.annotation.KafkaListener;

/**
 * Consumes the events that complete a login, and the lock that ends one. Failures (Redis or the
 * database down) are retried with backoff and then parked on the dead-letter topic by the
 * platform's error handler.
 */
public class LoginCompletionListener {
  private final LoginCompletion completion;

  public LoginCompletionListener(LoginCompletion completion) {
    this.completion = completion;
  }

  @KafkaListener(
      id = "auth-login-completion",
      idIsGroup = false,
      groupId = "${spring.application.name}",
      topics = {
        "#{T(dev.passbridge.contracts.topics.Topics).OTP_VERIFIED.name()}",
        "#{T(dev.passbridge.contracts.topics.Topics).PASSKEY_AUTHENTICATED.name()}",
        "#{T(dev.passbridge.contracts.topics.Topics).OTP_LOCKED.name()}"
      })
  void on(PassbridgeEvent event) {
    switch (event) {
      case OtpVerified otp -> completion.otpVerified(otp);
      case PasskeyAuthenticated passkey -> completion.passkeyAuthenticated(passkey);
      case OtpLocked locked -> completion.otpLocked(locked);
      default -> {
        // other event types are not on these topics
      }
    }
  }
}
