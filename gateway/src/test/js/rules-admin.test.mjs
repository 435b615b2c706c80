// The rules admin page's pure parts: change body, snapshot texts, preview request, field lookup.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  changeBody,
  changeRows,
  describeSnapshot,
  durationSeconds,
  editedRules,
  fieldOnPage,
  previewBody,
  previewProblems,
  previewText,
  readableDuration,
  rulesDiffer,
} from '../../main/resources/static/js/lib/rules-admin.mjs';

const LOADED = {
  rolloutPercent: 100,
  rolloutSalt: 's',
  maxPrompts: 3,
  promptCooldown: 'P30D',
  dismissCooldown: 'P1D',
  notAllowedCooldown: 'P7D',
  platformRollouts: [],
  blockedPlatforms: [{ os: 'iOS', browser: 'Safari', browserVersions: ['17'], note: 'old' }],
  providers: [{ os: 'iOS', browser: '*', provider: 'iCloud Keychain' }],
};

test('the edited rules replace exactly the edited settings and keep the rest as loaded', () => {
  const rules = editedRules(LOADED, {
    rolloutPercent: ' 40 ',
    maxPrompts: '2',
    promptCooldown: 'P10D',
    dismissCooldown: 'PT0S',
    notAllowedCooldown: ' P7D',
    rollouts: [{ os: 'Android', browser: 'Chrome', percent: '50', conditionalPercent: '0' }],
    kills: [
      { os: 'iOS', browser: 'Safari', from: '', to: '', note: 'old', browserVersions: ['17'] },
      { os: 'Android', browser: 'Chrome', from: '137.0', to: '137.9', note: ' crash ' },
    ],
  });
  assert.equal(rules.rolloutSalt, 's');
  assert.deepEqual(rules.providers, LOADED.providers);
  assert.equal(rules.rolloutPercent, 40);
  assert.equal(rules.maxPrompts, 2);
  assert.equal(rules.dismissCooldown, 'PT0S');
  assert.deepEqual(rules.platformRollouts, [{ os: 'Android', browser: 'Chrome', percent: 50, conditionalPercent: 0 }]);
  assert.deepEqual(rules.blockedPlatforms, [
    { os: 'iOS', browser: 'Safari', browserVersions: ['17'], note: 'old', fromBrowserVersion: null, toBrowserVersion: null },
    { os: 'Android', browser: 'Chrome', browserVersions: [], note: 'crash', fromBrowserVersion: '137.0', toBrowserVersion: '137.9' },
  ]);
});

test('a number that is not one is sent as typed, so the service names the field', () => {
  const rules = editedRules(LOADED, { rolloutPercent: '5x', maxPrompts: '', rollouts: [], kills: [] });
  assert.equal(rules.rolloutPercent, '5x');
  assert.equal(rules.maxPrompts, '');
});

test('the change carries the version edited and the reason only when given', () => {
  assert.deepEqual(changeBody({ a: 1 }, '  ', 4), { rules: { a: 1 }, expectedVersion: 4 });
  assert.deepEqual(changeBody({ a: 1 }, ' why ', 4), { rules: { a: 1 }, expectedVersion: 4, reason: 'why' });
});

test('the snapshot says its version and who changed it', () => {
  assert.equal(
    describeSnapshot({ version: 0, changedBy: 'configuration', changedAt: null }),
    "Version 0: the configuration file's rules.",
  );
  assert.equal(
    describeSnapshot({ version: 3, changedBy: 'automatic-brake', changedAt: '2026-03-01T10:00:00Z' }),
    'Version 3, changed by the automatic brake on 2026-03-01 10:00 UTC.',
  );
  assert.equal(
    describeSnapshot({ version: 4, changedBy: 'u-1', changedAt: '2026-03-01T10:05:30Z' }),
    'Version 4, changed by admin u-1 on 2026-03-01 10:05 UTC.',
  );
});

test('recent changes become rows; the brake is marked', () => {
  const rows = changeRows({
    recentChanges: [
      { version: 2, changedAt: '2026-03-01T10:00:00Z', changedBy: 'automatic-brake', kind: 'AUTOMATIC_BRAKE', reason: 'r', changes: ['a', 'b'] },
      { version: 1, changedAt: '2026-03-01T09:00:00Z', changedBy: 'u', kind: 'ADMIN_REPLACE', reason: null, changes: [] },
    ],
  });
  assert.deepEqual(rows[0], {
    version: '2', when: '2026-03-01 10:00 UTC', who: 'the automatic brake', kind: 'Automatic brake', reason: 'r', changes: 'a\nb', automatic: true,
  });
  assert.equal(rows[1].kind, 'Edited');
  assert.equal(rows[1].automatic, false);
  assert.deepEqual(changeRows({}), []);
});

test('the preview request has the platform, the login and the history', () => {
  const body = previewBody(
    { r: 1 },
    {
      os: 'Android', osVersion: '', browser: 'Chrome', browserVersion: '141.0', deviceClass: 'Phone',
      autofilled: true, promptsInEpisode: '2', notAllowedDaysAgo: '3', hasPasskey: true,
    },
    new Date('2026-03-10T00:00:00Z'),
  );
  assert.deepEqual(body, {
    rules: { r: 1 },
    login: {
      platform: { os: 'Android', osVersion: null, browser: 'Chrome', browserVersion: '141.0', deviceClass: 'Phone' },
      autofilled: true,
    },
    history: {
      promptsInEpisode: 2,
      notAllowedAt: '2026-03-07T00:00:00.000Z',
      passkeys: [{ provider: 'a passkey provider', platform: 'Android/Chrome' }],
    },
  });
});

