#!/usr/bin/env node
/**
 * generate-corpus.mjs: a synthetic corpus of fictional case records, for the report, benchmarks and browser tests.
 *
 * Command line (plain Node ESM, no build needed):
 *   node scripts/generate-corpus.mjs --cases 1000 --out DIR [--seed 1] [--as-of 2024-03-28] [--split 0.1] [--own-names]
 *     --cases N     how many cases (default 100)
 *     --out DIR     folder to write into (created; existing .case files in it are left alone)
 *     --seed S      integer seed: the same seed, count and options always give byte-identical files (default 1)
 *     --as-of DATE  no entry is dated after this day; run `caserec validate|report --as-of DATE` (default 2024-03-28)
 *     --split F     fraction of cases split across two files in a folder of their own (default 0.1)
 *     --own-names   each case's children have given names no other case has (else drawn from one list)
 *   It prints one line: `N cases, F files, B bytes -> DIR`.
 *
 * As a module:
 *   import { generateCorpus, writeCorpus } from './scripts/generate-corpus.mjs';
 *   generateCorpus({ cases, seed, asOf, split }) -> { files: [{ path, text }], stats: { cases, files, bytes, entries } }
 *     (paths are relative, with '/' separators; nothing is written)
 *   writeCorpus(dir, options) -> the same result, after writing the files under dir
 *
 * What is in it: case ids SG-700000 upwards; 1-3 children each; workers from six teams of an invented authority
 * (so the report has teams, workers and caseloads to compare); every entry kind; a realistic mix of practice,
 * including late contact decisions, late assessments and conferences, visits without the child's voice or long
 * gaps between them, unallocated periods, step-downs followed by step-ups, missing episodes, open and closed cases.
 * Every name, place and event is invented; names are combined at random from lists of common given and family names.
 */
import { Buffer } from 'node:buffer';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

// ---- Randomness: a small seeded generator (mulberry32), so a corpus is reproducible from its seed ----

