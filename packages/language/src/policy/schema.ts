import { z } from 'zod';
import { RULES } from '../rules/catalogue.js';
import { heuristicsSchema } from './heuristics-schema.js';

/**
 * The policy file (.caserec.json): every timescale, threshold, word list and severity of rules.md, with the
 * defaults of statutory guidance or of common local practice. Each setting carries the reason it exists
 * (`describe`), which `caserec init` writes beside it.
 */
const workingDays = (fallback: number, why: string) => z.number().int().min(0).max(365).default(fallback).describe(why);

const ruleSetting = z.union([z.enum(['error', 'warning', 'info', 'off']), z.boolean()]);

export const timescalesSchema = z
  .object({
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
    visitIntervalChildInNeedWorkingDays: workingDays(
      20,
      'CR307: visits at least this often (working days) on a child in need plan (local).',
    ),
    supervisionIntervalWorkingDays: workingDays(20, 'CR310: supervision about a case at least this often (working days) (local).'),
    firstCoreGroupWorkingDays: workingDays(
      10,
      'CR312: first core group within this many working days of the initial conference (statutory: 10).',
    ),
    firstReviewConferenceMonths: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(3)
      .describe('CR313: first review conference within this many months of the initial conference (statutory: 3).'),
    laterReviewConferenceMonths: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(6)
      .describe('CR313: later review conferences within this many months of the previous review (statutory: 6).'),
    returnInterviewHours: z
      .number()
      .int()
      .min(1)
      .max(720)
      .default(72)
      .describe('CR314: a return interview within this many hours of the child returning (statutory guidance: 72).'),
    reReferralMonths: z
      .number()
      .int()
      .min(1)
      .max(60)
      .default(12)
      .describe('CR401: a referral within this many months of an earlier one is a re-referral.'),
    stepUpAfterStepDownMonths: z
      .number()
      .int()
      .min(1)
      .max(24)
      .default(3)
      .describe('CR402: a step-up within this many months of a step-down.'),
    repeatedContactsCount: z
      .number()
      .int()
      .min(2)
      .max(50)
      .default(3)
      .describe('CR404: this many contacts ending in advice or no further action…'),
    repeatedContactsMonths: z.number().int().min(1).max(60).default(12).describe('CR404: …within this many months.'),
    allocationGraceWorkingDays: workingDays(
      1,
      'CR311: a referral or step-up with no allocation is reported once this many working days pass (an explicit unallocated entry is reported at any length).',
    ),
    seenAloneMinimumAge: z
      .number()
      .int()
      .min(0)
      .max(18)
      .default(3)
      .describe('CR103/CR104: children this age or older are expected to be seen alone and named individually.'),
  })
  .strict();

/**
 * The chronology's significance of each entry kind (an event carries its own; its value here is used only when
 * the event's own is not one of low, medium, high). Authorities weigh kinds differently, so each is a setting.
 */
const significance = (fallback: 'low' | 'medium' | 'high') => z.enum(['low', 'medium', 'high']).default(fallback);
export const significanceSchema = z
  .object({
    event: significance('medium'),
    contact: significance('medium'),
    referral: significance('high'),
    allocation: significance('low'),
    unallocated: significance('low'),
    oversight: significance('low'),
    visit: significance('low'),
    'strategy-discussion': significance('high'),
    'section-47': significance('high'),
    conference: significance('high'),
    'core-group': significance('low'),
    assessment: significance('medium'),
    'safety-plan': significance('medium'),
    supervision: significance('low'),
    missing: significance('high'),
    'return-interview': significance('low'),
    'step-down': significance('medium'),
    'step-up': significance('high'),
    closure: significance('high'),
    note: significance('low'),
  })
  .strict();

export const policySchema = z
  .object({
    $schema: z.string().optional(),
    rules: z
      .record(z.string().regex(/^CR\d{3}$/, 'a rule code such as CR305'), ruleSetting)
      .default({})
      .describe('Per-rule severity: "error", "warning", "info", or "off" (false) to switch a rule off.'),
    timescales: timescalesSchema.default(() => timescalesSchema.parse({})),
    localClosureDays: z
      .array(z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date YYYY-MM-DD'))
      .default([])
      .describe('Days the authority treats as non-working besides weekends and bank holidays.'),
    heuristics: heuristicsSchema.describe(
      'CR102, CR104, CR201, CR203, CR204, CR202 and CR601 judge prose: their word lists, patterns and thresholds.',
    ),
    managerRoles: z
      .array(z.string())
      .default(['team-manager', 'service-manager', 'senior-practitioner'])
      .describe('CR007: worker roles that may authorise an assessment.'),
    significance: significanceSchema
      .default(() => significanceSchema.parse({}))
      .describe('Chronology: the significance (low, medium, high) of each entry kind; an event carries its own.'),
  })
  .strict()
  .superRefine((policy, context) => {
    for (const code of Object.keys(policy.rules)) {
      if (!RULES.some((rule) => rule.code === code)) {
        context.addIssue({ code: 'custom', path: ['rules', code], message: `unknown rule ${code}` });
      }
    }
  });

export type Policy = z.output<typeof policySchema>;
export type Timescales = Policy['timescales'];

export const DEFAULT_POLICY: Policy = policySchema.parse({});
