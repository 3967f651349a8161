import type { AstNode, CstNode, LangiumDocument } from 'langium';
import { AstUtils, CstUtils, GrammarUtils } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import type { CodeAction, CodeActionParams, Diagnostic, TextEdit } from 'vscode-languageserver';
import { CodeActionKind } from 'vscode-languageserver';
import type { Action, Document, Entry, Party } from '../generated/ast.js';
import { isAction, isAgency, isEntry, isPartyList, isWorker } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import { ENTRY_KINDS } from '../model/entry-kinds.js';
import { bodyItemName, findItem } from '../model/entry-fields.js';
import { guarded } from './safety.js';

/**
 * Quick fixes, keyed on a finding's code and the data its rule attached. They insert skeletons and never
 * change or remove a word the worker wrote:
 * - CR003, CR101: the missing field as an empty text block (`name: """"""`) in its place among the entry's
 *   fields, indented like them (braces are added to an entry that has none); an enumerated field gets one fix
 *   per allowed value instead, so that the worker chooses.
 * - CR103: `seen-alone: <child>`, or `not-alone: <child> because """"""`.
 * - CR006: ` owner <id>` (one fix per person who could own it) or ` due <as-of date>`.
 */
export class CaserecCodeActionProvider implements CodeActionProvider {
  constructor(private readonly services: CaserecServices) {}

  getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
    return guarded('code actions', [], () => params.context.diagnostics.flatMap((diagnostic) => this.fixesFor(document, diagnostic)));
  }

  private fixesFor(document: LangiumDocument, diagnostic: Diagnostic): CodeAction[] {
    const data = (diagnostic.data ?? {}) as Record<string, unknown>;
    const code = String(diagnostic.code ?? data.code ?? '');
    const node = this.nodeAt(document, diagnostic);
    if (!node) return [];
    switch (code) {
      case 'CR003':
      case 'CR101': {
        const entry = AstUtils.getContainerOfType(node, isEntry);
        return entry && typeof data.field === 'string' ? this.addField(document, diagnostic, entry, data.field) : [];
      }
      case 'CR103': {
        const entry = AstUtils.getContainerOfType(node, isEntry);
        return entry && typeof data.child === 'string' ? this.childSeenAlone(document, diagnostic, entry, data.child) : [];
      }
      case 'CR006': {
        const action = AstUtils.getContainerOfType(node, isAction);
        const missing = Array.isArray(data.missing) ? data.missing.map(String) : ['owner', 'due'];
        return action ? this.completeAction(document, diagnostic, action, missing) : [];
      }
      default:
        return [];
    }
  }

  private nodeAt(document: LangiumDocument, diagnostic: Diagnostic): AstNode | undefined {
    const root = document.parseResult.value.$cstNode;
    if (!root) return undefined;
    const offset = document.textDocument.offsetAt(diagnostic.range.start);
    return (CstUtils.findLeafNodeAtOffset(root, offset) ?? CstUtils.findLeafNodeBeforeOffset(root, offset))?.astNode;
  }

  private addField(document: LangiumDocument, diagnostic: Diagnostic, entry: Entry, field: string): CodeAction[] {
    const shape = ENTRY_KINDS[entry.$type].fields[field];
    if (!shape || findItem(entry, field)) return []; // an empty field is there to fill, not to add again
    if (shape.form === 'prose') {
      const title = `Add "${field}" to this ${ENTRY_KINDS[entry.$type].label}`;
      return [this.fix(document, diagnostic, title, insertBodyLine(document, entry, field, `${field}: """"""`), true)];
    }
    if (shape.form === 'enum') {
      return shape.values.map((value) =>
        this.fix(document, diagnostic, `Add "${field}: ${value}"`, insertBodyLine(document, entry, field, `${field}: ${value}`), false),
      );
    }
    // Dated statements, lists of people and actions need facts (a date, a name) that a fix cannot invent.
    return [];
  }

  private childSeenAlone(document: LangiumDocument, diagnostic: Diagnostic, entry: Entry, child: string): CodeAction[] {
    const fixes: CodeAction[] = [];
    const list = entry.items.find((item) => isPartyList(item) && item.name === 'seen-alone');
    if (list && isPartyList(list)) {
      const none = list.none ? GrammarUtils.findNodeForKeyword(list.$cstNode, 'none') : undefined;
      const last = list.parties.at(-1)?.$refNode;
      const edit: TextEdit | undefined = none
        ? { range: none.range, newText: child }
        : last
          ? { range: { start: last.range.end, end: last.range.end }, newText: `, ${child}` }
          : undefined;
      if (edit) fixes.push(this.fix(document, diagnostic, `Record ${child} as seen alone`, [edit], true));
    } else {
      fixes.push(
        this.fix(
          document,
          diagnostic,
          `Record ${child} as seen alone`,
          insertBodyLine(document, entry, 'seen-alone', `seen-alone: ${child}`),
          true,
        ),
      );
    }
    fixes.push(
      this.fix(
        document,
        diagnostic,
        `Give the reason ${child} was not seen alone`,
        insertBodyLine(document, entry, 'not-alone', `not-alone: ${child} because """"""`),
        false,
      ),
    );
    return fixes;
  }

  private completeAction(document: LangiumDocument, diagnostic: Diagnostic, action: Action, missing: string[]): CodeAction[] {
    const fixes: CodeAction[] = [];
    const what = GrammarUtils.findNodeForProperty(action.$cstNode, 'what');
    if (!what) return [];
    if (missing.includes('owner') && !action.owner) {
      const at = what.range.end;
      for (const person of this.possibleOwners(document, action)) {
        fixes.push(
          this.fix(
            document,
            diagnostic,
            `Add owner ${person.name} (${person.fullName})`,
            [{ range: { start: at, end: at }, newText: ` owner ${person.name}` }],
            false,
          ),
        );
      }
    }
    if (missing.includes('due') && !action.due) {
      const after = (action.owner?.$refNode ?? what).range.end;
      const date = this.services.caserec.Settings.getAsOf();
      fixes.push(
        this.fix(
          document,
          diagnostic,
          `Add due ${date} (then set the real date)`,
          [{ range: { start: after, end: after }, newText: ` due ${date}` }],
          false,
        ),
      );
    }
    return fixes;
  }

  /** Workers first (the entry's own people before the rest); in a safety plan, the family's adults too. */
  private possibleOwners(document: LangiumDocument, action: Action): Party[] {
    const model = this.services.caserec.CaseValidator.caseModelOf(document);
    const parties = model
      ? [...model.parties.values()]
      : ((document.parseResult.value as Document).caseDecl?.members ?? []).filter((m): m is Party => m.$type !== 'Title');
    const entry = AstUtils.getContainerOfType(action, isEntry);
    const own = new Set(
      entry
        ? Object.values(entry as unknown as Record<string, unknown>)
            .map((value) => (value as { ref?: Party } | undefined)?.ref?.name)
            .filter((name): name is string => typeof name === 'string')
        : [],
    );
    const people = parties.filter((p) => !isAgency(p) && (entry?.$type === 'SafetyPlan' || isWorker(p)));
    return people.sort((a, b) => Number(own.has(b.name)) - Number(own.has(a.name))).slice(0, 6);
  }

  private fix(document: LangiumDocument, diagnostic: Diagnostic, title: string, edits: TextEdit[], isPreferred: boolean): CodeAction {
    return {
      title,
      kind: CodeActionKind.QuickFix,
      diagnostics: [diagnostic],
      isPreferred,
      edit: { changes: { [document.uri.toString()]: edits } },
    };
  }
}

