package dev.passbridge.otp.web;

/** Input rules shared by the HTTP endpoints. */
public final class OtpInput {
  private OtpInput() {}

  /** auth-service's loginIds are 22 base64url characters; allow some room. */
  public static final String LOGIN_ID = "[A-Za-z0-9_-]{16,64}";

  public static final String LOGIN_ID_MESSAGE = "must be a login id (base64url)";

  public static final String CODE = "[0-9]{6}";

  public static final String CODE_MESSAGE = "must be 6 digits";
}
