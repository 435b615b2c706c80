package dev.passbridge.auth.session;

import dev.passbridge.auth.login.LoginTransaction;

/** What {@code POST /api/auth/session} got for a loginId. */
public sealed interface ExchangeResult {

  record Issued(IssuedSession session, LoginTransaction login) implements ExchangeResult {}

  /** The second factor has not passed (yet). */
  record NotCompleted() implements ExchangeResult {}

  /** A session was issued for this login already. */
  record AlreadyUsed() implements ExchangeResult {}

  /** Unknown or expired login. */
  record Expired() implements ExchangeResult {}
}
