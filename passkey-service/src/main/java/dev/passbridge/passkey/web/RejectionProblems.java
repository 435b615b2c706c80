package dev.passbridge.passkey.web;

import dev.passbridge.passkey.webauthn.Rejection;
import dev.passbridge.platform.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;

/** Turns a {@link Rejection} into an RFC 9457 answer with its stable type. */
public final class RejectionProblems {
  private RejectionProblems() {}

  public static ResponseEntity<ProblemDetail> response(Rejection rejection) {
    return Problems.response(
        HttpStatus.valueOf(rejection.code().status()),
        rejection.code().code(),
        rejection.detail(),
        rejection.properties());
  }
}
