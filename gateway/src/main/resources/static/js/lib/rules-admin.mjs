// The rules admin page's pure parts: the change body from the edited fields, the texts for the
// rules' version and history, the preview request, and where a refused field is on the page.

/** Every setting the page edits; the rest of the rules document is sent back as it was loaded. */
export const EDITED = [
  'rolloutPercent',
  'platformRollouts',
  'blockedPlatforms',
  'maxPrompts',
  'promptCooldown',
  'dismissCooldown',
  'notAllowedCooldown',
];

const trimmed = (value) => (typeof value === 'string' ? value.trim() : '');

/** A whole number as typed, or the text itself (so the service names the field it refuses). */
export function number(text) {
  const value = trimmed(text);
  return /^-?\d+$/.test(value) ? Number(value) : value;
}

/** An optional text: null when empty. */
export function optional(text) {
  const value = trimmed(text);
  return value === '' ? null : value;
}

/**
 * The rules document to send: the loaded rules with the edited settings replaced.
 * @param {object} loaded the `rules` object of GET /api/insights/rules
 * @param {{rolloutPercent: string, maxPrompts: string, promptCooldown: string,
 *   dismissCooldown: string, notAllowedCooldown: string,
 *   rollouts: {os: string, browser: string, percent: string, conditionalPercent: string}[],
 *   kills: {os: string, browser: string, from: string, to: string, note: string, browserVersions?: string[]}[]}} edits
 */
export function editedRules(loaded, edits) {
  return {
    ...loaded,
    rolloutPercent: number(edits.rolloutPercent),
    maxPrompts: number(edits.maxPrompts),
    promptCooldown: trimmed(edits.promptCooldown),
    dismissCooldown: trimmed(edits.dismissCooldown),
    notAllowedCooldown: trimmed(edits.notAllowedCooldown),
    platformRollouts: edits.rollouts.map((row) => ({
      os: trimmed(row.os),
      browser: trimmed(row.browser),
      percent: number(row.percent),
      conditionalPercent: number(row.conditionalPercent),
    })),
    blockedPlatforms: edits.kills.map((row) => ({
      os: trimmed(row.os),
      browser: trimmed(row.browser),
      browserVersions: row.browserVersions ?? [],
      note: trimmed(row.note),
      fromBrowserVersion: optional(row.from),
      toBrowserVersion: optional(row.to),
    })),
  };
}

/** A duration as the service writes it ("PT720H") in days when it is whole days ("P30D"). */
export function readableDuration(iso) {
  const hours = /^PT(\d+)H$/.exec(iso ?? '');
  if (hours && Number(hours[1]) % 24 === 0) {
    return `P${Number(hours[1]) / 24}D`;
  }
  return iso ?? '';
}

const DURATION = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/i;

/** Seconds of an ISO-8601 duration of days, hours, minutes and seconds, or null when not one. */
export function durationSeconds(text) {
  const value = trimmed(text);
  const parts = DURATION.exec(value);
  if (!parts || value === 'P' || /T$/i.test(value)) {
    return null;
  }
  const [days, hours, minutes, seconds] = parts.slice(1).map((part) => Number(part ?? 0));
  return ((days * 24 + hours) * 60 + minutes) * 60 + seconds;
}

/** The edited settings of a rules document in one comparable form (P30D and PT720H alike). */
function comparable(rules) {
  const picked = {};
  for (const key of EDITED) {
    const value = rules[key];
    picked[key] = /Cooldown$/.test(key) ? durationSeconds(value) ?? value : value;
  }
  return JSON.stringify(picked);
}

/**
 * Whether the rules to send differ from the rules the page loaded, both as the page builds them
 * ({@link editedRules} of the loaded rules and of the form as it was filled in): saving the same
 * rules again would only make a new version with nothing changed, so the page does not send them.
 */
export function rulesDiffer(before, after) {
  return comparable(before) !== comparable(after);
}

/** PUT /api/insights/rules body: the rules, the admin's reason, the version they edited. */
export function changeBody(rules, reason, version) {
  const body = { rules, expectedVersion: version };
  const why = trimmed(reason);
  if (why) {
    body.reason = why;
  }
  return body;
}

