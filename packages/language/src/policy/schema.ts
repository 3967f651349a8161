import { z } from 'zod';
import { RULES } from '../rules/catalogue.js';
import { heuristicDefaults, heuristicsSchema } from './heuristics-schema.js';

/**
 * The policy file (.caserec.json): every timescale, threshold, word list and severity of rules.md, with the
 * defaults of statutory guidance or of common local practice. Each setting carries the reason it exists, which
 * `caserec init` writes beside it.
 *
 * The defaults are plain data and the zod schemas are built from them on first use: building the schemas
 * took about 30 ms, a tenth of a cold start, and a run without a policy file never needs them.
 */

/** A whole-number setting: its default, its bounds, and why it exists. */
interface WholeNumberSetting {
  readonly default: number;
  readonly min: number;
  readonly max: number;
  readonly why: string;
}

const workingDays = (fallback: number, why: string): WholeNumberSetting => ({ default: fallback, min: 0, max: 365, why });

export const TIMESCALE_SETTINGS = {
  contactDecisionWorkingDays: workingDays(1, 'CR301: a decision on a contact within this many working days (statutory: 1).'),
  contactClosedReopenedWorkingDays: workingDays(
    20,
    'CR302: a new contact within this many working days of one closed pending information counts as the same wait.',
  ),
  strategyDiscussionWorkingDays: workingDays(
    1,
    'CR303: a strategy discussion within this many working days of the decision that called for it (local).',
  ),
  initialConferenceWorkingDays: workingDays(
    15,
    'CR304: initial child protection conference within this many working days of the strategy discussion (statutory: 15).',
  ),
  assessmentWorkingDays: workingDays(45, 'CR305: an assessment completed within this many working days of the referral (statutory: 45).'),
  firstVisitAfterReferralWorkingDays: workingDays(5, 'CR306: a child seen within this many working days of a referral (local).'),
  firstVisitAfterSection47WorkingDays: workingDays(
    1,
    'CR306: a child seen within this many working days of a section 47 decision (local).',
  ),
  visitIntervalChildProtectionWorkingDays: workingDays(
    10,
    'CR307: visits at least this often (working days) on a child protection plan (local).',
  ),
  visitIntervalChildInNeedWorkingDays: workingDays(20, 'CR307: visits at least this often (working days) on a child in need plan (local).'),
  supervisionIntervalWorkingDays: workingDays(20, 'CR310: supervision about a case at least this often (working days) (local).'),
  firstCoreGroupWorkingDays: workingDays(
    10,
    'CR312: first core group within this many working days of the initial conference (statutory: 10).',
  ),
  firstReviewConferenceMonths: {
    default: 3,
    min: 1,
    max: 24,
    why: 'CR313: first review conference within this many months of the initial conference (statutory: 3).',
  },
  laterReviewConferenceMonths: {
    default: 6,
    min: 1,
    max: 24,
    why: 'CR313: later review conferences within this many months of the previous review (statutory: 6).',
  },
  returnInterviewHours: {
    default: 72,
    min: 1,
    max: 720,
    why: 'CR314: a return interview within this many hours of the child returning (statutory guidance: 72).',
  },
  reReferralMonths: { default: 12, min: 1, max: 60, why: 'CR401: a referral within this many months of an earlier one is a re-referral.' },
  stepUpAfterStepDownMonths: { default: 3, min: 1, max: 24, why: 'CR402: a step-up within this many months of a step-down.' },
  repeatedContactsCount: { default: 3, min: 2, max: 50, why: 'CR404: this many contacts ending in advice or no further action…' },
  repeatedContactsMonths: { default: 12, min: 1, max: 60, why: 'CR404: …within this many months.' },
  allocationGraceWorkingDays: workingDays(
    1,
    'CR311: a referral or step-up with no allocation is reported once this many working days pass (an explicit unallocated entry is reported at any length).',
  ),
  seenAloneMinimumAge: {
    default: 3,
    min: 0,
    max: 18,
    why: 'CR103/CR104: children this age or older are expected to be seen alone and named individually.',
  },
} as const satisfies Record<string, WholeNumberSetting>;

export type Timescales = { -readonly [K in keyof typeof TIMESCALE_SETTINGS]: number };

export type SignificanceLevel = 'low' | 'medium' | 'high';

/**
 * The chronology's significance of each entry kind (an event carries its own; its value here is used only when
 * the event's own is not one of low, medium, high). Authorities weigh kinds differently, so each is a setting.
 */
