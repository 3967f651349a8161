/** The prose passages of the good-practice sample, read from the contract fixture. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const source = readFileSync(join(here, '..', '..', '..', '..', 'test', 'fixtures', 'contract', 'jones-family.case'), 'utf8');

/** Every text block of the given field, whitespace collapsed as the language's value converter would leave it readable. */
export function jonesField(field: string): string[] {
  const re = new RegExp(`(?:^|\\s)${field}: """([\\s\\S]*?)"""`, 'g');
  return [...source.matchAll(re)].map((m) => m[1]!.replace(/\s+/g, ' ').trim());
}

export const JONES_CHILDREN = ['Amelia', 'Ben'];
export const JONES_ADULTS = ['Sarah', 'Kyle', 'Maureen', 'Jo', 'Ali'];
