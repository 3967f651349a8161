import * as path from 'node:path';
import { findRule, RULES, type RuleMetadata } from '@caserec/language';
import { EXIT_OK, UsageError } from '../errors.js';
import type { CommandIO } from './validate.js';

export const RULES_HELP = `Usage: caserec rules [CODE|NAME] [--format text|json|markdown]

Lists every rule with its code, name and default severity; with a code or name, explains that rule.`;

export function describeRule(rule: RuleMetadata): string {
  return [`${rule.code} ${rule.name} (${rule.severity})`, '', rule.summary, '', rule.explanation, '', `Source: ${rule.source}`, ''].join(
    '\n',
  );
}

/** docs/rules.md, generated from the catalogue (npm run docs:rules). */
export function rulesMarkdown(): string {
  const lines = [
    '# caserec rules',
    '',
    'Generated from the rule catalogue (`packages/language/src/rules/catalogue.ts`) by `caserec rules --format markdown`. Do not edit by hand.',
    '',
  ];
  lines.push('| code | name | default | what it flags |', '|---|---|---|---|');
  for (const rule of RULES) lines.push(`| ${rule.code} | ${rule.name} | ${rule.severity} | ${rule.summary} |`);
  for (const rule of RULES)
    lines.push(
      '',
      `## ${rule.code} ${rule.name}`,
      '',
      `Default severity: ${rule.severity}.`,
      '',
      rule.explanation,
      '',
      `Source: ${rule.source}.`,
    );
  return lines.join('\n') + '\n';
}

export async function rulesCommand(args: readonly string[], io: CommandIO): Promise<number> {
  const format = optionValue(args, '--format') ?? 'text';
  const output = optionValue(args, '--output');
  const wanted = args.filter((arg, i) => !arg.startsWith('--') && args[i - 1] !== '--format' && args[i - 1] !== '--output');
  if (args.includes('--help') || args.includes('-h')) {
    io.write(RULES_HELP + '\n');
    return EXIT_OK;
  }
  if (!['text', 'json', 'markdown'].includes(format)) throw new UsageError(`--format ${format}: use text, json or markdown`);
  const unknownOption = args.find((arg) => arg.startsWith('--') && !['--format', '--output'].includes(arg.split('=')[0]!));
  if (unknownOption) throw new UsageError(`${unknownOption}: unknown option for caserec rules`);
  const selected = wanted.map((code) => {
    const rule = findRule(code);
    if (!rule) throw new UsageError(`${code}: no such rule; \`caserec rules\` lists them`);
    return rule;
  });
  const rules = selected.length > 0 ? selected : RULES;
  const text =
    format === 'json'
      ? JSON.stringify(rules, null, 2) + '\n'
      : format === 'markdown'
        ? rulesMarkdown()
        : selected.length > 0
          ? selected.map(describeRule).join('\n')
          : RULES.map((r) => `${r.code}  ${r.name.padEnd(28)} ${r.severity.padEnd(8)} ${r.summary}`).join('\n') + '\n';
  if (output) io.writeFile(path.resolve(io.cwd, output), text);
  else io.write(text);
  return EXIT_OK;
}

function optionValue(args: readonly string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at >= 0) {
    const value = args[at + 1];
    if (value === undefined) throw new UsageError(`${name} needs a value`);
    return value;
  }
  return args.find((a) => a.startsWith(name + '='))?.slice(name.length + 1);
}
