import { escapeHtml } from './escape.js';
import { hatchPatterns, svgIdPrefix } from './html-page.js';

/**
 * Plain inline-SVG bar charts: no script, no library, printable. Each bar carries its value as visible text and
 * as `data-value`, and bars beyond a timescale are hatched as well as coloured, so that nothing is told by colour
 * alone. A table of the same numbers sits beside each chart for screen readers.
 */

export interface Bar {
  readonly label: string;
  readonly value: number;
  /** Beyond the timescale (or otherwise to be noticed): hatched and darker. */
  readonly beyond?: boolean;
  /** Extra `data-` attributes, already escaped (`data-worker="…"`). */
  readonly attributes?: string;
}

const WITHIN = '#2b5d8a';
const BEYOND = '#a4262c';

function niceMax(max: number): number {
  if (max <= 5) return Math.max(1, max);
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) if (step * magnitude >= max) return step * magnitude;
  return 10 * magnitude;
}

/** Vertical bars (a distribution): bins along the bottom, counts up the side, an optional marked edge. */
export function columnChart(options: {
  id: string;
  index: number;
  title: string;
  description: string;
  bars: readonly Bar[];
  xLabel: string;
  /** Draw a dashed line before the first bar that is `beyond`, labelled with this text. */
  edgeLabel?: string;
}): string {
  const { bars } = options;
  const width = 640;
  const height = 270;
  const left = 44;
  const right = 12;
  const top = 26;
  const bottom = 58;
  const plotWidth = width - left - right;
  const plotHeight = height - top - bottom;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const slot = plotWidth / Math.max(1, bars.length);
  const barWidth = Math.min(64, slot * 0.7);
  const prefix = svgIdPrefix(`ch-${options.id}-`, options.index);
  const y = (value: number) => top + plotHeight - (value / max) * plotHeight;
  const parts: string[] = [
    `<svg class="chart column-chart" data-chart="${escapeHtml(options.id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${prefix}-t ${prefix}-d" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${prefix}-t">${escapeHtml(options.title)}</title><desc id="${prefix}-d">${escapeHtml(options.description)}</desc>`,
    `<defs>${hatchPatterns(prefix)}</defs>`,
  ];
  for (const tick of [0, max / 2, max]) {
    const ty = y(tick).toFixed(1);
    const label = Number.isInteger(tick) ? String(tick) : tick.toFixed(1);
    parts.push(
      `<line x1="${left}" x2="${width - right}" y1="${ty}" y2="${ty}" stroke="#e0e0e0"/>`,
      `<text x="${left - 6}" y="${(Number(ty) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#555">${label}</text>`,
    );
  }
  bars.forEach((bar, i) => {
    const cx = left + slot * i + slot / 2;
    const barTop = y(bar.value);
    const h = Math.max(bar.value > 0 ? 1.5 : 0.5, top + plotHeight - barTop);
    const fill = bar.beyond ? `url(#${prefix}-hatch)` : WITHIN;
    parts.push(
      `<rect class="bar${bar.beyond ? ' beyond' : ''}" data-label="${escapeHtml(bar.label)}" data-value="${bar.value}" data-beyond="${bar.beyond ? 'true' : 'false'}" ${bar.attributes ?? ''} x="${(cx - barWidth / 2).toFixed(1)}" y="${(top + plotHeight - h).toFixed(1)}" width="${barWidth.toFixed(1)}" height="${h.toFixed(1)}" fill="${fill}" stroke="${bar.beyond ? BEYOND : WITHIN}"><title>${escapeHtml(`${bar.label}: ${bar.value}${bar.beyond ? ' (beyond the timescale)' : ''}`)}</title></rect>`,
      `<text class="value" x="${cx.toFixed(1)}" y="${(top + plotHeight - h - 4).toFixed(1)}" text-anchor="middle" font-size="12" font-weight="600" fill="#1b1b1b">${bar.value}</text>`,
      `<text x="${cx.toFixed(1)}" y="${top + plotHeight + 16}" text-anchor="middle" font-size="11" fill="#1b1b1b">${escapeHtml(bar.label)}</text>`,
    );
  });
  const firstBeyond = bars.findIndex((b) => b.beyond);
  if (options.edgeLabel && firstBeyond > 0) {
    const ex = (left + slot * firstBeyond).toFixed(1);
    parts.push(
      `<line class="edge" x1="${ex}" x2="${ex}" y1="${top - 6}" y2="${top + plotHeight}" stroke="${BEYOND}" stroke-width="1.5" stroke-dasharray="5 3"/>`,
      `<text x="${Number(ex) + 4}" y="${top - 10}" font-size="11" fill="${BEYOND}">${escapeHtml(options.edgeLabel)}</text>`,
    );
  }
  parts.push(
    `<line x1="${left}" x2="${width - right}" y1="${top + plotHeight}" y2="${top + plotHeight}" stroke="#555"/>`,
    `<text x="${left + plotWidth / 2}" y="${height - 18}" text-anchor="middle" font-size="12" fill="#333">${escapeHtml(options.xLabel)}</text>`,
    '</svg>',
  );
  return parts.join('');
}

/** Horizontal bars (one per named thing, such as workers' caseloads), longest first as given. */
export function barChart(options: { id: string; title: string; description: string; bars: readonly Bar[]; valueLabel: string }): string {
  const { bars } = options;
  const rowHeight = 20;
  const labelWidth = 250;
  const width = 640;
  const right = 40;
  const top = 8;
  const height = top + bars.length * rowHeight + 28;
  const max = niceMax(Math.max(0, ...bars.map((b) => b.value)));
  const plotWidth = width - labelWidth - right;
  const prefix = `ch-${options.id}`;
  const parts: string[] = [
    `<svg class="chart bar-chart" data-chart="${escapeHtml(options.id)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${prefix}-t ${prefix}-d" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="${prefix}-t">${escapeHtml(options.title)}</title><desc id="${prefix}-d">${escapeHtml(options.description)}</desc>`,
    `<defs>${hatchPatterns(prefix)}</defs>`,
  ];
  bars.forEach((bar, i) => {
    const by = top + i * rowHeight;
    const w = Math.max(bar.value > 0 ? 1.5 : 0.5, (bar.value / max) * plotWidth);
    const label = Array.from(bar.label).length > 38 ? Array.from(bar.label).slice(0, 37).join('') + '…' : bar.label;
    parts.push(
      `<text x="${labelWidth - 6}" y="${by + 14}" text-anchor="end" font-size="11" fill="#1b1b1b">${escapeHtml(label)}</text>`,
      `<rect class="bar${bar.beyond ? ' beyond' : ''}" data-label="${escapeHtml(bar.label)}" data-value="${bar.value}" ${bar.attributes ?? ''} x="${labelWidth}" y="${by + 3}" width="${w.toFixed(1)}" height="${rowHeight - 6}" fill="${bar.beyond ? `url(#${prefix}-hatch)` : WITHIN}" stroke="${bar.beyond ? BEYOND : WITHIN}"><title>${escapeHtml(`${bar.label}: ${bar.value} ${options.valueLabel}`)}</title></rect>`,
      `<text class="value" x="${(labelWidth + w + 5).toFixed(1)}" y="${by + 14}" font-size="12" font-weight="600" fill="#1b1b1b">${bar.value}</text>`,
    );
  });
  parts.push(
    `<text x="${labelWidth + plotWidth / 2}" y="${height - 8}" text-anchor="middle" font-size="12" fill="#333">${escapeHtml(options.valueLabel)}</text>`,
    '</svg>',
  );
  return parts.join('');
}
