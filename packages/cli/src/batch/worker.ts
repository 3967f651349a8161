// A batch worker: validates chunks of records with its own services, taking each from the counter it shares
// with the other threads of the run, and posts the findings back when none is left.
import '@caserec/language/polyfill';
import { parentPort, workerData } from 'node:worker_threads';
import type { FileResult } from '@caserec/language';
import { validateClaimed, type BatchOptions } from './validate-batch.js';
import type { RecordInput } from './partition.js';

export interface WorkerData {
  readonly chunks: readonly (readonly RecordInput[])[];
  readonly options: BatchOptions;
  /** The index of the next chunk to take, shared by every thread of the run. */
  readonly next: Int32Array;
}

/** What a worker posts: its chunks' findings, or why it failed. */
export type WorkerReply = { readonly results: FileResult[] } | { readonly error: string };

if (parentPort) {
  const port = parentPort;
  const { chunks, options, next } = workerData as WorkerData;
  validateClaimed(chunks, options, next).then(
    (results) => port.postMessage({ results } satisfies WorkerReply),
    (error: unknown) => port.postMessage({ error: (error as Error)?.stack ?? String(error) } satisfies WorkerReply),
  );
}
