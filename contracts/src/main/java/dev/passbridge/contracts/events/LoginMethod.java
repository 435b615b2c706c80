package dev.passbridge.contracts.events;

public enum LoginMethod {
  PASSWORD_OTP,
  PASSKEY
}
