// Countdowns for "send a new code" and rate limits.

/** Whole seconds left until the deadline, never negative (rounded up: "1" until it is over). */
export function secondsLeft(deadlineMs, nowMs) {
  return Math.max(0, Math.ceil((deadlineMs - nowMs) / 1000));
}

/** 75 -> "1:15", 5 -> "0:05". */
export function formatSeconds(total) {
  const seconds = Math.max(0, Math.floor(total));
  return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
}

/**
 * The deadline a Retry-After header asks for (delay-seconds or an HTTP date), or the fallback.
 * @returns {number} epoch milliseconds
 */
export function deadlineFromRetryAfter(retryAfter, nowMs, fallbackSeconds) {
  if (retryAfter !== null && retryAfter !== undefined && String(retryAfter).trim() !== '') {
    const text = String(retryAfter).trim();
    if (/^\d+$/.test(text)) {
      return nowMs + Number(text) * 1000;
    }
    const date = Date.parse(text);
    if (!Number.isNaN(date)) {
      return Math.max(nowMs, date);
    }
  }
  return nowMs + fallbackSeconds * 1000;
}

/**
 * Calls onTick(secondsLeft) now and every second until the deadline, then onDone(). Returns a
 * function that stops it. Timers and clock are injectable for tests.
 */
export function startCountdown({
  deadline,
  onTick,
  onDone,
  now = () => Date.now(),
  setIntervalFn = setInterval,
  clearIntervalFn = clearInterval,
}) {
  let timer = null;
  const tick = () => {
    const left = secondsLeft(deadline, now());
    if (left <= 0) {
      if (timer !== null) {
        clearIntervalFn(timer);
        timer = null;
      }
      onDone?.();
      return false;
    }
    onTick?.(left);
    return true;
  };
  if (tick()) {
    timer = setIntervalFn(tick, 1000);
  }
  return () => {
    if (timer !== null) {
      clearIntervalFn(timer);
      timer = null;
    }
  };
}
