import type { AstNode, CstNode, LangiumDocument, Reference, ValidationAcceptor, ValidationOptions } from 'langium';
import type { Diagnostic } from 'vscode-languageserver-types';
import {
  AstUtils,
  Cancellation,
  DefaultDocumentValidator,
  DocumentValidator,
  interruptAndCheck,
  isCompositeCstNode,
  isReference,
} from 'langium';
import type { CaseDecl, Document, Entry } from '../generated/ast.js';
import { isCaseDecl } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import { severityUnder } from '../engine/findings.js';
import { plainLexerMessage } from '../parser/error-messages.js';
import { forEachNode, type CaserecValidationRegistry } from './validation-registry.js';

/**
 * Gives Langium's own diagnostics our rule codes: lexing and parsing errors are CR001, linking errors CR002.
 * When a file's `for case` names no known case, that is reported once, not once per name in the file
 * (language.md). Parser messages are rephrased for a social worker rather than a compiler writer.
 */
export class CaserecDocumentValidator extends DefaultDocumentValidator {
  /**
   * The per-node findings of each entry, kept while the entry's AST node lives. Incremental parsing keeps the
   * nodes of entries an edit did not touch, so a keystroke re-checks one entry, not thousands. A result is
   * reused only under the same case block, as-of date, policy and categories, and, for an entry with a
   * reference that does not resolve into the case block, only while each such reference resolves to the very
   * node it resolved to when checked (an entry reference such as `replaces` may change meaning when another
   * entry is edited; an unresolved one may resolve once a name is typed). An entry node is never changed once
   * parsed (an edit replaces it), so the same target means the same facts.
   */
  private readonly entryFindings = new WeakMap<Entry, EntryFindings>();

  /**
   * @param keepEntryFindings keep each entry's per-node findings for the next build (the language server, where
   * incremental parsing keeps untouched entries); the CLI builds once and skips the bookkeeping.
   */
  constructor(
    private readonly caserec: CaserecServices,
    private readonly keepEntryFindings = false,
  ) {
    super(caserec);
  }

  override async validateAst(
    rootNode: AstNode,
    options: ValidationOptions,
    cancelToken?: Cancellation.CancellationToken,
  ): Promise<Diagnostic[]> {
    const diagnostics: Diagnostic[] = [];
    const acceptor: ValidationAcceptor = (severity, message, info) => {
      diagnostics.push(this.toDiagnostic(severity, message, info));
    };
    await this.validateAstBefore(rootNode, options, acceptor, cancelToken);
    if (rootNode.$type !== 'Document') {
      await this.validateAstNodes(rootNode, options, acceptor, cancelToken);
      await this.validateAstAfter(rootNode, options, acceptor, cancelToken);
      return diagnostics;
    }
    const root = rootNode as Document;
    // No categories means all of them (as Langium's registry reads it).
    const all = options.categories === undefined || options.categories.length === 0;
    const caseRulesRun = all || options.categories!.includes('slow');
    if (all || options.categories!.includes('fast')) await this.validateRecord(root, options, diagnostics, cancelToken);
    if (caseRulesRun) {
      const caseLevel: Diagnostic[] = [];
      await this.validateAstAfter(
        root,
        options,
        (severity, message, info) => caseLevel.push(this.toDiagnostic(severity, message, info)),
        cancelToken,
      );
      this.remember(root, caseLevel);
      diagnostics.push(...caseLevel);
    } else {
      diagnostics.push(...this.carried(root));
    }
    return diagnostics;
  }

  /**
   * The case-level findings of each record's last case pass, with the entry each sits in. While the editor runs
   * only the per-entry checks on a keystroke (the case pass follows, see CaserecDocumentUpdateHandler), these are
   * shown meanwhile, moved with their entries, so findings do not flicker off and on; an entry the edit
   * replaced loses its findings until the case pass has run. Each is marked `carried` in its data.
   */
  private readonly lastCaseFindings = new WeakMap<Document, CaseFinding[]>();

