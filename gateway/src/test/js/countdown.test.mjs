import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  deadlineFromRetryAfter,
  formatSeconds,
  secondsLeft,
  startCountdown,
} from '../../main/resources/static/js/lib/countdown.mjs';

test('rounds the seconds left up and never goes negative', () => {
  assert.equal(secondsLeft(10_000, 0), 10);
  assert.equal(secondsLeft(10_000, 9_001), 1);
  assert.equal(secondsLeft(10_000, 10_000), 0);
  assert.equal(secondsLeft(10_000, 20_000), 0);
});

test('formats minutes and seconds', () => {
  assert.equal(formatSeconds(0), '0:00');
  assert.equal(formatSeconds(5), '0:05');
  assert.equal(formatSeconds(75), '1:15');
  assert.equal(formatSeconds(-3), '0:00');
});

test('reads Retry-After as seconds or as a date, else uses the fallback', () => {
  const now = Date.parse('2026-03-01T10:00:00Z');
  assert.equal(deadlineFromRetryAfter('30', now, 5), now + 30_000);
  assert.equal(deadlineFromRetryAfter('Sun, 01 Mar 2026 10:01:00 GMT', now, 5), now + 60_000);
  assert.equal(deadlineFromRetryAfter(null, now, 5), now + 5_000);
  assert.equal(deadlineFromRetryAfter('soon', now, 5), now + 5_000);
});

test('ticks every second and finishes at the deadline', () => {
  let now = 0;
  let scheduled = null;
  const ticks = [];
  let done = 0;
  let cleared = false;
  startCountdown({
    deadline: 3_000,
    now: () => now,
    onTick: (left) => ticks.push(left),
    onDone: () => done++,
    setIntervalFn: (fn) => {
      scheduled = fn;
      return 1;
    },
    clearIntervalFn: () => {
      cleared = true;
    },
  });
  for (now = 1_000; now <= 3_000; now += 1_000) {
    scheduled();
  }
  assert.deepEqual(ticks, [3, 2, 1]);
  assert.equal(done, 1);
  assert.equal(cleared, true);
});

test('finishes at once when the deadline has passed, and can be stopped', () => {
  let done = 0;
  let intervals = 0;
  startCountdown({ deadline: 0, now: () => 5, onDone: () => done++, setIntervalFn: () => intervals++ });
  assert.equal(done, 1);
  assert.equal(intervals, 0);
  let cleared = 0;
  const stop = startCountdown({
    deadline: 10_000,
    now: () => 0,
    setIntervalFn: () => 7,
    clearIntervalFn: (id) => {
      assert.equal(id, 7);
      cleared++;
    },
  });
  stop();
  stop();
  assert.equal(cleared, 1);
});
