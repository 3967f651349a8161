// A batch worker: validates the files it is sent with its own services, and posts the findings back.
import '@caserec/language/polyfill';
import { parentPort } from 'node:worker_threads';
import { validateBatch, type BatchOptions } from './validate-batch.js';
import type { RecordInput } from './partition.js';

parentPort?.on('message', (message: { files: RecordInput[]; options: BatchOptions }) => {
  validateBatch(message.files, message.options).then(
    (results) => parentPort?.postMessage({ results }),
    (error: unknown) => parentPort?.postMessage({ error: (error as Error)?.stack ?? String(error) }),
  );
});
