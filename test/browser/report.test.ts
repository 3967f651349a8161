import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// Plain ESM JavaScript, so that it runs without a build; see the comment at its top.
import { writeCorpus } from '../../scripts/generate-corpus.mjs';
import { ARTIFACTS, caserec, launch, openFile } from './browser.js';

/**
 * The QA report of a generated corpus of fictional cases, in a real browser: the real CLI writes the HTML and
 * the JSON of the same report; the page is opened from a file: URL in headless chromium and checked against
 * the JSON (rules, workers, charts and their bars, findings), for errors, for requests, and for how quickly it
 * opens.
 */

const CASES = Number(process.env.CASEREC_REPORT_CASES ?? 250);
const AS_OF = '2024-03-28';

interface Report {
  totals: { files: number; cases: number; children: number; entries: number; findings: number };
  rules: { code: string; findings: number; cases: number; children: number }[];
  teams: { team: string; caseload: number; findings: number }[];
  workers: { worker: string; team: string; caseload: number; findings: number }[];
  timeliness: {
    id: string;
    count: number;
    beyond: number;
    bins: { label: string; from: number; to: number | null; count: number; beyond: boolean }[];
  }[];
  waiting: Record<'noVisit' | 'assessmentOpen' | 'unallocated', { child: string; workingDays: number }[]>;
  findings: { code: string; file: string; line: number }[];
}

let browser: Browser;
let work: string;
let report: Report;
let html: string;

beforeAll(async () => {
  fs.mkdirSync(ARTIFACTS, { recursive: true });
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-report-'));
  const corpus = path.join(work, 'records');
  const { stats } = writeCorpus(corpus, { cases: CASES, seed: 7, asOf: AS_OF });
  expect(stats.cases).toBe(CASES);
  html = path.join(ARTIFACTS, 'report-corpus.html');
  const written = caserec(['report', corpus, '--as-of', AS_OF, '--out', html], work);
  expect(written.stderr).toBe('');
  expect(written.status).toBe(0);
  const json = caserec(['report', corpus, '--as-of', AS_OF, '--format', 'json'], work);
  expect(json.status).toBe(0);
  report = JSON.parse(json.stdout) as Report;
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  fs.rmSync(work, { recursive: true, force: true });
});

