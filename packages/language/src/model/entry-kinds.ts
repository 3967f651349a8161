import type { Entry } from '../generated/ast.js';

/**
 * What each kind of entry may hold: the fields, which are required, and the values an enumerated field may
 * take. language.md's entry table and rules.md's "Required fields" are this table; the validator, completion
 * and quick fixes read it, so a kind's shape is written down once.
 */
export type FieldShape =
  | { readonly form: 'prose' }
  | { readonly form: 'enum'; readonly values: readonly string[] }
  | { readonly form: 'parties' }
  /** `decision DATE by worker: VALUE`, `outcome DATE: VALUE`: a statement with its own date. */
  | { readonly form: 'dated'; readonly values?: readonly string[] }
  /** `completed DATE`, `authorised DATE by worker`, `review-by DATE`, `not-alone: child because TEXT`, actions. */
  | { readonly form: 'statement' };

export interface EntryKind {
  readonly keyword: string;
  /** Human name for messages ("strategy discussion"). */
  readonly label: string;
  readonly fields: Readonly<Record<string, FieldShape>>;
  /** Fields a complete entry needs (CR003; voice fields are CR101's). */
  readonly required: readonly string[];
  /** Fields that carry the child's voice (CR101 reports them missing). */
  readonly voiceFields?: readonly string[];
}

export const CONSENT = ['given', 'refused', 'not-sought', 'dispensed-with'] as const;
export const CONTACT_OUTCOMES = [
  'referral',
  'strategy-discussion',
  'early-help',
  'advice',
  'no-further-action',
  'closed-pending-information',
] as const;
export const STRATEGY_DECISIONS = ['section-47', 'single-agency', 'assessment', 'no-further-action'] as const;
export const SECTION_47_OUTCOMES = ['conference', 'cin-plan', 'no-further-action'] as const;
export const CONFERENCE_DECISIONS = ['child-protection-plan', 'cin-plan', 'no-plan', 'end-plan'] as const;
export const CONFERENCE_KINDS = ['initial', 'review'] as const;
export const CATEGORIES = ['neglect', 'physical-abuse', 'emotional-abuse', 'sexual-abuse', 'multiple'] as const;
export const ASSESSMENT_OUTCOMES = [
  'cin-plan',
  'child-protection-plan',
  'strategy-discussion',
  'step-down',
  'no-further-action',
  'care-proceedings',
] as const;
export const SIGNIFICANCE = ['low', 'medium', 'high'] as const;
export const STEP_DOWN_LEVELS = ['early-help', 'universal'] as const;
export const CLOSURE_REASONS = ['RC1', 'RC2', 'RC3', 'RC4', 'RC5', 'RC6', 'RC7', 'RC8', 'RC9'] as const;
export const WORKER_ROLES = [
  'social-worker',
  'senior-practitioner',
  'team-manager',
  'service-manager',
  'early-help-worker',
  'family-support-worker',
  'independent-reviewing-officer',
] as const;

const prose: FieldShape = { form: 'prose' };
const parties: FieldShape = { form: 'parties' };
const statement: FieldShape = { form: 'statement' };
const oneOf = (values: readonly string[]): FieldShape => ({ form: 'enum', values });

export const ENTRY_KINDS: Readonly<Record<Entry['$type'], EntryKind>> = {
  // A missing impact is CR601's (one finding per problem), as a missing child's voice is CR101's.
  Event: { keyword: 'event', label: 'chronology event', fields: { what: prose, impact: prose }, required: ['what'] },
  Contact: {
    keyword: 'contact',
    label: 'contact',
    fields: {
      concern: prose,
      consent: oneOf(CONSENT),
      decision: { form: 'dated', values: CONTACT_OUTCOMES },
      rationale: prose,
    },
    required: ['concern', 'decision', 'rationale'],
  },
  Referral: { keyword: 'referral', label: 'referral', fields: { reason: prose }, required: ['reason'] },
  Allocation: { keyword: 'allocation', label: 'allocation', fields: {}, required: [] },
  Unallocated: { keyword: 'unallocated', label: 'unallocated period', fields: { reason: prose }, required: ['reason'] },
  Oversight: {
    keyword: 'oversight',
    label: 'management oversight',
    fields: { direction: prose, action: statement },
    required: ['direction'],
  },
  Visit: {
    keyword: 'visit',
    label: 'visit',
    fields: { 'seen-alone': parties, 'not-alone': statement, 'child-voice': prose, observations: prose },
    required: ['observations'],
    voiceFields: ['child-voice'],
  },
  StrategyDiscussion: {
    keyword: 'strategy-discussion',
    label: 'strategy discussion',
    fields: { attendees: parties, information: prose, decision: oneOf(STRATEGY_DECISIONS), rationale: prose },
    required: ['attendees', 'decision', 'rationale'],
  },
  Section47: {
    keyword: 'section-47',
    label: 'section 47 enquiry',
    fields: { findings: prose, outcome: { form: 'dated', values: SECTION_47_OUTCOMES }, rationale: prose },
    required: ['findings', 'outcome', 'rationale'],
  },
  Conference: {
    keyword: 'conference',
    label: 'child protection conference',
    fields: { decision: oneOf(CONFERENCE_DECISIONS), category: oneOf(CATEGORIES), rationale: prose },
    required: ['decision', 'rationale'],
  },
  CoreGroup: {
    keyword: 'core-group',
    label: 'core group',
    fields: { attendees: parties, progress: prose },
    required: ['progress'],
  },
  Assessment: {
    keyword: 'assessment',
    label: 'assessment',
    fields: {
      completed: statement,
      authorised: statement,
      'child-voice': prose,
      'lived-experience': prose,
      history: prose,
      parenting: prose,
      'family-and-environment': prose,
      analysis: prose,
      outcome: oneOf(ASSESSMENT_OUTCOMES),
    },
    required: ['history', 'analysis', 'outcome'],
    voiceFields: ['child-voice'],
  },
  SafetyPlan: {
    keyword: 'safety-plan',
    label: 'safety plan',
    fields: {
      'review-by': statement,
      worries: prose,
      goal: prose,
      action: statement,
      network: parties,
      contingency: prose,
      'child-view': prose,
    },
    required: ['review-by', 'worries', 'goal', 'action', 'contingency'],
    voiceFields: ['child-view'],
  },
  Supervision: {
    keyword: 'supervision',
    label: 'supervision',
    fields: { discussion: prose, reflection: prose, action: statement },
    required: ['reflection'],
  },
  Missing: { keyword: 'missing', label: 'missing episode', fields: { circumstances: prose }, required: [] },
  ReturnInterview: {
    keyword: 'return-interview',
    label: 'return interview',
    fields: { 'child-voice': prose, analysis: prose },
    required: [],
    voiceFields: ['child-voice'],
  },
  StepDown: { keyword: 'step-down', label: 'step-down', fields: { rationale: prose }, required: ['rationale'] },
  StepUp: { keyword: 'step-up', label: 'step-up', fields: { rationale: prose }, required: ['rationale'] },
  Closure: { keyword: 'closure', label: 'closure', fields: { rationale: prose }, required: ['rationale'] },
  Note: { keyword: 'note', label: 'case note', fields: { text: prose }, required: ['text'] },
};

export function entryKind(entry: Entry): EntryKind {
  return ENTRY_KINDS[entry.$type];
}
