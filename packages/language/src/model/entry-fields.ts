import type { AstNode } from 'langium';
import type { BodyItem, Document, Entry, Field, Party } from '../generated/ast.js';
import {
  isAction,
  isAuthorisedStatement,
  isCompletedStatement,
  isDecisionStatement,
  isField,
  isNotAloneStatement,
  isOutcomeStatement,
  isPartyList,
  isReviewByStatement,
} from '../generated/ast.js';

/** The field name a body item stands for: `concern`, `seen-alone`, `decision`, `action`… */
export function bodyItemName(item: BodyItem): string {
  if (isField(item) || isPartyList(item)) return item.name;
  if (isDecisionStatement(item)) return 'decision';
  if (isOutcomeStatement(item)) return 'outcome';
  if (isCompletedStatement(item)) return 'completed';
  if (isAuthorisedStatement(item)) return 'authorised';
  if (isReviewByStatement(item)) return 'review-by';
  if (isNotAloneStatement(item)) return 'not-alone';
  if (isAction(item)) return 'action';
  return 'unknown';
}

export function itemsNamed(entry: Entry, name: string): BodyItem[] {
  return entry.items.filter((item) => bodyItemName(item) === name);
}

export function findItem(entry: Entry, name: string): BodyItem | undefined {
  return entry.items.find((item) => bodyItemName(item) === name);
}

export function findField(entry: Entry, name: string): Field | undefined {
  return entry.items.find((item): item is Field => isField(item) && item.name === name);
}

/** The words of a prose field (text block or string), or undefined when the field is absent. */
export function proseOf(entry: Entry, name: string): string | undefined {
  const field = findField(entry, name);
  if (!field) return undefined;
  return field.text ?? field.string ?? field.values.join(', ');
}

/** An enumerated field's value (`consent: given` gives `given`). */
export function valueOf(entry: Entry, name: string): string | undefined {
  const field = findField(entry, name);
  return field?.values[0];
}

/** True when a field is absent, or present with nothing but whitespace. */
export function isBlank(text: string | undefined): boolean {
  return text === undefined || text.trim().length === 0;
}

export function isPresentAndFilled(entry: Entry, name: string): boolean {
  const item = findItem(entry, name);
  if (!item) return false;
  if (isField(item)) return !isBlank(item.text ?? item.string ?? item.values.join(''));
  return true;
}

/** The children an entry is about (or to, or for), resolved; unresolved names are left out. */
export function childrenOf(entry: Entry): Party[] {
  return entry.children.map((ref) => ref.ref).filter((party): party is Party => party !== undefined);
}

export function documentOf(node: AstNode): Document {
  let current = node;
  while (current.$container) current = current.$container;
  return current as Document;
}
