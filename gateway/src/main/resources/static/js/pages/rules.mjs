// Upgrade rules (admin): the rules in force with their version and history, editing the rollout
// per platform, kill switches, cooldowns and prompt limits, a preview before saving.

import { api } from '/sdk/v1/api.mjs';
import { $, say, setBusy } from '../lib/dom.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';
import {
  changeBody,
  changeRows,
  describeSnapshot,
  editedRules,
  fieldOnPage,
  previewBody,
  previewProblems,
  previewText,
  readableDuration,
  rulesDiffer,
} from '../lib/rules-admin.mjs';
import { signOutWith } from '../lib/sign-out.mjs';

const form = $('#rules-form');
const error = $('#error');
const notice = $('#notice');
const RULES = '/api/insights/rules';

/** The snapshot as loaded (version, rules) and the kill switches' hidden version prefixes. */
let loaded = null;
/** The rules as the form showed them when loaded: what a save must differ from. */
let baseline = null;

function input(id, value, label) {
  const element = document.createElement('input');
  element.id = id;
  element.value = value ?? '';
  element.autocomplete = 'off';
  element.setAttribute('aria-label', label);
  return element;
}

/** A cell; `label` is its column's name, shown above it when the rows reflow on a phone. */
function cell(child, label) {
  const td = document.createElement('td');
  if (label) {
    td.dataset.label = label;
  }
  td.append(child);
  return td;
}

/**
 * A row's Remove button. The focus was on it and goes with the row: it moves to the next row's
 * Remove, else the previous row's, else the table's Add button (`add`), not to the page's body.
 */
function removeButton(row, label, add) {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'link remove';
  button.textContent = 'Remove';
  button.setAttribute('aria-label', label);
  button.addEventListener('click', () => {
    const neighbour = row.nextElementSibling ?? row.previousElementSibling;
    row.remove();
    renumber();
    (neighbour?.querySelector('button.remove') ?? $(add)).focus();
  });
  return button;
}

function rolloutRow(row) {
  const tr = document.createElement('tr');
  tr.className = 'rollout-row';
  tr.append(
    cell(input('', row.os, 'OS'), 'OS'),
    cell(input('', row.browser, 'Browser'), 'Browser'),
    cell(input('', row.percent, 'Rollout percent'), 'Rollout %'),
    cell(input('', row.conditionalPercent ?? 100, 'Silent create percent'), 'Silent create %'),
  );
  tr.append(cell(removeButton(tr, 'Remove this platform rollout', '#add-rollout')));
  return tr;
}

function killRow(row) {
  const tr = document.createElement('tr');
  tr.className = 'kill-row';
  tr.dataset.browserVersions = JSON.stringify(row.browserVersions ?? []);
  tr.append(
    cell(input('', row.os, 'OS'), 'OS'),
    cell(input('', row.browser, 'Browser'), 'Browser'),
    cell(input('', row.fromBrowserVersion, 'From browser version'), 'From version'),
    cell(input('', row.toBrowserVersion, 'To browser version'), 'To version'),
    cell(input('', row.note, 'Note'), 'Note'),
  );
  tr.append(cell(removeButton(tr, 'Remove this kill switch', '#add-kill')));
  return tr;
}

/** Stable ids per row and column, so a refused field can be pointed at. */
function renumber() {
  const columns = { rollout: ['os', 'browser', 'percent', 'conditional'], kill: ['os', 'browser', 'from', 'to', 'note'] };
  for (const [kind, selector] of [['rollout', '#rollouts tbody tr'], ['kill', '#kills tbody tr']]) {
    document.querySelectorAll(selector).forEach((tr, index) => {
      tr.querySelectorAll('input').forEach((field, column) => {
        field.id = `${kind}-${index}-${columns[kind][column]}`;
      });
    });
  }
}

function values(tr) {
  return [...tr.querySelectorAll('input')].map((field) => field.value);
}

