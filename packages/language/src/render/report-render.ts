import { formatLongDate } from '../time/index.js';
import { barChart, columnChart } from './charts.js';
import { csvDocument, escapeHtml } from './escape.js';
import { htmlPage } from './html-page.js';
import type { Distribution, QaReport, ReportFinding, RuleCompliance, WaitingChild } from './qa-report.js';

/**
 * The QA report as HTML (for the meeting), JSON (for other tools) and CSV (the findings, one a row, for a
 * spreadsheet's filters and pivot tables). The HTML is plain HTML and SVG, with no script, so that a report of a
 * thousand cases opens at once: the long findings table is folded per rule in <details>, which the browser does
 * not lay out until it is opened.
 */

export function reportJson(report: QaReport): string {
  return JSON.stringify(report, null, 2) + '\n';
}

export const REPORT_CSV_HEADER = ['case', 'children', 'worker', 'team', 'code', 'rule', 'severity', 'file', 'line', 'column', 'message'];

export function reportCsv(report: QaReport): string {
  return csvDocument([
    REPORT_CSV_HEADER,
    ...report.findings.map((f) => [
      f.case ?? '',
      f.childNames.join('; '),
      f.worker ?? '',
      f.team ?? '',
      f.code,
      f.rule,
      f.severity,
      f.file,
      f.line,
      f.column,
      f.message,
    ]),
  ]);
}

const REPORT_CSS = `
.totals { display: flex; flex-wrap: wrap; gap: 0.6rem; list-style: none; padding: 0; margin: 0.5rem 0 1rem; }
.totals li { border: 1px solid var(--rule); border-radius: 4px; padding: 0.35rem 0.7rem; min-width: 7.5rem; }
.totals b { display: block; font-size: 1.35rem; }
.charts { display: grid; grid-template-columns: repeat(auto-fill, minmax(420px, 1fr)); gap: 1rem 1.5rem; }
.charts figure { margin: 0; } table.compact { width: auto; font-size: 0.8rem; }
td.message { min-width: 24rem; }
.sev-error { color: var(--high); font-weight: 600; } .sev-warning { color: var(--medium); font-weight: 600; }
@media print { .charts { display: block; } details { break-inside: auto; } details:not([open]) > *:not(summary) { display: none; } }
`;

function num(value: number, className = 'num'): string {
  return `<td class="${className}">${value}</td>`;
}

