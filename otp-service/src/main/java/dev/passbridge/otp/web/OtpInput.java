package dev.passbridge.otp.web;

/**
 * Input rules shared by the HTTP endpoints. A login id is what {@link
 * dev.passbridge.contracts.ids.LoginId#PATTERN} allows, as in every service.
 */
public final class OtpInput {
  private OtpInput() {}

  public static final String LOGIN_ID_MESSAGE = "must be a login id (base64url)";

  public static final String CODE = "[0-9]{6}";

  public static final String CODE_MESSAGE = "must be 6 digits";
}
