import { escapeHtml } from './escape.js';
import type { Significance } from '../chronology/significance.js';

/**
 * The frame of every generated page: one self-contained file with inline CSS and no script, no font, no image
 * and no link that could reach the network. The Content-Security-Policy says so to the browser as well, so that
 * even a slip in a renderer cannot make a page with case records in it call out.
 */
export const CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

const BASE_CSS = `
:root { color-scheme: light; --high: #a4262c; --medium: #8a5a00; --low: #2b5d8a; --ink: #1b1b1b; --muted: #555; --rule: #c8c8c8; --band: #f3f3f3; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1280px; padding: 1rem 1.25rem 3rem; font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; color: var(--ink); background: #fff; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; } h2 { font-size: 1.3rem; margin: 1.6rem 0 0.5rem; border-bottom: 2px solid var(--ink); padding-bottom: 0.2rem; } h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
p.meta { color: var(--muted); margin: 0.2rem 0 0.8rem; }
a { color: #1d4f91; }
table { border-collapse: collapse; width: 100%; margin: 0.4rem 0 1rem; font-size: 0.9rem; }
caption { text-align: left; font-weight: 600; padding: 0.3rem 0; caption-side: top; }
th, td { border: 1px solid var(--rule); padding: 0.3rem 0.45rem; vertical-align: top; text-align: left; }
th { background: #ececec; } td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
tbody tr:nth-child(even) { background: #fafafa; }
td.date, td.id { white-space: nowrap; font-variant-numeric: tabular-nums; }
td.where { font-size: 0.8em; overflow-wrap: anywhere; min-width: 8rem; }
.sig { white-space: nowrap; font-weight: 600; } .sig-high { color: var(--high); } .sig-medium { color: var(--medium); } .sig-low { color: var(--low); }
figure { margin: 0.5rem 0 1rem; } figcaption { font-size: 0.85rem; color: var(--muted); }
svg { max-width: 100%; height: auto; display: block; } svg.timeline { width: 100%; } svg text { font-family: inherit; }
.legend { display: flex; flex-wrap: wrap; gap: 0.4rem 1.2rem; font-size: 0.85rem; margin: 0.3rem 0; padding: 0; list-style: none; }
.legend li { display: inline-flex; align-items: center; gap: 0.35rem; } .legend svg { display: inline-block; }
details { margin: 0.3rem 0; border: 1px solid var(--rule); border-radius: 4px; padding: 0.2rem 0.6rem; } summary { cursor: pointer; font-weight: 600; padding: 0.2rem 0; }
nav.contents ul { columns: 2; margin: 0.2rem 0 0.8rem; }
.skip { position: absolute; left: -999px; } .skip:focus { left: 1rem; top: 1rem; background: #fff; padding: 0.3rem; }
@media print {
  @page { margin: 12mm; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
  nav.contents, .skip { display: none; }
  table { font-size: 8.5pt; } thead { display: table-header-group; } tr, figure, svg { break-inside: avoid; }
  h2, h3 { break-after: avoid; }
  details { border: none; padding: 0; } details > summary { list-style: none; }
  a { color: inherit; text-decoration: none; }
}
`;

export function htmlPage(options: { title: string; css?: string; body: string; generator?: string }): string {
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${CONTENT_SECURITY_POLICY}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<meta name="generator" content="${escapeHtml(options.generator ?? 'caserec')}">`,
    `<title>${escapeHtml(options.title)}</title>`,
    `<style>${BASE_CSS}${options.css ?? ''}</style>`,
    '</head>',
    '<body>',
    '<a class="skip" href="#main">Skip to content</a>',
    options.body,
    '</body>',
    '</html>',
    '',
  ].join('\n');
}

/** Colours of the significances (dark enough for white text and for print); always paired with a shape. */
export const SIGNIFICANCE_COLOUR: Readonly<Record<Significance, string>> = { high: '#a4262c', medium: '#8a5a00', low: '#2b5d8a' };

export const SIGNIFICANCE_LABEL: Readonly<Record<Significance, string>> = { high: 'High', medium: 'Medium', low: 'Low' };

/** A glyph per significance for text (tables), matching the timeline's shapes, so colour is never the only cue. */
export const SIGNIFICANCE_GLYPH: Readonly<Record<Significance, string>> = { high: '◆', medium: '■', low: '●' };

/**
 * The marker of one significance at (x, y) as an SVG shape: a diamond for high, a square for medium, a circle
 * for low. `attributes` is already-escaped attribute text; `title` is escaped here.
 */
export function significanceShape(significance: Significance, x: number, y: number, attributes = '', title?: string): string {
  const t = title === undefined ? '' : `<title>${escapeHtml(title)}</title>`;
  const cls = `class="marker sig-${significance}"`;
  const fill = `fill="${SIGNIFICANCE_COLOUR[significance]}" stroke="#fff" stroke-width="1.2"`;
  const at = (n: number) => n.toFixed(1);
  if (significance === 'high') {
    const r = 7.5;
    return `<polygon ${cls} ${fill} ${attributes} points="${at(x)},${at(y - r)} ${at(x + r)},${at(y)} ${at(x)},${at(y + r)} ${at(x - r)},${at(y)}">${t}</polygon>`;
  }
  if (significance === 'medium') {
    const s = 5.5;
    return `<rect ${cls} ${fill} ${attributes} x="${at(x - s)}" y="${at(y - s)}" width="${at(2 * s)}" height="${at(2 * s)}">${t}</rect>`;
  }
  return `<circle ${cls} ${fill} ${attributes} cx="${at(x)}" cy="${at(y)}" r="5">${t}</circle>`;
}

/** A small stand-alone SVG of one significance's shape, for legends. */
export function legendShape(significance: Significance): string {
  return `<svg width="18" height="18" viewBox="0 0 18 18" aria-hidden="true" focusable="false">${significanceShape(significance, 9, 9).replace('class="marker ', 'class="')}</svg>`;
}

/** Hatch patterns for SVG, so that bands and bars beyond a timescale differ by texture as well as colour. */
export function hatchPatterns(prefix: string): string {
  return [
    `<pattern id="${prefix}-hatch" width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)"><rect width="8" height="8" fill="#f6d6d6"/><line x1="0" y1="0" x2="0" y2="8" stroke="#a4262c" stroke-width="3"/></pattern>`,
    `<pattern id="${prefix}-dots" width="7" height="7" patternUnits="userSpaceOnUse"><rect width="7" height="7" fill="#fbe9c6"/><circle cx="3.5" cy="3.5" r="1.6" fill="#8a5a00"/></pattern>`,
  ].join('');
}

/** Prefix for SVG ids that are unique in a page with several SVGs. */
export function svgIdPrefix(kind: string, index: number): string {
  return `${kind}${index}`;
}