test('the preview says what would happen', () => {
  assert.equal(
    previewText({ mode: 'CONDITIONAL', platform: 'Chrome 141.0 on Android 15' }),
    'Chrome 141.0 on Android 15: a silent passkey create (CONDITIONAL).',
  );
  assert.equal(
    previewText({ mode: null, reason: 'PLATFORM_BLOCKED', platform: 'Chrome 137 on Android' }),
    'Chrome 137 on Android: no upgrade (PLATFORM_BLOCKED).',
  );
});

test('a refused field is found on the page', () => {
  assert.deepEqual(fieldOnPage('rules.platformRollouts[1].percent'), { id: 'rollout-1-percent', label: 'Platform rollout 2, percent' });
  assert.equal(fieldOnPage('rules.blockedPlatforms[0].toBrowserVersion').id, 'kill-0-to');
  assert.equal(fieldOnPage('platformRollouts[2]').id, 'rollout-2-os');
  assert.equal(fieldOnPage('rules.promptCooldown').id, 'prompt-cooldown');
  assert.equal(fieldOnPage('rules.providers[0].os'), null);
  assert.equal(fieldOnPage(undefined), null);
});

test('durations read in days where they are whole days', () => {
  assert.equal(readableDuration('PT720H'), 'P30D');
  assert.equal(readableDuration('PT24H'), 'P1D');
  assert.equal(readableDuration('PT12H'), 'PT12H');
  assert.equal(readableDuration('PT0S'), 'PT0S');
  assert.equal(readableDuration('PT1M30S'), 'PT1M30S');
  assert.equal(readableDuration(undefined), '');
});

const FORM = {
  rolloutPercent: '100',
  maxPrompts: '3',
  promptCooldown: 'P30D',
  dismissCooldown: 'P1D',
  notAllowedCooldown: 'P7D',
  rollouts: [],
  kills: [{ os: 'iOS', browser: 'Safari', from: '', to: '', note: 'old', browserVersions: ['17'] }],
};

test('the rules as loaded are nothing to save; any edited setting is', () => {
  const baseline = editedRules(LOADED, FORM);
  assert.equal(rulesDiffer(baseline, editedRules(LOADED, FORM)), false);
  assert.equal(rulesDiffer(baseline, editedRules(LOADED, { ...FORM, maxPrompts: ' 3 ' })), false, 'spaces');
  assert.equal(rulesDiffer(baseline, editedRules(LOADED, { ...FORM, promptCooldown: 'PT720H' })), false, 'the same duration');
  assert.equal(rulesDiffer(baseline, editedRules(LOADED, { ...FORM, maxPrompts: '2' })), true);
  assert.equal(rulesDiffer(baseline, editedRules(LOADED, { ...FORM, promptCooldown: 'P29D' })), true);
  assert.equal(rulesDiffer(baseline, editedRules(LOADED, { ...FORM, promptCooldown: 'soon' })), true, 'not a duration');
  assert.equal(
    rulesDiffer(baseline, editedRules(LOADED, { ...FORM, rollouts: [{ os: '', browser: '', percent: '100', conditionalPercent: '100' }] })),
    true,
    'a row added',
  );
  assert.equal(rulesDiffer(baseline, editedRules(LOADED, { ...FORM, kills: [] })), true, 'a row removed');
  assert.equal(
    rulesDiffer(baseline, editedRules(LOADED, { ...FORM, kills: [{ ...FORM.kills[0], note: 'older' }] })),
    true,
  );
});

test('durations in seconds, null when not one', () => {
  assert.equal(durationSeconds('P30D'), 30 * 86_400);
  assert.equal(durationSeconds('PT720H'), 30 * 86_400);
  assert.equal(durationSeconds(' p1dt1m '), 86_400 + 60);
  assert.equal(durationSeconds('PT0S'), 0);
  for (const text of ['', 'P', 'PT', 'P1DT', '30 days', 'P1W', undefined]) {
    assert.equal(durationSeconds(text), null, String(text));
  }
});

test('the preview refuses a version the service does not read, on its field', () => {
  const sample = { osVersion: '15', browserVersion: '141.0', promptsInEpisode: '0', notAllowedDaysAgo: '' };
  assert.deepEqual(previewProblems(sample), []);
  assert.deepEqual(previewProblems({ ...sample, osVersion: '', browserVersion: ' 17_4_1 ' }), [], 'empty: unknown; underscores');
  assert.deepEqual(previewProblems({ ...sample, browserVersion: 'not-a-version' }), [
    { id: 'p-browser-version', message: 'Browser version: digits separated by dots, like 141.0 (or empty when unknown).' },
  ]);
  for (const version of ['141.', '.1', '141..0', '141.0b', 'v141', '141 0']) {
    assert.equal(previewProblems({ ...sample, browserVersion: version })[0]?.id, 'p-browser-version', version);
  }
  assert.deepEqual(
    previewProblems({ osVersion: 'fifteen', browserVersion: 'x', promptsInEpisode: '-1', notAllowedDaysAgo: 'abc' }).map((p) => p.id),
    ['p-os-version', 'p-browser-version', 'p-prompts', 'p-not-allowed'],
  );
});
