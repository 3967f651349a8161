import * as path from 'node:path';
import { parseArgs } from 'node:util';
import type { LangiumDocument } from 'langium';
import {
  buildChronology,
  chronologyCsv,
  chronologyHtml,
  chronologyJson,
  chronologyMarkdown,
  isSignificance,
  time,
  type CaseModel,
  type CaserecServices,
  type ChronologyFilter,
  type FileResult,
  type LoadedPolicy,
} from '@caserec/language';
import { EXIT_OK, UsageError } from '../errors.js';
import { loadAndValidate, type CommandIO } from './validate.js';

export const CHRONOLOGY_HELP = `Usage: caserec chronology [paths…] [options]

Writes the chronology of each case in the records given: every entry of the case, from all of its files, in
date and time order, with its source, significance and impact on the child, and the gaps in service.
Paths are files, folders (searched for *.case) and globs, as for \`caserec validate\`; none means the current folder.

Options:
  --child ID                          only the entries about this child (the id in the case block)
  --from YYYY-MM-DD, --to YYYY-MM-DD  only the entries in this date range (inclusive)
  --significance low|medium|high      only the entries of at least this significance
  --format md|html|csv|json           output format (default md)
  --out FILE                          write to FILE instead of standard output
  --as-of YYYY-MM-DD                  open gaps run to this date (default today)
  --config FILE                       policy file (default: .caserec.json found from each record's folder upwards)

Exit codes: 0 written, 2 usage, configuration or I/O error.`;

const FORMATS = ['md', 'markdown', 'html', 'csv', 'json'] as const;

export function parseDateOption(option: string, value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = time.parseIsoDate(value);
  if (!date) throw new UsageError(`${option} ${value}: not a date; use YYYY-MM-DD`);
  return date;
}

/** The cases of the records given, with how to name their files and which policy each runs under. */
export interface LoadedCases {
  readonly services: CaserecServices;
  readonly asOf: string;
  readonly results: readonly FileResult[];
  /** The documents asked for, with their paths as shown. */
  readonly requested: readonly { path: string; document: LangiumDocument }[];
  /** Every case with at least one file asked for, by case id. */
  readonly models: readonly CaseModel[];
  pathOf(document: LangiumDocument): string;
  policyOf(model: CaseModel): LoadedPolicy;
}

/**
 * Loads and validates the records exactly as `caserec validate` does (files, folders, globs, split cases,
 * exit-2 errors), then picks the cases that the files asked for belong to. A file of a split case brings the
 * rest of its case, so that the chronology and the report see the whole case.
 */
export async function loadCases(
  io: CommandIO,
  paths: readonly string[],
  options: { asOf?: string; config?: string },
): Promise<LoadedCases> {
  const { services, results, documents, asOf } = await loadAndValidate(io, paths, options);
  // loadAndValidate reports paths as given (or relative to the working directory); resolving them against the
  // working directory gives back the absolute path each document was loaded from.
  const shownByFile = new Map(results.map((result) => [path.resolve(io.cwd, result.path), result.path]));
  const pathOf = (document: LangiumDocument) => {
    const absolute = document.uri.fsPath;
    const shown = shownByFile.get(absolute);
    if (shown !== undefined) return shown;
    const relative = path.relative(io.cwd, absolute);
    return relative.startsWith('..') || path.isAbsolute(relative) ? absolute : relative;
  };
  const requested = documents
    .filter((document) => shownByFile.has(document.uri.fsPath))
    .map((document) => ({ path: pathOf(document), document }));
  const wanted = new Set(requested.map((r) => r.document.uri.toString()));
  const models = [...services.caserec.CaseValidator.caseModels().values()]
    .filter((model) => model.documents.some((document) => wanted.has(document.uri.toString())))
    .sort((a, b) => a.caseId.localeCompare(b.caseId));
  const settings = services.caserec.Settings;
  const policyOf = (model: CaseModel) => {
    // A case runs under the policy of the file that declares it, as in the engine (CaseValidator.runRules).
    const declaring = model.documents.find((d) => d.parseResult.value.caseDecl) ?? model.documents[0]!;
    return settings.policyFor(declaring.uri);
  };
  return { services, asOf, results, requested, models, pathOf, policyOf };
}

