import * as fs from 'node:fs';
import * as path from 'node:path';
import type { z } from 'zod';
import { DEFAULT_POLICY, policySchema, type Policy } from './schema.js';
import { lineAt, linesByPath } from './json-lines.js';

export const POLICY_FILE_NAME = '.caserec.json';

export interface PolicyProblem {
  readonly file: string;
  /** 1-based line of the key at fault, when it can be found. */
  readonly line: number;
  readonly key: string;
  readonly message: string;
}

export interface LoadedPolicy {
  readonly policy: Policy;
  /** The file it came from; undefined for the built-in defaults. */
  readonly file?: string;
  readonly problems: readonly PolicyProblem[];
}

/**
 * Removes `//` and `/* *\/` comments outside strings, so that the policy file can carry a comment for each
 * setting (`caserec init` writes them) and still be read as JSON. Line breaks are kept, so line numbers hold.
 */
export function stripJsonComments(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
    } else if (c === '"') {
      inString = true;
      out += c;
    } else if (c === '/' && text[i + 1] === '/') {
      while (i < text.length && text[i] !== '\n') i++;
      out += '\n';
    } else if (c === '/' && text[i + 1] === '*') {
      i += 2;
      while (i < text.length && !(text[i] === '*' && text[i + 1] === '/')) {
        if (text[i] === '\n') out += '\n';
        i++;
      }
      i++;
    } else {
      out += c;
    }
  }
  return out;
}

function describeIssue(issue: z.core.$ZodIssue): { key: string; path: string; message: string } {
  const path = issue.path.map(String).join('.');
  const key = path || '(top level)';
  if (issue.code === 'unrecognized_keys') {
    const full = [...issue.path.map(String), issue.keys[0]].join('.');
    return { key: full, path: full, message: `unknown setting "${issue.keys.join('", "')}"` };
  }
  if (issue.code === 'invalid_key') return { key, path, message: 'not a rule code (a rule code looks like CR305)' };
  if (issue.code === 'invalid_union' && issue.path[0] === 'rules') return { key, path, message: 'use "error", "warning", "info" or "off"' };
  return { key, path, message: issue.message };
}

/** Reads and checks one policy file. Never throws: problems are returned, with the defaults as policy. */
export function readPolicyFile(file: string): LoadedPolicy {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (error) {
    return {
      policy: DEFAULT_POLICY,
      file,
      problems: [{ file, line: 1, key: '(file)', message: `cannot read: ${(error as Error).message}` }],
    };
  }
  let json: unknown;
  const stripped = stripJsonComments(text);
  try {
    json = JSON.parse(stripped);
  } catch (error) {
    const message = (error as Error).message;
    const position = /position (\d+)/.exec(message)?.[1];
    const line = position !== undefined ? lineAt(stripped, Number(position)) : 1;
    return { policy: DEFAULT_POLICY, file, problems: [{ file, line, key: '(file)', message: `not valid JSON: ${message}` }] };
  }
  const parsed = policySchema().safeParse(json);
  if (parsed.success) return { policy: parsed.data, file, problems: [] };
  const lines = linesByPath(stripped);
  const problems = parsed.error.issues.map((issue) => {
    const { key, path, message } = describeIssue(issue);
    return { file, line: lines.get(path) ?? lines.get(path.split('.').slice(0, -1).join('.')) ?? 1, key, message };
  });
  return { policy: DEFAULT_POLICY, file, problems };
}

/** The nearest .caserec.json from `folder` upwards, or undefined. */
export function findPolicyFile(folder: string): string | undefined {
  let current = path.resolve(folder);
  for (;;) {
    const candidate = path.join(current, POLICY_FILE_NAME);
    if (fs.existsSync(candidate)) return candidate;
    const parent = path.dirname(current);
    if (parent === current) return undefined;
    current = parent;
  }
}

export function formatPolicyProblem(problem: PolicyProblem): string {
  return `${problem.file}:${problem.line}: policy setting ${problem.key}: ${problem.message}`;
}
