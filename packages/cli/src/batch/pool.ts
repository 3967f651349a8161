import * as os from 'node:os';
import { Worker } from 'node:worker_threads';
import type { FileResult } from '@caserec/language';
import { chunksOf, groupByCase, type RecordInput } from './partition.js';
import { validateClaimed, type BatchOptions } from './validate-batch.js';
import type { WorkerData, WorkerReply } from './worker.js';

/** Below this much text a worker's start-up (loading Langium, building the parser) costs more than it saves. */
const WORKER_THRESHOLD_BYTES = 512 * 1024;

/**
 * How much text a thread validates at a time. Small enough that a thread's heap stays small (its garbage
 * collection is then cheap) and that the last chunk taken is short; large enough that the fixed cost of a
 * build stays small beside it.
 */
const CHUNK_BYTES = 256 * 1024;

export function defaultJobs(): number {
  return typeof os.availableParallelism === 'function' ? os.availableParallelism() : os.cpus().length;
}

/**
 * Validates records on `jobs` threads, this one and `jobs - 1` workers, keeping every case's files in one
 * chunk (a case's rules read all its files), and returns each requested file's findings in the order given.
 * The threads take chunks from one shared counter, so each takes the next as soon as it is free. Small runs
 * stay in this thread. The findings are the same either way: every chunk is validated by the same engine on
 * whole cases.
 */
export async function validateRecords(files: readonly RecordInput[], options: BatchOptions, jobs = defaultJobs()): Promise<FileResult[]> {
  const bytes = files.reduce((sum, f) => sum + f.text.length, 0);
  const chunks = chunksOf(groupByCase(files), CHUNK_BYTES);
  const workers = bytes < WORKER_THRESHOLD_BYTES ? 0 : Math.min(jobs, chunks.length) - 1;
  const next = new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT));
  const helpers = Array.from({ length: workers }, () => startWorker({ chunks, options, next }));
  // A worker that fails is reported once this thread has finished its share.
  const theirs = Promise.all(helpers.map((helper) => helper.results));
  theirs.catch(() => {});
  let results: FileResult[];
  try {
    const mine = await validateClaimed(chunks, options, next);
    results = [...mine, ...(await theirs).flat()];
  } finally {
    for (const helper of helpers) void helper.worker.terminate();
  }
  const byPath = new Map(results.map((result) => [result.path, result]));
  return files.filter((f) => !f.contextOnly).map((f) => byPath.get(f.path)!);
}

/** A worker that takes chunks from the shared counter until none is left, and posts back their findings. */
function startWorker(data: WorkerData): { worker: Worker; results: Promise<FileResult[]> } {
  const worker = new Worker(new URL('./worker.js', import.meta.url), { workerData: data });
  const results = new Promise<FileResult[]>((resolve, reject) => {
    let replied = false;
    worker.once('message', (reply: WorkerReply) => {
      replied = true;
      if ('results' in reply) resolve(reply.results);
      else reject(new Error(`a validation worker failed: ${reply.error}`));
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!replied) reject(new Error(`a validation worker stopped (exit code ${code})`));
    });
  });
  return { worker, results };
}
