import type { AstNode } from 'langium';
import { AstUtils, GrammarUtils } from 'langium';
import type { InlayHintAcceptor } from 'langium/lsp';
import { AbstractInlayHintProvider } from 'langium/lsp';
import type { LangiumDocument } from 'langium';
import type { CancellationToken, InlayHint, InlayHintParams } from 'vscode-languageserver';
import { InlayHintKind } from 'vscode-languageserver';
import type { Entry } from '../generated/ast.js';
import { isEntry } from '../generated/ast.js';
import type { CaserecServices } from '../caserec-module.js';
import { sharesChild } from '../model/derived.js';
import { formatLongDate, parseIsoDate } from '../time/index.js';
import { clockContextFor } from './case-documents.js';
import type { ClockContext } from './clocks.js';
import { guardedAsync } from './safety.js';

/**
 * After each dated entry header, the working days since the referral that opened the children's current
 * episode ("day 12"): how long the child has been waiting, at a glance. No hint before the first referral, or
 * after a closure that no new referral followed.
 */
export class CaserecInlayHintProvider extends AbstractInlayHintProvider {
  private context: ClockContext | undefined;

  constructor(private readonly services: CaserecServices) {
    super();
  }

  override getInlayHints(
    document: LangiumDocument,
    params: InlayHintParams,
    cancelToken?: CancellationToken,
  ): Promise<InlayHint[] | undefined> {
    return guardedAsync('inlay hints', [], () => {
      this.context = clockContextFor(this.services, document);
      if (!this.context) return [];
      return super.getInlayHints(document, params, cancelToken);
    });
  }

  computeInlayHint(node: AstNode, acceptor: InlayHintAcceptor): void {
    if (!isEntry(node) || !this.context || node.$type === 'Referral' || parseIsoDate(node.date) === undefined) return;
    const referral = this.referralBefore(node, this.context);
    if (!referral) return;
    const anchor = GrammarUtils.findNodeForProperty(node.$cstNode, node.time ? 'time' : 'date');
    if (!anchor) return;
    const days = this.context.calendar.workingDaysBetween(referral.date, node.date);
    acceptor({
      position: anchor.range.end,
      label: `day ${days}`,
      kind: InlayHintKind.Parameter,
      paddingLeft: true,
      tooltip: `${days} working day${days === 1 ? '' : 's'} since the referral of ${formatLongDate(referral.date)}`,
    });
  }

  /** The latest referral about one of the entry's children that came before it. */
  private referralBefore(entry: Entry, context: ClockContext): Entry | undefined {
    const position = context.model.entries.indexOf(entry);
    if (position < 0) return undefined;
    const earlier = context.model.entries.slice(0, position).filter((other) => !writtenAfter(other, entry));
    const referral = earlier.filter((r) => r.$type === 'Referral' && sharesChild(r, entry)).at(-1);
    if (!referral) return undefined;
    const closed = earlier.slice(earlier.indexOf(referral)).some((c) => c.$type === 'Closure' && sharesChild(c, entry));
    return closed ? undefined : referral;
  }
}

/**
 * On the same day, the case model puts an entry without a time first; in one file, the order the worker wrote
 * the entries in is the better guide (a contact at 10:05 comes before the referral it led to).
 */
function writtenAfter(other: Entry, entry: Entry): boolean {
  return (
    other.date === entry.date &&
    AstUtils.getDocument(other) === AstUtils.getDocument(entry) &&
    (other.$cstNode?.offset ?? 0) > (entry.$cstNode?.offset ?? 0)
  );
}
