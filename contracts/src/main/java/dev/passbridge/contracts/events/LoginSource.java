package dev.passbridge.contracts.events;

/**
 * Where a login happened: Passbridge's own pages ({@code HOSTED}) or a platform that keeps its own
 * login and reported it through {@code POST /connect/v1/logins} ({@code CONNECT}). Events carry it
 * as the optional field {@code source}; absent means hosted (events written before Connect mode).
 */
public enum LoginSource {
  HOSTED,
  CONNECT;

  /** The source an event's optional field stands for: absent is {@code HOSTED}. */
  public static LoginSource of(LoginSource source) {
    return source == null ? HOSTED : source;
  }
}