/** Files given that do not parse cleanly still give a chronology; the reader is told it may be incomplete. */
export function warnAboutErrors(results: readonly FileResult[]): void {
  const broken = results.filter((result) => result.diagnostics.some((d) => d.code === 'CR001'));
  if (broken.length === 0) return;
  const names = broken
    .slice(0, 3)
    .map((r) => r.path)
    .join(', ');
  process.stderr.write(
    `caserec: ${broken.length} file${broken.length === 1 ? '' : 's'} (${names}${broken.length > 3 ? ', …' : ''}) ${broken.length === 1 ? 'has' : 'have'} text that does not parse; entries in it may be missing. Run \`caserec validate\` to see where.\n`,
  );
}

function filterNote(filter: ChronologyFilter): string | undefined {
  const parts: string[] = [];
  if (filter.child) parts.push(`entries about ${filter.child}`);
  if (filter.from && filter.to) parts.push(`from ${time.formatLongDate(filter.from)} to ${time.formatLongDate(filter.to)}`);
  else if (filter.from) parts.push(`from ${time.formatLongDate(filter.from)}`);
  else if (filter.to) parts.push(`up to ${time.formatLongDate(filter.to)}`);
  if (filter.significance) parts.push(`of ${filter.significance} significance or higher`);
  return parts.length > 0 ? parts.join(', ') : undefined;
}

export async function chronologyCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      child: { type: 'string' },
      from: { type: 'string' },
      to: { type: 'string' },
      significance: { type: 'string' },
      format: { type: 'string', default: 'md' },
      out: { type: 'string' },
      output: { type: 'string' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.write(CHRONOLOGY_HELP + '\n');
    return EXIT_OK;
  }
  const format = values.format;
  if (!(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format ${format}: use md, html, csv or json`);
  const from = parseDateOption('--from', values.from);
  const to = parseDateOption('--to', values.to);
  if (from && to && time.compareDates(from, to) > 0) throw new UsageError(`--from ${from} is after --to ${to}`);
  const significance = values.significance;
  if (significance !== undefined && !isSignificance(significance))
    throw new UsageError(`--significance ${significance}: use low, medium or high`);
  const child = values.child;
  if (child !== undefined && !/^[a-zA-Z][a-zA-Z0-9_-]*$/.test(child))
    throw new UsageError(`--child ${child}: not a child id (the id in the case block, such as amelia)`);
  const out = values.out ?? values.output;

  const loaded = await loadCases(io, positionals, { asOf: values['as-of'], config: values.config });
  const filter: ChronologyFilter = { child, from, to, significance };
  let models = loaded.models;
  if (child !== undefined) {
    models = models.filter((model) => model.children.some((c) => c.name === child));
    if (models.length === 0) throw new UsageError(`--child ${child}: no child with this id in the records given`);
  }
  const settings = loaded.services.caserec.Settings;
  const chronologies = models.map((model) => {
    const policy = loaded.policyOf(model);
    return buildChronology(model, {
      policy: policy.policy,
      calendar: settings.calendarFor(policy),
      asOf: loaded.asOf,
      pathOf: loaded.pathOf,
      filter,
    });
  });
  const note = filterNote(filter);
  const text =
    format === 'json'
      ? chronologyJson(chronologies)
      : format === 'csv'
        ? chronologyCsv(chronologies)
        : format === 'html'
          ? chronologyHtml(chronologies, { filterNote: note })
          : chronologyMarkdown(chronologies, { filterNote: note });
  warnAboutErrors(loaded.results);
  if (out) io.writeFile(path.resolve(io.cwd, out), text);
  else io.write(text);
  return EXIT_OK;
}
