// The insights funnel: normalise GET /api/insights/funnel into steps, and lay the steps out as
// horizontal bars (drawn as SVG by the page). Pure functions.

export const STEPS = [
  { key: 'passwordLogins', label: 'Password logins', aliases: ['passwordLogins', 'passwordAuthenticated', 'passwordLogin', 'logins'] },
  { key: 'secondFactor', label: 'Second factor passed', aliases: ['secondFactorPassed', 'secondFactor', 'otpVerified'] },
  { key: 'eligible', label: 'Eligible for a passkey', aliases: ['eligible', 'passkeyEligible'] },
  { key: 'created', label: 'Passkey created', aliases: ['passkeyCreated', 'created', 'passkeysCreated'] },
  { key: 'passkeyLogins', label: 'First passkey login', aliases: ['firstPasskeyLogins', 'firstPasskeyLogin', 'passkeyLogins', 'passkeyAuthenticated', 'passkeyLogin'] },
];

const SKIP_ALIASES = ['skipped', 'skipReasons', 'skippedByReason', 'passkeyUpgradeSkipped'];
const MODE_ALIASES = ['eligibleByMode', 'byMode', 'modes'];
const FAILED_ALIASES = ['upgradeFailed', 'failed', 'failures', 'upgradeFailedByError'];

function number(value) {
  return typeof value === 'number' && Number.isFinite(value) ? value : 0;
}

/** A count, or the sum of a {name: count} map, or of [{count}] entries. */
export function total(value) {
  if (typeof value === 'number') {
    return number(value);
  }
  if (Array.isArray(value)) {
    return value.reduce((sum, entry) => sum + number(entry?.count ?? entry?.value), 0);
  }
  if (value && typeof value === 'object') {
    return Object.values(value).reduce((sum, entry) => sum + total(entry), 0);
  }
  return 0;
}

/** {reason: count} from a map or an [{reason|name|key, count}] list. */
export function breakdown(value) {
  const result = {};
  if (Array.isArray(value)) {
    for (const entry of value) {
      const name = entry?.reason ?? entry?.name ?? entry?.key ?? entry?.mode ?? entry?.error;
      if (typeof name === 'string') {
        result[name] = (result[name] ?? 0) + number(entry.count ?? entry.value);
      }
    }
  } else if (value && typeof value === 'object') {
    for (const [name, count] of Object.entries(value)) {
      result[name] = (result[name] ?? 0) + total(count);
    }
  }
  return result;
}

function pick(source, aliases) {
  for (const alias of aliases) {
    if (source && source[alias] !== undefined) {
      return source[alias];
    }
  }
  return undefined;
}

function addInto(target, extra) {
  for (const [name, count] of Object.entries(extra)) {
    target[name] = (target[name] ?? 0) + count;
  }
}

function rowsOf(json) {
  if (Array.isArray(json)) {
    return json;
  }
  for (const key of ['rows', 'platforms', 'byPlatform', 'days', 'byDay', 'entries']) {
    if (Array.isArray(json?.[key])) {
      return json[key];
    }
  }
  return null;
}

/**
 * {steps: [{key, label, count}], skipReasons: {reason: n}, eligibleByMode: {mode: n},
 * failures: {errorName: n}} from the service's answer: a totals object (top level or under
 * totals/total/summary), an explicit steps list, or rows (per platform or day) to add up.
 */
export function normaliseFunnel(json) {
  if (json && Array.isArray(json.steps)) {
    return {
      steps: json.steps.map((s, i) => ({
        key: s.key ?? s.name ?? `step${i}`,
        label: s.label ?? s.name ?? s.key ?? `Step ${i + 1}`,
        count: number(s.count ?? s.value),
      })),
      skipReasons: breakdown(pick(json, SKIP_ALIASES)),
      eligibleByMode: breakdown(pick(json, MODE_ALIASES)),
      failures: breakdown(pick(json, FAILED_ALIASES)),
    };
  }
  const totals = json?.totals ?? json?.total ?? json?.summary;
  const rows = totals ? [totals] : rowsOf(json) ?? (json && typeof json === 'object' ? [json] : []);
  const counts = Object.fromEntries(STEPS.map((s) => [s.key, 0]));
  const skipReasons = {};
  const eligibleByMode = {};
  const failures = {};
  for (const row of rows) {
    const source = row?.counts ?? row;
    for (const step of STEPS) {
      counts[step.key] += total(pick(source, step.aliases));
    }
    const eligible = pick(source, ['eligible', 'passkeyEligible']);
    if (eligible && typeof eligible === 'object') {
      addInto(eligibleByMode, breakdown(eligible));
    }
    addInto(eligibleByMode, breakdown(pick(source, MODE_ALIASES)));
    addInto(skipReasons, breakdown(pick(source, SKIP_ALIASES)));
    addInto(failures, breakdown(pick(source, FAILED_ALIASES)));
  }
  return {
    steps: STEPS.map((s) => ({ key: s.key, label: s.label, count: counts[s.key] })),
    skipReasons,
    eligibleByMode,
    failures,
  };
}

