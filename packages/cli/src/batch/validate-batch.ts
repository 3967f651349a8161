import { NodeFileSystem } from 'langium/node';
import { createCaserecServices, validateFiles, type FileResult } from '@caserec/language';
import type { RecordInput } from './partition.js';

export interface BatchOptions {
  readonly asOf: string;
  /** An explicit policy file (absolute), or undefined to discover one per folder. */
  readonly policyFile?: string;
}

/** Validates one group of files in this thread: what each worker runs, and what small runs do directly. */
export async function validateBatch(files: readonly RecordInput[], options: BatchOptions): Promise<FileResult[]> {
  const { Caserec } = createCaserecServices(NodeFileSystem);
  Caserec.caserec.Settings.asOf = options.asOf;
  if (options.policyFile) Caserec.caserec.Settings.setPolicyFile(options.policyFile);
  const { results } = await validateFiles(Caserec, files);
  return results.filter((_, index) => !files[index]!.contextOnly);
}
