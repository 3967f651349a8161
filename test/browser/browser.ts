import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';

/** Shared by the browser tests: the repository's paths, the real CLI, and a locked-down page in chromium. */

export const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const BIN = path.join(REPO, 'packages/cli/bin/caserec.js');
/** Screenshots and generated pages are kept here for people to look at (gitignored). */
export const ARTIFACTS = path.join(REPO, 'artifacts/browser');

export const CHROMIUM = process.env.CASEREC_CHROMIUM ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`${CHROMIUM} is missing: install it with \`apt-get update && apt-get install -y chromium\` (or .ci/setup-tools.sh)`);
  }
  return chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
}

export function caserec(args: string[], cwd = REPO): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', timeout: 300000, maxBuffer: 512 * 1024 * 1024 });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

/** What a page did that a generated page must never do: log errors, throw, open dialogs, or ask for anything. */
export interface PageWatch {
  readonly consoleErrors: string[];
  readonly requests: string[];
  readonly dialogs: string[];
}

/**
 * Opens a generated file in a fresh page and records console errors, uncaught exceptions, dialogs (an
 * alert() from record text would be one) and every request that is not for the file itself or a data: URL.
 */
export async function openFile(
  browser: Browser,
  file: string,
  viewport = { width: 1280, height: 900 },
): Promise<{ page: Page; watch: PageWatch; loadMs: number }> {
  const page = await browser.newPage({ viewport });
  const watch: PageWatch = { consoleErrors: [], requests: [], dialogs: [] };
  page.on('console', (message) => {
    if (message.type() === 'error') watch.consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => watch.consoleErrors.push(String(error)));
  page.on('dialog', (dialog) => {
    watch.dialogs.push(dialog.message());
    void dialog.dismiss();
  });
  const url = pathToFileURL(file).href;
  page.on('request', (request) => {
    const target = request.url();
    if (target !== url && !target.startsWith('data:')) watch.requests.push(target);
  });
  const started = Date.now();
  await page.goto(url, { waitUntil: 'load' });
  return { page, watch, loadMs: Date.now() - started };
}
