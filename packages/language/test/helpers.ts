import { EmptyFileSystem } from 'langium';
import type { LangiumDocument } from 'langium';
import { createCaserecServices, validateFiles } from '../src/index.js';
import type { CaserecServices, Document, ReportedDiagnostic } from '../src/index.js';

/** The as-of date the tests use unless they say otherwise: no fixture entry is dated after it. */
export const DEFAULT_AS_OF = '2023-03-10';

/**
 * Inline sources are given to the engine with their text, so nothing is read from disk: they live under this
 * folder, which does not exist. (Policy discovery still looks for a .caserec.json from here upwards, finds
 * none, and uses the defaults.)
 */
export const VIRTUAL_ROOT = '/caserec-test';

export interface Validation {
  /** Each file's findings, keyed by the name it was given under, sorted by line and column. */
  readonly diagnostics: Map<string, ReportedDiagnostic[]>;
  /** Each file's parsed and linked document, keyed the same way. */
  readonly documents: Map<string, LangiumDocument<Document>>;
  readonly services: CaserecServices;
}

/**
 * Parses, links and validates the given files together, as the CLI does (so a case split across files links),
 * with fresh services each time: Langium keeps every document in its workspace, so shared services would let
 * one test's files link into another's. Names may hold folders (`morgan/case.case`).
 */
export async function validateAll(files: Record<string, string>, asOf = DEFAULT_AS_OF): Promise<Validation> {
  const { Caserec } = createCaserecServices(EmptyFileSystem);
  Caserec.caserec.Settings.asOf = asOf;
  const names = Object.keys(files);
  const { results, documents } = await validateFiles(
    Caserec,
    names.map((name) => ({ path: name, absolute: `${VIRTUAL_ROOT}/${name}`, text: files[name] })),
  );
  return {
    diagnostics: new Map(results.map((result) => [result.path, result.diagnostics])),
    documents: new Map(names.map((name, index) => [name, documents[index] as LangiumDocument<Document>])),
    services: Caserec,
  };
}

/** Each file's findings as of `asOf` (default 2023-03-10). */
export async function validate(files: Record<string, string>, asOf = DEFAULT_AS_OF): Promise<Map<string, ReportedDiagnostic[]>> {
  return (await validateAll(files, asOf)).diagnostics;
}

/** The findings of a single inline file. */
export async function validateOne(text: string, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  return (await validate({ 'test.case': text }, asOf)).get('test.case') ?? [];
}

/** The codes of some findings, in their order (`['CR001', 'CR003']`). */
export function codes(diagnostics: readonly ReportedDiagnostic[]): string[] {
  return diagnostics.map((d) => d.code);
}

/** The findings with one code. */
export function withCode(diagnostics: readonly ReportedDiagnostic[], code: string): ReportedDiagnostic[] {
  return diagnostics.filter((d) => d.code === code);
}

/** The 1-based lines of the findings with one code. */
export function linesOf(diagnostics: readonly ReportedDiagnostic[], code: string): number[] {
  return withCode(diagnostics, code).map((d) => d.line);
}

/** The 1-based line of the first line of `text` that contains `marker` (throws when there is none). */
export function lineOf(text: string, marker: string): number {
  const index = text.split('\n').findIndex((line) => line.includes(marker));
  if (index < 0) throw new Error(`marker not found: ${marker}`);
  return index + 1;
}

/**
 * A small case block for inline tests: two children (amelia born 2016, ben born 2020), two adults, workers of
 * each role that the records rules care about, and two agencies. All fictional.
 */
export const CASE_BLOCK = `case "SG-900100" {
  title "Fictional Brook family"
  child amelia "Amelia Brook" born 2016-04-12
  child ben "Ben Brook" born 2020-09-01
  adult sarah "Sarah Brook" relationship "mother"
  adult kyle "Kyle Farrow" relationship "mother's partner"
  worker jo "Jo Fennick" role social-worker team "Response"
  worker pat "Pat Oduya" role senior-practitioner team "Response"
  worker ali "Ali Rendle" role team-manager team "Response"
  worker sam "Sam Ibbot" role service-manager team "Children's Services"
  agency police "Midshire Police"
  agency school "Hollow Lane Primary School"
}
`;

/** A source made of the case block above and some entries. */
export function withCase(entries: string): string {
  return `${CASE_BLOCK}\n${entries}`;
}
