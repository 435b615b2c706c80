// Insights (admin): the funnel as a locally drawn SVG chart plus tables.

import { api } from '/sdk/v1/api.mjs';
import { $, say } from '../lib/dom.mjs';
import { funnelGeometry, lastDays, normaliseFunnel, platformRows, sortedBreakdown } from '../lib/funnel.mjs';
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

function drawChart(steps) {
  const chart = $('#chart');
  const layout = funnelGeometry(steps);
  chart.setAttribute('viewBox', `0 0 ${layout.width} ${layout.height}`);
  for (const child of [...chart.children]) {
    if (child.tagName !== 'title' && child.tagName !== 'desc') {
      child.remove();
    }
  }
  for (const bar of layout.bars) {
    chart.append(
      svg('text', { x: 8, y: bar.textY, 'dominant-baseline': 'middle', class: 'funnel-label' }, bar.label),
      svg('rect', { x: bar.x, y: bar.y, width: layout.width - bar.x - 70, height: bar.height, rx: 4, class: 'funnel-track' }),
      svg('rect', { x: bar.x, y: bar.y, width: bar.width, height: bar.height, rx: 4, class: 'funnel-bar' }),
      svg(
        'text',
        { x: layout.width - 62, y: bar.textY, 'dominant-baseline': 'middle', class: 'funnel-count' },
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
  table.hidden = rows.length === 0;
}

async function show() {
  say(error, '');
  say(notice, 'Loading…', 'info');
  const query = new URLSearchParams({ from: from.value, to: to.value });
  const result = await api('GET', `/api/insights/funnel?${query}`);
  say(notice, '');
  if (!result.ok) {
    $('#results').hidden = true;
    if (result.status === 401) {
      say(error, 'Please sign in with an admin account first.', 'error');
    } else if (result.status === 403) {
      say(error, 'The funnel is for admins only.', 'error');
    } else {
      say(error, messageFor(result.problem), 'error');
    }
    return;
  }
  const funnel = normaliseFunnel(result.data);
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
}

const params = new URLSearchParams(window.location.search);
const range = lastDays(7);
from.value = params.get('from') || range.from;
to.value = params.get('to') || range.to;
form.addEventListener('submit', (event) => {
  event.preventDefault();
  history.replaceState(null, '', `?from=${from.value}&to=${to.value}`);
  show();
});
show();
