import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { buildQaReport, reportCsv, reportHtml, reportJson } from '@caserec/language';
import { EXIT_OK, UsageError } from '../errors.js';
import { loadCases } from './chronology.js';
import type { CommandIO } from './validate.js';

export const REPORT_HELP = `Usage: caserec report [paths…] [options]

A quality-assurance report over the records given: compliance by rule, by team and by worker, caseloads on
the as-of date, timeliness distributions, the children waiting longest, and every finding with its file and
line. Paths are files, folders (searched for *.case) and globs, as for \`caserec validate\`.

Options:
  --format html|json|csv   html (default): one self-contained page with charts; json: the whole report;
                           csv: every finding, one a row, with its case, children, worker and team
  --out FILE               write to FILE instead of standard output
  --as-of YYYY-MM-DD       report as on this date (default today)
  --config FILE            policy file (default: .caserec.json found from each record's folder upwards)

Exit codes: 0 written, 2 usage, configuration or I/O error.`;

export async function reportCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: 'string', default: 'html' },
      out: { type: 'string' },
      output: { type: 'string' },
      'as-of': { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    io.write(REPORT_HELP + '\n');
    return EXIT_OK;
  }
  const format = values.format;
  if (!['html', 'json', 'csv'].includes(format)) throw new UsageError(`--format ${format}: use html, json or csv`);
  const out = values.out ?? values.output;
  const loaded = await loadCases(io, positionals, { asOf: values['as-of'], config: values.config });
  const settings = loaded.services.caserec.Settings;
  const diagnosticsOf = new Map(loaded.results.map((result) => [result.path, result.diagnostics]));
  const report = buildQaReport({
    asOf: loaded.asOf,
    cases: loaded.models.map((model) => {
      const policy = loaded.policyOf(model);
      return { model, policy: policy.policy, calendar: settings.calendarFor(policy) };
    }),
    files: loaded.requested.map(({ path: shown, document }) => ({
      path: shown,
      document,
      diagnostics: diagnosticsOf.get(shown) ?? [],
    })),
  });
  const text = format === 'json' ? reportJson(report) : format === 'csv' ? reportCsv(report) : reportHtml(report);
  if (out) io.writeFile(path.resolve(io.cwd, out), text);
  else io.write(text);
  return EXIT_OK;
}
