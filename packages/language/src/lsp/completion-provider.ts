import type { AstNodeDescription, LangiumDocument, MaybePromise, ReferenceInfo, Stream } from 'langium';
import { AstUtils, CstUtils, GrammarAST } from 'langium';
import type { CompletionAcceptor, CompletionContext, CompletionProviderOptions, LangiumServices, NextFeature } from 'langium/lsp';
import { DefaultCompletionProvider } from 'langium/lsp';
import type { CompletionItem, CompletionList, CompletionParams } from 'vscode-languageserver';
import { CompletionItemKind, InsertTextFormat } from 'vscode-languageserver';
import type { Document, Entry, Party } from '../generated/ast.js';
import { isAdult, isChild, isEntry, isField, isWorker } from '../generated/ast.js';
import type { CaserecAddedServices } from '../caserec-module.js';
import {
  CLOSURE_REASONS,
  CONFERENCE_KINDS,
  CONTACT_OUTCOMES,
  ENTRY_KINDS,
  SECTION_47_OUTCOMES,
  SIGNIFICANCE,
  STEP_DOWN_LEVELS,
  WORKER_ROLES,
} from '../model/entry-kinds.js';
import { todayIso } from '../time/index.js';
import { isClosedTextBlock } from '../parser/token-builder.js';
import { bodyItemName } from '../model/entry-fields.js';
import { entrySnippet, entryTemplateLabel, type EntryType, type SnippetValues } from './entry-templates.js';
import { guardedAsync } from './safety.js';

/** The datatype rules that let keywords stand as values and names: their keywords are not keywords to offer. */
const VALUE_RULES = new Set(['Value', 'Keyword', 'EntryKeyword', 'OtherKeyword', 'DeclName', 'FieldName', 'StrayWord']);

/** Rules of the statements inside an entry's braces: their keywords are offered only where the kind has them. */
const STATEMENT_RULES = new Set([
  'PartyList',
  'DecisionStatement',
  'OutcomeStatement',
  'CompletedStatement',
  'AuthorisedStatement',
  'ReviewByStatement',
  'NotAloneStatement',
  'Action',
]);

/** Entry rule name -> its $type, for the grammar rules whose keyword starts an entry. */
const ENTRY_RULES = new Map<string, EntryType>(Object.keys(ENTRY_KINDS).map((type) => [type, type as EntryType]));

type Expected = 'child' | 'worker' | 'manager' | 'anyone';

/**
 * Completion that knows the language:
 * - keywords valid at the cursor (Langium's), without the flood of keywords that may also stand as values;
 * - an entry template (snippet) for each kind where an entry may start, filled with the case's people;
 * - people filtered by what fits: workers after `by`, children after `about`/`to`/`for`, managers after
 *   `authorised … by`;
 * - enumerated values after `consent:`, `decision:`, `significance` etc. (from ENTRY_KINDS);
 * - today's date where a date is expected.
 */
export class CaserecCompletionProvider extends DefaultCompletionProvider {
  private readonly caserec: CaserecAddedServices['caserec'];

  constructor(services: LangiumServices & CaserecAddedServices) {
    super(services);
    this.caserec = services.caserec;
  }

  // Not the space: it would ask for completion at every word of the prose.
  override readonly completionOptions: CompletionProviderOptions = { triggerCharacters: [':', ','] };

  override getCompletion(document: LangiumDocument, params: CompletionParams): Promise<CompletionList | undefined> {
    return guardedAsync('completion', undefined, () =>
      insideWords(document, document.textDocument.offsetAt(params.position)) ? undefined : super.getCompletion(document, params),
    );
  }

  protected override completionFor(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): MaybePromise<void> {
    const feature = next.feature;
    const rule = AstUtils.getContainerOfType(feature, GrammarAST.isParserRule)?.name;
    if (GrammarAST.isKeyword(feature)) {
      if (rule && VALUE_RULES.has(rule)) return;
      if (rule && STATEMENT_RULES.has(rule) && !this.kindHasStatement(context, feature.value)) return;
      const entryType = rule ? ENTRY_RULES.get(rule) : undefined;
      if (entryType && feature.value === ENTRY_KINDS[entryType].keyword) {
        // An entry starts a line: its keyword and template are offered there, not in the middle of a header.
        if (!atLineStart(context)) return;
        this.entryTemplate(context, entryType, acceptor);
      }
      return super.completionFor(context, next, acceptor);
    }
    if (GrammarAST.isRuleCall(feature)) {
      const called = feature.rule.ref?.name;
      if (called === 'DATE') return this.today(context, acceptor);
      if (called === 'FieldName' || (called === 'ID' && rule === 'FieldName')) return this.fieldNames(context, acceptor);
      if (called === 'Value' || (called === 'ID' && rule === 'Value')) return this.enumerated(context, next, acceptor);
    }
    return super.completionFor(context, next, acceptor);
  }