function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min, max) => min + Math.floor(next() * (max - min + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  return { next, int, pick, chance };
}

// ---- Dates: civil dates as UTC day numbers (weekends skipped for "working days"; bank holidays ignored here) ----

const DAY = 86400000;
const toDay = (iso) => Date.UTC(Number(iso.slice(0, 4)), Number(iso.slice(5, 7)) - 1, Number(iso.slice(8, 10))) / DAY;
const toIso = (day) => new Date(day * DAY).toISOString().slice(0, 10);
const weekday = (day) => (new Date(day * DAY).getUTCDay() + 6) % 7; // 0 Monday .. 6 Sunday
function toWeekday(day) {
  while (weekday(day) >= 5) day++;
  return day;
}
function addWorking(day, n) {
  let d = day;
  for (let left = n; left > 0;) {
    d++;
    if (weekday(d) < 5) left--;
  }
  return d;
}
const time = (r, from = 8, to = 18) =>
  `${String(r.int(from, to)).padStart(2, '0')}:${String(r.pick([0, 5, 10, 15, 20, 30, 40, 45, 50])).padStart(2, '0')}`;

// ---- The invented authority: teams and workers ----

const GIVEN = [
  'Amara',
  'Ben',
  'Chloe',
  'Dylan',
  'Erin',
  'Farah',
  'George',
  'Hana',
  'Isaac',
  'Jade',
  'Kian',
  'Layla',
  'Mason',
  'Nia',
  'Oscar',
  'Priya',
  'Quinn',
  'Rosa',
  'Sami',
  'Tia',
  'Umar',
  'Vera',
  'Wren',
  'Yusuf',
  'Zara',
  'Alfie',
  'Bethany',
  'Callum',
  'Daisy',
  'Eli',
  'Freya',
  'Harvey',
  'Imani',
  'Jack',
  'Keira',
  'Leo',
  'Maya',
  'Noah',
  'Olivia',
  'Reuben',
  'Sophie',
  'Theo',
  'Aisha',
  'Kai',
  'Ruby',
  'Finn',
  'Lily',
  'Zain',
  'Evie',
  'Arlo',
];
const FAMILY = [
  'Ashdown',
  'Brennan',
  'Carrow',
  'Delaney',
  'Ellery',
  'Fenwick',
  'Garside',
  'Holloway',
  'Ibbotson',
  'Jessop',
  'Kettle',
  'Lindqvist',
  'Marlow',
  'Naylor',
  'Okonjo',
  'Pennant',
  'Quarry',
  'Rahman',
  'Stroud',
  'Thorne',
  'Upton',
  'Varley',
  'Whitlock',
  'Yeoman',
  'Zielinski',
  'Achterberg',
  'Bosworth',
  'Castellan',
  'Dunmore',
  'Eastleigh',
  'Farrant',
  'Greaves',
  'Hartigan',
  'Ilori',
  'Juniper',
  'Kowal',
  'Larkin',
  'Mirza',
  'Nightingale',
];
const TEAMS = [
  'Front Door',
  'Assessment North',
  'Assessment South',
  'Child Protection East',
  'Children in Need West',
  'Adolescent Support',
];
const IRO_NAMES = ['Independent Reviewing Officer', 'Conference Chair (IRO service)'];

function authority(seed) {
  const r = rng(seed ^ 0x5eed);
  const used = new Set();
  const person = () => {
    for (;;) {
      const name = `${r.pick(GIVEN)} ${r.pick(FAMILY)}`;
      if (!used.has(name)) {
        used.add(name);
        return name;
      }
    }
  };
  return TEAMS.map((team) => ({
    team,
    manager: { name: person(), role: 'team-manager', team },
    senior: { name: person(), role: 'senior-practitioner', team },
    workers: Array.from({ length: r.int(5, 9) }, () => ({
      name: person(),
      role: r.chance(0.15) ? 'family-support-worker' : 'social-worker',
      team,
    })),
    earlyHelp: { name: person(), role: 'early-help-worker', team: 'Early Help Hub' },
  }));
}

// ---- Prose: sentence banks; {c} is a child's given name, {p} the parent's ----

const CONCERNS = [
  'Police attended the home after neighbours reported shouting late at night; {p} had a cut lip and {c} was awake and upset.',
  'School reports that {c} has come to school hungry most days this half term and was wearing the same clothes all week.',
  'The health visitor found the flat cold and without food; {p} appeared under the influence and {c} had a nappy rash.',
  '{c} told a teaching assistant that "mum\'s boyfriend hits the wall and then hits mum" and that {c} hides in the wardrobe.',
  '{c} has missed eleven days of college and was seen getting into cars with older men near the retail park.',
  "A&E reported an injury to {c}'s forearm that does not fit the explanation of a fall from the sofa.",
  'An anonymous caller says {c} is often left alone in the evenings while {p} goes out.',
  '{p} called the out-of-hours team saying she could not cope and was frightened she would hurt {c}.',
];
const VOICE = [
  '{c} showed me the bedroom and said "I like it when it\'s quiet at night".',
  '{c} drew the family and put {p} in the middle "because she looks after us".',
  'Seen alone, {c} said "I don\'t like it when they shout, I put my headphones on".',
  'Using the three houses tool, {c} put "dad shouting" in the house of worries and "my bike" in the house of good things.',
  '{c} said school is "boring but OK" and that the best thing this week was football.',
  '{c} was quiet and would not talk about home; {c} said "I\'m fine" and asked when I would go.',
  '{c} babbled, crawled to {p} for comfort and settled quickly when picked up.',
  '{c} said "I want to stay with Nan at weekends" and that Nan\'s house feels safe.',
  '{c} told me she is "scared when he comes back late" and that she sleeps with the light on.',
];
const SECOND_HAND = [
  '{p} says {c} is doing well and is happy at home.',
  'The school says {c} is settled and has no worries.',
  'According to {p}, {c} is sleeping better and enjoys nursery.',
];
const OBSERVATIONS = [
  'The home was warm and tidy, with food in the cupboards. {p} was calm and engaged well.',
  'The living room was cluttered and there was a smell of cannabis. {p} was tired and irritable.',
  'A new lock has been fitted to the front door. {p} showed me the safety plan on the fridge.',
  '{p} had bruising to her wrist which she said was from work. The children were clean and appropriately dressed.',
  'There was little food in the house and the heating was off; {p} said the meter had run out.',
  'The children were playing together in the garden; {p} supervised them well.',
];
const ANALYSIS = [
  'The risk to {c} comes mainly from domestic abuse in the home. Because {p} has now separated from her partner and is using the support offered, the immediate risk has reduced; however, the change is recent and the risk of his return remains, so the plan should continue.',
  "Neglect of {c}'s basic needs is chronic rather than acute. {p}'s own depression limits her capacity to change, which means progress will be slow unless her mental health is treated; therefore the plan focuses on her health and on practical help.",
  '{c} is at risk of criminal exploitation. The missing episodes and new possessions suggest grooming; because {c} trusts the youth worker, direct work through that relationship is the best chance of reducing risk.',
  'Things are going well and {p} is doing her best. Everyone agrees the family is much better now.',
  'There are worries about the home conditions. {p} says she will try harder.',
];
const REFLECTION = [
  "We considered whether {p}'s agreement reflects real change or compliance; the evidence so far points to change but it is early.",
  "Hypothesis to test: {c}'s withdrawal at school pre-dates the incident and may reflect longer exposure to harm.",
  'We discussed the drift in the plan; actions from the core group have not been followed up and need owners.',
  'Case discussed.',
];
const EVENTS = [
  [
    '{c} attended A&E with a head injury; the explanation was accepted and no referral was made.',
    'A single unexplained injury; read with later events it may show a pattern.',
  ],
  [
    'Police attended a verbal argument between {p} and her partner; {c} was present.',
    'First recorded domestic abuse incident with {c} in the home.',
  ],
  [
    '{c} moved school for the third time in two years after the family was evicted.',
    "Repeated moves have disrupted {c}'s friendships and learning.",
  ],
  ['{p} was admitted to hospital for two weeks following a mental health crisis; {c} stayed with a relative.', ''],
];

function fill(text, c, p) {
  return text.replaceAll('{c}', c).replaceAll('{p}', p);
}

// ---- One case ----

function childId(given, used) {
  let id = given.toLowerCase().replace(/[^a-z]/g, '');
  for (let n = 2; used.has(id); n++) id = `${given.toLowerCase()}${n}`;
  used.add(id);
  return id;
}

/**
 * A given name of this case's own (`ownNames`): the list's name with letters made from the case's number, the
 * same in every file of the case. Real cases rarely share their children's names; the list alone gives 2,000
 * cases the same few dozen, which flatters whatever is made once per name (the prose patterns with `{child}`).
 */
function ownName(given, index) {
  let tag = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) tag = String.fromCharCode(97 + ((n - 1) % 26)) + tag;
  return given + tag;
}