/**
 * Per-platform rows ({platform, steps}) from a {platforms: [{platform, counts}]} answer, largest
 * number of password logins first; [] when the answer has no platform breakdown.
 */
export function platformRows(json) {
  const platforms = Array.isArray(json?.platforms) ? json.platforms : [];
  return platforms
    .filter((p) => p && typeof p.platform === 'string')
    .map((p) => ({ platform: p.platform, steps: normaliseFunnel({ total: p.counts ?? p }).steps }))
    .sort((a, b) => b.steps[0].count - a.steps[0].count || a.platform.localeCompare(b.platform));
}

/** Share of a in b as a whole percentage, or null when b is 0. */
export function percent(a, b) {
  return b > 0 ? Math.round((a / b) * 100) : null;
}

/** Below this width (CSS pixels) the chart puts each label above its bar instead of beside it. */
export const NARROW_CHART = 480;

/**
 * Horizontal bars: one row per step, width proportional to its count (the largest fills the
 * plot), a visible sliver for any non-zero count. Each bar has a track (the plot's full width) and
 * its count right of the track. The page draws it with its viewBox as wide as the chart is on
 * screen, so the 14px labels stay 14px; with `labelsAbove` (narrow screens) each label is on its
 * own line above its bar and the bars take the whole width.
 */
export function funnelGeometry(
  steps,
  { width = 640, rowHeight = 44, gap = 12, labelWidth = 190, padding = 8, countWidth = 70, labelsAbove = false, labelHeight = 22 } = {},
) {
  const max = Math.max(0, ...steps.map((s) => s.count));
  const left = labelsAbove ? padding : labelWidth + padding;
  const trackWidth = Math.max(1, width - left - countWidth);
  const plot = labelsAbove ? trackWidth : Math.max(1, width - labelWidth - padding * 2 - 60);
  const first = steps.length > 0 ? steps[0].count : 0;
  const rowStep = (labelsAbove ? labelHeight : 0) + rowHeight + gap;
  const bars = steps.map((step, i) => {
    const raw = max > 0 ? (step.count / max) * plot : 0;
    const barWidth = step.count > 0 ? Math.max(2, Math.round(raw)) : 0;
    const top = padding + i * rowStep;
    const y = labelsAbove ? top + labelHeight : top;
    return {
      key: step.key,
      label: step.label,
      count: step.count,
      x: left,
      y,
      width: barWidth,
      height: rowHeight,
      trackWidth,
      textY: y + rowHeight / 2,
      labelX: padding,
      labelY: labelsAbove ? top + labelHeight / 2 : y + rowHeight / 2,
      countX: width - countWidth + 8,
      percentOfFirst: percent(step.count, first),
      fromPrevious: i === 0 ? null : percent(step.count, steps[i - 1].count),
    };
  });
  const height = padding * 2 + steps.length * (rowStep - gap) + Math.max(0, steps.length - 1) * gap;
  return { width, height, bars };
}

/**
 * The layout options for a chart shown `width` CSS pixels wide: drawn at that width (never below
 * 280), labels above the bars when narrower than {@link NARROW_CHART}.
 */
export function chartOptions(width) {
  const shown = Number.isFinite(width) && width > 0 ? Math.round(width) : 640;
  const drawn = Math.max(280, shown);
  return drawn < NARROW_CHART ? { width: drawn, labelsAbove: true, rowHeight: 28, gap: 10 } : { width: drawn };
}

/**
 * Why a date range cannot be asked for, or null: {field: 'from' | 'to', message}. Both are ISO
 * dates (the date inputs' values) and the range runs forwards; the service checks its length.
 */
export function rangeProblem(from, to) {
  const valid = (value) => /^\d{4}-\d{2}-\d{2}$/.test(value ?? '') && !Number.isNaN(Date.parse(`${value}T00:00:00Z`))
    && new Date(`${value}T00:00:00Z`).toISOString().startsWith(value);
  if (!valid(from)) {
    return { field: 'from', message: 'Enter the first day as a date.' };
  }
  if (!valid(to)) {
    return { field: 'to', message: 'Enter the last day as a date.' };
  }
  if (from > to) {
    return { field: 'from', message: 'The first day must not be after the last day.' };
  }
  return null;
}

/** Which date field a refused range is about (the funnel's problem codes), or null. */
export function rangeFieldOf(problem) {
  if (problem?.code === 'invalid-date-range' || problem?.code === 'date-range-too-long') {
    return 'from';
  }
  if (problem?.code === 'invalid-date') {
    return /'to'/.test(problem.detail ?? '') ? 'to' : 'from';
  }
  return null;
}

/** [[reason, count], ...] sorted by count, largest first, then by name. */
export function sortedBreakdown(map) {
  return Object.entries(map).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
}

/** ISO dates (YYYY-MM-DD) for the last n days up to today (UTC). */
export function lastDays(n, now = new Date()) {
  const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const from = new Date(to.getTime() - (n - 1) * 86_400_000);
  const iso = (d) => d.toISOString().slice(0, 10);
  return { from: iso(from), to: iso(to) };
}
