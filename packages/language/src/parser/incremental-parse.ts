import type { AstNode, CstNode, LangiumParser, ParseResult } from 'langium';
import type { Document, Entry, Stray } from '../generated/ast.js';
import type { EditSpan } from './edit-spans.js';
import { isClosedTextBlock } from './token-builder.js';

/**
 * Entry-level incremental parsing. A record is a flat list of entries, so an edit inside one entry needs only
 * that entry parsed again: the lines of the entries the edit touches are parsed on their own and spliced into
 * the old tree, and everything after them is moved by the change in length and lines. On a 1 MB record that
 * is a few milliseconds instead of a few hundred.
 *
 * The invariant: the spliced tree equals what a full parse of the new text gives (test/incremental/ compares
 * them over thousands of random edits). The splice is tried only where that provably holds, and otherwise the
 * caller parses the whole text:
 * - the region is whole lines, starting at the first touched item's line and ending after the last one's; the
 *   items before and after it lie on other lines, so no token crosses a boundary and the lexer's line-start
 *   context (UNKNOWN_START) is the same at both ends;
 * - the region, parsed alone, has no lexing or parsing error and no unclosed text block that runs to its end:
 *   that is the only token that could run past the region's end in the full text (an unclosed block stops at
 *   the next line that starts an entry or a field, see token-builder.ts);
 * - the item just before the region has no unclosed text block that stopped at the region's first line (the
 *   edit may have changed that line), and the case block and `for case` line are not touched;
 * - the old text parsed without error (error recovery may read and skip tokens far from where it reports).
 */

export interface IncrementalStats {
  /** Edits parsed by splicing one region. */
  spliced: number;
  /** Edits parsed in full, by the first reason found. */
  full: Record<string, number>;
  /** Edits whose changed span the editor's changes gave (the rest compared old and new text). */
  spanFromEditor: number;
}

export const incrementalStats: IncrementalStats = { spliced: 0, full: {}, spanFromEditor: 0 };

type Item = Entry | Stray;

/** The leaf fields of Langium's LeafCstNodeImpl and the cache of its CompositeCstNodeImpl, moved in place. */
interface MutableLeaf {
  _offset: number;
  _startLine: number;
  _endLine: number;
}
interface MutableComposite {
  content: CstNode[];
  _rangeCache: unknown;
  container?: CstNode;
}

/** The new parse result, or a short reason why the whole text must be parsed instead. */
export type IncrementalOutcome = { result: ParseResult<Document> } | { fallback: string };

