import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { NodeFileSystem } from 'langium/node';
import { CaserecSettings, createCaserecServices, validateFiles, formatPolicyProblem, time } from '@caserec/language';
import { URI } from 'langium';
import { defaultJobs, validateRecords } from '../batch/pool.js';
import type { RecordInput } from '../batch/partition.js';
import { EXIT_FINDINGS, EXIT_OK, UsageError } from '../errors.js';
import { findRecordFiles, readRecord, withCaseSiblings } from '../files.js';
import { summarise } from '../format/types.js';
import { formatText } from '../format/text.js';
import { formatJson } from '../format/json.js';
import { formatSarif } from '../format/sarif.js';
import { formatJunit } from '../format/junit.js';
import { VERSION } from '../version.js';

export const VALIDATE_HELP = `Usage: caserec validate [paths…] [options]

Checks case records: files, folders (searched for *.case) and globs; none means the current folder.
All files of one case are read together, so a case split across files links.

Options:
  --format text|json|sarif|junit   output format (default text)
  --as-of YYYY-MM-DD               check as on this date (default today)
  --config FILE                    policy file (default: .caserec.json found from each record's folder upwards)
  --max-warnings N                 exit 1 when there are more than N warnings (default: no limit)
  --quiet                          report errors only
  --output FILE                    write the report to FILE instead of standard output
  --jobs N                         threads for large runs, this one and N-1 workers (default: one per
                                   core); a case's files always stay on one thread

Exit codes: 0 no errors (and warnings within --max-warnings), 1 findings over those limits, 2 usage,
configuration or I/O error.`;

export interface CommandIO {
  readonly cwd: string;
  write(text: string): void;
  writeFile(file: string, text: string): void;
}

export function parseAsOf(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  const date = time.parseIsoDate(value);
  if (!date) throw new UsageError(`--as-of ${value}: not a date; use YYYY-MM-DD`);
  return date;
}

export function parseCount(option: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`${option} ${value}: not a whole number`);
  return Number(value);
}

/** Services configured from the common options (as-of date and policy file); shared by every command. */
export function createConfiguredServices(io: CommandIO, options: { asOf?: string; config?: string }) {
  const { Caserec } = createCaserecServices(NodeFileSystem);
  const settings = Caserec.caserec.Settings;
  settings.asOf = parseAsOf(options.asOf) ?? time.todayIso();
  if (options.config !== undefined) {
    const file = path.resolve(io.cwd, options.config);
    settings.setPolicyFile(file);
  }
  return Caserec;
}

/** The records named by `paths`, with the other files of split cases, read; their policy files checked. */
export function collectRecords(io: CommandIO, paths: readonly string[], options: { config?: string }): RecordInput[] {
  const requested = findRecordFiles(paths, io.cwd);
  const texts = new Map(requested.map((file) => [file.absolute, readRecord(file)]));
  const all = withCaseSiblings(requested, texts, io.cwd);
  for (const file of all) if (!texts.has(file.absolute)) texts.set(file.absolute, readRecord(file));
  const settings = new CaserecSettings();
  if (options.config !== undefined) settings.setPolicyFile(path.resolve(io.cwd, options.config));
  for (const file of all) {
    const loaded = settings.policyFor(URI.file(file.absolute));
    if (loaded.problems.length > 0) throw new UsageError(loaded.problems.map(formatPolicyProblem).join('\n'));
  }
  return all.map((file) => ({ path: file.path, absolute: file.absolute, text: texts.get(file.absolute)!, contextOnly: file.contextOnly }));
}

/** Loads the records named by `paths` (with the other files of split cases) and validates them together. */
export async function loadAndValidate(io: CommandIO, paths: readonly string[], options: { asOf?: string; config?: string }) {
  const services = createConfiguredServices(io, options);
  const all = collectRecords(io, paths, options);
  const { results, documents } = await validateFiles(services, all);
  const reported = results.filter((_, index) => !all[index]!.contextOnly);
  return { services, results: reported, documents, asOf: services.caserec.Settings.getAsOf() };
}

export async function validateCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'text' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      'max-warnings': { type: 'string' },
      quiet: { type: 'boolean', default: false },
      output: { type: 'string' },
      jobs: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.write(VALIDATE_HELP + '\n');
    return EXIT_OK;
  }
  const format = values.format;
  if (!['text', 'json', 'sarif', 'junit'].includes(format)) throw new UsageError(`--format ${format}: use text, json, sarif or junit`);
  const maxWarnings = parseCount('--max-warnings', values['max-warnings']);
  const jobs = parseCount('--jobs', values.jobs) ?? defaultJobs();
  if (jobs < 1) throw new UsageError('--jobs 0: at least one job is needed');
  const asOf = parseAsOf(values['as-of']) ?? time.todayIso();
  const records = collectRecords(io, positionals, { config: values.config });
  const policyFile = values.config !== undefined ? path.resolve(io.cwd, values.config) : undefined;
  const results = await validateRecords(records, { asOf, policyFile }, jobs);
  const shown = values.quiet ? results.map((r) => ({ ...r, diagnostics: r.diagnostics.filter((d) => d.severity === 'error') })) : results;
  const report = summarise(asOf, shown);
  const full = summarise(asOf, results);
  const output =
    format === 'json'
      ? formatJson(report)
      : format === 'sarif'
        ? formatSarif(report, VERSION)
        : format === 'junit'
          ? formatJunit(report)
          : formatText(report, !values.output && process.stdout.isTTY === true);
  if (values.output) io.writeFile(path.resolve(io.cwd, values.output), output);
  else io.write(output);
  const tooManyWarnings = maxWarnings !== undefined && full.summary.warnings > maxWarnings;
  return full.summary.errors > 0 || tooManyWarnings ? EXIT_FINDINGS : EXIT_OK;
}