const SIGNIFICANCE_DEFAULTS = {
  event: 'medium',
  contact: 'medium',
  referral: 'high',
  allocation: 'low',
  unallocated: 'low',
  oversight: 'low',
  visit: 'low',
  'strategy-discussion': 'high',
  'section-47': 'high',
  conference: 'high',
  'core-group': 'low',
  assessment: 'medium',
  'safety-plan': 'medium',
  supervision: 'low',
  missing: 'high',
  'return-interview': 'low',
  'step-down': 'medium',
  'step-up': 'high',
  closure: 'high',
  note: 'low',
} as const satisfies Record<string, SignificanceLevel>;

export type SignificanceByKind = { -readonly [K in keyof typeof SIGNIFICANCE_DEFAULTS]: SignificanceLevel };

export type RuleSetting = 'error' | 'warning' | 'info' | 'off' | boolean;

export interface Policy {
  $schema?: string | undefined;
  rules: Record<string, RuleSetting>;
  timescales: Timescales;
  localClosureDays: string[];
  heuristics: typeof heuristicDefaults;
  managerRoles: string[];
  significance: SignificanceByKind;
}

/** Why each top-level setting exists. */
export const POLICY_SETTING_NOTES = {
  rules: 'Per-rule severity: "error", "warning", "info", or "off" (false) to switch a rule off.',
  localClosureDays: 'Days the authority treats as non-working besides weekends and bank holidays.',
  heuristics: 'CR102, CR104, CR201, CR203, CR204, CR202 and CR601 judge prose: their word lists, patterns and thresholds.',
  managerRoles: 'CR007: worker roles that may authorise an assessment.',
  significance: 'Chronology: the significance (low, medium, high) of each entry kind; an event carries its own.',
} as const;

const DEFAULT_MANAGER_ROLES = ['team-manager', 'service-manager', 'senior-practitioner'];

function mapValues<T extends object, R>(object: T, map: (value: T[keyof T]) => R): { [K in keyof T]: R } {
  return Object.fromEntries(Object.entries(object).map(([key, value]) => [key, map(value as T[keyof T])])) as { [K in keyof T]: R };
}

/** The policy when no file says otherwise (the same as the schema's reading of an empty file; a test holds it so). */
export const DEFAULT_POLICY: Policy = {
  rules: {},
  timescales: mapValues(TIMESCALE_SETTINGS, (setting) => setting.default) as Timescales,
  localClosureDays: [],
  heuristics: heuristicDefaults,
  managerRoles: [...DEFAULT_MANAGER_ROLES],
  significance: { ...SIGNIFICANCE_DEFAULTS },
};

function buildSchemas() {
  const ruleSetting = z.union([z.enum(['error', 'warning', 'info', 'off']), z.boolean()]);
  const timescales = z
    .object(
      mapValues(TIMESCALE_SETTINGS, (setting) =>
        z.number().int().min(setting.min).max(setting.max).default(setting.default).describe(setting.why),
      ),
    )
    .strict();
  const significance = z
    .object(mapValues(SIGNIFICANCE_DEFAULTS, (fallback) => z.enum(['low', 'medium', 'high']).default(fallback)))
    .strict();
  const policy = z
    .object({
      $schema: z.string().optional(),
      rules: z
        .record(z.string().regex(/^CR\d{3}$/, 'a rule code such as CR305'), ruleSetting)
        .default({})
        .describe(POLICY_SETTING_NOTES.rules),
      timescales: timescales.default(() => timescales.parse({})),
      localClosureDays: z
        .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'))
        .default([])
        .describe(POLICY_SETTING_NOTES.localClosureDays),
      heuristics: heuristicsSchema().describe(POLICY_SETTING_NOTES.heuristics),
      managerRoles: z
        .array(z.string())
        .default([...DEFAULT_MANAGER_ROLES])
        .describe(POLICY_SETTING_NOTES.managerRoles),
      significance: significance.default(() => significance.parse({})).describe(POLICY_SETTING_NOTES.significance),
    })
    .strict()
    .superRefine((read, context) => {
      for (const code of Object.keys(read.rules)) {
        if (!RULES.some((rule) => rule.code === code)) {
          context.addIssue({ code: 'custom', path: ['rules', code], message: `unknown rule ${code}` });
        }
      }
    });
  return { policy, timescales, significance };
}

let schemas: ReturnType<typeof buildSchemas> | undefined;

/** The schema of the policy file, built on first use. */
export function policySchema(): z.ZodType<Policy, unknown> {
  return (schemas ??= buildSchemas()).policy as z.ZodType<Policy, unknown>;
}
