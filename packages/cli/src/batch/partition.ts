/**
 * Splits record files into groups that must be validated together (all files of one case), then spreads
 * the groups over workers, largest first onto the least-loaded worker, so each worker gets about the same
 * number of bytes.
 */
export interface RecordInput {
  readonly path: string;
  readonly absolute: string;
  readonly text: string;
  readonly contextOnly?: boolean;
}

const CASE_ID = /^[ \t]*(?:for[ \t]+)?case[ \t]+"([^"]*)"/m;

export function groupByCase(files: readonly RecordInput[]): RecordInput[][] {
  const groups = new Map<string, RecordInput[]>();
  for (const file of files) {
    const key = CASE_ID.exec(file.text)?.[1] ?? '\0' + file.absolute;
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(file);
  }
  return [...groups.values()];
}

export function spread(groups: readonly RecordInput[][], workers: number): RecordInput[][] {
  const size = (group: readonly RecordInput[]) => group.reduce((sum, f) => sum + f.text.length, 0);
  const bins = Array.from({ length: Math.max(1, workers) }, () => ({ bytes: 0, files: [] as RecordInput[] }));
  for (const group of [...groups].sort((a, b) => size(b) - size(a))) {
    const bin = bins.reduce((least, b) => (b.bytes < least.bytes ? b : least));
    bin.files.push(...group);
    bin.bytes += size(group);
  }
  return bins.map((b) => b.files).filter((files) => files.length > 0);
}
