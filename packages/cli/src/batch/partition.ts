/**
 * Splits record files into groups that must be validated together (all files of one case), and packs the
 * groups into chunks of about the same size, the units a thread validates at a time.
 */
export interface RecordInput {
  readonly path: string;
  readonly absolute: string;
  readonly text: string;
  readonly contextOnly?: boolean;
}

/**
 * Every case id a file may belong to: each string after the keyword `case` (a case block, or `for case`),
 * with the spaces and comments the grammar allows between them. It may find too many (`case "…"` inside a
 * text block, a second case block): that only puts more files together, which changes no finding. It must
 * not find too few: a case whose files land in two chunks would not link.
 */
const CASE_MENTION = /\bcase(?:\s|\/\*[\s\S]*?\*\/|\/\/[^\n\r]*)*"((?:\\.|[^"\\\r\n])*)"/g;

function caseMentions(text: string): string[] {
  const ids: string[] = [];
  for (const match of text.matchAll(CASE_MENTION)) {
    const written = match[1]!;
    // A case block's id is the string read as Langium reads it (escapes undone); a `for case` names it as
    // written. Both forms join the group.
    ids.push(written, unescaped(written));
  }
  return ids;
}

function unescaped(written: string): string {
  const escapes: Record<string, string> = { b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0' };
  return written.replace(/\\(.)/g, (_, char: string) => escapes[char] ?? char);
}

/** The files of each case together; files that share a case id with no other file each make a group. */
export function groupByCase(files: readonly RecordInput[]): RecordInput[][] {
  const root = files.map((_, index) => index);
  const find = (index: number): number => {
    while (root[index] !== index) index = root[index] = root[root[index]!]!;
    return index;
  };
  const fileOfCase = new Map<string, number>();
  files.forEach((file, index) => {
    for (const caseId of caseMentions(file.text)) {
      const other = fileOfCase.get(caseId);
      if (other === undefined) fileOfCase.set(caseId, index);
      else root[find(index)] = find(other);
    }
  });
  const groups = new Map<number, RecordInput[]>();
  files.forEach((file, index) => {
    const key = find(index);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = []));
    group.push(file);
  });
  return [...groups.values()];
}

function sizeOf(files: readonly RecordInput[]): number {
  return files.reduce((sum, f) => sum + f.text.length, 0);
}

/**
 * Packs whole groups into chunks of about `bytes` of text (a larger case is a chunk of its own), largest
 * groups first: handed out in this order, the threads finish at about the same time.
 */
export function chunksOf(groups: readonly RecordInput[][], bytes: number): RecordInput[][] {
  const chunks: RecordInput[][] = [];
  let current: RecordInput[] = [];
  let size = 0;
  for (const group of [...groups].sort((a, b) => sizeOf(b) - sizeOf(a))) {
    current.push(...group);
    size += sizeOf(group);
    if (size >= bytes) {
      chunks.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
