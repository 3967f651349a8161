import { NodeFileSystem } from 'langium/node';
import { createCaserecServices, validateFiles, type CaserecServices, type FileResult } from '@caserec/language';
import type { RecordInput } from './partition.js';

export interface BatchOptions {
  readonly asOf: string;
  /** An explicit policy file (absolute), or undefined to discover one per folder. */
  readonly policyFile?: string;
}

/**
 * Validates chunks of whole cases one after another in this thread: what each worker runs, and what runs
 * without workers. The services are made once (building the parser is the dearest part of starting) and each
 * chunk's documents are dropped once its findings are read, so the heap holds one chunk's trees, not every
 * record's: collecting garbage in a heap of every tree cost more than many rules did. A case's findings depend
 * only on its own files, so they are the same whichever chunk, and whichever thread, validates it.
 */
export class ChunkValidator {
  private readonly services: CaserecServices;

  constructor(options: BatchOptions) {
    const { Caserec } = createCaserecServices(NodeFileSystem);
    Caserec.caserec.Settings.asOf = options.asOf;
    if (options.policyFile) Caserec.caserec.Settings.setPolicyFile(options.policyFile);
    this.services = Caserec;
  }

  /** The findings of each file of the chunk that is not there only as context. */
  async validate(files: readonly RecordInput[]): Promise<FileResult[]> {
    const { results, documents } = await validateFiles(this.services, files);
    await this.services.shared.workspace.DocumentBuilder.update(
      [],
      documents.map((document) => document.uri),
    );
    return results.filter((_, index) => !files[index]!.contextOnly);
  }
}

/**
 * Validates chunks in this thread, taking each next chunk from `next`, a counter shared with the other threads
 * of the run, until none is left: a thread that drew slow cases takes fewer, and no thread waits for another to
 * hand it work.
 */
export async function validateClaimed(
  chunks: readonly (readonly RecordInput[])[],
  options: BatchOptions,
  next: Int32Array,
): Promise<FileResult[]> {
  const validator = new ChunkValidator(options);
  const results: FileResult[] = [];
  for (let index = Atomics.add(next, 0, 1); index < chunks.length; index = Atomics.add(next, 0, 1)) {
    results.push(...(await validator.validate(chunks[index]!)));
  }
  return results;
}
