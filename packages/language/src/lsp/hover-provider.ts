import type { AstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils } from 'langium';
import type { HoverProvider } from 'langium/lsp';
import type { Hover, HoverParams, Position, Range } from 'vscode-languageserver';
import type { Entry, Party } from '../generated/ast.js';
import { isAdult, isAgency, isChild, isEntry, isWorker } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import { ENTRY_KINDS } from '../model/entry-kinds.js';
import { ageOn } from '../model/derived.js';
import { ruleByCode } from '../rules/catalogue.js';
import { formatLongDate, parseIsoDate } from '../time/index.js';
import { clockContextFor } from './case-documents.js';
import { clocksOf, describeClockLong } from './clocks.js';
import { guarded } from './safety.js';

/**
 * Hover text, in the order a worker needs it:
 * - on a finding, the rule's explanation and its source (from the rule catalogue);
 * - on a person, who they are: name, role or relationship, and a child's age on the entry's date;
 * - on an entry header, the clocks the entry starts and where they stand.
 */
export class CaserecHoverProvider implements HoverProvider {
  constructor(private readonly services: CaserecServices) {}

  getHoverContent(document: LangiumDocument, params: HoverParams): Hover | undefined {
    return guarded('hover', undefined, () => {
      const sections = [...this.findings(document, params.position)];
      const root = document.parseResult.value.$cstNode;
      const offset = document.textDocument.offsetAt(params.position);
      const leaf = root ? CstUtils.findLeafNodeAtOffset(root, offset) : undefined;
      if (leaf && !leaf.hidden) {
        const person = this.personAt(leaf);
        if (person) sections.push(this.describePerson(person, AstUtils.getContainerOfType(leaf.astNode, isEntry)));
        else if (isEntry(leaf.astNode)) sections.push(...this.clocks(document, leaf.astNode));
      }
      if (sections.length === 0) return undefined;
      return { contents: { kind: 'markdown', value: sections.join('\n\n---\n\n') } };
    });
  }

  private *findings(document: LangiumDocument, position: Position): Iterable<string> {
    const seen = new Set<string>();
    for (const diagnostic of document.diagnostics ?? []) {
      const code = String(diagnostic.code ?? '');
      if (!contains(diagnostic.range, position) || seen.has(code)) continue;
      seen.add(code);
      const rule = ruleByCode(code);
      if (!rule) continue;
      yield `**${rule.code} ${rule.name}** (${rule.severity})\n\n${rule.explanation}\n\n_Source: ${rule.source}_`;
    }
  }

  private personAt(leaf: NonNullable<ReturnType<typeof CstUtils.findLeafNodeAtOffset>>): Party | undefined {
    const target = this.services.references.References.findDeclarations(leaf)[0];
    return target && (isChild(target) || isAdult(target) || isWorker(target) || isAgency(target)) ? target : undefined;
  }

  describePerson(person: Party, entry: Entry | undefined): string {
    const head = `**${person.fullName}** (\`${person.name}\`)`;
    if (isChild(person)) {
      const on = entry && parseIsoDate(entry.date) ? entry.date : this.services.caserec.Settings.getAsOf();
      const age = ageOn(person, on);
      const born = person.born && parseIsoDate(person.born) ? `, born ${formatLongDate(person.born)}` : ', date of birth not recorded';
      const aged = age === undefined ? '' : ` — aged ${age} on ${formatLongDate(on)}${entry ? ' (the date of this entry)' : ''}`;
      return `${head}: child${born}${aged}`;
    }
    if (isAdult(person)) return `${head}: adult${person.relationship ? `, ${person.relationship}` : ''}`;
    if (isWorker(person)) return `${head}: worker${person.role ? `, ${person.role}` : ''}${person.team ? `, ${person.team} team` : ''}`;
    return `${head}: agency`;
  }

  private clocks(document: LangiumDocument, entry: Entry): string[] {
    const context = clockContextFor(this.services, document);
    if (!context) return [];
    const clocks = clocksOf(entry, context);
    if (clocks.length === 0) return [];
    const kind = ENTRY_KINDS[entry.$type];
    const lines = clocks.map((clock) => `- ${describeClockLong(clock, context)}`);
    return [
      `**This ${kind.label} of ${formatLongDate(entry.date)} starts:**\n\n${lines.join('\n')}\n\n_As of ${formatLongDate(context.asOf)}._`,
    ];
  }
}

function contains(range: Range, position: Position): boolean {
  const afterStart =
    position.line > range.start.line || (position.line === range.start.line && position.character >= range.start.character);
  const beforeEnd = position.line < range.end.line || (position.line === range.end.line && position.character <= range.end.character);
  return afterStart && beforeEnd;
}

export type { AstNode };