function generateCase(index, org, r, asOfDay, ownNames = false) {
  const caseId = `SG-${700000 + index}`;
  const family = r.pick(FAMILY);
  const team = org[index % org.length];
  const worker = r.pick(team.workers);
  const second = r.pick(team.workers.filter((w) => w !== worker));
  const manager = team.manager;
  const ids = new Set();
  const wid = (w) => w.id;
  const assign = (w) => ({ ...w, id: childId(w.name.split(' ')[0], ids) });
  const W = assign(worker);
  const W2 = assign(second);
  const M = assign(manager);
  const EH = assign(team.earlyHelp);
  const start = toWeekday(asOfDay - r.int(25, 900));
  const childCount = r.pick([1, 1, 2, 2, 2, 3]);
  const teen = team.team === 'Adolescent Support' || r.chance(0.15);
  const children = Array.from({ length: childCount }, (_, i) => {
    const picked = r.pick(GIVEN);
    const given = ownNames ? ownName(picked, index) : picked;
    const age = teen && i === 0 ? r.int(12, 16) : r.int(0, 11);
    const born = toIso(start - age * 365 - r.int(0, 360));
    return { given, id: childId(given, ids), name: `${given} ${family}`, born, age };
  });
  const kids = children.map((c) => c.id).join(', ');
  const first = children[0];
  const parent = { id: childId('mum', ids), name: `${r.pick(GIVEN)} ${family}` };
  const partner = { id: childId('partner', ids), name: `${r.pick(GIVEN)} ${r.pick(FAMILY)}` };
  const nan = { id: childId('nan', ids), name: `${r.pick(GIVEN)} ${r.pick(FAMILY)}` };
  const P = parent.name.split(' ')[0];
  const C = first.given;
  const say = (bank) => fill(r.pick(bank), C, P);

  const entries = []; // { day, text }
  const add = (day, text) => {
    if (day <= asOfDay) entries.push({ day, text });
  };
  const tb = (s) => `"""${s}"""`;

  // History
  for (let i = 0; i < r.int(0, 2); i++) {
    const [what, impact] = r.pick(EVENTS);
    const d = start - r.int(60, 700);
    const impactField = impact && r.chance(0.85) ? `\n  impact: ${tb(fill(impact, C, P))}` : '';
    add(
      d,
      `event ${toIso(d)} about ${first.id} source ${r.pick(['police', 'school', 'health'])} significance ${r.pick(['low', 'medium', 'high'])} {\n  what: ${tb(fill(what, C, P))}${impactField}\n}`,
    );
  }

  // Contact and decision
  const contactDay = start;
  const pathway = r.pick(['strategy', 'strategy', 'assessment', 'assessment', 'assessment', 'advice']);
  const decisionLate = r.chance(0.12);
  const decisionDay = pathway === 'advice' && r.chance(0.1) ? undefined : addWorking(contactDay, decisionLate ? r.int(2, 6) : r.int(0, 1));
  const outcome =
    pathway === 'strategy'
      ? 'strategy-discussion'
      : pathway === 'assessment'
        ? 'referral'
        : r.pick(['advice', 'no-further-action', 'early-help']);
  const source = r.pick(['police', 'school', 'health']);
  const contactHour = r.int(8, 14);
  add(
    contactDay,
    `contact ${toIso(contactDay)} ${time(r, contactHour, contactHour)} from ${source} about ${kids} {\n  concern: ${tb(say(CONCERNS))}\n  consent: ${r.pick(['given', 'given', 'refused', 'not-sought'])}\n` +
      (decisionDay !== undefined ? `  decision ${toIso(decisionDay)} ${time(r, contactHour + 1, 18)} by ${wid(M)}: ${outcome}\n` : '') +
      `  rationale: ${tb(pathway === 'advice' ? 'Concerns do not meet the threshold for statutory services; advice given to the referrer.' : 'Reasonable cause to suspect significant harm or need; threshold for statutory assessment met.')}\n}`,
  );
  if (pathway === 'advice' || decisionDay === undefined) {
    return finish();
  }

  // Referral, allocation (sometimes late, sometimes with a recorded unallocated period)
  const referralDay = decisionDay;
  add(
    referralDay,
    `referral r1 ${toIso(referralDay)} from ${source} about ${kids} {\n  reason: ${tb(`See the contact of ${toIso(contactDay)}: ${say(CONCERNS)}`)}\n}`,
  );
  let allocated = W;
  const allocationDay = r.chance(0.1) ? addWorking(referralDay, r.int(3, 15)) : addWorking(referralDay, r.int(0, 1));
  add(allocationDay, `allocation ${toIso(allocationDay)} about ${kids} to ${wid(W)}`);

  // Strategy discussion, section 47, conference, core group, review
  let planKind = 'cin';
  if (pathway === 'strategy') {
    const sd = addWorking(decisionDay, r.chance(0.15) ? r.int(2, 5) : r.int(0, 1));
    const s47 = r.chance(0.75);
    add(
      sd,
      `strategy-discussion ${toIso(sd)} ${time(r, 9, 16)} about ${kids} chair ${wid(M)} {\n  attendees: police, health, school, ${wid(W)}\n  information: ${tb(`Police and health shared what they know. ${say(CONCERNS)}`)}\n  decision: ${s47 ? 'section-47' : 'assessment'}\n  rationale: ${tb('The information shared gives reasonable cause to suspect significant harm.')}\n}`,
    );
    if (s47) {
      const outcomeDay = addWorking(sd, r.int(4, 12));
      const s47Outcome = r.pick(['conference', 'conference', 'conference', 'cin-plan', 'no-further-action']);
      add(
        sd,
        `section-47 s47 ${toIso(sd)} about ${kids} lead ${wid(W)} {\n  findings: ${tb(`${C} was seen alone. ${say(OBSERVATIONS)}`)}\n  outcome ${toIso(outcomeDay)}: ${s47Outcome}\n  rationale: ${tb('The enquiry substantiated concerns; a multi-agency plan is needed.')}\n}`,
      );
      if (s47Outcome === 'conference') {
        const icpc = addWorking(sd, r.chance(0.2) ? r.int(16, 30) : r.int(8, 15));
        planKind = 'cp';
        add(
          icpc,
          `conference ${toIso(icpc)} about ${kids} kind initial chair "${r.pick(IRO_NAMES)}" {\n  decision: child-protection-plan\n  category: ${r.pick(['neglect', 'physical-abuse', 'emotional-abuse', 'multiple'])}\n  rationale: ${tb('The children are at continuing risk of significant harm; a child protection plan is needed.')}\n}`,
        );
        const cg = addWorking(icpc, r.chance(0.15) ? r.int(11, 20) : r.int(5, 10));
        add(
          cg,
          `core-group ${toIso(cg)} about ${kids} {\n  attendees: ${parent.id}, ${wid(W)}, school, health\n  progress: ${tb('Actions from the outline plan are under way; attendance at school has improved.')}\n}`,
        );
        const review = icpc + r.int(80, 110);
        add(
          review,
          `conference ${toIso(review)} about ${kids} kind review chair "${r.pick(IRO_NAMES)}" {\n  ${r.pick(['decision: child-protection-plan\n  category: neglect', 'decision: child-protection-plan\n  category: emotional-abuse', 'decision: cin-plan', 'decision: end-plan'])}\n  rationale: ${tb('Progress reviewed with the family and the core group.')}\n}`,
        );
      }
    }
  }

  // Assessment (sometimes late, sometimes still open, sometimes without the child's voice)
  const assessmentEnd = addWorking(referralDay, r.chance(0.18) ? r.int(46, 80) : r.int(15, 45));
  const open = assessmentEnd > asOfDay || r.chance(0.06);
  const assessmentOutcome =
    planKind === 'cp' ? 'child-protection-plan' : r.pick(['cin-plan', 'cin-plan', 'step-down', 'no-further-action']);
  add(
    referralDay,
    `assessment a1 ${toIso(referralDay)} about ${kids} {\n` +
      (open
        ? ''
        : `  completed ${toIso(assessmentEnd)}\n  authorised ${toIso(addWorking(assessmentEnd, r.int(0, 3)))} by ${wid(r.chance(0.9) ? M : W2)}\n`) +
      (r.chance(0.82) ? `  child-voice: ${tb(say(r.chance(0.85) ? VOICE : SECOND_HAND))}\n` : '') +
      `  lived-experience: ${tb(`Day to day, ${C} lives with ${r.pick(['worry and noise at night', 'little routine and not enough food', 'a parent who is often unwell', 'fear of what happens when adults argue'])}.`)}\n` +
      `  history: ${tb('Previous contacts are summarised in the chronology; this is the first referral with physical harm.')}\n` +
      `  parenting: ${tb(`${P} meets many of the children's needs but struggles when she is unwell.`)}\n` +
      `  analysis: ${tb(say(ANALYSIS))}\n` +
      (open ? '' : `  outcome: ${assessmentOutcome}\n`) +
      '}',
  );

  // Safety plan
  if (r.chance(0.5)) {
    const sp = addWorking(referralDay, r.int(0, 3));
    add(
      sp,
      `safety-plan sp1 ${toIso(sp)} for ${kids} {\n  review-by ${toIso(sp + r.int(14, 90))}\n  worries: ${tb(say(CONCERNS))}\n  goal: ${tb(`${C} lives in a home where adults keep them safe.`)}\n` +
        `  action "${P} will call 999 if her ex-partner comes to the home" owner ${parent.id} due ${toIso(sp)} done ${toIso(sp)}\n` +
        `  network: ${parent.id}, ${nan.id}\n  contingency: ${tb(`If things go wrong ${P} and the children will stay with Nan.`)}\n` +
        (r.chance(0.8) ? `  child-view: ${tb(say(VOICE))}\n` : '') +
        '}',
    );
  }

  // Oversight
  const oversightDay = addWorking(allocationDay, r.int(0, 2));
  add(
    oversightDay,
    `oversight ${toIso(oversightDay)} by ${wid(M)} about ${kids} {\n  direction: ${tb(`${W.name.split(' ')[0]} to see the children within five working days and agree a safety plan.`)}\n` +
      `  action "See the children and agree a safety plan" owner ${wid(W)} due ${toIso(addWorking(allocationDay, 5))}${r.chance(0.8) ? ` done ${toIso(addWorking(allocationDay, r.int(1, 7)))}` : ''}\n}`,
  );

  // Visits, with the rhythm of the plan, some late, some with no voice
  const end = Math.min(asOfDay, start + r.int(90, 500));
  let visitDay = addWorking(allocationDay, r.chance(0.15) ? r.int(6, 15) : r.int(0, 4));
  let visitor = W;
  let unallocatedFrom;
  while (visitDay <= end) {
    const seen = children.filter((c) => c.age >= 3).map((c) => c.id);
    const notAlone = children.filter((c) => c.age < 3);
    const voice = r.chance(0.85)
      ? `  child-voice: ${tb(fill(r.pick(r.chance(0.9) ? VOICE : SECOND_HAND), r.pick(children).given, P))}\n`
      : '';
    add(
      visitDay,
      `visit ${toIso(visitDay)} ${time(r, 9, 18)} by ${wid(visitor)} to ${kids} {\n` +
        (seen.length > 0 && r.chance(0.8) ? `  seen-alone: ${seen.join(', ')}\n` : '') +
        notAlone
          .map((c) => `  not-alone: ${c.id} because ${tb(`${c.given} is too young to be seen alone; observed with ${P}.`)}\n`)
          .join('') +
        voice +
        `  observations: ${tb(say(OBSERVATIONS))}\n}`,
    );
    // Mostly within the plan's rhythm (10 working days on a child protection plan, 20 on a child in need plan).
    const late = r.chance(0.15);
    const interval = planKind === 'cp' ? (late ? r.int(11, 20) : r.int(4, 10)) : late ? r.int(21, 45) : r.int(8, 20);
    visitDay = addWorking(visitDay, r.chance(0.04) ? interval * 3 : interval);
    // Occasionally the worker leaves: a recorded unallocated period, then reallocation
    if (unallocatedFrom === undefined && r.chance(0.04)) {
      unallocatedFrom = visitDay;
      add(
        visitDay,
        `unallocated ${toIso(visitDay)} about ${kids} {\n  reason: ${tb(`${W.name} left the team; the case is awaiting reallocation by the team manager.`)}\n}`,
      );
      const back = addWorking(visitDay, r.int(2, 25));
      add(back, `allocation ${toIso(back)} about ${kids} to ${wid(W2)}`);
      allocated = W2;
      visitor = W2;
      visitDay = addWorking(back, r.int(1, 8));
    }
  }

  // Supervision
  for (let d = addWorking(allocationDay, r.int(10, 25)); d <= end; d = addWorking(d, r.chance(0.2) ? r.int(21, 40) : r.int(12, 20))) {
    add(
      d,
      `supervision ${toIso(d)} of ${wid(allocated)} by ${wid(M)} about ${kids} {\n  discussion: ${tb('Progress of the plan, visits and the views of the children.')}\n  reflection: ${tb(say(REFLECTION))}\n` +
        (r.chance(0.5)
          ? `  action "Update the chronology and share it with the core group" owner ${wid(allocated)} due ${toIso(addWorking(d, 10))}${r.chance(0.7) ? ` done ${toIso(addWorking(d, r.int(3, 14)))}` : ''}\n`
          : '') +
        '}',
    );
  }

  // Missing episodes for teenagers
  if (first.age >= 12 && r.chance(0.45)) {
    const gone = addWorking(start, r.int(5, 40));
    const returned = gone + r.int(1, 3);
    add(
      gone,
      `missing ${toIso(gone)} ${time(r, 17, 23)} about ${first.id} returned ${toIso(returned)} ${time(r, 7, 14)} {\n  circumstances: ${tb(`${C} did not come home after college and was reported missing by ${P}.`)}\n}`,
    );
    if (r.chance(0.8)) {
      const ri = returned + r.int(1, 5);
      add(
        ri,
        `return-interview ${toIso(ri)} about ${first.id} by ${wid(W)} {\n  child-voice: ${tb(`${C} said "I was at a mate's, nobody made me go".`)}\n  analysis: ${tb(`${C}'s account is guarded, which is common when a young person is being groomed.`)}\n}`,
      );
    }
  }

  // Notes
  for (let i = 0; i < r.int(0, 3); i++) {
    const d = addWorking(allocationDay, r.int(2, 60));
    add(
      d,
      `note ${toIso(d)} ${time(r)} by ${wid(allocated)} about ${kids} {\n  text: ${tb(`Phone call with ${P}: ${r.pick(['things are calmer this week', 'she is worried about rent arrears', 'the children were ill and missed school'])}.`)}\n}`,
    );
  }

  // Endings: still open, stepped down (some straight back up), or closed
  const ending = r.pick(['open', 'open', 'open', 'step-down', 'closure']);
  const endDay = addWorking(end, 1);
  if (ending === 'step-down' && endDay <= asOfDay) {
    add(
      endDay,
      `step-down ${toIso(endDay)} about ${kids} to early-help {\n  rationale: ${tb(`Progress is sustained; ${EH.name} will continue support through early help.`)}\n}`,
    );
    if (r.chance(0.35)) {
      const up = addWorking(endDay, r.int(20, 70));
      add(up, `step-up ${toIso(up)} about ${kids} {\n  rationale: ${tb(`Concerns returned: ${say(CONCERNS)}`)}\n}`);
      const reallocated = addWorking(up, r.int(1, 10));
      if (r.chance(0.6)) add(reallocated, `allocation ${toIso(reallocated)} about ${kids} to ${wid(W)}`);
    }
  } else if (ending === 'closure' && endDay <= asOfDay) {
    add(
      endDay,
      `closure ${toIso(endDay)} about ${kids} reason ${r.pick(['RC8', 'RC8', 'RC7', 'RC4'])} {\n  rationale: ${tb('The plan has been achieved and the family no longer needs statutory support.')}\n}`,
    );
  }
  return finish();

  function finish() {
    const decl = [
      `case "${caseId}" {`,
      `  title "${family} family"`,
      ...children.map((c) => `  child ${c.id} "${c.name}" born ${c.born}`),
      `  adult ${parent.id} "${parent.name}" relationship "mother"`,
      `  adult ${partner.id} "${partner.name}" relationship "mother's partner"`,
      `  adult ${nan.id} "${nan.name}" relationship "maternal grandmother"`,
      ...[W, W2, M, EH].map((w) => `  worker ${w.id} "${w.name}" role ${w.role} team "${w.team}"`),
      `  agency police "Midshire Constabulary"`,
      `  agency school "${r.pick(['Hollow Lane', 'Riverside', "St Aldhelm's", 'Parkfield'])} Primary School"`,
      `  agency health "Midshire Community Health"`,
      '}',
    ].join('\n');
    // Records are written roughly in date order, with the odd entry written up late (out of order), as in life.
    entries.sort((a, b) => a.day - b.day);
    for (let i = 1; i < entries.length; i++) if (r.chance(0.05)) [entries[i - 1], entries[i]] = [entries[i], entries[i - 1]];
    return { caseId, decl, entries: entries.map((e) => e.text) };
  }
}

