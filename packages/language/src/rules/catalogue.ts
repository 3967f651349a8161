/**
 * The rule catalogue: the one table of rule metadata. Hover text, `caserec rules`, docs/rules.md, SARIF rule
 * descriptors and JSON output all read it; nothing else spells a rule's name, severity or explanation.
 * Codes never change meaning once shipped (rules.md).
 */
export type Severity = 'error' | 'warning' | 'info';

export type RuleFamily = 'records' | 'voice' | 'analysis' | 'timeliness' | 'patterns' | 'chronology';

export interface RuleMetadata {
  readonly code: string;
  readonly name: string;
  readonly family: RuleFamily;
  readonly severity: Severity;
  /** One line: what the rule flags. */
  readonly summary: string;
  /** What good practice looks like and why it matters for the child. */
  readonly explanation: string;
  readonly source: string;
}

const WT2023 = 'Working Together to Safeguard Children 2023';
const LOCAL = 'local practice standard, configurable in .caserec.json';
const RECORDS = 'caserec record-keeping standard';

export const RULES: readonly RuleMetadata[] = [
  {
    code: 'CR001',
    name: 'syntax',
    family: 'records',
    severity: 'error',
    summary: 'Text that does not parse.',
    explanation:
      'The record must follow the case-record language so that every entry can be read, checked and placed in the chronology. Text that does not parse cannot be checked at all, so each problem is reported where it is, and the entries after it are still read.',
    source: RECORDS,
  },
  {
    code: 'CR002',
    name: 'unresolved-reference',
    family: 'records',
    severity: 'error',
    summary: 'A person, agency, case or entry id that is not declared, or a person of the wrong kind.',
    explanation:
      'Every person and agency is declared once in the case block and referred to by id, so that the record says exactly who did what and who was seen. A name that is not declared, or a person of the wrong kind (an adult where a child or a worker is expected), makes the record ambiguous.',
    source: RECORDS,
  },
  {
    code: 'CR003',
    name: 'missing-field',
    family: 'records',
    severity: 'error',
    summary: 'A required field is missing or empty for the entry kind.',
    explanation:
      'Each kind of entry has fields that a complete record needs: a contact needs the concern, the decision and its rationale; a visit needs the child\u2019s voice and what was observed. Inspectors find records incomplete and confusing when key information is missing, and decisions are then made without the full picture.',
    source: RECORDS,
  },
  {
    code: 'CR004',
    name: 'impossible-date',
    family: 'records',
    severity: 'error',
    summary: 'Dates out of order within an entry, or an entry dated after the as-of date.',
    explanation:
      'Dates within an entry must be in order (a decision after the contact, completion after the start, return after going missing), and no entry can be dated after the day the record is checked. Wrong dates make timescales and the chronology wrong.',
    source: RECORDS,
  },
  {
    code: 'CR005',
    name: 'duplicate-id',
    family: 'records',
    severity: 'error',
    summary: 'Two declarations with one id in one case.',
    explanation:
      'An id names exactly one person, agency or entry in a case, across all of the case\u2019s files. Two declarations with one id make every reference to it ambiguous.',
    source: RECORDS,
  },
  {
    code: 'CR006',
    name: 'incomplete-action',
    family: 'records',
    severity: 'error',
    summary: 'An action with no owner or no due date.',
    explanation:
      'An action that nobody owns or that has no date is rarely done. Inspectors find management actions not followed through; every action needs an owner and a due date so that it can be tracked.',
    source: RECORDS,
  },
  {
    code: 'CR007',
    name: 'unauthorised-assessment',
    family: 'records',
    severity: 'warning',
    summary: 'A completed assessment with no manager authorisation, or authorised by someone who is not a manager.',
    explanation:
      'A completed assessment should be read and authorised by a manager (team manager, service manager or senior practitioner where local policy allows), who checks the analysis and the plan. Management oversight that is absent or not recorded is a repeated inspection finding.',
    source: LOCAL,
  },
  {
    code: 'CR101',
    name: 'child-voice-missing',
    family: 'voice',
    severity: 'warning',
    summary: 'An assessment, visit, return interview or safety plan with no child\u2019s voice.',
    explanation:
      'Children should be seen and heard: their wishes, feelings and experiences recorded in their own words, or for very young children through what the worker observed. An assessment or visit without the child\u2019s voice cannot show what life is like for the child.',
    source: WT2023 + ' (child-centred practice)',
  },
  {
    code: 'CR102',
    name: 'child-voice-second-hand',
    family: 'voice',
    severity: 'warning',
    summary: 'The child\u2019s voice only reports what adults say about the child.',
    explanation:
      'The child\u2019s voice should hold the child\u2019s own words, what the worker saw of the child, or the results of direct work (three houses, wishes and feelings). What a parent or professional says about the child is useful information, but it is not the child\u2019s voice.',
    source: WT2023 + ' (child-centred practice); heuristic, configurable',
  },
  {
    code: 'CR103',
    name: 'child-not-seen-alone',
    family: 'voice',
    severity: 'warning',
    summary: 'A child aged 3 or over not seen alone during a section 47 enquiry or a child protection plan, with no reason recorded.',
    explanation:
      'During a section 47 enquiry and on a child protection plan, children old enough to talk should be seen alone, so they can speak freely. When that is not possible or not right, the reason should be recorded.',
    source: WT2023 + '; ' + LOCAL,
  },
  {
    code: 'CR104',
    name: 'child-voice-not-individual',
    family: 'voice',
    severity: 'info',
    summary: 'In a sibling group, the voice text does not give each child their own view.',
    explanation:
      'Each child in a family has their own experience. Where several children are visited or assessed together, the voice text should give each child aged 3 or over their own view: a sentence with that child alone as its subject, saying, feeling or doing something. "The children said", "Lena and Felix said", "Sonny said the same" or "Emir was also present" do not, nor does a child spoken for by another ("Mum said Cara is happy") or only described. For a child under 5, what they were seen doing is their voice; for an older child it is what they said, wrote, chose or felt. The words looked for are in the policy (heuristics.voice: speech, observation, feeling and scene verbs, emotion words).',
    source: LOCAL + '; heuristic',
  },
  {
    code: 'CR201',
    name: 'analysis-descriptive',
    family: 'analysis',
    severity: 'warning',
    summary: 'An analysis that describes but does not analyse.',
    explanation:
      'Analysis weighs the risks against the strengths and says what the information means for the child: what is likely to happen and why. An analysis that only repeats events cannot support a sound decision; inspectors repeatedly find assessments narrow with weak analysis.',
    source: WT2023 + ' (assessment); heuristic, configurable',
  },
  {
    code: 'CR202',
    name: 'history-not-considered',
    family: 'analysis',
    severity: 'warning',
    summary: 'Earlier events, contacts or referrals exist for the child, but the assessment does not refer to any of them.',
    explanation:
      'An assessment should consider the child\u2019s history: earlier contacts, referrals and significant events. Insufficient weight given to children\u2019s histories is a repeated inspection finding and leads to children being re-referred.',
    source: WT2023 + ' (assessment); heuristic, configurable',
  },
  {
    code: 'CR203',
    name: 'over-optimistic',
    family: 'analysis',
    severity: 'warning',
    summary:
      'A step-down, no further action or closure resting on optimistic phrases without evidence, or with safety-plan actions still open.',
    explanation:
      'Decisions to step down or close should rest on evidence of change that has lasted, not on phrases such as "engaging well" or "no concerns". Children stepped down too quickly after over-optimistic assessments are often stepped straight back up.',
    source: LOCAL + '; heuristic',
  },
  {
    code: 'CR204',
    name: 'supervision-descriptive',
    family: 'analysis',
    severity: 'warning',
    summary: 'A supervision reflection that only lists updates and tasks.',
    explanation:
      'Supervision should test hypotheses, analyse what the information means for the child and challenge the plan, not only list updates and tasks. Supervision that is absent or not reflective is a repeated inspection finding.',
    source: LOCAL + '; heuristic',
  },
  {
    code: 'CR301',
    name: 'contact-decision-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A contact decision made after 1 working day, or not yet made when that has passed.',
    explanation:
      'A decision about the type of response a child needs should be made within one working day of a contact. Delay at the front door leaves children in situations of unassessed risk.',
    source: WT2023,
  },
  {
    code: 'CR302',
    name: 'contact-closed-reopened',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A contact closed pending information and followed by a new contact for the same child.',
    explanation:
      'Closing a contact while information is gathered and opening a new one makes the clock look better than the child\u2019s wait. The wait is counted from the first contact, and the message says how long the child actually waited.',
    source: LOCAL,
  },
  {
    code: 'CR303',
    name: 'strategy-discussion-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A strategy discussion held after the deadline from the decision that called for one.',
    explanation:
      'When there is reasonable cause to suspect significant harm, a strategy discussion should be held promptly so that agencies share information and plan the enquiry. Delayed strategy meetings leave gaps in understanding risk.',
    source: WT2023 + '; timescale local, see policy',
  },
  {
    code: 'CR304',
    name: 'conference-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'An initial child protection conference later than 15 working days after the strategy discussion.',
    explanation:
      'The initial child protection conference should take place within 15 working days of the strategy discussion at which the section 47 enquiry was started.',
    source: WT2023,
  },
  {
    code: 'CR305',
    name: 'assessment-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'An assessment completed later than 45 working days after the referral, or not completed when that has passed.',
    explanation:
      'The maximum timeframe for an assessment to conclude is 45 working days from the point of referral. Delay in assessment leaves children\u2019s needs and risks unassessed.',
    source: WT2023,
  },
  {
    code: 'CR306',
    name: 'first-visit-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A child not seen within the timescale after a referral or a section 47 decision.',
    explanation:
      'Children should be seen promptly after a referral and within one working day of a decision to start a section 47 enquiry. Delays in seeing children are a repeated inspection finding.',
    source: LOCAL,
  },
  {
    code: 'CR307',
    name: 'visit-overdue',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A gap between visits longer than the timescale for the child\u2019s plan.',
    explanation:
      'Children on a child protection plan should be visited at least every 10 working days, and children in need at least every 20, so that their circumstances and wishes are known.',
    source: LOCAL,
  },
  {
    code: 'CR308',
    name: 'safety-plan-review-overdue',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A safety plan past its review-by date that no later plan replaces.',
    explanation: 'A safety plan is only as good as its last review. A plan past its review-by date may no longer keep the child safe.',
    source: LOCAL,
  },
  {
    code: 'CR309',
    name: 'action-overdue',
    family: 'timeliness',
    severity: 'warning',
    summary: 'An action past its due date with no done date, or done late.',
    explanation:
      'Actions set in oversight, supervision and safety plans must be followed through. Management actions not followed up are a repeated inspection finding.',
    source: LOCAL,
  },
  {
    code: 'CR310',
    name: 'supervision-overdue',
    family: 'timeliness',
    severity: 'warning',
    summary: 'No supervision about a case within 20 working days of allocation or of the last supervision.',
    explanation:
      'Regular, recorded supervision keeps the plan moving and tests the worker\u2019s thinking. Supervision records absent from children\u2019s files are a repeated inspection finding.',
    source: LOCAL,
  },
  {
    code: 'CR311',
    name: 'unallocated',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A period in which the child had no allocated worker.',
    explanation:
      'Every child open to children\u2019s social care should have an allocated worker. An unallocated period is a period in which nobody holds the child\u2019s plan.',
    source: LOCAL,
  },
  {
    code: 'CR312',
    name: 'core-group-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'The first core group later than 10 working days after the initial conference.',
    explanation:
      'The core group should meet within 10 working days of the initial child protection conference to develop the outline plan into a detailed plan.',
    source: WT2023,
  },
  {
    code: 'CR313',
    name: 'review-conference-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A review conference later than 3 months after the initial conference, or 6 months after the previous review.',
    explanation:
      'The first review conference should be held within three months of the initial conference, and further reviews at intervals of not more than six months.',
    source: WT2023,
  },
  {
    code: 'CR314',
    name: 'return-interview-late',
    family: 'timeliness',
    severity: 'warning',
    summary: 'A return interview later than 72 hours after the child returned, or none.',
    explanation:
      'A child who has been missing should be offered an independent return interview within 72 hours of returning, to understand why they went missing and what happened while they were away.',
    source: 'Statutory guidance on children who run away or go missing from home or care (2014)',
  },
  {
    code: 'CR401',
    name: 're-referral',
    family: 'patterns',
    severity: 'info',
    summary: 'A referral within 12 months of an earlier referral for the same child.',
    explanation:
      'A re-referral within a year can mean that earlier help did not meet the child\u2019s needs or that a contact was closed too early. It is worth checking what changed.',
    source: LOCAL,
  },
  {
    code: 'CR402',
    name: 'step-up-after-step-down',
    family: 'patterns',
    severity: 'warning',
    summary: 'A step-up within 3 months of a step-down for the same child.',
    explanation:
      'Children stepped down to early help too quickly after weak or over-optimistic assessments are often stepped straight back up, and wait longer for the right help.',
    source: LOCAL,
  },
  {
    code: 'CR404',
    name: 'repeated-contacts',
    family: 'patterns',
    severity: 'info',
    summary: 'Three or more contacts for one child in 12 months that ended in advice or no further action.',
    explanation:
      'Repeated contacts that each end in advice or no further action can hide a pattern of cumulative harm. Together they may meet a threshold that none meets alone.',
    source: LOCAL,
  },
  {
    code: 'CR601',
    name: 'event-impact-missing',
    family: 'chronology',
    severity: 'warning',
    summary: 'A chronology event with no impact on the child stated, or an impact that repeats the event.',
    explanation:
      'A chronology is useful only when it says what each significant event meant for the child. An impact that is missing or repeats the event leaves the reader to guess.',
    source: LOCAL + '; heuristic',
  },
];

const BY_CODE = new Map(RULES.map((rule) => [rule.code, rule]));
const BY_NAME = new Map(RULES.map((rule) => [rule.name, rule]));

export function ruleByCode(code: string): RuleMetadata | undefined {
  return BY_CODE.get(code.toUpperCase());
}

/** A rule by code (`CR305`) or by name (`assessment-late`). */
export function findRule(codeOrName: string): RuleMetadata | undefined {
  return BY_CODE.get(codeOrName.toUpperCase()) ?? BY_NAME.get(codeOrName.toLowerCase());
}

export type RuleCode = (typeof RULES)[number]['code'];
