import { NODE } from '../support/node.js';
import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeCorpus } from '../../scripts/generate-corpus.mjs';

/**
 * The batch path of `caserec validate` (packages/cli/src/batch): a run large enough to use worker threads
 * reports exactly what one thread reports, whichever thread validated which chunk of cases, with the files of
 * a case split across a folder kept together.
 */

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BIN = path.join(REPO, 'packages/cli/bin/caserec.js');

let work: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-batch-'));
  // Above the pool's threshold (512 KB), with three in ten cases split across two files.
  const { stats } = writeCorpus(path.join(work, 'records'), { cases: 80, seed: 3, split: 0.3 });
  expect(stats.bytes).toBeGreaterThan(512 * 1024);
});

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function validate(jobs: number): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(NODE, [BIN, 'validate', 'records', '--as-of', '2024-03-28', '--format', 'json', '--jobs', String(jobs)], {
      cwd: work,
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (status) => resolve({ status, stdout, stderr }));
  });
}

describe('caserec validate --jobs', () => {
  it('reports the same findings, byte for byte, on one thread and on several', async () => {
    const [one, two] = await Promise.all([validate(1), validate(2)]);
    expect(one.stderr).toBe('');
    const report = JSON.parse(one.stdout) as { summary: { files: number }; files: { diagnostics: { code: string }[] }[] };
    expect(report.summary.files).toBe(100);
    // The split cases link: no file is reported as belonging to an undeclared case.
    expect(report.files.flatMap((f) => f.diagnostics).filter((d) => d.code === 'CR002')).toEqual([]);
    expect(two.stdout).toBe(one.stdout);
    expect(two.status).toBe(one.status);
  }, 120_000);
});