  // ---- fields ----

  /** A statement keyword (`completed`, `attendees`…) only where the entry kind has that field. */
  private kindHasStatement(context: CompletionContext, keyword: string): boolean {
    const entry = this.entryAt(context);
    if (!entry) return true;
    const shape = ENTRY_KINDS[entry.$type].fields[keyword];
    if (!shape) return false;
    // `decision`/`outcome` are statements with a date only where the kind says so; elsewhere they are fields.
    return keyword === 'decision' || keyword === 'outcome' ? shape.form === 'dated' : true;
  }

  /** The kind's fields not yet written, each as a snippet (`child-voice: """…"""`, `consent: given|refused…`). */
  private fieldNames(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const entry = this.entryAt(context);
    if (!entry) return;
    const kind = ENTRY_KINDS[entry.$type];
    const present = new Set(entry.items.map((item) => bodyItemName(item)));
    for (const [name, shape] of Object.entries(kind.fields)) {
      if (present.has(name) || shape.form === 'statement' || shape.form === 'dated' || shape.form === 'parties') continue;
      const snippet = shape.form === 'prose' ? `${name}: """$1"""$0` : `${name}: \${1|${shape.values.join(',')}|}$0`;
      acceptor(context, {
        label: name,
        kind: CompletionItemKind.Field,
        detail: kind.required.includes(name) || kind.voiceFields?.includes(name) ? `${kind.label}: expected` : kind.label,
        insertText: snippet,
        insertTextFormat: InsertTextFormat.Snippet,
        sortText: (kind.required.includes(name) ? '0' : '1') + name,
      });
    }
  }

  // ---- entry templates ----

  private entryTemplate(context: CompletionContext, type: EntryType, acceptor: CompletionAcceptor): void {
    if (this.clientCapabilities?.completionItem?.snippetSupport === false) return;
    const { label, description } = entryTemplateLabel(type);
    acceptor(context, {
      label,
      kind: CompletionItemKind.Snippet,
      detail: description,
      labelDetails: { description: 'template' },
      insertText: entrySnippet(type, this.snippetValues(context.document)),
      insertTextFormat: InsertTextFormat.Snippet,
      sortText: '0' + label,
    });
  }

  private snippetValues(document: LangiumDocument): SnippetValues {
    const parties = this.partiesOf(document);
    const managerRoles = this.caserec.Settings.policyFor(document.uri).policy.managerRoles;
    const names = (test: (p: Party) => boolean) => parties.filter(test).map((p) => p.name);
    const now = new Date();
    const pad = (n: number) => String(n).padStart(2, '0');
    return {
      date: todayIso(),
      time: `${pad(now.getHours())}:${pad(now.getMinutes())}`,
      people: {
        children: names(isChild),
        child: names(isChild),
        worker: names(isWorker),
        manager: names((p) => isWorker(p) && managerRoles.includes(p.role ?? '')),
        anyone: names(() => true),
      },
    };
  }

  // ---- people ----

  protected override getReferenceCandidates(refInfo: ReferenceInfo, context: CompletionContext): Stream<AstNodeDescription> {
    const candidates = super.getReferenceCandidates(refInfo, context);
    const expected = expectedParty(refInfo);
    if (!expected) return candidates;
    const managerRoles = this.caserec.Settings.policyFor(context.document.uri).policy.managerRoles;
    return candidates.filter((description) => fits(description, expected, managerRoles));
  }

  protected override createReferenceCompletionItem(description: AstNodeDescription, refInfo: ReferenceInfo, context: CompletionContext) {
    const item = super.createReferenceCompletionItem(description, refInfo, context);
    const party = description.node as Party | undefined;
    if (party && 'fullName' in party) {
      const detail = isWorker(party)
        ? (party.role ?? 'worker')
        : isChild(party)
          ? 'child'
          : isAdult(party)
            ? (party.relationship ?? 'adult')
            : 'agency';
      return { ...item, detail: `${party.fullName} — ${detail}` };
    }
    return item;
  }

  // ---- enumerated values ----

  private enumerated(context: CompletionContext, next: NextFeature, acceptor: CompletionAcceptor): void {
    const values = this.allowedValues(context, next);
    for (const value of values ?? []) {
      acceptor(context, { label: value, kind: CompletionItemKind.EnumMember, detail: 'value', sortText: '0' + value });
    }
  }