function when(instant) {
  if (!instant) {
    return '';
  }
  const date = new Date(instant);
  return Number.isNaN(date.getTime()) ? String(instant) : date.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

/** Who changed them, in words. */
export function who(changedBy) {
  if (changedBy === 'automatic-brake') {
    return 'the automatic brake';
  }
  if (changedBy === 'configuration') {
    return 'the configuration file';
  }
  return `admin ${changedBy}`;
}

/** "Version 3, changed by admin … on 2026-03-01 10:00 UTC." */
export function describeSnapshot(snapshot) {
  const base = `Version ${snapshot.version}`;
  if (!snapshot.changedAt) {
    return `${base}: the configuration file's rules.`;
  }
  return `${base}, changed by ${who(snapshot.changedBy)} on ${when(snapshot.changedAt)}.`;
}

/** The rows of the recent changes table: version, when, who, what kind, reason, changes. */
export function changeRows(snapshot) {
  const kinds = { ADMIN_REPLACE: 'Edited', ADMIN_RESET: 'Reset', AUTOMATIC_BRAKE: 'Automatic brake' };
  return (snapshot.recentChanges ?? []).map((change) => ({
    version: String(change.version),
    when: when(change.changedAt),
    who: who(change.changedBy),
    kind: kinds[change.kind] ?? change.kind,
    reason: change.reason ?? '',
    changes: (change.changes ?? []).join('\n'),
    automatic: change.kind === 'AUTOMATIC_BRAKE',
  }));
}

/** A version as the service takes it (intelligence-service's RulesConfig: 141, 141.0, 17_4_1). */
export const VERSION = /^[0-9]+([._][0-9]+)*$/;

/**
 * What is wrong with the preview's fields before asking: [{id, message}] in the page's order,
 * [] when nothing is. Versions are empty (unknown) or digits separated by dots or underscores;
 * the counts whole numbers, 0 or more.
 * @param {{osVersion: string, browserVersion: string, promptsInEpisode: string, notAllowedDaysAgo: string}} sample
 */
export function previewProblems(sample) {
  const problems = [];
  for (const [id, name, value] of [
    ['p-os-version', 'OS version', sample.osVersion],
    ['p-browser-version', 'Browser version', sample.browserVersion],
  ]) {
    const version = trimmed(value);
    if (version !== '' && !VERSION.test(version)) {
      problems.push({ id, message: `${name}: digits separated by dots, like 141.0 (or empty when unknown).` });
    }
  }
  for (const [id, name, value] of [
    ['p-prompts', 'Prompts so far', sample.promptsInEpisode],
    ['p-not-allowed', 'NotAllowedError days ago', sample.notAllowedDaysAgo],
  ]) {
    const count = trimmed(value);
    if (count !== '' && !/^\d{1,5}$/.test(count)) {
      problems.push({ id, message: `${name}: a whole number, 0 or more.` });
    }
  }
  return problems;
}

/**
 * POST /api/insights/rules/preview body.
 * @param {object} rules the proposed rules
 * @param {{os: string, osVersion: string, browser: string, browserVersion: string,
 *   deviceClass: string, autofilled: boolean, promptsInEpisode: string,
 *   notAllowedDaysAgo: string, hasPasskey: boolean}} sample
 * @param {Date} now
 */
export function previewBody(rules, sample, now = new Date()) {
  const platform = {
    os: trimmed(sample.os),
    osVersion: optional(sample.osVersion),
    browser: trimmed(sample.browser),
    browserVersion: optional(sample.browserVersion),
    deviceClass: trimmed(sample.deviceClass) || 'Unknown',
  };
  const history = { promptsInEpisode: number(sample.promptsInEpisode || '0') };
  const days = trimmed(sample.notAllowedDaysAgo);
  if (days !== '') {
    history.notAllowedAt = new Date(now.getTime() - Number(days) * 86_400_000).toISOString();
  }
  if (sample.hasPasskey) {
    history.passkeys = [{ provider: 'a passkey provider', platform: `${platform.os}/${platform.browser}` }];
  }
  return { rules, login: { platform, autofilled: Boolean(sample.autofilled) }, history };
}

/** What the preview says, in one sentence. */
export function previewText(result) {
  if (result.mode) {
    const how = result.mode === 'CONDITIONAL' ? 'a silent passkey create' : 'the "add a passkey" prompt';
    return `${result.platform}: ${how} (${result.mode}).`;
  }
  return `${result.platform}: no upgrade (${result.reason}).`;
}

/**
 * Where a refused field is on the page: "rules.platformRollouts[1].percent" ->
 * {id: 'rollout-1-percent', label: 'Platform rollout 2, percent'}.
 */
export function fieldOnPage(field) {
  if (typeof field !== 'string') {
    return null;
  }
  const path = field.replace(/^rules\./, '');
  const table = /^(platformRollouts|blockedPlatforms)\[(\d+)\](?:\.(\w+))?/.exec(path);
  if (table) {
    const index = Number(table[2]);
    const rollout = table[1] === 'platformRollouts';
    const names = rollout
      ? { os: 'os', browser: 'browser', percent: 'percent', conditionalPercent: 'conditional' }
      : { os: 'os', browser: 'browser', fromBrowserVersion: 'from', toBrowserVersion: 'to', note: 'note' };
    const column = names[table[3]] ?? 'os';
    return {
      id: `${rollout ? 'rollout' : 'kill'}-${index}-${column}`,
      label: `${rollout ? 'Platform rollout' : 'Kill switch'} ${index + 1}, ${table[3] ?? 'row'}`,
    };
  }
  const single = {
    rolloutPercent: 'rollout-default',
    maxPrompts: 'max-prompts',
    promptCooldown: 'prompt-cooldown',
    dismissCooldown: 'dismiss-cooldown',
    notAllowedCooldown: 'not-allowed-cooldown',
    reason: 'reason',
  };
  return single[path] ? { id: single[path], label: path } : null;
}
