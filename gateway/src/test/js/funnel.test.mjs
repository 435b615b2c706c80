import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  breakdown,
  chartOptions,
  funnelGeometry,
  lastDays,
  normaliseFunnel,
  percent,
  platformRows,
  rangeFieldOf,
  rangeProblem,
  sortedBreakdown,
  total,
} from '../../main/resources/static/js/lib/funnel.mjs';

const counts = (funnel) => Object.fromEntries(funnel.steps.map((s) => [s.key, s.count]));

test('reads a totals object with per-mode and per-reason maps', () => {
  const funnel = normaliseFunnel({
    from: '2026-03-01',
    to: '2026-03-07',
    totals: {
      passwordLogins: 100,
      secondFactorPassed: 90,
      eligible: { CONDITIONAL: 30, PROMPT: 20 },
      skipped: { HAS_PASSKEY: 25, NOT_AUTOFILLED: 15 },
      upgradeFailed: { NotAllowedError: 4 },
      passkeyCreated: 35,
      firstPasskeyLogins: 12,
    },
  });
  assert.deepEqual(counts(funnel), { passwordLogins: 100, secondFactor: 90, eligible: 50, created: 35, passkeyLogins: 12 });
  assert.deepEqual(funnel.eligibleByMode, { CONDITIONAL: 30, PROMPT: 20 });
  assert.deepEqual(funnel.skipReasons, { HAS_PASSKEY: 25, NOT_AUTOFILLED: 15 });
  assert.deepEqual(funnel.failures, { NotAllowedError: 4 });
  assert.equal(funnel.steps[0].label, 'Password logins');
});

test('adds up rows per platform or day', () => {
  const funnel = normaliseFunnel({
    platforms: [
      { platform: 'Mac OS / Safari', counts: { passwordLogins: 10, otpVerified: 9, eligible: { CONDITIONAL: 5 }, skipped: [{ reason: 'COOLDOWN', count: 2 }], passkeyCreated: 4 } },
      { platform: 'Windows / Chrome', counts: { passwordLogins: 5, otpVerified: 5, eligible: { PROMPT: 3 }, skipped: [{ reason: 'COOLDOWN', count: 1 }], passkeyCreated: 1, passkeyLogins: 2 } },
    ],
  });
  assert.deepEqual(counts(funnel), { passwordLogins: 15, secondFactor: 14, eligible: 8, created: 5, passkeyLogins: 2 });
  assert.deepEqual(funnel.skipReasons, { COOLDOWN: 3 });
  assert.deepEqual(funnel.eligibleByMode, { CONDITIONAL: 5, PROMPT: 3 });
});

test('takes an explicit step list as it is', () => {
  const funnel = normaliseFunnel({ steps: [{ name: 'A', count: 3 }, { key: 'b', label: 'B', value: 1 }], skipReasons: { X: 1 } });
  assert.deepEqual(funnel.steps, [
    { key: 'A', label: 'A', count: 3 },
    { key: 'b', label: 'B', count: 1 },
  ]);
  assert.deepEqual(funnel.skipReasons, { X: 1 });
});

test('survives empty and odd answers with zeros', () => {
  for (const json of [null, {}, [], { totals: {} }, 'text']) {
    const funnel = normaliseFunnel(json);
    assert.equal(funnel.steps.length, 5);
    assert.ok(funnel.steps.every((s) => s.count === 0));
  }
});

test('totals and breakdowns of maps and lists', () => {
  assert.equal(total({ a: 1, b: { c: 2 } }), 3);
  assert.equal(total([{ count: 2 }, { value: 3 }, {}]), 5);
  assert.equal(total('7'), 0);
  assert.deepEqual(breakdown([{ name: 'a', count: 1 }, { name: 'a', count: 2 }]), { a: 3 });
  assert.deepEqual(sortedBreakdown({ b: 1, a: 1, c: 5 }), [['c', 5], ['a', 1], ['b', 1]]);
});

test('lays out bars proportional to the counts', () => {
  const steps = [
    { key: 'a', label: 'A', count: 200 },
    { key: 'b', label: 'B', count: 100 },
    { key: 'c', label: 'C', count: 1 },
    { key: 'd', label: 'D', count: 0 },
  ];
  const layout = funnelGeometry(steps, { width: 640, rowHeight: 40, gap: 10, labelWidth: 200, padding: 10 });
  const [a, b, c, d] = layout.bars;
  assert.equal(a.x, 210);
  assert.equal(a.width, 640 - 200 - 20 - 60);
  assert.equal(b.width, Math.round(a.width / 2));
  assert.equal(c.width, 2, 'a non-zero count stays visible');
  assert.equal(d.width, 0);
  assert.deepEqual([a.y, b.y, c.y, d.y], [10, 60, 110, 160]);
  assert.equal(layout.height, 10 * 2 + 4 * 40 + 3 * 10);
  assert.equal(b.percentOfFirst, 50);
  assert.equal(b.fromPrevious, 50);
  assert.equal(a.fromPrevious, null);
  assert.equal(d.fromPrevious, 0);
});

