package dev.passbridge.auth.session.internal;

import dev.passbridge.auth.session.ExchangeResult;
import dev.passbridge.auth.session.SessionExchange;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * {@code POST /api/auth/session}'s bounded wait: try the exchange; while the login is not completed
 * (or not known yet: a passkey login appears only when auth-service consumes its {@code
 * PasskeyAuthenticated}, and the browser asks for the session right away), wait for its pub/sub
 * signal or the deadline (whichever first) and try again. A final try at the deadline covers a lost
 * signal. Nothing blocks while waiting; the tries run on the worker executor.
 */
public class LoginCompletionWaits {
  private final SessionExchange exchange;
  private final CompletionSignals signals;
  private final Executor workers;

  public LoginCompletionWaits(
      SessionExchange exchange, CompletionSignals signals, Executor workers) {
    this.exchange = exchange;
    this.signals = signals;
    this.workers = workers;
  }

  public CompletableFuture<ExchangeResult> exchangeWhenCompleted(String loginId, Duration maxWait) {
    return exchangeWhenCompleted(loginId, null, maxWait);
  }

  /**
   * @param binding the digest of the login binding the browser presented, or {@code null}
   */
  public CompletableFuture<ExchangeResult> exchangeWhenCompleted(
      String loginId, String binding, Duration maxWait) {
    CompletableFuture<ExchangeResult> result = new CompletableFuture<>();
    attempt(loginId, binding, System.nanoTime() + maxWait.toNanos(), result);
    return result;
  }

  private void attempt(
      String loginId, String binding, long deadline, CompletableFuture<ExchangeResult> result) {
    CompletableFuture<Void> signal = signals.register(loginId);
    workers.execute(
        () -> {
          try {
            ExchangeResult r = exchange.exchange(loginId, binding);
            long remaining = deadline - System.nanoTime();
            boolean worthWaiting =
                r instanceof ExchangeResult.NotCompleted || r instanceof ExchangeResult.Unknown;
            if (!worthWaiting || remaining <= 0) {
              signals.unregister(loginId, signal);
              result.complete(r);
              return;
            }
            signal
                .completeOnTimeout(null, remaining, TimeUnit.NANOSECONDS)
                .whenComplete(
                    (v, e) -> {
                      signals.unregister(loginId, signal);
                      attempt(loginId, binding, deadline, result);
                    });
          } catch (Throwable t) {
            signals.unregister(loginId, signal);
            result.completeExceptionally(t);
          }
        });
  }
}
