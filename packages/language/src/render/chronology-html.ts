import type { CaseChronology, ChronologyRow, ServiceGap } from '../chronology/chronology.js';
import { SIGNIFICANCE } from '../model/entry-kinds.js';
import { addCalendarDays, addMonths, calendarDaysBetween, compareDates, formatLongDate, type IsoDate } from '../time/index.js';
import { childrenNamed, type ChronologyRenderOptions } from './chronology-text.js';
import { escapeHtml } from './escape.js';
import {
  hatchPatterns,
  htmlPage,
  legendShape,
  SIGNIFICANCE_GLYPH,
  SIGNIFICANCE_LABEL,
  significanceShape,
  svgIdPrefix,
} from './html-page.js';

/**
 * The chronology as one self-contained HTML page: per case a timeline (inline SVG, a lane per child, a marker
 * per entry whose shape and colour say its significance, gaps in service as labelled, patterned bands) and the
 * table of entries below it. No script: the page must open in a locked-down browser, a webview or from an
 * email attachment, and print. Every piece of record text goes through escapeHtml; rows and markers carry
 * `data-` attributes so that tests (and tools) can check the page against the data.
 */

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

const WIDTH = 1000;
const LABEL_WIDTH = 150;
const RIGHT = 16;
const AXIS_HEIGHT = 30;
const LANE_HEIGHT = 56;
/** Markers on one date in one lane are fanned out vertically so that none hides another. */
const STACK_OFFSETS = [0, -11, 11, -21, 21];

const CHRONOLOGY_CSS = `
.timeline .lane-label { font-size: 13px; font-weight: 600; fill: #1b1b1b; }
.timeline .axis text { font-size: 11px; fill: #555; }
.timeline .gap-label { font-size: 11px; fill: #1b1b1b; font-weight: 600; }
.timeline a:focus .marker, .timeline a:hover .marker { stroke: #000; stroke-width: 2; }
tr:target { outline: 3px solid #1d4f91; }
td.summary, td.impact { min-width: 16rem; }
ul.gaps li { margin: 0.15rem 0; }
`;

interface Lane {
  readonly id: string;
  readonly label: string;
}

function lanesOf(chronology: CaseChronology): Lane[] {
  const lanes: Lane[] = chronology.children.map((child) => ({ id: child.id, label: child.name }));
  for (const row of chronology.rows) {
    for (const id of row.children) if (!lanes.some((lane) => lane.id === id)) lanes.push({ id, label: id });
  }
  if (chronology.rows.some((row) => row.children.length === 0)) lanes.push({ id: '', label: 'No child named' });
  // Lanes with nothing in them (a child filtered out by date) still show, so the page says "nothing here".
  return lanes;
}

function monthLabel(date: IsoDate): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

function firstOfNextMonth(date: IsoDate): IsoDate {
  return addMonths(`${date.slice(0, 7)}-01`, 1);
}

/** The dates the timeline spans: all rows and gaps, padded a little so end markers are not cut off. */
function spanOf(chronology: CaseChronology): { start: IsoDate; end: IsoDate } | undefined {
  const dates = [...chronology.rows.map((r) => r.date), ...chronology.gaps.flatMap((g) => [g.from, g.to])].sort(compareDates);
  if (dates.length === 0) return undefined;
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const pad = Math.max(3, Math.round(calendarDaysBetween(first, last) * 0.02));
  return { start: addCalendarDays(first, -pad), end: addCalendarDays(last, pad) };
}

function rowId(caseIndex: number, rowIndex: number): string {
  return `c${caseIndex}-r${rowIndex}`;
}

function markerTitle(row: ChronologyRow, chronology: CaseChronology): string {
  const when = `${formatLongDate(row.date)}${row.time ? ` ${row.time}` : ''}`;
  return `${when} — ${row.kind} — ${SIGNIFICANCE_LABEL[row.significance]} significance — ${childrenNamed(chronology, row.children)}: ${row.summary}`;
}

