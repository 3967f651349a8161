import type { Entry } from '../generated/ast.js';
import {
  CLOSURE_REASONS,
  CONFERENCE_KINDS,
  ENTRY_KINDS,
  SIGNIFICANCE,
  STEP_DOWN_LEVELS,
  type EntryKind,
  type FieldShape,
} from '../model/entry-kinds.js';

/**
 * A skeleton for each kind of entry: its header (language.md's table) and, from ENTRY_KINDS, the fields a
 * complete entry records. Completion offers these as snippets, and the VS Code extension's snippets file is
 * generated from them (packages/extension/scripts/snippets.mjs), so neither can drift from the language.
 * Plain data and string building: no Langium, no LSP, so a build script can import it.
 */
export type EntryType = Entry['$type'];

/** What a header slot holds; the placeholder shows the worker what to write there. */
export type Slot =
  | { readonly slot: 'date' }
  | { readonly slot: 'time' }
  | { readonly slot: 'children' }
  | { readonly slot: 'child' }
  | { readonly slot: 'worker' }
  | { readonly slot: 'manager' }
  | { readonly slot: 'anyone' }
  | { readonly slot: 'choice'; readonly values: readonly string[] }
  | { readonly slot: 'string'; readonly hint: string };

type Part = string | Slot;

const date: Slot = { slot: 'date' };
const time: Slot = { slot: 'time' };
const children: Slot = { slot: 'children' };
const child: Slot = { slot: 'child' };
const worker: Slot = { slot: 'worker' };
const manager: Slot = { slot: 'manager' };
const anyone: Slot = { slot: 'anyone' };
const choice = (values: readonly string[]): Slot => ({ slot: 'choice', values });

export const ENTRY_HEADERS: Readonly<Record<EntryType, readonly Part[]>> = {
  Event: ['event ', date, ' about ', children, ' source ', anyone, ' significance ', choice(SIGNIFICANCE)],
  Contact: ['contact ', date, ' ', time, ' from ', anyone, ' about ', children],
  Referral: ['referral ', date, ' from ', anyone, ' about ', children],
  Allocation: ['allocation ', date, ' about ', children, ' to ', worker],
  Unallocated: ['unallocated ', date, ' about ', children],
  Oversight: ['oversight ', date, ' by ', manager, ' about ', children],
  Visit: ['visit ', date, ' ', time, ' by ', worker, ' to ', children],
  StrategyDiscussion: ['strategy-discussion ', date, ' ', time, ' about ', children, ' chair ', manager],
  Section47: ['section-47 ', date, ' about ', children, ' lead ', worker],
  Conference: [
    'conference ',
    date,
    ' about ',
    children,
    ' kind ',
    choice(CONFERENCE_KINDS),
    ' chair "',
    { slot: 'string', hint: 'Independent Reviewing Officer' },
    '"',
  ],
  CoreGroup: ['core-group ', date, ' about ', children],
  Assessment: ['assessment ', date, ' about ', children],
  SafetyPlan: ['safety-plan ', date, ' for ', children],
  Supervision: ['supervision ', date, ' of ', worker, ' by ', manager, ' about ', children],
  Missing: ['missing ', date, ' ', time, ' about ', child],
  ReturnInterview: ['return-interview ', date, ' ', time, ' about ', child, ' by ', worker],
  StepDown: ['step-down ', date, ' about ', children, ' to ', choice(STEP_DOWN_LEVELS)],
  StepUp: ['step-up ', date, ' about ', children],
  Closure: ['closure ', date, ' about ', children, ' reason ', choice(CLOSURE_REASONS)],
  Note: ['note ', date, ' ', time, ' by ', worker, ' about ', children],
};

/**
 * Fields worth a place in the skeleton beyond the required ones and the child's voice: those that rules read
 * (an event's impact, CR601; a contact's consent) or that good practice expects in the record.
 */
const ALSO_IN_TEMPLATE: Partial<Record<EntryType, readonly string[]>> = {
  Event: ['impact'],
  Contact: ['consent'],
  Visit: ['seen-alone'],
  StrategyDiscussion: ['information'],
  Assessment: ['lived-experience', 'parenting', 'family-and-environment'],
  SafetyPlan: ['network', 'child-view'],
  Supervision: ['discussion', 'action'],
  ReturnInterview: ['analysis'],
  Missing: ['circumstances'],
};

