package dev.passbridge.passkey.webauthn;

/**
 * Every reason a ceremony is refused, each with a stable problem type ({@code
 * https://passbridge.dev/problems/<code>}) and an HTTP status. Clients and tests switch on the
 * code, never on the wording.
 */
public enum RejectionCode {
  /** The ceremony id is unknown, expired, already used, or not this user's. */
  CHALLENGE_EXPIRED("challenge-expired", 400),
  /** clientDataJSON carries another challenge than the ceremony issued. */
  CHALLENGE_MISMATCH("challenge-mismatch", 400),
  ORIGIN_MISMATCH("origin-mismatch", 400),
  RP_ID_MISMATCH("rp-id-mismatch", 400),
  USER_PRESENCE_MISSING("user-presence-missing", 400),
  USER_VERIFICATION_MISSING("user-verification-missing", 400),
  BAD_SIGNATURE("bad-signature", 400),
  COUNTER_REGRESSION("counter-regression", 400),
  /** The attestation format is not one the service is configured to accept. */
  UNSUPPORTED_ATTESTATION("unsupported-attestation", 400),
  /** The attestation statement does not verify (signature, certificate contents). */
  BAD_ATTESTATION("bad-attestation", 400),
  /** The attestation certificate chain leads to no configured trust anchor. */
  UNTRUSTED_ATTESTATION("untrusted-attestation", 400),
  ALGORITHM_NOT_ALLOWED("algorithm-not-allowed", 400),
  USER_HANDLE_MISMATCH("user-handle-mismatch", 400),
  /** BE flipped from 1 to 0, or BS=1 with BE=0. */
  BACKUP_FLAGS_INVALID("backup-flags-invalid", 400),
  CREDENTIAL_EXISTS("credential-exists", 409),
  /**
   * The ceremony's user was erased after it was prepared (a ceremony or connect token issued before
   * the erasure): nothing is stored, and no event is recorded for the user.
   */
  USER_ERASED("user-erased", 410),
  UNKNOWN_CREDENTIAL("unknown-credential", 404),
  MALFORMED_CREDENTIAL("malformed-credential", 400),
  /** Any other verification failure webauthn4j reports. */
  VERIFICATION_FAILED("verification-failed", 400);

  private final String code;
  private final int status;

  RejectionCode(String code, int status) {
    this.code = code;
    this.status = status;
  }

  public String code() {
    return code;
  }

  public int status() {
    return status;
  }
}