export function timelineSvg(chronology: CaseChronology, caseIndex: number): string {
  const span = spanOf(chronology);
  const lanes = lanesOf(chronology);
  const prefix = svgIdPrefix('tl', caseIndex);
  if (!span || lanes.length === 0) return `<p class="meta">No entries to draw on a timeline.</p>`;
  const days = Math.max(1, calendarDaysBetween(span.start, span.end));
  const plotWidth = WIDTH - LABEL_WIDTH - RIGHT;
  const x = (date: IsoDate) => LABEL_WIDTH + (calendarDaysBetween(span.start, date) / days) * plotWidth;
  const height = AXIS_HEIGHT + lanes.length * LANE_HEIGHT + 8;
  const parts: string[] = [];
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const childNames = lanes.map((l) => l.label).join(', ');
  parts.push(
    `<svg class="timeline" data-case="${escapeHtml(chronology.caseId)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${titleId}">Timeline of case ${escapeHtml(chronology.caseId)}</title>`,
    `<desc id="${descId}">${escapeHtml(
      `${chronology.rows.length} entries from ${formatLongDate(span.start)} to ${formatLongDate(span.end)}, one lane per child (${childNames}); ${chronology.gaps.length} gaps in service shown as patterned bands. The same entries are listed in the table below.`,
    )}</desc>`,
    `<defs>${hatchPatterns(prefix)}</defs>`,
  );

  // Axis: month ticks, thinned so that labels never crowd (about ten across the page).
  const months = Math.max(1, Math.round(days / 30.4));
  const step = [1, 2, 3, 4, 6, 12, 24, 60].find((s) => months / s <= 10) ?? 120;
  parts.push('<g class="axis">');
  for (let tick = firstOfNextMonth(span.start); compareDates(tick, span.end) <= 0; tick = addMonths(tick, step)) {
    if (step >= 12 && tick.slice(5, 7) !== '01') continue;
    const tx = x(tick).toFixed(1);
    parts.push(
      `<line x1="${tx}" x2="${tx}" y1="${AXIS_HEIGHT - 6}" y2="${height - 8}" stroke="#dcdcdc" stroke-width="1"/>`,
      `<text x="${tx}" y="${AXIS_HEIGHT - 10}" text-anchor="middle">${escapeHtml(monthLabel(tick))}</text>`,
    );
  }
  parts.push('</g>');

  lanes.forEach((lane, laneIndex) => {
    const top = AXIS_HEIGHT + laneIndex * LANE_HEIGHT;
    const middle = top + LANE_HEIGHT / 2;
    const markers = chronology.rows
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => (lane.id === '' ? row.children.length === 0 : row.children.includes(lane.id)));
    const gaps = chronology.gaps.filter((gap) => gap.child === lane.id);
    parts.push(
      `<g class="lane" data-child="${escapeHtml(lane.id)}" data-markers="${markers.length}" data-gaps="${gaps.length}">`,
      `<rect x="0" y="${top}" width="${WIDTH}" height="${LANE_HEIGHT}" fill="${laneIndex % 2 === 0 ? '#f7f7f7' : '#ffffff'}"/>`,
      `<line x1="${LABEL_WIDTH}" x2="${WIDTH - RIGHT}" y1="${middle}" y2="${middle}" stroke="#9a9a9a" stroke-width="1"/>`,
      `<text class="lane-label" x="8" y="${middle + 4}" dir="auto">${escapeHtml(truncateLabel(lane.label, 20))}<title>${escapeHtml(lane.label)}</title></text>`,
    );
    for (const gap of gaps) parts.push(gapBand(gap, x, top, prefix));
    const stacked = new Map<number, number>();
    for (const { row, index } of markers) {
      const mx = x(row.date);
      const bucket = Math.round(mx / 8);
      const count = stacked.get(bucket) ?? 0;
      stacked.set(bucket, count + 1);
      const my = middle + STACK_OFFSETS[count % STACK_OFFSETS.length]!;
      const attributes = `data-row="${index}" data-child="${escapeHtml(lane.id)}" data-date="${row.date}" data-kind="${escapeHtml(row.kind)}" data-significance="${row.significance}"`;
      parts.push(
        `<a href="#${rowId(caseIndex, index)}">${significanceShape(row.significance, mx, my, attributes, markerTitle(row, chronology))}</a>`,
      );
    }
    parts.push('</g>');
  });
  parts.push('</svg>');
  return parts.join('');
}

