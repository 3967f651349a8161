import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { RULES } from '@caserec/language';
import type { ValidationReport } from './types.js';

const LEVEL = { error: 'error', warning: 'warning', info: 'note' } as const;

/** SARIF 2.1.0, with every rule of the catalogue as a reporting descriptor. */
export function formatSarif(report: ValidationReport, version: string): string {
  const ruleIndex = new Map(RULES.map((rule, index) => [rule.code, index]));
  const results = report.files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code) ?? 0,
      level: LEVEL[d.severity],
      message: { text: d.message },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: toUri(file.path) },
            region: { startLine: d.line, startColumn: d.column, endLine: d.endLine, endColumn: d.endColumn },
          },
        },
      ],
    })),
  );
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'caserec',
            version,
            rules: RULES.map((rule) => ({
              id: rule.code,
              name: rule.name,
              shortDescription: { text: rule.summary },
              fullDescription: { text: rule.explanation },
              help: { text: `${rule.explanation} Source: ${rule.source}.` },
              defaultConfiguration: { level: LEVEL[rule.severity] },
              properties: { source: rule.source, family: rule.family },
            })),
          },
        },
        invocations: [{ executionSuccessful: true, properties: { asOf: report.asOf } }],
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}

/** Relative paths stay relative URIs (resolved against the checkout by SARIF viewers); absolute become file: URIs. */
function toUri(filePath: string): string {
  if (path.isAbsolute(filePath)) return pathToFileURL(filePath).href;
  return filePath.split(path.sep).map(encodeURIComponent).join('/');
}