/**
 * The edit that puts `line` among an entry's fields: after the last field that comes before it in the kind's
 * field order (or before the first field that comes after it), indented like its siblings. An entry without
 * braces gets them.
 */
export function insertBodyLine(document: LangiumDocument, entry: Entry, field: string, line: string): TextEdit[] {
  const text = document.textDocument.getText();
  const entryCst = entry.$cstNode!;
  const entryIndent = indentationAt(text, entryCst.offset);
  const order = Object.keys(ENTRY_KINDS[entry.$type].fields);
  const rank = (name: string) => {
    const index = order.indexOf(name);
    return index < 0 ? order.length : index;
  };
  const wanted = rank(field);
  const items = entry.items.filter((item) => item.$cstNode);
  const before = items.filter((item) => rank(bodyItemName(item)) <= wanted).at(-1);
  if (before) {
    const end = lastToken(before.$cstNode!).range.end;
    return [{ range: { start: end, end }, newText: `\n${indentationAt(text, before.$cstNode!.offset)}${line}` }];
  }
  const first = items[0];
  if (first) {
    const start = first.$cstNode!.range.start;
    return [{ range: { start, end: start }, newText: `${line}\n${indentationAt(text, first.$cstNode!.offset)}` }];
  }
  const inner = entryIndent + '  ';
  const open = GrammarUtils.findNodeForKeyword(entryCst, '{');
  const close = GrammarUtils.findNodesForKeyword(entryCst, '}').at(-1);
  if (open && close && close.offset > open.offset) {
    const between = text.slice(open.end, close.offset);
    if (between.trim() === '')
      return [{ range: { start: open.range.end, end: close.range.start }, newText: `\n${inner}${line}\n${entryIndent}` }];
    return [{ range: { start: open.range.end, end: open.range.end }, newText: `\n${inner}${line}` }];
  }
  const end = lastToken(entryCst).range.end;
  return [{ range: { start: end, end }, newText: ` {\n${inner}${line}\n${entryIndent}}` }];
}

/** The last token of a node that is not a comment (a comment after it belongs to what follows). */
function lastToken(node: CstNode): CstNode {
  const leaves = CstUtils.flattenCst(node)
    .filter((leaf) => !leaf.hidden)
    .toArray();
  return leaves.at(-1) ?? node;
}

/** The spaces and tabs that start the line holding `offset`. */
function indentationAt(text: string, offset: number): string {
  const lineStart = text.lastIndexOf('\n', offset - 1) + 1;
  return /^[ \t]*/.exec(text.slice(lineStart, offset))?.[0] ?? '';
}