function truncateLabel(label: string, max: number): string {
  const chars = Array.from(label);
  return chars.length <= max ? label : chars.slice(0, max - 1).join('') + '…';
}

function gapBand(gap: ServiceGap, x: (date: IsoDate) => number, top: number, prefix: string): string {
  const left = x(gap.from);
  const width = Math.max(3, x(gap.to) - left);
  const fill = gap.kind === 'unallocated' ? `url(#${prefix}-hatch)` : `url(#${prefix}-dots)`;
  const short = gap.kind === 'unallocated' ? `Unallocated ${gap.workingDays} wd` : `No visit ${gap.workingDays} wd`;
  const bandTop = top + 4;
  const label =
    width >= short.length * 6.2
      ? `<text class="gap-label" x="${(left + 3).toFixed(1)}" y="${bandTop + 11}">${escapeHtml(short)}</text>`
      : '';
  return (
    `<g class="gap" data-kind="${gap.kind}" data-child="${escapeHtml(gap.child)}" data-from="${gap.from}" data-to="${gap.to}" data-working-days="${gap.workingDays}">` +
    `<title>${escapeHtml(`${gap.label} (${formatLongDate(gap.from)} to ${formatLongDate(gap.to)})`)}</title>` +
    `<rect x="${left.toFixed(1)}" y="${bandTop}" width="${width.toFixed(1)}" height="${LANE_HEIGHT - 8}" fill="${fill}" fill-opacity="0.75" stroke="${gap.kind === 'unallocated' ? '#a4262c' : '#8a5a00'}" stroke-dasharray="3 2"/>` +
    label +
    '</g>'
  );
}

function legend(caseIndex: number): string {
  const prefix = svgIdPrefix('lg', caseIndex);
  const items = SIGNIFICANCE.slice()
    .reverse()
    .map((s) => `<li>${legendShape(s)} ${SIGNIFICANCE_LABEL[s]} significance</li>`);
  items.push(
    `<li><svg width="26" height="14" aria-hidden="true" focusable="false"><defs>${hatchPatterns(prefix)}</defs><rect width="26" height="14" fill="url(#${prefix}-hatch)" stroke="#a4262c" stroke-dasharray="3 2"/></svg> Unallocated (hatched)</li>`,
    `<li><svg width="26" height="14" aria-hidden="true" focusable="false"><rect width="26" height="14" fill="url(#${prefix}-dots)" stroke="#8a5a00" stroke-dasharray="3 2"/></svg> No visit for longer than the plan allows (dotted)</li>`,
  );
  return `<ul class="legend" aria-label="Key to the timeline">${items.join('')}</ul>`;
}

function rowHtml(chronology: CaseChronology, row: ChronologyRow, caseIndex: number, index: number): string {
  const children = childrenNamed(chronology, row.children);
  return (
    `<tr id="${rowId(caseIndex, index)}" data-row="${index}" data-date="${row.date}" data-time="${escapeHtml(row.time ?? '')}" data-kind="${escapeHtml(row.kind)}" ` +
    `data-children="${escapeHtml(row.children.join(' '))}" data-significance="${row.significance}" data-file="${escapeHtml(row.file)}" data-line="${row.line}">` +
    `<td class="date">${escapeHtml(formatLongDate(row.date))}</td>` +
    `<td class="date">${escapeHtml(row.time ?? '')}</td>` +
    `<td>${escapeHtml(row.kind)}</td>` +
    `<td dir="auto">${escapeHtml(children)}</td>` +
    `<td class="summary" dir="auto">${escapeHtml(row.summary)}</td>` +
    `<td dir="auto">${escapeHtml(row.source)}</td>` +
    `<td><span class="sig sig-${row.significance}">${SIGNIFICANCE_GLYPH[row.significance]} ${SIGNIFICANCE_LABEL[row.significance]}</span></td>` +
    `<td class="impact" dir="auto">${escapeHtml(row.impact ?? '')}</td>` +
    `<td class="where">${escapeHtml(row.file)}:${row.line}</td>` +
    '</tr>'
  );
}