export function generateCorpus({ cases = 100, seed = 1, asOf = '2024-03-28', split = 0.1, ownNames = false } = {}) {
  const org = authority(seed);
  const asOfDay = toDay(asOf);
  const files = [];
  let entries = 0;
  for (let i = 0; i < cases; i++) {
    const r = rng((seed * 1000003 + i * 7919) >>> 0);
    const c = generateCase(i, org, r, asOfDay, ownNames);
    entries += c.entries.length;
    const header = `// ${c.caseId}: a fictional case generated by scripts/generate-corpus.mjs (seed ${seed}). Not a real family.\n\n`;
    if (r.chance(split) && c.entries.length > 2) {
      const cut = Math.floor(c.entries.length / 2);
      files.push({ path: `${c.caseId}/case.case`, text: `${header}${c.decl}\n\n${c.entries.slice(0, cut).join('\n\n')}\n` });
      files.push({ path: `${c.caseId}/later-records.case`, text: `for case "${c.caseId}"\n\n${c.entries.slice(cut).join('\n\n')}\n` });
    } else {
      files.push({ path: `${c.caseId}.case`, text: `${header}${c.decl}\n\n${c.entries.join('\n\n')}\n` });
    }
  }
  const bytes = files.reduce((sum, f) => sum + Buffer.byteLength(f.text), 0);
  return { files, stats: { cases, files: files.length, bytes, entries } };
}