  private allowedValues(context: CompletionContext, _next: NextFeature): readonly string[] | undefined {
    const before = context.textDocument.getText({ start: { line: context.position.line, character: 0 }, end: context.position });
    const entry = this.entryAt(context);
    const header = /(?:^|\s)(significance|kind|to|reason|role)\s+[\w-]*$/.exec(before)?.[1];
    if (header === 'significance') return SIGNIFICANCE;
    if (header === 'kind') return CONFERENCE_KINDS;
    if (header === 'reason') return CLOSURE_REASONS;
    if (header === 'role') return WORKER_ROLES;
    if (header === 'to' && entry?.$type === 'StepDown') return STEP_DOWN_LEVELS;
    if (/^\s*decision\s+\S+.*\bby\s+\S+\s*:\s*[\w-]*$/.test(before)) return CONTACT_OUTCOMES;
    if (/^\s*outcome\s+\d{4}-\d{2}-\d{2}.*:\s*[\w-]*$/.test(before)) return SECTION_47_OUTCOMES;
    const field = /^\s*([a-z][a-z-]*)\s*:\s*(?:[\w-]+\s*,\s*)*[\w-]*$/.exec(before)?.[1];
    const fieldNode = context.node && isField(context.node) ? context.node.name : undefined;
    const name = field ?? fieldNode;
    if (!name || !entry) return undefined;
    const shape = ENTRY_KINDS[entry.$type].fields[name];
    return shape && (shape.form === 'enum' || shape.form === 'dated') ? shape.values : undefined;
  }

  private entryAt(context: CompletionContext): Entry | undefined {
    const fromNode = context.node ? AstUtils.getContainerOfType(context.node, isEntry) : undefined;
    if (fromNode) return fromNode;
    // The cursor may sit past the end of a broken entry: take the entry that starts last before it.
    const root = context.document.parseResult.value as Document;
    return root.entries.filter((e) => (e.$cstNode?.offset ?? Infinity) < context.offset).at(-1);
  }

  // ---- dates ----

  private today(context: CompletionContext, acceptor: CompletionAcceptor): void {
    const today = todayIso();
    acceptor(context, { label: today, kind: CompletionItemKind.Constant, detail: 'today', sortText: '0' });
    const asOf = this.caserec.Settings.asOf;
    if (asOf && asOf !== today)
      acceptor(context, { label: asOf, kind: CompletionItemKind.Constant, detail: 'the as-of date', sortText: '1' });
  }

  private partiesOf(document: LangiumDocument): Party[] {
    const model = this.caserec.CaseValidator.caseModelOf(document);
    if (model) return [...model.parties.values()];
    return ((document.parseResult.value as Document).caseDecl?.members ?? []).filter((m): m is Party => m.$type !== 'Title');
  }
}

/** Inside a text block, a string or a comment the worker writes words, and nothing is offered. */
function insideWords(document: LangiumDocument, offset: number): boolean {
  const root = document.parseResult.value.$cstNode;
  // The character before the cursor says where the cursor is: `"""x|"""` is inside, `"""x"""|` is not.
  const leaf = root && offset > 0 ? CstUtils.findLeafNodeAtOffset(root, offset - 1) : undefined;
  if (!leaf) return false;
  const token = leaf.tokenType.name;
  if (token !== 'TEXT' && token !== 'STRING' && !leaf.hidden) return false;
  const closed =
    token === 'TEXT'
      ? isClosedTextBlock(leaf.text)
      : token === 'STRING'
        ? leaf.text.length > 1 && leaf.text.endsWith('"')
        : leaf.text.startsWith('/*') && leaf.text.endsWith('*/');
  return !(closed && offset >= leaf.end);
}

/** True when only the word being typed stands between the start of the line and the cursor. */
function atLineStart(context: CompletionContext): boolean {
  const before = context.textDocument.getText({ start: { line: context.position.line, character: 0 }, end: context.position });
  return /^\s*[a-z-]*$/.test(before);
}

/** What kind of person a reference wants, from where it stands in the grammar. */
function expectedParty(refInfo: ReferenceInfo): Expected | undefined {
  const container = refInfo.container as { $type: string; name?: string };
  switch (refInfo.property) {
    case 'children':
    case 'child':
      return 'child';
    case 'worker':
    case 'chair':
    case 'lead':
    case 'supervisee':
      return 'worker';
    case 'by':
      return container.$type === 'AuthorisedStatement' ? 'manager' : 'worker';
    case 'parties':
      return container.name === 'seen-alone' ? 'child' : 'anyone';
    case 'from':
    case 'source':
    case 'owner':
      return 'anyone';
    default:
      return undefined;
  }
}

function fits(description: AstNodeDescription, expected: Expected, managerRoles: readonly string[]): boolean {
  switch (expected) {
    case 'child':
      return description.type === 'Child';
    case 'worker':
      return description.type === 'Worker';
    case 'manager': {
      if (description.type !== 'Worker') return false;
      const role = (description.node as { role?: string } | undefined)?.role;
      return role === undefined ? true : managerRoles.includes(role);
    }
    case 'anyone':
      return ['Child', 'Adult', 'Worker', 'Agency'].includes(description.type);
  }
}

export type { CompletionItem };