  /**
   * Keeps the case pass's findings to carry, and puts in `findings` the very objects of the last case pass for
   * those that have not changed (most, after a keystroke): a finding published before is then the same object,
   * whose JSON the stdio transport keeps (lsp/message-encoder.ts); and it is carried as the same object too.
   */
  private remember(root: Document, findings: Diagnostic[]): void {
    const entries = root.entries;
    const before = new Map<string, CaseFinding[]>();
    for (const last of this.lastCaseFindings.get(root) ?? []) {
      const key = findingKey(last.fresh);
      const same = before.get(key);
      if (same) same.push(last);
      else before.set(key, [last]);
    }
    this.lastCaseFindings.set(
      root,
      findings.map((diagnostic, index) => {
        const entry = entryAtLine(entries, diagnostic.range.start.line);
        const token = firstToken(entry?.$cstNode);
        const line = lineOf(token);
        const candidates = before.get(findingKey(diagnostic));
        const unchanged = candidates?.findIndex((last) => sameJson(last.fresh, diagnostic)) ?? -1;
        if (unchanged >= 0) {
          const last = candidates!.splice(unchanged, 1)[0]!;
          findings[index] = last.fresh;
          return { fresh: last.fresh, diagnostic: last.diagnostic, entry, token, line };
        }
        // Marked once here, not on each keystroke: a long record carries thousands.
        const carried = { ...diagnostic, data: { ...(diagnostic.data as object | undefined), carried: true } };
        return { fresh: diagnostic, diagnostic: carried, entry, token, line };
      }),
    );
  }

  /** The copies of the last case pass's findings that the next per-entry publication carries (before moving). */
  carriedFindings(root: Document): Diagnostic[] {
    return (this.lastCaseFindings.get(root) ?? []).map((finding) => finding.diagnostic);
  }

  private carried(root: Document): Diagnostic[] {
    const result: Diagnostic[] = [];
    for (const finding of this.lastCaseFindings.get(root) ?? []) {
      const { diagnostic, entry, token, line } = finding;
      if (entry && !(entry.$container === root && root.entries[entry.$containerIndex ?? -1] === entry)) continue;
      const shift = token ? lineOf(token) - line : 0;
      if (shift === 0) {
        result.push(diagnostic);
        continue;
      }
      // The same object while the shift stays (a published finding is never changed: a moved one is new).
      if (finding.moved?.lines !== shift) finding.moved = { lines: shift, diagnostic: moved(diagnostic, shift) };
      result.push(finding.moved.diagnostic);
    }
    return result;
  }

  private async validateRecord(
    root: Document,
    options: ValidationOptions,
    diagnostics: Diagnostic[],
    cancelToken?: Cancellation.CancellationToken,
  ): Promise<void> {
    const into =
      (list: Diagnostic[]): ValidationAcceptor =>
      (severity, message, info) =>
        list.push(this.toDiagnostic(severity, message, info));
    await this.checkNode(root, options, into(diagnostics));
    for (const part of [root.caseDecl, root.forCase, ...root.stray]) {
      if (part) await this.checkNodes(part, options, into(diagnostics), cancelToken);
    }
    if (!this.keepEntryFindings) {
      for (const entry of root.entries) await this.checkNodes(entry, options, into(diagnostics), cancelToken);
      return;
    }
    const context = this.findingContext(root, options);
    for (const entry of root.entries) {
      const cached = this.entryFindings.get(entry);
      if (
        cached &&
        cached.context.caseDecl === context.caseDecl &&
        cached.context.asOf === context.asOf &&
        cached.context.policy === context.policy &&
        cached.context.categories === context.categories &&
        (cached.outside === undefined || cached.outside.every(({ reference, target }) => reference.ref === target))
      ) {
        const shift = lineOf(cached.token) - cached.line;
        if (shift !== 0 && cached.moved?.lines !== shift) {
          cached.moved = { lines: shift, diagnostics: cached.diagnostics.map((diagnostic) => moved(diagnostic, shift)) };
        }
        for (const diagnostic of shift === 0 ? cached.diagnostics : cached.moved!.diagnostics) diagnostics.push(diagnostic);
        continue;
      }
      const own: Diagnostic[] = [];
      await this.checkNodes(entry, options, into(own), cancelToken);
      diagnostics.push(...own);
      const token = firstToken(entry.$cstNode);
      this.entryFindings.set(entry, {
        context,
        token,
        line: lineOf(token),
        diagnostics: own,
        outside: referencesOutsideTheCaseBlock(entry),
      });
    }
  }

  private findingContext(root: Document, options: ValidationOptions): FindingContext {
    const document = AstUtils.getDocument(root);
    const settings = this.caserec.caserec.Settings;
    return {
      caseDecl: root.caseDecl ?? (root.forCase?.case?.ref as CaseDecl | undefined),
      asOf: settings.getAsOf(),
      policy: settings.policyFor(document.uri).policy,
      categories: perNodeCategories(options),
    };
  }