function caseSection(chronology: CaseChronology, caseIndex: number, options: ChronologyRenderOptions): string {
  const headingId = `case-${caseIndex}`;
  const children = chronology.children.map((c) => `${c.name}${c.born ? ` (born ${formatLongDate(c.born)})` : ''}`).join('; ');
  const parts = [
    `<section class="case" data-case="${escapeHtml(chronology.caseId)}" data-entries="${chronology.rows.length}" aria-labelledby="${headingId}">`,
    `<h2 id="${headingId}">${escapeHtml(chronology.caseId)}${chronology.title ? ` — <span dir="auto">${escapeHtml(chronology.title)}</span>` : ''}</h2>`,
    `<p class="meta">Children: <span dir="auto">${escapeHtml(children || 'none declared')}</span>. ${chronology.rows.length} entries, as of ${escapeHtml(formatLongDate(chronology.asOf))}.${
      options.filterNote ? ` Showing ${escapeHtml(options.filterNote)}.` : ''
    }</p>`,
    `<figure>${timelineSvg(chronology, caseIndex)}<figcaption>${legend(caseIndex)}Each marker links to its row in the table below.</figcaption></figure>`,
  ];
  if (chronology.gaps.length > 0) {
    parts.push(`<h3>Gaps in service</h3><ul class="gaps">`);
    for (const gap of chronology.gaps) {
      parts.push(
        `<li data-kind="${gap.kind}" data-child="${escapeHtml(gap.child)}">${escapeHtml(formatLongDate(gap.from))} to ${escapeHtml(formatLongDate(gap.to))}: <span dir="auto">${escapeHtml(gap.label)}</span></li>`,
      );
    }
    parts.push('</ul>');
  }
  parts.push(
    `<table class="chronology" data-case="${escapeHtml(chronology.caseId)}">`,
    `<caption>Chronology of ${escapeHtml(chronology.caseId)}: ${chronology.rows.length} entries in date order</caption>`,
    '<thead><tr><th scope="col">Date</th><th scope="col">Time</th><th scope="col">Kind</th><th scope="col">Children</th><th scope="col">Summary</th><th scope="col">Source</th><th scope="col">Significance</th><th scope="col">Impact on the child</th><th scope="col">Where</th></tr></thead>',
    '<tbody>',
  );
  chronology.rows.forEach((row, index) => parts.push(rowHtml(chronology, row, caseIndex, index)));
  parts.push('</tbody></table>', '</section>');
  return parts.join('\n');
}

export function chronologyHtml(cases: readonly CaseChronology[], options: ChronologyRenderOptions = {}): string {
  const title = cases.length === 1 ? `Chronology: ${cases[0]!.caseId}` : `Chronologies of ${cases.length} cases`;
  const body: string[] = ['<header>', `<h1>${escapeHtml(title)}</h1>`];
  body.push(
    `<p class="meta">Generated by caserec from the case records. Confidential: contains personal information about children.</p>`,
    '</header>',
  );
  if (cases.length > 1) {
    body.push('<nav class="contents" aria-label="Cases"><ul>');
    cases.forEach((c, i) =>
      body.push(`<li><a href="#case-${i}">${escapeHtml(c.caseId)}${c.title ? ` — ${escapeHtml(c.title)}` : ''}</a></li>`),
    );
    body.push('</ul></nav>');
  }
  body.push('<main id="main">');
  if (cases.length === 0) body.push('<p>No case records were found.</p>');
  cases.forEach((chronology, index) => body.push(caseSection(chronology, index, options)));
  body.push('</main>');
  return htmlPage({ title, css: CHRONOLOGY_CSS + PRINT_BREAKS, body: body.join('\n') });
}

const PRINT_BREAKS = `@media print { section.case + section.case { break-before: page; } .timeline a { text-decoration: none; } }`;
