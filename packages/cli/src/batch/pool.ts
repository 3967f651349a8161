import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '@caserec/language';
import { groupByCase, spread, type RecordInput } from './partition.js';
import { validateBatch, type BatchOptions } from './validate-batch.js';

/** Below this much text a worker's start-up (loading Langium, building the parser) costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 512 * 1024;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Validates records on `jobs` worker threads, keeping every case's files on one worker (a case's rules read
 * all its files), and returns each requested file's findings in the order given. Small runs stay in this
 * thread. The findings are the same either way: each worker runs the same engine on whole cases.
 */
export async function validateRecords(files: readonly RecordInput[], options: BatchOptions, jobs = defaultJobs()): Promise<FileResult[]> {
  const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
  const groups = groupByCase(files);
  const workers = Math.min(jobs, groups.length);
  if (workers <= 1 || bytes < WORKER_THRESHOLD_BYTES) return validateBatch(files, options);
  const shares = spread(groups, workers);
  const outputs = await Promise.all(shares.map((share) => runWorker(share, options)));
  const byPath = new Map<string, FileResult>();
  for (const output of outputs) for (const result of output) byPath.set(result.path, result);
  return files.filter((f) => !f.contextOnly).map((f) => byPath.get(f.path)!);
}

function runWorker(files: RecordInput[], options: BatchOptions): Promise<FileResult[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./worker.js', import.meta.url));
    worker.once('message', (message: { results?: FileResult[]; error?: string }) => {
      void worker.terminate();
      if (message.results) resolve(message.results);
      else reject(new Error(`a validation worker failed: ${message.error}`));
    });
    worker.once('error', reject);
    worker.postMessage({ files, options });
  });
}
