import { spawn } from 'node:child_process';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { byteInput, caseInput, loadSeeds } from '../../scripts/fuzz/arbitraries.mjs';
import { NETWORK_MARKER } from '../../scripts/fuzz/no-network.mjs';

/**
 * The built CLI as a process on damaged records and on bytes that are not UTF-8 (a small sample; `npm run fuzz`
 * runs hundreds): it exits 0, 1 or 2, prints no stack trace, never writes to a record or its folder, and makes
 * no network call (scripts/fuzz/no-network.mjs is loaded into it and reports any attempt).
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'packages/cli/bin/caserec.js');
const GUARD = pathToFileURL(path.join(REPO, 'scripts/fuzz/no-network.mjs')).href;
const STACK_TRACE = /^\s+at .+(\(|:\d+:\d+)|node:internal|Uncaught/m;
const OLD = new Date('2001-02-03T04:05:06Z');
const RUNS = Number(process.env.CASEREC_ROBUSTNESS_CLI_RUNS ?? 3);
const seeds = loadSeeds({ generated: 2 });
const folders: string[] = [];

function caserec(args: string[], cwd: string): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd,
      env: { ...process.env, CASEREC_FUZZ_NO_NETWORK: '1', NODE_OPTIONS: `--import ${GUARD}` },
      stdio: ['ignore', 'ignore', 'pipe'],
      timeout: 60_000,
    });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('close', (code) => resolve({ code, stderr }));
  });
}

function snapshot(dir: string): string {
  return fs
    .readdirSync(dir)
    .sort()
    .map((name) => {
      const stat = fs.statSync(path.join(dir, name));
      return `${name}:${stat.mtimeMs}:${crypto
        .createHash('sha1')
        .update(fs.readFileSync(path.join(dir, name)))
        .digest('hex')}`;
    })
    .join('\n');
}

async function checkCli(bytes: Buffer, format: string): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-robustness-'));
  folders.push(dir);
  const file = path.join(dir, 'record.case');
  fs.writeFileSync(file, bytes);
  fs.utimesSync(file, OLD, OLD);
  const before = snapshot(dir);
  const { code, stderr } = await caserec(['validate', file, '--as-of', '2023-03-10', '--format', format], dir);
  expect([0, 1, 2], `exit code, stderr: ${stderr.slice(0, 500)}`).toContain(code);
  expect(stderr).not.toContain(NETWORK_MARKER);
  expect(stderr, 'a stack trace on stderr').not.toMatch(STACK_TRACE);
  expect(snapshot(dir), 'the record folder changed').toBe(before);
}

describe('the CLI as a process', () => {
  afterAll(() => folders.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

  it('survives damaged records', async () => {
    await fc.assert(
      fc.asyncProperty(caseInput(seeds, { maxHugeBytes: 0 }), fc.constantFrom('text', 'json', 'sarif', 'junit'), async (input, format) => {
        await checkCli(Buffer.from(input.files.at(-1)!.text, 'utf8'), format);
      }),
      { numRuns: RUNS },
    );
  });

  it('survives bytes that are not UTF-8', async () => {
    await fc.assert(
      fc.asyncProperty(byteInput(seeds), async (input) => {
        await checkCli(input.bytes, 'json');
      }),
      { numRuns: RUNS },
    );
  });
});
