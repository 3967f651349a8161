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
const MIN_LANE_HEIGHT = 56;
const MAX_LANE_HEIGHT = 150;
/** Vertical distance between markers fanned out on one date in one lane, so that none hides another. */
const STACK_STEP = 11;
/** Width of a collapsed stretch of time on the axis. */
const BREAK_WIDTH = 34;

const CHRONOLOGY_CSS = `
.timeline .lane-label { font-size: 13px; font-weight: 600; fill: #1b1b1b; }
.timeline .axis text { font-size: 11px; fill: #555; }
.timeline .gap-label { font-size: 11px; fill: #1b1b1b; font-weight: 600; }
.timeline a:focus .marker, .timeline a:hover .marker { stroke: #000; stroke-width: 2; }
tr:target { outline: 3px solid #1d4f91; }
td.summary, td.impact { min-width: 13rem; }
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
function spanOf(chronology: CaseChronology): { start: IsoDate; end: IsoDate; dates: IsoDate[] } | undefined {
  const dates = [...new Set([...chronology.rows.map((r) => r.date), ...chronology.gaps.flatMap((g) => [g.from, g.to])])].sort(compareDates);
  if (dates.length === 0) return undefined;
  const first = dates[0]!;
  const last = dates[dates.length - 1]!;
  const pad = Math.max(3, Math.round(calendarDaysBetween(first, last) * 0.02));
  return { start: addCalendarDays(first, -pad), end: addCalendarDays(last, pad), dates };
}

interface AxisBreak {
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly x: number;
}

/**
 * A time axis that folds long empty stretches. A chronology often starts with a few events years before the
 * referral; on a straight scale they would squeeze the months of the work into a sliver. A stretch with no
 * entry and no gap band, longer than a sixth of the whole (and four months), is drawn as a short break marked
 * with how long it was; every other stretch keeps a straight scale, so distances there can be compared.
 */
function axisOf(span: { start: IsoDate; end: IsoDate; dates: IsoDate[] }, gaps: readonly ServiceGap[], left: number, width: number) {
  const total = Math.max(1, calendarDaysBetween(span.start, span.end));
  const threshold = Math.max(120, total / 6);
  const margin = 10;
  const folded: { from: IsoDate; to: IsoDate }[] = [];
  for (let i = 0; i + 1 < span.dates.length; i++) {
    const a = span.dates[i]!;
    const b = span.dates[i + 1]!;
    if (calendarDaysBetween(a, b) <= threshold) continue;
    if (gaps.some((g) => compareDates(g.from, a) <= 0 && compareDates(g.to, b) >= 0)) continue; // a silence worth seeing
    folded.push({ from: addCalendarDays(a, margin), to: addCalendarDays(b, -margin) });
  }
  const foldedDays = folded.reduce((sum, f) => sum + calendarDaysBetween(f.from, f.to), 0);
  const perDay = (width - folded.length * BREAK_WIDTH) / Math.max(1, total - foldedDays);
  const breaks: AxisBreak[] = [];
  let cursor = span.start;
  let cursorX = left;
  for (const fold of folded) {
    const x = cursorX + calendarDaysBetween(cursor, fold.from) * perDay;
    breaks.push({ ...fold, x });
    cursor = fold.to;
    cursorX = x + BREAK_WIDTH;
  }
  const x = (date: IsoDate): number => {
    let from = span.start;
    let fromX = left;
    for (const b of breaks) {
      if (compareDates(date, b.from) <= 0) break;
      if (compareDates(date, b.to) < 0)
        return b.x + (calendarDaysBetween(b.from, date) / Math.max(1, calendarDaysBetween(b.from, b.to))) * BREAK_WIDTH;
      from = b.to;
      fromX = b.x + BREAK_WIDTH;
    }
    return fromX + calendarDaysBetween(from, date) * perDay;
  };
  const folds = (date: IsoDate) => breaks.some((b) => compareDates(date, b.from) > 0 && compareDates(date, b.to) < 0);
  return { x, breaks, folds, straightDays: total - foldedDays };
}

function lengthInWords(from: IsoDate, to: IsoDate): string {
  const months = Math.round(calendarDaysBetween(from, to) / 30.44);
  if (months < 24) return `${months} months`;
  return `${Math.round(months / 12)} years`;
}

/** How many markers share one spot (an 8-pixel slot) at most, in one lane. */
function deepestStack(xs: readonly number[]): number {
  const counts = new Map<number, number>();
  let deepest = 0;
  for (const x of xs) {
    const slot = Math.round(x / 8);
    const count = (counts.get(slot) ?? 0) + 1;
    counts.set(slot, count);
    deepest = Math.max(deepest, count);
  }
  return deepest;
}

/** 0, -1, +1, -2, +2… steps from the lane's middle, for the n-th marker in one spot. */
function stackOffset(n: number): number {
  return n === 0 ? 0 : (n % 2 === 1 ? -1 : 1) * Math.ceil(n / 2) * STACK_STEP;
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
  const axis = axisOf(span, chronology.gaps, LABEL_WIDTH, WIDTH - LABEL_WIDTH - RIGHT);
  const x = axis.x;
  const laneMarkers = lanes.map((lane) =>
    chronology.rows
      .map((row, index) => ({ row, index }))
      .filter(({ row }) => (lane.id === '' ? row.children.length === 0 : row.children.includes(lane.id))),
  );
  // A lane grows to hold its busiest day's markers one above another (up to a limit, past which they overlap).
  const laneHeights = laneMarkers.map((markers) =>
    Math.min(MAX_LANE_HEIGHT, Math.max(MIN_LANE_HEIGHT, deepestStack(markers.map(({ row }) => x(row.date))) * STACK_STEP + 16)),
  );
  const laneTops = laneHeights.map((_, i) => AXIS_HEIGHT + laneHeights.slice(0, i).reduce((a, b) => a + b, 0));
  const height = AXIS_HEIGHT + laneHeights.reduce((a, b) => a + b, 0) + 8;
  const parts: string[] = [];
  const titleId = `${prefix}-title`;
  const descId = `${prefix}-desc`;
  const childNames = lanes.map((l) => l.label).join(', ');
  const folded =
    axis.breaks.length > 0
      ? ` Long stretches with no entries are folded (${axis.breaks.map((b) => `${formatLongDate(b.from)} to ${formatLongDate(b.to)}`).join('; ')}).`
      : '';
  parts.push(
    `<svg class="timeline" data-case="${escapeHtml(chronology.caseId)}" viewBox="0 0 ${WIDTH} ${height}" width="${WIDTH}" height="${height}" role="img" aria-labelledby="${titleId} ${descId}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${titleId}">Timeline of case ${escapeHtml(chronology.caseId)}</title>`,
    `<desc id="${descId}">${escapeHtml(
      `${chronology.rows.length} entries from ${formatLongDate(span.start)} to ${formatLongDate(span.end)}, one lane per child (${childNames}); ${chronology.gaps.length} gaps in service shown as patterned bands.${folded} The same entries are listed in the table below.`,
    )}</desc>`,
    `<defs>${hatchPatterns(prefix)}</defs>`,
  );

  // Axis: month ticks on the straight stretches, thinned so that labels never crowd.
  const months = Math.max(1, Math.round(axis.straightDays / 30.4));
  const step = [1, 2, 3, 4, 6, 12, 24, 60].find((s) => months / s <= 9) ?? 120;
  parts.push('<g class="axis">');
  let lastLabel = -Infinity;
  for (let tick = firstOfNextMonth(span.start); compareDates(tick, span.end) <= 0; tick = addMonths(tick, step)) {
    if ((step >= 12 && tick.slice(5, 7) !== '01') || axis.folds(tick)) continue;
    const tx = x(tick);
    if (tx - lastLabel < 56 || axis.breaks.some((b) => Math.abs(b.x + BREAK_WIDTH / 2 - tx) < 48)) continue;
    lastLabel = tx;
    parts.push(
      `<line x1="${tx.toFixed(1)}" x2="${tx.toFixed(1)}" y1="${AXIS_HEIGHT - 6}" y2="${height - 8}" stroke="#dcdcdc" stroke-width="1"/>`,
      `<text x="${tx.toFixed(1)}" y="${AXIS_HEIGHT - 10}" text-anchor="middle">${escapeHtml(monthLabel(tick))}</text>`,
    );
  }
  parts.push('</g>');

  lanes.forEach((lane, laneIndex) => {
    const top = laneTops[laneIndex]!;
    const laneHeight = laneHeights[laneIndex]!;
    const middle = top + laneHeight / 2;
    const markers = laneMarkers[laneIndex]!;
    const gaps = chronology.gaps.filter((gap) => gap.child === lane.id);
    parts.push(
      `<g class="lane" data-child="${escapeHtml(lane.id)}" data-markers="${markers.length}" data-gaps="${gaps.length}">`,
      `<rect x="0" y="${top}" width="${WIDTH}" height="${laneHeight}" fill="${laneIndex % 2 === 0 ? '#f7f7f7' : '#ffffff'}"/>`,
      `<line x1="${LABEL_WIDTH}" x2="${WIDTH - RIGHT}" y1="${middle}" y2="${middle}" stroke="#9a9a9a" stroke-width="1"/>`,
      `<text class="lane-label" x="8" y="${middle + 4}" dir="auto">${escapeHtml(truncateLabel(lane.label, 20))}<title>${escapeHtml(lane.label)}</title></text>`,
    );
    for (const gap of gaps) parts.push(gapBand(gap, x, top, laneHeight, prefix));
    const stacked = new Map<number, number>();
    for (const { row, index } of markers) {
      const mx = x(row.date);
      const slot = Math.round(mx / 8);
      const count = stacked.get(slot) ?? 0;
      stacked.set(slot, count + 1);
      const room = (laneHeight - 14) / 2;
      const offset = stackOffset(count);
      const my = middle + (Math.abs(offset) <= room ? offset : stackOffset(count % (2 * Math.floor(room / STACK_STEP) + 1)));
      const attributes = `data-row="${index}" data-child="${escapeHtml(lane.id)}" data-date="${row.date}" data-kind="${escapeHtml(row.kind)}" data-significance="${row.significance}"`;
      parts.push(
        `<a href="#${rowId(caseIndex, index)}">${significanceShape(row.significance, mx, my, attributes, markerTitle(row, chronology))}</a>`,
      );
    }
    parts.push('</g>');
  });

  // Folded stretches: a white gap across every lane, with a zigzag and how long the stretch was.
  for (const b of axis.breaks) {
    const label = lengthInWords(b.from, b.to);
    parts.push(
      `<g class="axis-break" data-from="${b.from}" data-to="${b.to}"><title>${escapeHtml(`No entries from ${formatLongDate(b.from)} to ${formatLongDate(b.to)} (${label}); this stretch is folded`)}</title>`,
      `<rect x="${(b.x + 4).toFixed(1)}" y="${AXIS_HEIGHT - 4}" width="${BREAK_WIDTH - 8}" height="${height - AXIS_HEIGHT - 8}" fill="#ffffff"/>`,
      `<path d="M${(b.x + 8).toFixed(1)},${AXIS_HEIGHT - 2} l6,6 l-6,6 l6,6" fill="none" stroke="#555" stroke-width="1.2"/>`,
      `<path d="M${(b.x + BREAK_WIDTH - 14).toFixed(1)},${AXIS_HEIGHT - 2} l6,6 l-6,6 l6,6" fill="none" stroke="#555" stroke-width="1.2"/>`,
      `<text x="${(b.x + BREAK_WIDTH / 2).toFixed(1)}" y="${AXIS_HEIGHT - 10}" text-anchor="middle" font-size="10" fill="#555">${escapeHtml(label)}</text>`,
      '</g>',
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

function truncateLabel(label: string, max: number): string {
  const chars = Array.from(label);
  return chars.length <= max ? label : chars.slice(0, max - 1).join('') + '…';
}

function gapBand(gap: ServiceGap, x: (date: IsoDate) => number, top: number, laneHeight: number, prefix: string): string {
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
    `<rect x="${left.toFixed(1)}" y="${bandTop}" width="${width.toFixed(1)}" height="${laneHeight - 8}" fill="${fill}" fill-opacity="0.75" stroke="${gap.kind === 'unallocated' ? '#a4262c' : '#8a5a00'}" stroke-dasharray="3 2"/>` +
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

const PRINT_BREAKS = `@media print { section.case + section.case { break-before: page; } .timeline a { text-decoration: none; } td.summary, td.impact { min-width: 0; } }`;