/** The fields of a kind's skeleton, in the kind's own field order. */
export function templateFields(type: EntryType): string[] {
  const kind = ENTRY_KINDS[type];
  const wanted = new Set([...kind.required, ...(kind.voiceFields ?? []), ...(ALSO_IN_TEMPLATE[type] ?? [])]);
  return Object.keys(kind.fields).filter((name) => wanted.has(name));
}

/** How slots are filled: with snippet variables (VS Code), or with today's date and the case's people (LSP). */
export interface SnippetValues {
  /** Snippet text for a date slot's default, e.g. `2024-05-02` or `$CURRENT_YEAR-$CURRENT_MONTH-$CURRENT_DATE`. */
  readonly date: string;
  readonly time: string;
  /** The case's people by what fits the slot; missing or empty lists give a named placeholder instead. */
  readonly people?: Partial<Record<'children' | 'child' | 'worker' | 'manager' | 'anyone', readonly string[]>>;
}

/** The snippet (LSP / TextMate snippet syntax) for one kind of entry, with tab stops in reading order. */
export function entrySnippet(type: EntryType, values: SnippetValues): string {
  let stop = 0;
  const next = () => ++stop;
  const header = ENTRY_HEADERS[type]
    .map((part) => (typeof part === 'string' ? escapeSnippet(part) : slotSnippet(part, next(), values)))
    .join('');
  const kind = ENTRY_KINDS[type];
  const fields = templateFields(type);
  if (fields.length === 0) return header + '$0';
  const lines = fields.map((name) => '  ' + fieldSnippet(name, kind.fields[name]!, kind, next, values));
  return `${header} {\n${lines.join('\n')}\n}$0`;
}

/** A label and a one-line description for completion lists and quick picks. */
export function entryTemplateLabel(type: EntryType): { label: string; description: string } {
  const kind = ENTRY_KINDS[type];
  return { label: kind.keyword, description: `${kind.label} (template)` };
}

function fieldSnippet(name: string, shape: FieldShape, _kind: EntryKind, next: () => number, values: SnippetValues): string {
  switch (shape.form) {
    case 'prose':
      return `${name}: """\${${next()}}"""`;
    case 'enum':
      return `${name}: ${choiceSnippet(next(), shape.values)}`;
    case 'parties':
      return `${name}: ${slotSnippet(name === 'seen-alone' ? children : anyone, next(), values)}`;
    case 'dated':
      return name === 'decision'
        ? `decision ${slotSnippet(date, next(), values)} by ${slotSnippet(manager, next(), values)}: ${choiceSnippet(next(), shape.values ?? [])}`
        : `${name} ${slotSnippet(date, next(), values)}: ${choiceSnippet(next(), shape.values ?? [])}`;
    case 'statement':
      if (name === 'action')
        return `action "\${${next()}:what will be done}" owner ${slotSnippet(anyone, next(), values)} due ${slotSnippet(date, next(), values)}`;
      if (name === 'authorised') return `authorised ${slotSnippet(date, next(), values)} by ${slotSnippet(manager, next(), values)}`;
      return `${name} ${slotSnippet(date, next(), values)}`;
  }
}

function slotSnippet(slot: Slot, n: number, values: SnippetValues): string {
  switch (slot.slot) {
    case 'date':
      return `\${${n}:${values.date}}`;
    case 'time':
      return `\${${n}:${values.time}}`;
    case 'choice':
      return choiceSnippet(n, slot.values);
    case 'string':
      return `\${${n}:${escapeSnippet(slot.hint)}}`;
    default: {
      const people = values.people?.[slot.slot];
      if (people && people.length > 1) return choiceSnippet(n, people);
      if (people && people.length === 1) return `\${${n}:${escapeSnippet(people[0]!)}}`;
      return `\${${n}:${slot.slot}}`;
    }
  }
}

function choiceSnippet(n: number, values: readonly string[]): string {
  if (values.length === 0) return `\${${n}}`;
  return `\${${n}|${values.map((value) => value.replace(/[\\,|$}]/g, (c) => '\\' + c)).join(',')}|}`;
}

function escapeSnippet(text: string): string {
  return text.replace(/[\\$}]/g, (c) => '\\' + c);
}
