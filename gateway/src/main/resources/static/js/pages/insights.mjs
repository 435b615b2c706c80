// Insights (admin): the funnel as a locally drawn SVG chart plus tables.

import { api } from '/sdk/v1/api.mjs';
import { $, say } from '../lib/dom.mjs';
import {
  chartOptions,
  funnelGeometry,
  lastDays,
  normaliseFunnel,
  platformRows,
  rangeFieldOf,
  rangeProblem,
  sortedBreakdown,
} from '../lib/funnel.mjs';
import { signOutWith } from '../lib/sign-out.mjs';
import { messageFor } from '/sdk/v1/problems.mjs';

const SVG = 'http://www.w3.org/2000/svg';
const form = $('#range-form');
const from = $('#from');
const to = $('#to');
const error = $('#error');
const notice = $('#notice');

function svg(name, attributes, text) {
  const element = document.createElementNS(SVG, name);
  for (const [key, value] of Object.entries(attributes)) {
    element.setAttribute(key, String(value));
  }
  if (text !== undefined) {
    element.textContent = text;
  }
  return element;
}

/** The steps last drawn, to draw again at a new width. */
let drawnSteps = null;
let drawnWidth = 0;

/** Drawn as wide as the figure is on screen: one SVG unit is one CSS pixel, labels stay 14px. */
function drawChart(steps) {
  const chart = $('#chart');
  drawnSteps = steps;
  drawnWidth = chart.parentElement.clientWidth;
  const layout = funnelGeometry(steps, chartOptions(drawnWidth));
  chart.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  for (const child of [...chart.children]) {
    if (child.tagName !== 'title' && child.tagName !== 'desc') {
      child.remove();
    }
  }
  for (const bar of layout.bars) {
    chart.append(
      svg('text', { x: bar.labelX, y: bar.labelY, 'dominant-baseline': 'middle', class: 'funnel-label' }, bar.label),
      svg('rect', { x: bar.x, y: bar.y, width: bar.trackWidth, height: bar.height, rx: 4, class: 'funnel-track' }),
      svg('rect', { x: bar.x, y: bar.y, width: bar.width, height: bar.height, rx: 4, class: 'funnel-bar' }),
      svg(
        'text',
        { x: bar.countX, y: bar.textY, 'dominant-baseline': 'middle', class: 'funnel-count' },
        String(bar.count),
      ),
    );
  }
  $('#chart-desc').textContent = layout.bars.map((b) => `${b.label}: ${b.count}`).join('; ');
  return layout;
}

function fillTable(table, rows) {
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const cells of rows) {
    const tr = document.createElement('tr');
    cells.forEach((value, i) => {
      const cell = document.createElement(i === 0 ? 'th' : 'td');
      if (i === 0) {
        cell.scope = 'row';
      } else {
        cell.className = 'num';
      }
      cell.textContent = value;
      tr.append(cell);
    });
    body.append(tr);
  }
  (table.closest('.table-scroll') ?? table).hidden = rows.length === 0;
}

/** A table wider than the screen scrolls in its region, which then takes the keyboard focus too. */
function markScrollingTables() {
  for (const region of document.querySelectorAll('.table-scroll')) {
    if (region.scrollWidth > region.clientWidth + 1) {
      region.tabIndex = 0;
    } else {
      region.removeAttribute('tabindex');
    }
  }
}

function clearInvalid() {
  for (const field of [from, to]) {
    field.removeAttribute('aria-invalid');
    field.removeAttribute('aria-describedby');
  }
}

/**
 * An error about the range: the field is marked and described by the message; `focus` (after the
 * person pressed Show) moves the focus to it, or to the message when no field is to blame.
 */
function showError(message, fieldName, focus) {
  say(notice, '');
  say(error, message, 'error');
  const field = fieldName === 'from' ? from : fieldName === 'to' ? to : null;
  if (field) {
    field.setAttribute('aria-invalid', 'true');
    field.setAttribute('aria-describedby', 'error');
  }
  if (focus) {
    (field ?? error).focus();
  }
}

// the newest request: an older answer that arrives after it is not drawn (the first load and a
// range the admin asked for can overlap, and the last answer would win)
let latest = 0;

async function show({ focus = false } = {}) {
  const request = ++latest;
  clearInvalid();
  say(error, '');
  const problem = rangeProblem(from.value, to.value);
  if (problem) {
    $('#results').hidden = true;
    showError(problem.message, problem.field, focus);
    return;
  }
  say(notice, 'Loading…', 'info');
  const query = new URLSearchParams({ from: from.value, to: to.value });
  const result = await api('GET', `/api/insights/funnel?${query}`);
  if (request !== latest) {
    return;
  }
  say(notice, '');
  if (!result.ok) {
    $('#results').hidden = true;
    if (result.status === 401) {
      showError('Please sign in with an admin account first.', null, focus);
    } else if (result.status === 403) {
      showError('The funnel is for admins only.', null, focus);
    } else {
      showError(messageFor(result.problem), rangeFieldOf(result.problem), focus);
    }
    return;
  }
  const funnel = normaliseFunnel(result.data);
  $('#results').hidden = false; // shown before drawing: the chart is drawn at its width on screen
  const layout = drawChart(funnel.steps);
  fillTable(
    $('#steps-table'),
    layout.bars.map((b) => [
      b.label,
      String(b.count),
      b.percentOfFirst === null ? '–' : `${b.percentOfFirst} %`,
      b.fromPrevious === null ? '–' : `${b.fromPrevious} %`,
    ]),
  );
  fillTable(
    $('#platforms-table'),
    platformRows(result.data).map((row) => [row.platform, ...row.steps.map((step) => String(step.count))]),
  );
  fillTable($('#modes-table'), sortedBreakdown(funnel.eligibleByMode).map(([k, v]) => [k, String(v)]));
  fillTable($('#skips-table'), sortedBreakdown(funnel.skipReasons).map(([k, v]) => [k, String(v)]));
  fillTable($('#failures-table'), sortedBreakdown(funnel.failures).map(([k, v]) => [k, String(v)]));
  $('#results').hidden = false;
  markScrollingTables();
}

// Drawn again for a new width of the window, in the next frame. (A ResizeObserver on the results,
// which the redraw itself resizes, once made Chrome report "ResizeObserver loop completed with
// undelivered notifications" as an uncaught error; the chart's width follows the window's anyway.)
let redraw = 0;
window.addEventListener('resize', () => {
  cancelAnimationFrame(redraw);
  redraw = requestAnimationFrame(() => {
    const width = $('#chart').parentElement.clientWidth;
    if (drawnSteps && width > 0 && width !== drawnWidth) {
      drawChart(drawnSteps);
    }
    markScrollingTables();
  });
});

const params = new URLSearchParams(window.location.search);
const range = lastDays(7);
from.value = params.get('from') || range.from;
to.value = params.get('to') || range.to;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  history.replaceState(null, '', `?from=${from.value}&to=${to.value}`);
  show({ focus: true });
});
signOutWith($('#logout'));
show();
