package dev.passbridge.passkey.webauthn;

import com.webauthn4j.converter.exception.DataConversionException;
import com.webauthn4j.verifier.exception.BadAaguidException;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadBackupEligibleFlagException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadClientDataHashException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.BadTopOriginException;
import com.webauthn4j.verifier.exception.CertificateException;
import com.webauthn4j.verifier.exception.ConstraintViolationException;
import com.webauthn4j.verifier.exception.CredentialIdTooLongException;
import com.webauthn4j.verifier.exception.CrossOriginException;
import com.webauthn4j.verifier.exception.IllegalBackupStateException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.PublicKeyMismatchException;
import com.webauthn4j.verifier.exception.SelfAttestationProhibitedException;
import com.webauthn4j.verifier.exception.TrustAnchorNotFoundException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;

/** Maps webauthn4j's typed exceptions (and parse failures) to {@link RejectionCode}s. */
public final class WebAuthnFailures {
  private WebAuthnFailures() {}

  public static Rejection rejection(RuntimeException e) {
    RejectionCode code = code(e);
    return Rejection.of(code, detail(code));
  }

  static RejectionCode code(RuntimeException e) {
    return switch (e) {
      case BadChallengeException x -> RejectionCode.CHALLENGE_MISMATCH;
      case MissingChallengeException x -> RejectionCode.CHALLENGE_MISMATCH;
      case BadOriginException x -> RejectionCode.ORIGIN_MISMATCH;
      case BadTopOriginException x -> RejectionCode.ORIGIN_MISMATCH;
      case CrossOriginException x -> RejectionCode.ORIGIN_MISMATCH;
      case BadRpIdException x -> RejectionCode.RP_ID_MISMATCH;
      case UserNotPresentException x -> RejectionCode.USER_PRESENCE_MISSING;
      case UserNotVerifiedException x -> RejectionCode.USER_VERIFICATION_MISSING;
      case BadSignatureException x -> RejectionCode.BAD_SIGNATURE;
      case PublicKeyMismatchException x -> RejectionCode.BAD_SIGNATURE;
      case MaliciousCounterValueException x -> RejectionCode.COUNTER_REGRESSION;
      case NotAllowedAlgorithmException x -> RejectionCode.ALGORITHM_NOT_ALLOWED;
      case BadAlgorithmException x -> RejectionCode.ALGORITHM_NOT_ALLOWED;
      case TrustAnchorNotFoundException x -> RejectionCode.UNTRUSTED_ATTESTATION;
      case CertificateException x -> RejectionCode.UNTRUSTED_ATTESTATION;
      case SelfAttestationProhibitedException x -> RejectionCode.UNTRUSTED_ATTESTATION;
      case BadAttestationStatementException x -> RejectionCode.BAD_ATTESTATION;
      case BadAaguidException x -> RejectionCode.BAD_ATTESTATION;
      case BadBackupEligibleFlagException x -> RejectionCode.BACKUP_FLAGS_INVALID;
      case IllegalBackupStateException x -> RejectionCode.BACKUP_FLAGS_INVALID;
      case InconsistentClientDataTypeException x -> RejectionCode.MALFORMED_CREDENTIAL;
      case CredentialIdTooLongException x -> RejectionCode.MALFORMED_CREDENTIAL;
      case BadClientDataHashException x -> RejectionCode.MALFORMED_CREDENTIAL;
      case ConstraintViolationException x -> RejectionCode.MALFORMED_CREDENTIAL;
      case DataConversionException x -> RejectionCode.MALFORMED_CREDENTIAL;
      case VerificationException x -> RejectionCode.VERIFICATION_FAILED;
      default -> RejectionCode.MALFORMED_CREDENTIAL;
    };
  }

  public static String detail(RejectionCode code) {
    return switch (code) {
      case CHALLENGE_EXPIRED -> "The ceremony is unknown, expired or already used.";
      case CHALLENGE_MISMATCH -> "The credential answers another challenge.";
      case ORIGIN_MISMATCH -> "The credential was made for an origin that is not allowed.";
      case RP_ID_MISMATCH -> "The credential is scoped to another relying party.";
      case USER_PRESENCE_MISSING -> "The authenticator did not confirm user presence.";
      case USER_VERIFICATION_MISSING -> "The authenticator did not verify the user.";
      case BAD_SIGNATURE -> "The signature does not verify.";
      case COUNTER_REGRESSION ->
          "The signature counter did not increase; the authenticator may be cloned.";
      case UNSUPPORTED_ATTESTATION -> "This attestation format is not accepted.";
      case BAD_ATTESTATION -> "The attestation statement does not verify.";
      case UNTRUSTED_ATTESTATION -> "The attestation certificate is not trusted.";
      case ALGORITHM_NOT_ALLOWED -> "The credential uses an algorithm that is not allowed.";
      case USER_HANDLE_MISMATCH -> "The user handle does not belong to this credential.";
      case BACKUP_FLAGS_INVALID -> "The backup flags are inconsistent.";
      case CREDENTIAL_EXISTS -> "This credential is already registered.";
      case USER_ERASED -> "This user was erased; no passkey is stored for them.";
      case UNKNOWN_CREDENTIAL -> "No passkey with this credential id is registered.";
      case MALFORMED_CREDENTIAL -> "The credential is not a well-formed WebAuthn response.";
      case VERIFICATION_FAILED -> "The credential did not verify.";
    };
  }
}