describe(`QA report of ${CASES} generated cases in chromium`, () => {
  it('opens quickly, with no script, no console error and no request', async () => {
    const { page, watch, loadMs } = await openFile(browser, html);
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    expect(await page.locator('script').count()).toBe(0);
    // Plain HTML and SVG: well within a few seconds even on a loaded two-core machine.
    expect(loadMs).toBeLessThan(15000);
    expect(await page.locator('[data-total="cases"] b').textContent()).toBe(String(CASES));
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-corpus.png') });
    await page.screenshot({ path: path.join(ARTIFACTS, 'report-corpus-full.png'), fullPage: true });
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.requests).toEqual([]);
    expect(watch.dialogs).toEqual([]);
    await page.close();
  });

  it('tabulates compliance by rule, team and worker as the JSON does', async () => {
    const { page } = await openFile(browser, html);
    const rules = await page.$$eval('table.rules tbody tr', (trs) =>
      trs.map((tr) => ({
        code: tr.getAttribute('data-code'),
        findings: Number(tr.getAttribute('data-findings')),
        cases: Number(tr.getAttribute('data-cases')),
        children: Number(tr.getAttribute('data-children')),
      })),
    );
    expect(rules).toEqual(report.rules.map(({ code, findings, cases, children }) => ({ code, findings, cases, children })));
    expect(rules.length).toBeGreaterThan(5);
    expect(await page.locator('table.rules caption').count()).toBe(1);

    const workers = await page.$$eval('table.workers tbody tr', (trs) =>
      trs.map((tr) => ({
        worker: tr.getAttribute('data-worker'),
        caseload: Number(tr.getAttribute('data-caseload')),
        findings: Number(tr.getAttribute('data-findings')),
      })),
    );
    expect(workers).toEqual(report.workers.map(({ worker, caseload, findings }) => ({ worker, caseload, findings })));
    expect(new Set(report.teams.map((t) => t.team)).size).toBeGreaterThanOrEqual(6);
    expect(await page.locator('table.teams tbody tr').count()).toBe(report.teams.length);
    await page.close();
  });

  it('draws the caseload chart and the timeliness charts with a bar per value', async () => {
    const { page } = await openFile(browser, html);
    const caseloadBars = await page.$$eval('svg[data-chart="caseload"] rect.bar', (rects) =>
      rects.map((r) => ({
        worker: r.getAttribute('data-worker'),
        value: Number(r.getAttribute('data-value')),
        width: Number(r.getAttribute('width')),
      })),
    );
    const withCaseload = report.workers.filter((w) => w.caseload > 0);
    expect(caseloadBars).toHaveLength(Math.min(60, withCaseload.length));
    expect(caseloadBars.reduce((sum, b) => sum + b.value, 0)).toBe(
      [...withCaseload]
        .sort((a, b) => b.caseload - a.caseload)
        .slice(0, 60)
        .reduce((sum, w) => sum + w.caseload, 0),
    );
    for (const bar of caseloadBars) expect(bar.width).toBeGreaterThan(0);
    // Longest first.
    expect(caseloadBars.map((b) => b.value)).toEqual([...caseloadBars.map((b) => b.value)].sort((a, b) => b - a));

    expect(report.timeliness.map((d) => d.id)).toEqual([
      'contact-decision',
      'assessment',
      'initial-conference',
      'visit-interval-cp',
      'visit-interval-cin',
    ]);
    for (const distribution of report.timeliness) {
      const chart = page.locator(`svg[data-chart="${distribution.id}"]`);
      expect(await chart.count()).toBe(1);
      const bars = await chart.locator('rect.bar').evaluateAll((rects) =>
        rects.map((r) => ({
          label: r.getAttribute('data-label'),
          from: Number(r.getAttribute('data-from')),
          to: r.getAttribute('data-to') === '' ? null : Number(r.getAttribute('data-to')),
          value: Number(r.getAttribute('data-value')),
          beyond: r.getAttribute('data-beyond') === 'true',
          fill: r.getAttribute('fill'),
        })),
      );
      expect(bars.map(({ label, from, to, value, beyond }) => ({ label, from, to, count: value, beyond }))).toEqual(distribution.bins);
      expect(bars.reduce((sum, b) => sum + b.value, 0)).toBe(distribution.count);
      // Beyond the timescale is told by a pattern, not by colour alone.
      for (const bar of bars) expect(bar.fill!.startsWith('url(#')).toBe(bar.beyond);
      // Each bar's value is written on the chart.
      const values = await chart.locator('text.value').allTextContents();
      expect(values).toEqual(bars.map((b) => String(b.value)));
      expect(distribution.count).toBeGreaterThan(0);
    }
    await page.locator('#timeliness').screenshot({ path: path.join(ARTIFACTS, 'report-corpus-timeliness.png') });
    await page.close();
  });

  it('lists the children waiting longest and every finding, folded by rule, with file and line', async () => {
    const { page } = await openFile(browser, html);
    for (const [id, list] of [
      ['waiting-visit', report.waiting.noVisit],
      ['waiting-assessment', report.waiting.assessmentOpen],
      ['waiting-unallocated', report.waiting.unallocated],
    ] as const) {
      if (list.length === 0) continue;
      const days = await page.$$eval(`#${id} tbody tr`, (trs) => trs.map((tr) => Number(tr.getAttribute('data-working-days'))));
      expect(days).toEqual(list.map((w) => w.workingDays));
      expect(days).toEqual([...days].sort((a, b) => b - a));
    }
    const groups = await page.$$eval('#findings details', (ds) =>
      ds.map((d) => ({
        code: d.getAttribute('data-code'),
        count: Number(d.getAttribute('data-count')),
        rows: d.querySelectorAll('tbody tr').length,
        open: (d as HTMLDetailsElement).open,
      })),
    );
    expect(groups.map((g) => g.code)).toEqual(report.rules.map((r) => r.code));
    for (const group of groups) {
      expect(group.rows).toBe(group.count);
      expect(group.open).toBe(false);
    }
    expect(groups.reduce((sum, g) => sum + g.rows, 0)).toBe(report.findings.length);
    const first = report.findings[0]!;
    expect(await page.locator('#findings details').first().locator('td.where').first().textContent()).toBe(`${first.file}:${first.line}`);
    // A folded group opens on a click, with no script.
    await page.locator('#findings details summary').first().click();
    expect(
      await page
        .locator('#findings details')
        .first()
        .evaluate((d) => (d as HTMLDetailsElement).open),
    ).toBe(true);
    await page.close();
  });
});