function edits() {
  return {
    rolloutPercent: $('#rollout-default').value,
    maxPrompts: $('#max-prompts').value,
    promptCooldown: $('#prompt-cooldown').value,
    dismissCooldown: $('#dismiss-cooldown').value,
    notAllowedCooldown: $('#not-allowed-cooldown').value,
    rollouts: [...document.querySelectorAll('#rollouts tbody tr')].map((tr) => {
      const [os, browser, percent, conditionalPercent] = values(tr);
      return { os, browser, percent, conditionalPercent };
    }),
    kills: [...document.querySelectorAll('#kills tbody tr')].map((tr) => {
      const [os, browser, from, to, note] = values(tr);
      return { os, browser, from, to, note, browserVersions: JSON.parse(tr.dataset.browserVersions || '[]') };
    }),
  };
}

function fillChanges(snapshot) {
  const rows = changeRows(snapshot);
  const body = $('#changes tbody');
  body.replaceChildren();
  for (const row of rows) {
    const tr = document.createElement('tr');
    if (row.automatic) {
      tr.className = 'automatic';
    }
    const version = document.createElement('th');
    version.scope = 'row';
    version.className = 'num';
    version.textContent = row.version;
    version.dataset.label = 'Version';
    const details = document.createElement('td');
    details.dataset.label = 'Reason and changes';
    const reason = document.createElement('p');
    reason.className = 'change-reason';
    reason.textContent = row.reason || '(no reason given)';
    const changes = document.createElement('p');
    changes.className = 'changes-list';
    changes.textContent = row.changes;
    details.append(reason, changes);
    tr.append(version);
    for (const [label, text] of [['When', row.when], ['By', row.who], ['What', row.kind]]) {
      const td = document.createElement('td');
      td.dataset.label = label;
      td.textContent = text;
      tr.append(td);
    }
    tr.append(details);
    body.append(tr);
  }
  $('#changes').hidden = rows.length === 0;
  $('#no-changes').hidden = rows.length > 0;
  $('#changes-section').hidden = false;
}

function show(snapshot) {
  loaded = snapshot;
  const rules = snapshot.rules;
  $('#meta').textContent = describeSnapshot(snapshot);
  const reason = $('#last-reason');
  reason.textContent = snapshot.reason ? `Reason: ${snapshot.reason}` : '';
  reason.hidden = !snapshot.reason;
  $('#rollout-default').value = rules.rolloutPercent;
  $('#max-prompts').value = rules.maxPrompts;
  $('#prompt-cooldown').value = readableDuration(rules.promptCooldown);
  $('#dismiss-cooldown').value = readableDuration(rules.dismissCooldown);
  $('#not-allowed-cooldown').value = readableDuration(rules.notAllowedCooldown);
  $('#rollouts tbody').replaceChildren(...(rules.platformRollouts ?? []).map(rolloutRow));
  $('#kills tbody').replaceChildren(...(rules.blockedPlatforms ?? []).map(killRow));
  $('#reason').value = '';
  renumber();
  fillChanges(snapshot);
  form.hidden = false;
  $('#preview-section').hidden = false;
  baseline = editedRules(snapshot.rules, edits());
}

function clearInvalid() {
  for (const field of document.querySelectorAll('[aria-invalid="true"]')) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
  for (const message of document.querySelectorAll('.field-error')) {
    message.remove();
  }
}

/** The message under a field, the field marked and described by it. */
function fieldError(field, message) {
  const text = document.createElement('p');
  text.id = `${field.id}-error`;
  text.className = 'field-error';
  text.textContent = message;
  field.after(text);
  field.setAttribute('aria-invalid', 'true');
  field.setAttribute('aria-describedby', text.id);
}

/** A message in the alert region that takes the focus (the button pressed may be disabled). */
function showError(message) {
  say(error, message, 'error');
  error.focus();
}

function refused(problem) {
  const where = fieldOnPage(problem.field);
  const target = where ? document.getElementById(where.id) : null;
  say(error, messageFor(problem), 'error');
  if (target) {
    target.setAttribute('aria-invalid', 'true');
    target.setAttribute('aria-describedby', 'error');
    target.focus();
  } else {
    error.focus();
  }
}

function accessProblem(result, focus = true) {
  const message =
    result.status === 401
      ? 'Please sign in with an admin account first.'
      : result.status === 403 && result.problem?.code === 'forbidden'
        ? 'The rules are for admins only.'
        : null;
  if (message) {
    say(error, message, 'error');
    if (focus) {
      error.focus();
    }
  }
  return message !== null;
}

