package dev.passbridge.passkey.webauthn;

import java.util.function.Function;

/** The result of a ceremony step: a value, or a {@link Rejection}. Never an exception. */
public sealed interface Outcome<T> {

  record Ok<T>(T value) implements Outcome<T> {}

  record Rejected<T>(Rejection rejection) implements Outcome<T> {}

  static <T> Outcome<T> ok(T value) {
    return new Ok<>(value);
  }

  static <T> Outcome<T> rejected(Rejection rejection) {
    return new Rejected<>(rejection);
  }

  static <T> Outcome<T> rejected(RejectionCode code) {
    return new Rejected<>(Rejection.of(code, WebAuthnFailures.detail(code)));
  }

  default <R> Outcome<R> map(Function<T, R> f) {
    return switch (this) {
      case Ok<T> ok -> new Ok<>(f.apply(ok.value()));
      case Rejected<T> r -> new Rejected<>(r.rejection());
    };
  }
}