test('lays out an all-zero funnel without dividing by zero', () => {
  const layout = funnelGeometry([{ key: 'a', label: 'A', count: 0 }]);
  assert.equal(layout.bars[0].width, 0);
  assert.equal(layout.bars[0].percentOfFirst, null);
  assert.equal(percent(1, 0), null);
});

test('the default range is the last seven days including today', () => {
  assert.deepEqual(lastDays(7, new Date('2026-03-10T15:00:00Z')), { from: '2026-03-04', to: '2026-03-10' });
});

test('reads the intelligence-service report: total, platforms, days', () => {
  const counts = (over) => ({
    passwordLogins: 0, secondFactorPassed: 0, eligible: {}, skipped: {}, upgradeFailed: {},
    passkeysCreated: {}, passkeyLogins: 0, firstPasskeyLogins: 0, ...over,
  });
  const report = {
    from: '2026-03-01',
    to: '2026-03-07',
    total: counts({ passwordLogins: 12, secondFactorPassed: 10, eligible: { CONDITIONAL: 4, PROMPT: 2 }, skipped: { HAS_PASSKEY: 3 }, upgradeFailed: { AbortError: 1 }, passkeysCreated: { CONDITIONAL: 3, PROMPT: 1 }, passkeyLogins: 7, firstPasskeyLogins: 2 }),
    platforms: [
      { platform: 'Windows/Chrome', counts: counts({ passwordLogins: 2, passkeysCreated: { PROMPT: 1 } }) },
      { platform: 'Mac OS/Safari', counts: counts({ passwordLogins: 10, eligible: { CONDITIONAL: 4 } }) },
    ],
    days: [{ date: '2026-03-01', total: counts({ passwordLogins: 12 }), platforms: [] }],
  };
  const funnel = normaliseFunnel(report);
  assert.deepEqual(
    funnel.steps.map((s) => s.count),
    [12, 10, 6, 4, 2],
  );
  assert.deepEqual(funnel.skipReasons, { HAS_PASSKEY: 3 });
  assert.deepEqual(funnel.eligibleByMode, { CONDITIONAL: 4, PROMPT: 2 });
  assert.deepEqual(funnel.failures, { AbortError: 1 });
  const rows = platformRows(report);
  assert.deepEqual(rows.map((r) => r.platform), ['Mac OS/Safari', 'Windows/Chrome']);
  assert.deepEqual(rows[1].steps.map((s) => s.count), [2, 0, 0, 1, 0]);
  assert.deepEqual(platformRows({}), []);
});

test('a chart is drawn as wide as it is shown, so 14px labels stay 14px; narrow: labels above the bars', () => {
  assert.deepEqual(chartOptions(800), { width: 800 });
  assert.deepEqual(chartOptions(342), { width: 342, labelsAbove: true, rowHeight: 28, gap: 10 });
  assert.equal(chartOptions(200).width, 280, 'never narrower than 280');
  assert.equal(chartOptions(0).width, 640, 'not on screen yet: the default');
  const steps = [
    { key: 'a', label: 'Password logins', count: 1234567 },
    { key: 'b', label: 'First passkey login', count: 1 },
  ];
  const layout = funnelGeometry(steps, chartOptions(342));
  assert.equal(layout.width, 342);
  for (const bar of layout.bars) {
    assert.equal(bar.x, 8, 'bars start at the left edge');
    assert.ok(bar.labelY < bar.y, 'the label is above its bar');
    assert.ok(bar.x + bar.trackWidth <= bar.countX, 'the count is right of the track');
    assert.ok(bar.countX + 60 <= layout.width, 'room for a seven-digit count');
    assert.ok(bar.width <= bar.trackWidth);
  }
  assert.equal(layout.bars[0].width, layout.bars[0].trackWidth, 'the largest fills the track');
  assert.equal(layout.height, 8 * 2 + 2 * (22 + 28) + 10);
  const wide = funnelGeometry(steps);
  assert.equal(wide.bars[0].labelY, wide.bars[0].textY, 'wide: the label beside its bar');
  assert.equal(wide.bars[0].trackWidth, 640 - 198 - 70);
  assert.equal(wide.bars[0].countX, 640 - 62);
});

test('a range the page can ask for, or which field is wrong', () => {
  assert.equal(rangeProblem('2026-03-01', '2026-03-07'), null);
  assert.equal(rangeProblem('2026-03-07', '2026-03-07'), null);
  assert.deepEqual(rangeProblem('2026-03-09', '2026-03-01'), {
    field: 'from',
    message: 'The first day must not be after the last day.',
  });
  assert.equal(rangeProblem('', '2026-03-01').field, 'from');
  assert.equal(rangeProblem('2026-03-01', '').field, 'to');
  assert.equal(rangeProblem('2026-02-30', '2026-03-01').field, 'from', 'no such day');
  assert.equal(rangeProblem('2026-03-01', '01.03.2026').field, 'to');
  assert.equal(rangeFieldOf({ code: 'invalid-date-range' }), 'from');
  assert.equal(rangeFieldOf({ code: 'date-range-too-long' }), 'from');
  assert.equal(rangeFieldOf({ code: 'invalid-date', detail: "'to' must be an ISO date (2025-06-01)." }), 'to');
  assert.equal(rangeFieldOf({ code: 'forbidden' }), null);
  assert.equal(rangeFieldOf(undefined), null);
});