async function load(message = '') {
  say(error, '');
  say(notice, 'Loading…', 'info');
  const result = await api('GET', RULES);
  say(notice, message, 'ok');
  if (!result.ok) {
    form.hidden = true;
    if (!accessProblem(result, false)) {
      say(error, messageFor(result.problem), 'error');
    }
    return;
  }
  show(result.data);
}

async function save(event) {
  event.preventDefault();
  clearInvalid();
  say(error, '');
  const rules = editedRules(loaded.rules, edits());
  if (!rulesDiffer(baseline, rules)) {
    // the same rules again would be a new version with nothing changed: nothing is sent
    say(notice, `Nothing to save: the rules are as loaded (version ${loaded.version}).`, 'info');
    notice.focus();
    return;
  }
  say(notice, 'Saving…', 'info');
  setBusy(form, true);
  const body = changeBody(rules, $('#reason').value, loaded.version);
  const result = await api('PUT', RULES, body);
  setBusy(form, false);
  say(notice, '');
  if (result.ok) {
    show(result.data);
    say(
      notice,
      result.status === 202
        ? `Saved as version ${result.data.version}; the service is still applying it.`
        : `Saved: version ${result.data.version} is in force.`,
      'ok',
    );
    notice.focus(); // the Save button was disabled while saving: the focus goes to what happened
    return;
  }
  if (result.problem?.code === 'rules-version-conflict') {
    showError(
      `The rules changed while you were editing (now version ${result.problem.currentVersion}). ` +
        'Reload them and make your change again.',
    );
    return;
  }
  if (!accessProblem(result)) {
    refused(result.problem);
  }
}

async function preview(event) {
  event.preventDefault();
  clearInvalid();
  say(error, '');
  const outcome = $('#preview-outcome');
  const trace = $('#preview-trace');
  const sample = {
    os: $('#p-os').value,
    osVersion: $('#p-os-version').value,
    browser: $('#p-browser').value,
    browserVersion: $('#p-browser-version').value,
    deviceClass: $('#p-device').value,
    promptsInEpisode: $('#p-prompts').value,
    notAllowedDaysAgo: $('#p-not-allowed').value,
    autofilled: $('#p-autofilled').checked,
    hasPasskey: $('#p-passkey').checked,
  };
  const problems = previewProblems(sample);
  if (problems.length > 0) {
    say(outcome, '');
    trace.hidden = true;
    for (const problem of problems) {
      fieldError(document.getElementById(problem.id), problem.message);
    }
    document.getElementById(problems[0].id).focus();
    return;
  }
  say(outcome, 'Asking…', 'info');
  const result = await api('POST', `${RULES}/preview`, previewBody(editedRules(loaded.rules, edits()), sample));
  if (!result.ok) {
    say(outcome, '');
    trace.hidden = true;
    if (!accessProblem(result)) {
      refused(result.problem);
    }
    return;
  }
  say(outcome, previewText(result.data), 'info');
  const body = trace.querySelector('tbody');
  body.replaceChildren();
  for (const step of result.data.trace) {
    const tr = document.createElement('tr');
    const rule = document.createElement('th');
    rule.scope = 'row';
    rule.textContent = step.rule;
    const passed = document.createElement('td');
    passed.textContent = step.passed ? 'passed' : 'failed';
    passed.className = step.passed ? 'pass' : 'fail';
    const detail = document.createElement('td');
    detail.textContent = step.detail;
    tr.append(rule, passed, detail);
    body.append(tr);
  }
  trace.hidden = false;
}

$('#add-rollout').addEventListener('click', () => {
  $('#rollouts tbody').append(rolloutRow({ os: '', browser: '', percent: 100, conditionalPercent: 100 }));
  renumber();
  document.querySelector('#rollouts tbody tr:last-child input')?.focus();
});
$('#add-kill').addEventListener('click', () => {
  $('#kills tbody').append(killRow({ os: '', browser: '' }));
  renumber();
  document.querySelector('#kills tbody tr:last-child input')?.focus();
});
$('#reload').addEventListener('click', () => load());
form.addEventListener('submit', save);
signOutWith($('#logout'));
$('#preview-form').addEventListener('submit', preview);
load();