function percent(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${Math.round((100 * part) / whole)}%`;
}

function severityCell(severity: string): string {
  // The class on the cell itself, not a span inside it: one element fewer per finding in a long table.
  return `<td class="sev-${escapeHtml(severity)}">${escapeHtml(severity)}</td>`;
}

function rulesSection(report: QaReport): string {
  const rows = report.rules.map(
    (rule: RuleCompliance) =>
      `<tr data-code="${escapeHtml(rule.code)}" data-findings="${rule.findings}" data-cases="${rule.cases}" data-children="${rule.children}">` +
      `<th scope="row">${escapeHtml(rule.code)}</th><td>${escapeHtml(rule.name)}</td><td>${escapeHtml(rule.summary)}</td>` +
      num(rule.findings) +
      num(rule.errors) +
      num(rule.warnings) +
      num(rule.infos) +
      `<td class="num">${rule.cases} (${percent(rule.cases, report.totals.cases)})</td>` +
      num(rule.children) +
      '</tr>',
  );
  return [
    '<section id="rules" aria-labelledby="rules-h">',
    '<h2 id="rules-h">Compliance by rule</h2>',
    report.rules.length === 0
      ? '<p>No findings: every record checked meets every rule.</p>'
      : `<table class="rules"><caption>Findings by rule, with the cases and children they affect (of ${report.totals.cases} cases and ${report.totals.children} children)</caption>` +
        '<thead><tr><th scope="col">Code</th><th scope="col">Rule</th><th scope="col">What it flags</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th><th scope="col" class="num">Cases affected</th><th scope="col" class="num">Children affected</th></tr></thead>' +
        `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function teamsSection(report: QaReport): string {
  const rows = report.teams.map(
    (team) =>
      `<tr data-team="${escapeHtml(team.team)}" data-findings="${team.findings}" data-caseload="${team.caseload}"><th scope="row" dir="auto">${escapeHtml(team.team)}</th>` +
      num(team.workers) +
      num(team.caseload) +
      num(team.entries) +
      num(team.findings) +
      num(team.errors) +
      num(team.warnings) +
      num(team.infos) +
      `<td class="num">${team.entries === 0 ? '–' : (team.findings / (team.entries / 10)).toFixed(1)}</td>` +
      num(team.cases) +
      num(team.children) +
      '</tr>',
  );
  return [
    '<section id="teams" aria-labelledby="teams-h">',
    '<h2 id="teams-h">Compliance by team</h2>',
    '<p class="meta">A finding counts against the worker who recorded the entry it is in (or led or chaired it), or, where an entry names nobody, the worker then allocated to the child; a team is its workers\u2019 team.</p>',
    '<table class="teams"><caption>Findings, caseloads and entries by team</caption>',
    '<thead><tr><th scope="col">Team</th><th scope="col" class="num">Workers</th><th scope="col" class="num">Caseload</th><th scope="col" class="num">Entries</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th><th scope="col" class="num">Findings per 10 entries</th><th scope="col" class="num">Cases</th><th scope="col" class="num">Children</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function workersSection(report: QaReport): string {
  const rows = report.workers.map(
    (w) =>
      `<tr data-worker="${escapeHtml(w.worker)}" data-team="${escapeHtml(w.team)}" data-caseload="${w.caseload}" data-findings="${w.findings}">` +
      `<th scope="row" dir="auto">${escapeHtml(w.worker)}</th><td dir="auto">${escapeHtml(w.team)}</td><td>${escapeHtml(w.role ?? '')}</td>` +
      num(w.caseload) +
      num(w.entries) +
      num(w.findings) +
      num(w.errors) +
      num(w.warnings) +
      num(w.infos) +
      num(w.cases) +
      num(w.children) +
      '</tr>',
  );
  const byCaseload = [...report.workers]
    .filter((w) => w.caseload > 0)
    .sort((a, b) => b.caseload - a.caseload || a.worker.localeCompare(b.worker));
  const shown = byCaseload.slice(0, 60);
  const chart =
    shown.length === 0
      ? '<p>No worker had an open allocated child on the as-of date.</p>'
      : `<figure>${barChart({
          id: 'caseload',
          title: 'Caseloads on the as-of date',
          description: `Open allocated children per worker on ${formatLongDate(report.asOf)}, largest first${byCaseload.length > shown.length ? `; the ${shown.length} largest of ${byCaseload.length}` : ''}. The same numbers are in the table of workers.`,
          bars: shown.map((w) => ({
            label: `${w.worker} (${w.team})`,
            value: w.caseload,
            attributes: `data-worker="${escapeHtml(w.worker)}"`,
          })),
          valueLabel: 'open allocated children',
        })}<figcaption>Open allocated children per worker on ${escapeHtml(formatLongDate(report.asOf))}${byCaseload.length > shown.length ? ` (the ${shown.length} largest of ${byCaseload.length})` : ''}.</figcaption></figure>`;
  return [
    '<section id="caseloads" aria-labelledby="caseloads-h">',
    '<h2 id="caseloads-h">Caseloads and compliance by worker</h2>',
    chart,
    '<table class="workers"><caption>Workers: caseload (open allocated children on the as-of date), entries and findings</caption>',
    '<thead><tr><th scope="col">Worker</th><th scope="col">Team</th><th scope="col">Role</th><th scope="col" class="num">Caseload</th><th scope="col" class="num">Entries</th><th scope="col" class="num">Findings</th><th scope="col" class="num">Errors</th><th scope="col" class="num">Warnings</th><th scope="col" class="num">Info</th><th scope="col" class="num">Cases</th><th scope="col" class="num">Children</th></tr></thead>',
    `<tbody>${rows.join('')}</tbody></table>`,
    '</section>',
  ].join('\n');
}

function distributionFigure(d: Distribution, index: number): string {
  const chart = columnChart({
    id: d.id,
    index,
    title: `${d.title}: ${d.measure}`,
    description: `${d.count} measured; median ${d.median ?? 'n/a'} working days; ${d.beyond} beyond the timescale of ${d.timescale} working days (hatched bars). ${d.note}`,
    bars: d.bins.map((bin) => ({
      label: bin.label,
      value: bin.count,
      beyond: bin.beyond,
      attributes: `data-from="${bin.from}" data-to="${bin.to ?? ''}"`,
    })),
    xLabel: `${d.measure}`,
    edgeLabel: `timescale: ${d.timescale}`,
  });
  const table =
    `<table class="compact" data-distribution="${d.id}"><caption>${escapeHtml(d.title)} (working days)</caption><thead><tr><th scope="col">Working days</th><th scope="col" class="num">Number</th><th scope="col">Timescale</th></tr></thead><tbody>` +
    d.bins
      .map((b) => `<tr><th scope="row">${escapeHtml(b.label)}</th>${num(b.count)}<td>${b.beyond ? 'beyond' : 'within'}</td></tr>`)
      .join('') +
    '</tbody></table>';
  return (
    `<figure data-distribution="${d.id}" data-count="${d.count}" data-beyond="${d.beyond}">` +
    `<h3>${escapeHtml(d.title)}</h3>${chart}` +
    `<figcaption>${d.count} measured, median ${d.median ?? 'n/a'} working days; <strong>${d.beyond} (${percent(d.beyond, d.count)}) beyond ${d.timescale} working days</strong> (hatched bars, right of the dashed line). ${escapeHtml(d.note)}</figcaption>` +
    `<details><summary>The numbers as a table</summary>${table}</details></figure>`
  );
}

function timelinessSection(report: QaReport): string {
  return [
    '<section id="timeliness" aria-labelledby="timeliness-h">',
    '<h2 id="timeliness-h">Timeliness</h2>',
    '<p class="meta">How long each timescaled step took, in working days (England and Wales bank holidays and local closure days excluded). Bars within the timescale are solid; bars beyond it are hatched.</p>',
    `<div class="charts">${report.timeliness.map(distributionFigure).join('\n')}</div>`,
    '</section>',
  ].join('\n');
}

function waitingTable(id: string, caption: string, list: readonly WaitingChild[], sinceLabel: string): string {
  if (list.length === 0) return `<h3>${escapeHtml(caption)}</h3><p>None on the as-of date.</p>`;
  const rows = list.map(
    (w, i) =>
      `<tr data-case="${escapeHtml(w.case)}" data-child="${escapeHtml(w.child)}" data-working-days="${w.workingDays}"><td class="num">${i + 1}</td>` +
      `<th scope="row" dir="auto">${escapeHtml(w.childName)}</th><td class="id">${escapeHtml(w.case)}</td><td class="date">${escapeHtml(formatLongDate(w.since))}</td>${num(w.workingDays)}` +
      `<td dir="auto">${escapeHtml(w.worker ?? 'none allocated')}</td><td>${escapeHtml(w.detail)}</td><td class="where">${escapeHtml(w.file)}:${w.line}</td></tr>`,
  );
  return (
    `<table class="waiting" id="${id}"><caption>${escapeHtml(caption)}</caption>` +
    `<thead><tr><th scope="col" class="num">#</th><th scope="col">Child</th><th scope="col">Case</th><th scope="col">${escapeHtml(sinceLabel)}</th><th scope="col" class="num">Working days</th><th scope="col">Allocated worker</th><th scope="col">Why</th><th scope="col">Where</th></tr></thead>` +
    `<tbody>${rows.join('')}</tbody></table>`
  );
}

function waitingSection(report: QaReport): string {
  return [
    '<section id="waiting" aria-labelledby="waiting-h">',
    '<h2 id="waiting-h">Children waiting longest</h2>',
    waitingTable('waiting-visit', 'Open cases: longest without a visit', report.waiting.noVisit, 'Last seen (or case opened)'),
    waitingTable('waiting-assessment', 'Longest waiting for an assessment to be completed', report.waiting.assessmentOpen, 'Waiting since'),
    waitingTable('waiting-unallocated', 'Longest unallocated', report.waiting.unallocated, 'Unallocated since'),
    '</section>',
  ].join('\n');
}

function findingRow(f: ReportFinding): string {
  return (
    `<tr><td class="where">${escapeHtml(f.file)}:${f.line}</td><td class="id">${escapeHtml(f.case ?? '')}</td><td dir="auto">${escapeHtml(f.childNames.join(', '))}</td>` +
    `<td dir="auto">${escapeHtml(f.worker ?? '')}</td>${severityCell(f.severity)}<td class="message" dir="auto">${escapeHtml(f.message)}</td></tr>`
  );
}

function findingsSection(report: QaReport): string {
  const parts = [
    '<section id="findings" aria-labelledby="findings-h">',
    '<h2 id="findings-h">Every finding</h2>',
    `<p class="meta">${report.findings.length} findings, grouped by rule; open a rule to see its findings with the file and line of each.</p>`,
  ];
  let start = 0;
  while (start < report.findings.length) {
    const code = report.findings[start]!.code;
    let end = start;
    while (end < report.findings.length && report.findings[end]!.code === code) end++;
    const group = report.findings.slice(start, end);
    parts.push(
      `<details data-code="${escapeHtml(code)}" data-count="${group.length}"><summary>${escapeHtml(code)} ${escapeHtml(group[0]!.rule)}: ${group.length} finding${group.length === 1 ? '' : 's'}</summary>`,
      `<table class="findings"><caption>Findings of ${escapeHtml(code)} ${escapeHtml(group[0]!.rule)}</caption><thead><tr><th scope="col">Where</th><th scope="col">Case</th><th scope="col">Children</th><th scope="col">Worker</th><th scope="col">Severity</th><th scope="col">Message</th></tr></thead><tbody>`,
      group.map(findingRow).join('\n'),
      '</tbody></table></details>',
    );
    start = end;
  }
  parts.push('</section>');
  return parts.join('\n');
}

export function reportHtml(report: QaReport): string {
  const t = report.totals;
  const body = [
    '<header>',
    '<h1>Quality assurance report</h1>',
    `<p class="meta">Case records checked by caserec as of ${escapeHtml(formatLongDate(report.asOf))}. Confidential: contains personal information about children.</p>`,
    '<ul class="totals" aria-label="Totals">',
    `<li data-total="files"><b>${t.files}</b> files</li>`,
    `<li data-total="cases"><b>${t.cases}</b> cases</li>`,
    `<li data-total="children"><b>${t.children}</b> children</li>`,
    `<li data-total="entries"><b>${t.entries}</b> entries</li>`,
    `<li data-total="errors"><b>${t.errors}</b> errors</li>`,
    `<li data-total="warnings"><b>${t.warnings}</b> warnings</li>`,
    `<li data-total="infos"><b>${t.infos}</b> info</li>`,
    '</ul>',
    '<nav class="contents" aria-label="Contents"><ul>',
    '<li><a href="#rules">Compliance by rule</a></li><li><a href="#teams">Compliance by team</a></li><li><a href="#caseloads">Caseloads and compliance by worker</a></li>',
    '<li><a href="#timeliness">Timeliness</a></li><li><a href="#waiting">Children waiting longest</a></li><li><a href="#findings">Every finding</a></li>',
    '</ul></nav>',
    '</header>',
    '<main id="main">',
    rulesSection(report),
    teamsSection(report),
    workersSection(report),
    timelinessSection(report),
    waitingSection(report),
    findingsSection(report),
    '</main>',
  ].join('\n');
  return htmlPage({ title: `Quality assurance report as of ${report.asOf}`, css: REPORT_CSS, body });
}
