import * as fs from 'node:fs';
import * as path from 'node:path';
import fg from 'fast-glob';
import { UsageError } from './errors.js';

export interface RecordFile {
  /** As given, or relative to the working directory (the output contract). */
  readonly path: string;
  readonly absolute: string;
  /** Read only to link a case split across files; its own findings are not reported. */
  readonly contextOnly?: boolean;
}

const GLOB_CHARS = /[*?[\]{}]/;

/**
 * Files, folders (searched for *.case, skipping node_modules and dot-folders) and globs; none means the
 * current folder. A path that does not exist is a usage error naming it.
 */
export function findRecordFiles(args: readonly string[], cwd = process.cwd()): RecordFile[] {
  const inputs = args.length > 0 ? args : ['.'];
  const found = new Map<string, RecordFile>();
  const add = (absolute: string, shown: string) => {
    if (!found.has(absolute)) found.set(absolute, { path: shown, absolute });
  };
  for (const input of inputs) {
    const absolute = path.resolve(cwd, input);
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(absolute);
    } catch {
      stat = undefined;
    }
    if (stat?.isFile()) {
      add(absolute, input);
    } else if (stat?.isDirectory()) {
      for (const file of fg.sync('**/*.case', { cwd: absolute, ignore: ['**/node_modules/**'], dot: false, onlyFiles: true }).sort()) {
        const full = path.join(absolute, file);
        add(full, relative(cwd, full));
      }
    } else if (GLOB_CHARS.test(input)) {
      const matches = fg.sync(input, { cwd, onlyFiles: true, ignore: ['**/node_modules/**'] }).sort();
      if (matches.length === 0) throw new UsageError(`${input}: no files match this pattern`);
      for (const file of matches) add(path.resolve(cwd, file), file);
    } else {
      throw new UsageError(`${input}: no such file or folder`);
    }
  }
  for (const file of found.values()) {
    try {
      fs.accessSync(file.absolute, fs.constants.R_OK);
    } catch {
      throw new UsageError(`${file.path}: cannot be read (permission denied)`);
    }
  }
  return [...found.values()];
}

const FOR_CASE = /^[ \t]*for[ \t]+case[ \t]+"([^"]*)"/m;
const CASE_DECL = /^[ \t]*case[ \t]+"([^"]*)"/gm;

/**
 * A file given alone may belong to a case declared in another file of its folder (`for case "…"`). When a
 * given file's case is not declared in any given file, the other .case files of its folder are read too, so
 * that the case links; only the files asked for are reported.
 */
export function withCaseSiblings(files: readonly RecordFile[], texts: ReadonlyMap<string, string>, cwd = process.cwd()): RecordFile[] {
  const declared = new Set<string>();
  for (const text of texts.values()) for (const match of text.matchAll(CASE_DECL)) declared.add(match[1]!);
  const folders = new Set<string>();
  for (const file of files) {
    const caseId = FOR_CASE.exec(texts.get(file.absolute) ?? '')?.[1];
    if (caseId !== undefined && !declared.has(caseId)) folders.add(path.dirname(file.absolute));
  }
  const given = new Set(files.map((f) => f.absolute));
  const extra: RecordFile[] = [];
  for (const folder of folders) {
    for (const name of fs.readdirSync(folder).sort()) {
      const absolute = path.join(folder, name);
      // As the folder search does: no dot-files (editor lock files such as .#case.case), only real files.
      if (name.endsWith('.case') && !name.startsWith('.') && !given.has(absolute) && isFile(absolute)) {
        given.add(absolute);
        extra.push({ path: relative(cwd, absolute), absolute, contextOnly: true });
      }
    }
  }
  return [...files, ...extra];
}

function isFile(file: string): boolean {
  try {
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function relative(cwd: string, absolute: string): string {
  const rel = path.relative(cwd, absolute);
  return rel.startsWith('..') || path.isAbsolute(rel) ? absolute : rel;
}

export function readRecord(file: RecordFile): string {
  try {
    return fs.readFileSync(file.absolute, 'utf8');
  } catch (error) {
    throw new UsageError(`${file.path}: cannot be read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
}
