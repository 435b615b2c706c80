package dev.passbridge.passkey.loginresult;

import java.time.Duration;

/**
 * Port: which login results were redeemed already. The Redis adapter ({@code internal}) marks a
 * result id with {@code SET NX} and a TTL a little past the result's expiry, so exactly one of any
 * number of concurrent redemptions, on any instance, succeeds.
 */
public interface LoginResultRedemptions {

  /**
   * @return true for the first redemption of this result id, false for every later one
   */
  boolean redeem(String resultId, Duration keep);

  /**
   * Gives a redemption back, for a redemption whose verification could not be finished (the
   * credential store did not answer): the result may be redeemed again.
   */
  void release(String resultId);
}