export function parseIncrementally(
  parser: LangiumParser,
  old: ParseResult<Document>,
  oldText: string,
  newText: string,
  editSpan?: Pick<EditSpan, 'start' | 'suffix'>,
): IncrementalOutcome {
  const root = old.value;
  const rootCst = root.$cstNode as (CstNode & MutableComposite & { _text: string }) | undefined;
  if (!rootCst || (rootCst.root as unknown) !== rootCst) return { fallback: 'no tree' };
  // An error's recovery may have read or skipped tokens far from where it is reported (an unclosed body is
  // reported at the next entry's keyword): after one, the old tree is no safe base to splice into.
  if (old.lexerErrors.length > 0 || old.parserErrors.length > 0 || old.lexerReport?.diagnostics.length) {
    return { fallback: 'the old text has syntax errors' };
  }

  // The changed span: [start, oldEnd) of the old text became [start, newEnd) of the new. The editor's changes
  // give it (wider than the change, if anything, which only parses more); else the texts are compared.
  const shorter = Math.min(oldText.length, newText.length);
  const known = editSpan && editSpan.start >= 0 && editSpan.suffix >= 0 && editSpan.start + editSpan.suffix <= shorter;
  const start = known ? editSpan.start : commonPrefixLength(oldText, newText);
  const suffix = known ? editSpan.suffix : commonSuffixLength(oldText, newText, start);
  if (known) incrementalStats.spanFromEditor++;
  const oldEnd = oldText.length - suffix;
  const delta = newText.length - oldText.length;

  const items = itemsInOrder(root);
  // Items touching the change (an edit right after an item's `}` may extend it).
  // Items do not overlap, so their ends rise with their starts: search, do not scan (6,000 entries at 5 MB).
  const first = lowerBound(items.length, (i) => itemEnd(items[i]!) >= start);
  let last = first - 1;
  while (last + 1 < items.length && itemStart(items[last + 1]!) <= oldEnd) last++;

  // Whole lines: the lexer's context at a line start is the same whether the line is read alone or in the file.
  let regionStart = lineStart(oldText, first <= last ? Math.min(start, itemStart(items[first]!)) : start);
  let regionEnd = lineEnd(oldText, first <= last ? Math.max(oldEnd, itemEnd(items[last]!)) : oldEnd);
  const before = items[first - 1];
  const after = items[last + 1];
  if (before && itemEnd(before) > regionStart) return { fallback: 'shares a line with the item before' };
  if (after && itemStart(after) < regionEnd) return { fallback: 'shares a line with the item after' };
  const header = root.caseDecl ?? root.forCase;
  if (header?.$cstNode && header.$cstNode.end > regionStart) return { fallback: 'touches the case header' };
  // An unclosed block just before the region stopped at the region's first line, which the edit may change.
  if (before && hasUnclosedText(before.$cstNode, regionStart - 2)) return { fallback: 'unclosed text block before' };
  // Comments and other hidden nodes between items must not straddle the region's ends either. The root's
  // children are in order and do not overlap: only the last one starting before an end can cross it.
  const content = rootCst.content;
  let firstInside = lowerBound(content.length, (i) => content[i]!.offset >= regionStart);
  const firstAfter = lowerBound(content.length, (i) => content[i]!.offset >= regionEnd);
  const lastBefore = content[firstInside - 1];
  if (lastBefore && lastBefore.end > regionStart) return { fallback: 'comment across the region start' };
  if (firstAfter > 0 && content[firstAfter - 1]!.end > regionEnd) return { fallback: 'comment across the region end' };
  regionStart = Math.max(regionStart, 0);
  regionEnd = Math.min(regionEnd, oldText.length);
  const newRegionEnd = regionEnd + delta;
  if (newRegionEnd < start || (newRegionEnd < newText.length && newText.charCodeAt(newRegionEnd - 1) !== 10)) {
    return { fallback: 'region does not end a line' };
  }

  const regionText = newText.slice(regionStart, newRegionEnd);
  const part = parser.parse<Document>(regionText);
  if (part.lexerErrors.length > 0 || part.parserErrors.length > 0 || part.lexerReport?.diagnostics.length) {
    return { fallback: 'the region does not parse on its own' };
  }
  if (part.value.caseDecl || part.value.forCase) return { fallback: 'the region holds a case header' };
  const partCst = part.value.$cstNode as (CstNode & MutableComposite) | undefined;
  if (!partCst) return { fallback: 'no tree' };
  for (const node of partCst.content) {
    // An unclosed text block that stopped at an entry start inside the region stops there in the file too;
    // one that ran to the region's end would run on into the lines after it.
    if (hasUnclosedText(node, regionText.length - 2) || hasUnclosedComment(node)) {
      return { fallback: 'unclosed block at the end of the region' };
    }
  }

  // Splice. Lines: the region starts at a line start, so only line numbers move, never columns.
  // Count lines from the nearest node before the region, not from the top of a 5 MB file.
  const regionStartLine = lastBefore
    ? lastBefore.range.end.line + countLines(oldText, lastBefore.end, regionStart)
    : countLines(oldText, 0, regionStart);
  const lineDelta = countLines(regionText, 0, regionText.length) - countLines(oldText, regionStart, regionEnd);
  shiftNodes(partCst.content, 0, regionStart, regionStartLine);
  if (firstInside > firstAfter) firstInside = firstAfter;
  shiftNodes(rootCst.content, firstAfter, delta, lineDelta);
  for (const node of partCst.content) (node as unknown as MutableComposite).container = rootCst;
  rootCst.content.splice(firstInside, firstAfter - firstInside, ...partCst.content);
  rootCst._text = newText;
  rootCst._rangeCache = undefined;

  const removed = new Set<AstNode>(items.slice(first, last + 1));
  replaceItems(root, 'entries', removed, part.value.entries);
  replaceItems(root, 'stray', removed, part.value.stray);
  incrementalStats.spliced++;
  return { result: { value: root, lexerErrors: [], parserErrors: [], lexerReport: part.lexerReport } };
}

/**
 * Replaces the removed items of `root[property]` with `added` (in order, placed by offset) in a new list, and
 * sets the container of the added items. The removed items of one list are consecutive (they are the items of
 * one span of text), so the kept items keep their places and indexes; only when the count changes are the
 * indexes after the splice renumbered (a keystroke in a 5 MB record used to renumber 6,000 entries).
 */
function replaceItems<P extends 'entries' | 'stray'>(root: Document, property: P, removed: ReadonlySet<AstNode>, added: Document[P]): void {
  const old = root[property] as Item[];
  const addedItems = added as Item[];
  // Where the removed items sit, from their own indexes (not a scan of the list).
  let at = -1;
  for (const item of removed) {
    const index = (item as AstNode & { $containerIndex?: number }).$containerIndex ?? -1;
    if (old[index] === item && (at < 0 || index < at)) at = index;
  }
  let count = 0;
  if (at < 0) {
    if (addedItems.length === 0) return;
    const offset = addedItems[0]!.$cstNode!.offset;
    at = lowerBound(old.length, (i) => old[i]!.$cstNode!.offset >= offset);
  } else {
    while (at + count < old.length && removed.has(old[at + count]!)) count++;
  }
  const list = old.slice();
  list.splice(at, count, ...addedItems);
  (root as unknown as Record<P, Item[]>)[property] = list;
  const renumberTo = addedItems.length === count ? at + addedItems.length : list.length;
  for (let index = at; index < renumberTo; index++) {
    const node = list[index] as AstNode & { $containerIndex?: number };
    node.$containerIndex = index;
    if (index < at + addedItems.length) {
      (node as { $container: AstNode }).$container = root;
      (node as { $containerProperty: string }).$containerProperty = property;
    }
  }
}