export function writeCorpus(dir, options = {}) {
  const result = generateCorpus(options);
  for (const file of result.files) {
    const target = path.join(dir, file.path);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, file.text);
  }
  return result;
}

function parseCommandLine(argv) {
  const options = {};
  let out;
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = argv[i].split('=', 2);
    if (flag === '--own-names') {
      options.ownNames = true;
      continue;
    }
    const value = inline ?? argv[++i];
    if (value === undefined) throw new Error(`${flag} needs a value`);
    if (flag === '--cases') options.cases = Number(value);
    else if (flag === '--seed') options.seed = Number(value);
    else if (flag === '--as-of') options.asOf = value;
    else if (flag === '--split') options.split = Number(value);
    else if (flag === '--out') out = value;
    else throw new Error(`${flag}: unknown option`);
  }
  if (!out) throw new Error('--out DIR is required');
  if (options.cases !== undefined && !(Number.isInteger(options.cases) && options.cases > 0))
    throw new Error('--cases must be a whole number above 0');
  if (options.seed !== undefined && !Number.isInteger(options.seed)) throw new Error('--seed must be a whole number');
  if (options.asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(options.asOf)) throw new Error('--as-of must be YYYY-MM-DD');
  if (options.split !== undefined && !(options.split >= 0 && options.split <= 1)) throw new Error('--split must be between 0 and 1');
  return { out, options };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const { out, options } = parseCommandLine(process.argv.slice(2));
    const { stats } = writeCorpus(out, options);
    console.log(`${stats.cases} cases, ${stats.files} files, ${stats.bytes} bytes -> ${out}`);
  } catch (error) {
    console.error(`generate-corpus: ${error.message}`);
    process.exitCode = 2;
  }
}
