import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_POLICY, POLICY_FILE_NAME, POLICY_SETTING_NOTES, TIMESCALE_SETTINGS, RULES, readPolicyFile } from '@caserec/language';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CommandIO } from './validate.js';

export const INIT_HELP = `Usage: caserec init [FOLDER] [--force]

Writes ${POLICY_FILE_NAME} with every setting at its default and a comment for each, in FOLDER (default the
current folder). An existing file is kept unless --force is given.`;

const HEURISTIC_NOTES: Record<string, string> = {
  voice: 'CR102/CR104: what counts as the child\u2019s own words, an observation of the child, or direct work.',
  analysis: 'CR201: signals of weighing risks against strengths and of meaning for the child; minimum length.',
  supervision: 'CR204: signals of a hypothesis, of meaning for the child, and of challenge.',
  optimism: 'CR203: optimistic phrases, and what counts as evidence behind them.',
  impact: 'CR601: placeholders, overlap threshold with the event, and words that speak of an effect on the child.',
  history: 'CR202: phrases that refer back to earlier involvement (dates and years are recognised too).',
};

function indentJson(value: unknown, indent: string): string {
  return JSON.stringify(value, null, 2).replace(/\n/g, '\n' + indent);
}

/** The default policy as JSON with comments (the policy reader accepts // comments). */
export function defaultPolicyText(): string {
  const lines: string[] = [
    '// caserec policy: timescales, thresholds, word lists and severities. Every value shown is the default;',
    '// delete a setting to keep the default, or change it to your local standard. Checked when caserec runs:',
    '// an unknown key or a bad value is reported with its name and line.',
    '{',
    `  // ${POLICY_SETTING_NOTES.rules}`,
    '  // For example: "CR104": "off", "CR310": "error". Rules and their default severities:',
    ...RULES.map((rule) => `  //   ${rule.code} ${rule.name} (${rule.severity})`),
    '  "rules": {},',
    '',
    '  "timescales": {',
  ];
  const timescales = Object.entries(TIMESCALE_SETTINGS);
  timescales.forEach(([key, setting], index) => {
    lines.push(`    // ${setting.why}`);
    lines.push(
      `    "${key}": ${JSON.stringify(DEFAULT_POLICY.timescales[key as keyof typeof DEFAULT_POLICY.timescales])}${index < timescales.length - 1 ? ',' : ''}`,
    );
  });
  lines.push('  },', '');
  lines.push(`  // ${POLICY_SETTING_NOTES.localClosureDays}`, `  "localClosureDays": [],`, '');
  lines.push(`  // ${POLICY_SETTING_NOTES.managerRoles}`, `  "managerRoles": ${JSON.stringify(DEFAULT_POLICY.managerRoles)},`, '');
  lines.push(`  // ${POLICY_SETTING_NOTES.heuristics}`, '  "heuristics": {');
  const sections = Object.entries(DEFAULT_POLICY.heuristics);
  sections.forEach(([key, value], index) => {
    lines.push(`    // ${HEURISTIC_NOTES[key] ?? key}`);
    lines.push(`    "${key}": ${indentJson(value, '    ')}${index < sections.length - 1 ? ',' : ''}`);
  });
  lines.push('  }', '}', '');
  return lines.join('\n');
}

export async function initCommand(args: readonly string[], io: CommandIO): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    io.write(INIT_HELP + '\n');
    return EXIT_OK;
  }
  const unknown = args.find((a) => a.startsWith('-') && a !== '--force');
  if (unknown) throw new UsageError(`${unknown}: unknown option for caserec init`);
  const folders = args.filter((a) => !a.startsWith('-'));
  if (folders.length > 1) throw new UsageError('init takes one folder');
  const folder = path.resolve(io.cwd, folders[0] ?? '.');
  if (!fs.existsSync(folder) || !fs.statSync(folder).isDirectory()) throw new UsageError(`${folders[0] ?? '.'}: no such folder`);
  const file = path.join(folder, POLICY_FILE_NAME);
  if (fs.existsSync(file) && !args.includes('--force')) throw new UsageError(`${file}: already exists (use --force to overwrite)`);
  io.writeFile(file, defaultPolicyText());
  // What we write must read back clean: the policy reader is the judge.
  const problems = readPolicyFile(file).problems;
  if (problems.length > 0) throw new UsageError(`${file}: internal error, the default policy does not validate: ${problems[0]!.message}`);
  const shown = path.relative(io.cwd, file);
  io.write(`Wrote ${shown.startsWith('..') ? file : shown}\n`);
  return EXIT_OK;
}