/**
 * Moves the CST subtrees `nodes[from…]` by `offsetDelta` characters and `lineDelta` lines, in place. On a keystroke
 * in the middle of a 5 MB record that is every token of its second half, so the walk is kept lean: one stack,
 * tokens moved as they are met rather than pushed, lines left alone when no line was added or removed.
 */
function shiftNodes(nodes: readonly CstNode[], from: number, offsetDelta: number, lineDelta: number): void {
  if (offsetDelta === 0 && lineDelta === 0) return;
  const stack: MutableComposite[] = [];
  const moveLeaf = (node: CstNode) => {
    const leaf = node as unknown as MutableLeaf;
    leaf._offset = (leaf._offset + offsetDelta) | 0;
    if (lineDelta !== 0) {
      leaf._startLine = (leaf._startLine + lineDelta) | 0;
      leaf._endLine = (leaf._endLine + lineDelta) | 0;
    }
  };
  for (let i = from; i < nodes.length; i++) {
    const top = nodes[i]!;
    if ((top as unknown as Partial<MutableComposite>).content === undefined) {
      moveLeaf(top);
      continue;
    }
    stack.push(top as unknown as MutableComposite);
    while (stack.length > 0) {
      const composite = stack.pop()!;
      composite._rangeCache = undefined;
      const content = composite.content;
      for (let j = 0; j < content.length; j++) {
        const child = content[j]!;
        if ((child as unknown as Partial<MutableComposite>).content === undefined) moveLeaf(child);
        else stack.push(child as unknown as MutableComposite);
      }
    }
  }
}

function itemsInOrder(root: Document): Item[] {
  const items: Item[] = [...root.entries, ...root.stray];
  if (root.stray.length > 0) items.sort((a, b) => itemStart(a) - itemStart(b));
  return items;
}

function itemStart(item: Item): number {
  return item.$cstNode?.offset ?? 0;
}

function itemEnd(item: Item): number {
  return item.$cstNode?.end ?? 0;
}

function leaves(node: CstNode | undefined, visit: (leaf: CstNode) => boolean): boolean {
  if (!node) return false;
  const stack: CstNode[] = [node];
  while (stack.length > 0) {
    const current = stack.pop()!;
    const content = (current as unknown as Partial<MutableComposite>).content;
    if (content) for (const child of content) stack.push(child);
    else if (visit(current)) return true;
  }
  return false;
}

/** Whether `node` holds a text block that is never closed and ends at or after `from`. */
function hasUnclosedText(node: CstNode | undefined, from: number): boolean {
  return leaves(node, (leaf) => {
    const type = (leaf as unknown as { tokenType?: { name: string } }).tokenType?.name;
    return type === 'TEXT' && leaf.end >= from && !isClosedTextBlock(leaf.text);
  });
}

function hasUnclosedComment(node: CstNode | undefined): boolean {
  return leaves(node, (leaf) => {
    const type = (leaf as unknown as { tokenType?: { name: string } }).tokenType?.name;
    return type === 'ML_COMMENT' && !leaf.text.endsWith('*/');
  });
}

/** The first index in [0, length) where `isAtOrAfter` holds (it holds from some index on), or `length`. */
function lowerBound(length: number, isAtOrAfter: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >> 1;
    if (isAtOrAfter(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/**
 * Chunk sizes for comparing the old and the new text, largest first: far faster than a character loop on
 * megabytes of unchanged text (each comparison is one native string comparison).
 */
const CHUNKS = [65_536, 1024, 32];

function commonPrefixLength(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  for (const chunk of CHUNKS) while (i + chunk <= max && a.slice(i, i + chunk) === b.slice(i, i + chunk)) i += chunk;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function commonSuffixLength(a: string, b: string, prefix: number): number {
  const max = Math.min(a.length, b.length) - prefix;
  let i = 0;
  for (const chunk of CHUNKS)
    while (i + chunk <= max && a.slice(a.length - i - chunk, a.length - i) === b.slice(b.length - i - chunk, b.length - i)) i += chunk;
  while (i < max && a.charCodeAt(a.length - 1 - i) === b.charCodeAt(b.length - 1 - i)) i++;
  return i;
}

/** The offset of the start of the line holding `offset`. */
function lineStart(text: string, offset: number): number {
  const newline = text.lastIndexOf('\n', offset - 1);
  return newline + 1;
}

/**
 * The offset just after the first newline at or after `offset` (or the end of the text). Called with the end of
 * the change, so the newline that ends the region is unchanged text, present in the new text too.
 */
function lineEnd(text: string, offset: number): number {
  const newline = text.indexOf('\n', offset);
  return newline < 0 ? text.length : newline + 1;
}

function countLines(text: string, from: number, to: number): number {
  let lines = 0;
  let at = text.indexOf('\n', from);
  while (at >= 0 && at < to) {
    lines++;
    at = text.indexOf('\n', at + 1);
  }
  return lines;
}