  /**
   * Runs the registered checks of `node` and of every node inside it, in the order of Langium's `streamAst`. The
   * walk and the checks are synchronous (see CaserecValidationRegistry); only a check that returns a promise is
   * awaited, after the walk.
   */
  private async checkNodes(
    node: AstNode,
    options: ValidationOptions,
    acceptor: ValidationAcceptor,
    cancelToken?: Cancellation.CancellationToken,
  ) {
    await interruptAndCheck(cancelToken ?? Cancellation.CancellationToken.None);
    const pending: Promise<void>[] = [];
    forEachNode(node, (inner) => {
      const result = this.checkNode(inner, options, acceptor);
      if (result) pending.push(result);
    });
    if (pending.length > 0) await Promise.all(pending);
  }

  /** Runs the registered checks of `node` alone. */
  private checkNode(node: AstNode, options: ValidationOptions, acceptor: ValidationAcceptor): Promise<void> | undefined {
    if (!this.validateSingleNodeOptions(node, options).validateNode) return undefined;
    return (this.validationRegistry as CaserecValidationRegistry).runChecks(node, acceptor, options.categories);
  }

  override async validateDocument(
    document: LangiumDocument,
    options: ValidationOptions = {},
    cancelToken?: Cancellation.CancellationToken,
  ): Promise<Diagnostic[]> {
    const diagnostics = await super.validateDocument(document, options, cancelToken);
    const root = document.parseResult.value as Document;
    const caseUnknown = root.forCase !== undefined && root.forCase.case?.ref === undefined;
    const noCase = root.caseDecl === undefined && root.forCase === undefined;
    const policy = this.caserec.caserec.Settings.policyFor(document.uri).policy;
    const result: Diagnostic[] = [];
    if (noCase && root.entries.length > 0) {
      result.push({
        severity: 1,
        code: 'CR002',
        message: 'This file belongs to no case: start it with a case block, or with for case "…" naming the case declared in another file.',
        range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
        source: 'caserec',
        data: { code: 'CR002' },
      });
    }
    for (const diagnostic of diagnostics) {
      const langiumCode = (diagnostic.data as { code?: string } | undefined)?.code;
      if (langiumCode === DocumentValidator.LexingError) {
        diagnostic.code = 'CR001';
        diagnostic.message = plainLexerMessage(String(diagnostic.message));
      } else if (langiumCode === DocumentValidator.ParsingError) {
        diagnostic.code = 'CR001';
      } else if (langiumCode === DocumentValidator.LinkingError) {
        const data = diagnostic.data as { containerType?: string; refText?: string };
        const isCaseReference = data.containerType === 'ForCase';
        if ((caseUnknown || noCase) && !isCaseReference) continue;
        diagnostic.code = 'CR002';
        diagnostic.message = isCaseReference
          ? `No case ${data.refText} is declared in the files being checked, so the people and entries of this file cannot be checked; declare the case or check its folder with this file.`
          : data.containerType === 'SafetyPlan'
            ? `No safety plan with the id "${data.refText}" is recorded in this case; check the id of the plan this one replaces.`
            : `"${data.refText}" is not declared in this case; declare it in the case block (child, adult, worker or agency) or correct the id.`;
      } else if (typeof diagnostic.code !== 'string' || !diagnostic.code.startsWith('CR')) {
        diagnostic.code = 'CR001';
      }
      const severity = severityUnder(policy, String(diagnostic.code));
      if (severity === 'off') continue;
      result.push(diagnostic);
    }
    return result;
  }
}

interface FindingContext {
  readonly caseDecl: CaseDecl | undefined;
  readonly asOf: string;
  readonly policy: unknown;
  readonly categories: string;
}

interface EntryFindings {
  readonly context: FindingContext;
  /** The entry's first token: it moves with the entry (incremental parsing shifts it in place). */
  readonly token: CstNode | undefined;
  /** The entry's first line when the findings were made: an edit above it moves it, not its findings' content. */
  readonly line: number;
  readonly diagnostics: readonly Diagnostic[];
  /** The findings as last moved, and by how many lines: kept, as each keystroke after a new line moves them alike. */
  moved?: { readonly lines: number; readonly diagnostics: readonly Diagnostic[] };
  /** The entry's references and their targets when checked, if any resolved outside the case block. */
  readonly outside: readonly ResolvedReference[] | undefined;
}

interface ResolvedReference {
  readonly reference: Reference;
  readonly target: AstNode | undefined;
}

/** A finding moved down (or up) by `lines`: entries keep their columns, as edits are spliced in whole lines. */
function moved(diagnostic: Diagnostic, lines: number): Diagnostic {
  const { start, end } = diagnostic.range;
  return {
    ...diagnostic,
    range: { start: { line: start.line + lines, character: start.character }, end: { line: end.line + lines, character: end.character } },
  };
}

/**
 * The references of `entry` and their targets, when any of them does not resolve into the case block;
 * `undefined` when all do (the case block is then what they depend on, and it is compared on its own).
 */
function referencesOutsideTheCaseBlock(entry: Entry): ResolvedReference[] | undefined {
  const resolved: ResolvedReference[] = [];
  let outside = false;
  for (const node of AstUtils.streamAst(entry)) {
    for (const value of Object.values(node)) {
      const references = Array.isArray(value) ? value : [value];
      for (const reference of references) {
        if (!isReference(reference)) continue;
        const target = reference.ref;
        resolved.push({ reference, target });
        if (!target || !isCaseDecl(target.$container)) outside = true;
      }
    }
  }
  return outside ? resolved : undefined;
}

/**
 * The categories of a build that decide an entry's per-node findings. 'slow' holds the case pass alone (no
 * per-node check is registered under it; see caserec-validator.ts), so a build with it and a build without
 * it give each entry the same per-node findings: opening a record (all categories) and the keystrokes after it
 * (all but 'slow') share them, where the first keystroke used to re-check every entry.
 */
function perNodeCategories(options: ValidationOptions): string {
  const categories =
    options.categories === undefined || options.categories.length === 0 ? ['built-in', 'fast', 'slow'] : options.categories;
  return categories
    .filter((category) => category !== 'slow')
    .sort()
    .join(',');
}

interface CaseFinding {
  /** The finding as the case pass published it. */
  readonly fresh: Diagnostic;
  /** The finding as carried: marked `carried` in its data. */
  readonly diagnostic: Diagnostic;
  /** The entry the finding sits in, when it sits in one. */
  readonly entry: Entry | undefined;
  /** The entry's first token, whose line says how far the entry has moved since. */
  readonly token: CstNode | undefined;
  /** The entry's first line when the finding was made. */
  readonly line: number;
  /** The carried finding as last moved, and by how many lines (see EntryFindings). */
  moved?: { readonly lines: number; readonly diagnostic: Diagnostic };
}

/**
 * The first token of a node: its line is the node's first line, as `range.start.line` gives it. Found when a
 * finding is made and kept with it, as the token moves with its entry: each keystroke reads thousands of
 * entries' first lines, and finding the token each time was a third of the per-entry step's own time.
 */
function firstToken(node: CstNode | undefined): CstNode | undefined {
  let current = node;
  while (current && isCompositeCstNode(current)) {
    const content = current.content;
    let next = content[0];
    for (const child of content) {
      if (!child.hidden) {
        next = child;
        break;
      }
    }
    current = next;
  }
  return current;
}

/** A token's first line, read without making its range (Langium's leaf keeps it as `_startLine`). */
function lineOf(token: CstNode | undefined): number {
  if (!token) return 0;
  const line = (token as unknown as { _startLine?: number })._startLine;
  return typeof line === 'number' ? line : token.range.start.line;
}

/** What tells most findings apart cheaply; `sameJson` settles it. */
function findingKey(diagnostic: Diagnostic): string {
  const { start } = diagnostic.range;
  return `${String(diagnostic.code)}\u0000${start.line}\u0000${start.character}\u0000${diagnostic.message}`;
}

/** Whether two JSON values (a finding and its parts) would give the same JSON, keys in the same order. */
function sameJson(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => sameJson(item, b[i]));
  }
  const aKeys = Object.keys(a).filter((key) => (a as Record<string, unknown>)[key] !== undefined);
  const bKeys = Object.keys(b).filter((key) => (b as Record<string, unknown>)[key] !== undefined);
  if (aKeys.length !== bKeys.length) return false;
  for (let i = 0; i < aKeys.length; i++) {
    const key = aKeys[i]!;
    if (key !== bKeys[i] || !sameJson((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key])) return false;
  }
  return true;
}

/** The entry whose lines hold `line` (entries are in file order). */
function entryAtLine(entries: readonly Entry[], line: number): Entry | undefined {
  let low = 0;
  let high = entries.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    const range = entries[middle]!.$cstNode?.range;
    if (!range) return undefined;
    if (line < range.start.line) high = middle - 1;
    else if (line > range.end.line) low = middle + 1;
    else return entries[middle];
  }
  return undefined;
}

/** Whether a diagnostic is a case-level finding shown from the last case pass (see CaserecDocumentValidator). */
export function isCarried(diagnostic: Diagnostic): boolean {
  return (diagnostic.data as { carried?: boolean } | undefined)?.carried === true;
}
