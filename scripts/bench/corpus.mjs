// Synthetic, fictional case records for the benchmarks and the fuzzer: a seeded generator (same seed, same
// bytes) of prose-heavy `.case` records that follow the language contract, each with a JSON encoding of the
// same records (for the JSON.parse comparison). Every name, place and event is invented.
//
//   import { generateRecord, generateWorkspace } from './corpus.mjs';
//   node scripts/bench/corpus.mjs --bytes 1000000 --seed 7 > record.case     (one record to stdout)
//   node scripts/bench/corpus.mjs --workspace DIR --cases 2000 --seed 7      (a folder of cases)
import * as fs from 'node:fs';
import * as path from 'node:path';

/** mulberry32: a small, fast, seedable PRNG; the corpora only need repeatability, not quality. */
export function prng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1));
  const pick = (list) => list[Math.floor(next() * list.length)];
  const chance = (p) => next() < p;
  const sample = (list, n) => {
    const copy = [...list];
    const out = [];
    while (out.length < n && copy.length > 0) out.push(copy.splice(Math.floor(next() * copy.length), 1)[0]);
    return out;
  };
  /** Standard normal by Box–Muller. */
  const normal = () => Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  return { next, int, pick, chance, sample, normal };
}

// prettier-ignore
const CHILD_NAMES = [
  'Amara', 'Bella', 'Caleb', 'Daisy', 'Elliot', 'Freya', 'Gabriel', 'Hana', 'Isaac', 'Jasmine', 'Kai', 'Lola', 'Milo',
  'Nia', 'Oscar', 'Poppy', 'Reuben', 'Sienna', 'Theo', 'Uma', 'Vinnie', 'Willow', 'Yusuf', 'Zara', 'Alfie', 'Esme',
  'Harvey', 'Ivy', 'Jude', 'Layla', 'Maisie', 'Noah', 'Ruby', 'Stanley', 'Tilly', 'Zain',
];
const MOTHERS = ['Carla', 'Gemma', 'Kerry', 'Paula', 'Shona', 'Wendy', 'Donna', 'Janine', 'Nicola', 'Stacey', 'Leanne', 'Tasha'];
const PARTNERS = ['Dean', 'Jason', 'Lee', 'Nathan', 'Ricky', 'Tony', 'Craig', 'Gary', 'Kevin', 'Martin', 'Ryan', 'Wayne'];
const GRANDPARENTS = ['Marcia', 'Lorraine', 'Maureen', 'Brenda', 'Pauline', 'Denise'];
// prettier-ignore
const SURNAMES = [
  'Ashby', 'Brennan', 'Carver', 'Dunmore', 'Ellery', 'Fairley', 'Garside', 'Holloway', 'Ingram', 'Jessop', 'Kettering',
  'Lockwood', 'Marchant', 'Norbury', 'Oakley', 'Pendle', 'Quarrie', 'Radley', 'Stainer', 'Thornbury', 'Upton',
  'Varley', 'Whitlock', 'Yardley',
];
// prettier-ignore
const WORKER_NAMES = [
  'Abi Collins', 'Bola Adeyemi', 'Chris Nolan', 'Dev Sharma', 'Erin Walsh', 'Femi Ola', 'Grace Lindqvist', 'Huw Pryce',
  'Imogen Tate', 'Joel Mensah', 'Kirsty Baird', 'Luca Rossi', 'Mina Choudhury', 'Noel Harte', 'Orla Byrne',
  'Pete Daly', 'Rosa Lim', 'Sunil Varma', 'Tess Morrow', 'Vic Osei',
];
const TEAMS = ['Duty and Assessment', 'Children in Need', 'Child Protection', 'Adolescent Support', 'Early Help East'];
const AGENCIES = [
  ['police', 'Northvale Police'],
  ['school', 'Brookfield Primary School'],
  ['college', 'Riverside College'],
  ['health', 'Northvale Health Visiting Team'],
  ['gp', 'Mill Lane Surgery'],
  ['housing', 'Northvale Housing Options'],
  ['camhs', 'Northvale CAMHS'],
  ['dav', 'Northvale Domestic Abuse Service'],
  ['probation', 'Northvale Probation'],
];
const RELATIONSHIPS = ['mother', 'father', "mother's partner", 'maternal grandmother', 'paternal uncle', 'aunt', 'family friend'];
const ROLES_OTHER = ['social-worker', 'senior-practitioner', 'family-support-worker', 'early-help-worker'];

// Prose: sentences are assembled from parts, so the text varies like real recording does.
const OPENERS = [
  'During the visit',
  'When I arrived',
  'On arrival',
  'Later in the session',
  'At the end of the visit',
  'Throughout the meeting',
  'Over the past fortnight',
  'Since the last core group',
  'According to the school',
  'In supervision',
];
const OBSERVATIONS = [
  'the home was warm, tidy and there was food in the fridge',
  'the living room was cluttered and the kitchen had not been cleaned for some days',
  '{adult} appeared tired but engaged well with the discussion',
  '{child} was playing quietly with a set of cars on the floor',
  '{adult} became tearful when we talked about the recent incident',
  "{child}'s bedroom had a new bed and curtains, which {adult} had bought with a grant",
  'there were empty cans in the recycling and a smell of cannabis in the hallway',
  '{child} sought comfort from {adult} when the dog barked and settled quickly',
  '{adult} spoke about money worries and arrears on the electricity meter',
  'the front door lock had been repaired since my last visit',
  "{child}'s school uniform was clean and {child} had done {their} reading homework",
  '{adult} said that {partner} had not been to the house for two weeks',
];
const ANALYSIS = [
  'This suggests that the protective factors identified at the conference are holding',
  'The pattern of missed appointments is a concern because it limits what we know about daily life at home',
  'Taken together with the earlier police reports, this indicates an escalating risk of harm',
  "It is not yet clear whether {adult}'s engagement reflects lasting change or compliance with the plan",
  "The evidence so far points to improvement, but it is recent and depends on {partner}'s absence",
  'For {child}, this means that the worry {they} describe at bedtime is likely to continue unless the plan does',
  'The network is strong and {grandparent} has acted protectively on every occasion we know of',
  'Housing instability remains the main driver of stress in the household',
];
const VOICE = [
  '{child} said "I like it when Nanny comes on Sundays"',
  '{child} told me "nobody shouts any more" and smiled',
  '{child} drew the family and put {partner} "far away in the corner"',
  'when asked about school {child} said it was "OK, but I miss my friend"',
  '{child} said {they} would tell {their} teacher if {they} felt scared',
  '{child} did not want to talk today and said "can we just play", which I respected',
  '{child} said the best thing this week was "going to the park with my brother"',
  '{child} put "shouting" in the house of worries and "my bike" in the house of good things',
];
const ACTIONS_TEXT = [
  'Complete direct work sessions with {child} about feeling safe',
  'Refer {adult} to the domestic abuse service',
  'Ask the school for attendance and behaviour records',
  'Chase the GP for the health summary',
  'Arrange a family network meeting',
  'Support {adult} with the housing application',
  'Update the chronology with the police information',
  'Book the review child protection conference',
];
const DECISIONS = ['no-further-action', 'referral', 'strategy-discussion', 'early-help', 'advice'];

function fill(template, ctx, rng) {
  return template.replace(/\{(\w+)\}/g, (_, key) => {
    switch (key) {
      case 'child':
        return rng.pick(ctx.children).first;
      case 'adult':
        return ctx.carer.first;
      case 'partner':
        return ctx.partner.first;
      case 'grandparent':
        return ctx.grandparent.first;
      case 'they':
        return 'they';
      case 'their':
        return 'their';
      default:
        return key;
    }
  });
}

function sentence(rng, ctx, bank) {
  const body = fill(rng.pick(bank), ctx, rng);
  const s = rng.chance(0.35) ? `${rng.pick(OPENERS)}, ${body}` : body[0].toUpperCase() + body.slice(1);
  return s + (rng.chance(0.1) ? ` (see the entry of ${ctx.prevDate}).` : '.');
}

/** A paragraph of 2–9 sentences, wrapped at about 100 columns with the two-space indent the samples use. */
function prose(rng, ctx, bank, min = 2, max = 9) {
  const sentences = [];
  const n = rng.int(min, max);
  for (let i = 0; i < n; i++) sentences.push(sentence(rng, ctx, i % 3 === 2 ? ANALYSIS : bank));
  return wrap(sentences.join(' '));
}

function wrap(text) {
  const words = text.split(' ');
  const lines = [];
  let line = '';
  for (const word of words) {
    if (line.length + word.length + 1 > 96 && line.length > 0) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines.join('\n  ');
}

function addDays(iso, days) {
  const d = new Date(iso + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function time(rng) {
  return `${String(rng.int(8, 18)).padStart(2, '0')}:${String(rng.pick([0, 5, 10, 15, 20, 30, 40, 45, 50])).padStart(2, '0')}`;
}

/** The people of one case (the JSON `case` object). */
function makeCase(rng, caseNumber) {
  const surname = rng.pick(SURNAMES);
  const used = new Set();
  const id = (first) => {
    let base = first.toLowerCase();
    while (used.has(base)) base += rng.int(2, 9);
    used.add(base);
    return base;
  };
  const children = rng.sample(CHILD_NAMES, rng.int(1, 4)).map((first) => ({
    kind: 'child',
    id: id(first),
    first,
    fullName: `${first} ${surname}`,
    born: `${rng.int(2008, 2021)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
  }));
  const [carerFirst, partnerFirst, grandFirst] = [rng.pick(MOTHERS), rng.pick(PARTNERS), rng.pick(GRANDPARENTS)];
  const adults = [
    { kind: 'adult', id: id(carerFirst), first: carerFirst, fullName: `${carerFirst} ${surname}`, relationship: 'mother' },
    {
      kind: 'adult',
      id: id(partnerFirst),
      first: partnerFirst,
      fullName: `${partnerFirst} ${rng.pick(SURNAMES)}`,
      relationship: "mother's partner",
    },
    {
      kind: 'adult',
      id: id(grandFirst),
      first: grandFirst,
      fullName: `${grandFirst} ${surname}`,
      relationship: rng.pick(RELATIONSHIPS.slice(3)),
    },
  ];
  const team = rng.pick(TEAMS);
  const workerNames = rng.sample(WORKER_NAMES, rng.int(3, 5));
  const workers = workerNames.map((fullName, i) => ({
    kind: 'worker',
    id: id(fullName.split(' ')[0]),
    first: fullName.split(' ')[0],
    fullName,
    role: i === 0 ? 'team-manager' : i === 1 ? 'social-worker' : rng.pick(ROLES_OTHER),
    team,
  }));
  const agencies = rng.sample(AGENCIES, rng.int(3, 6)).map(([aid, fullName]) => ({ kind: 'agency', id: id(aid), first: aid, fullName }));
  return {
    id: `SG-${String(100000 + caseNumber).padStart(6, '0')}`,
    title: `${surname} family`,
    children,
    adults,
    workers,
    agencies,
    carer: adults[0],
    partner: adults[1],
    grandparent: adults[2],
    manager: workers[0],
    worker: workers[1],
  };
}

const KIND_WEIGHTS = [
  ['visit', 26],
  ['note', 18],
  ['event', 10],
  ['supervision', 6],
  ['oversight', 5],
  ['core-group', 5],
  ['contact', 5],
  ['strategy-discussion', 2],
  ['section-47', 2],
  ['assessment', 3],
  ['safety-plan', 3],
  ['conference', 2],
  ['missing', 2],
  ['return-interview', 2],
  ['referral', 2],
  ['allocation', 2],
  ['unallocated', 1],
  ['step-down', 1],
  ['step-up', 1],
];
const TOTAL_WEIGHT = KIND_WEIGHTS.reduce((sum, [, w]) => sum + w, 0);

function pickKind(rng) {
  let r = rng.next() * TOTAL_WEIGHT;
  for (const [kind, weight] of KIND_WEIGHTS) if ((r -= weight) < 0) return kind;
  return 'note';
}

/** One entry as a JSON object (kind, header values, fields, statements, actions). */
function makeEntry(rng, ctx, kind, date, counters) {
  const kids = rng.sample(ctx.children, rng.int(1, ctx.children.length)).map((c) => c.id);
  const anyone = () => rng.pick([...ctx.adults, ...ctx.agencies, ...ctx.workers]).id;
  const agency = () => rng.pick(ctx.agencies).id;
  const worker = () => (rng.chance(0.7) ? ctx.worker.id : rng.pick(ctx.workers).id);
  const p = (bank, min, max) => prose(rng, ctx, bank, min, max);
  const action = () => {
    const due = addDays(date, rng.int(3, 40));
    return {
      what: fill(rng.pick(ACTIONS_TEXT), ctx, rng),
      owner: worker(),
      due,
      done: rng.chance(0.6) ? addDays(due, -rng.int(0, 3)) : undefined,
    };
  };
  const e = { kind, date, about: kids, fields: {} };
  switch (kind) {
    case 'event':
      Object.assign(e, {
        time: rng.chance(0.3) ? time(rng) : undefined,
        source: anyone(),
        significance: rng.pick(['low', 'medium', 'high']),
      });
      e.fields = { what: p(OBSERVATIONS, 2, 5), impact: p(ANALYSIS, 1, 4) };
      break;
    case 'contact':
      Object.assign(e, { time: `${String(rng.int(8, 12)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}`, from: agency() });
      e.fields = {
        concern: p(OBSERVATIONS, 3, 7),
        consent: rng.pick(['given', 'not-sought', 'dispensed-with']),
        rationale: p(ANALYSIS, 2, 5),
      };
      e.decision = {
        date,
        time: `${rng.int(13, 18)}:${String(rng.int(0, 59)).padStart(2, '0')}`,
        by: ctx.manager.id,
        value: rng.pick(DECISIONS),
      };
      break;
    case 'referral':
      Object.assign(e, { id: `r${++counters.referral}`, from: agency() });
      e.fields = { reason: p(OBSERVATIONS, 2, 4) };
      break;
    case 'allocation':
      Object.assign(e, { to: worker() });
      e.fields = undefined;
      break;
    case 'unallocated':
      e.fields = { reason: p(ANALYSIS, 1, 2) };
      break;
    case 'oversight':
      Object.assign(e, { by: ctx.manager.id });
      e.fields = { direction: p(ANALYSIS, 2, 5) };
      e.actions = Array.from({ length: rng.int(1, 3) }, action);
      break;
    case 'visit': {
      Object.assign(e, { time: time(rng), by: worker() });
      const alone = rng.sample(e.about, rng.int(0, e.about.length));
      e.seenAlone = alone.length > 0 ? alone : 'none';
      const notAlone = e.about.filter((c) => !alone.includes(c));
      if (notAlone.length > 0)
        e.notAlone = {
          child: notAlone[0],
          because: `${ctx.children.find((c) => c.id === notAlone[0]).first} was seen with ${ctx.carer.first} throughout.`,
        };
      e.fields = { 'child-voice': p(VOICE, 2, 6), observations: p(OBSERVATIONS, 3, 9) };
      break;
    }
    case 'strategy-discussion':
      Object.assign(e, { time: time(rng), chair: ctx.manager.id });
      e.attendees = [...rng.sample(ctx.agencies, 3).map((a) => a.id), ctx.worker.id];
      e.fields = {
        information: p(OBSERVATIONS, 3, 8),
        decision: rng.pick(['section-47', 'single-agency', 'assessment']),
        rationale: p(ANALYSIS, 2, 4),
      };
      break;
    case 'section-47':
      Object.assign(e, { id: `s47n${++counters.s47}`, lead: ctx.worker.id });
      e.fields = { findings: p(OBSERVATIONS, 3, 8), rationale: p(ANALYSIS, 2, 4) };
      e.outcome = { date: addDays(date, rng.int(5, 14)), value: rng.pick(['conference', 'cin-plan', 'no-further-action']) };
      break;
    case 'conference':
      Object.assign(e, { conferenceKind: rng.pick(['initial', 'review']), chairName: 'Independent Reviewing Officer' });
      e.fields = {
        decision: rng.pick(['child-protection-plan', 'cin-plan', 'no-plan']),
        category: rng.pick(['neglect', 'emotional-abuse', 'multiple']),
        rationale: p(ANALYSIS, 2, 5),
      };
      break;
    case 'core-group':
      e.attendees = [ctx.carer.id, ctx.worker.id, ...rng.sample(ctx.agencies, 2).map((a) => a.id)];
      e.fields = { progress: p(OBSERVATIONS, 2, 6) };
      break;
    case 'assessment':
      Object.assign(e, { id: `a${++counters.assessment}` });
      e.completed = addDays(date, rng.int(10, 40));
      e.authorised = { date: addDays(e.completed, rng.int(0, 3)), by: ctx.manager.id };
      e.fields = {
        'child-voice': p(VOICE, 3, 6),
        'lived-experience': p(OBSERVATIONS, 3, 6),
        history: p(OBSERVATIONS, 3, 7),
        parenting: p(OBSERVATIONS, 3, 6),
        'family-and-environment': p(OBSERVATIONS, 2, 4),
        analysis: p(ANALYSIS, 4, 10),
        outcome: rng.pick(['cin-plan', 'child-protection-plan', 'step-down', 'no-further-action']),
      };
      break;
    case 'safety-plan':
      Object.assign(e, {
        id: `sp${++counters.safetyPlan}`,
        replaces: counters.safetyPlan > 1 && rng.chance(0.5) ? `sp${counters.safetyPlan - 1}` : undefined,
      });
      e.reviewBy = addDays(date, rng.int(14, 60));
      e.fields = { worries: p(ANALYSIS, 1, 3), goal: p(VOICE, 1, 2), contingency: p(OBSERVATIONS, 1, 3), 'child-view': p(VOICE, 1, 3) };
      e.actions = Array.from({ length: rng.int(1, 4) }, action);
      e.network = [ctx.carer.id, ctx.grandparent.id];
      break;
    case 'supervision':
      Object.assign(e, { of: ctx.worker.id, by: ctx.manager.id });
      e.fields = { discussion: p(OBSERVATIONS, 1, 3), reflection: p(ANALYSIS, 2, 6) };
      e.actions = Array.from({ length: rng.int(0, 2) }, action);
      break;
    case 'missing':
      e.about = [e.about[0]];
      Object.assign(e, { time: time(rng), returned: addDays(date, rng.int(0, 2)) });
      e.fields = { circumstances: p(OBSERVATIONS, 2, 4) };
      break;
    case 'return-interview':
      e.about = [e.about[0]];
      Object.assign(e, { time: time(rng), by: worker() });
      e.fields = { 'child-voice': p(VOICE, 2, 4), analysis: p(ANALYSIS, 1, 3) };
      break;
    case 'step-down':
      Object.assign(e, { level: rng.pick(['early-help', 'universal']) });
      e.fields = { rationale: p(ANALYSIS, 1, 3) };
      break;
    case 'step-up':
      e.fields = { rationale: p(ANALYSIS, 1, 3) };
      break;
    default:
      Object.assign(e, { kind: 'note', time: rng.chance(0.5) ? time(rng) : undefined, by: worker() });
      e.fields = { text: p(OBSERVATIONS, 1, 6) };
  }
  return e;
}

const ENUM_FIELDS = new Set(['consent', 'decision', 'outcome', 'category']);

/** The `.case` text of one entry. */
export function renderEntry(e) {
  const when = e.date + (e.time ? ` ${e.time}` : '');
  const about = `about ${e.about.join(', ')}`;
  const named = (kw) => (e.id ? `${kw} ${e.id}` : kw);
  let header;
  // prettier-ignore
  switch (e.kind) {
    case 'event': header = `event ${when} ${about} source ${e.source} significance ${e.significance}`; break;
    case 'contact': header = `contact ${when} from ${e.from} ${about}`; break;
    case 'referral': header = `${named('referral')} ${when} from ${e.from} ${about}`; break;
    case 'allocation': header = `allocation ${when} ${about} to ${e.to}`; break;
    case 'unallocated': header = `unallocated ${when} ${about}`; break;
    case 'oversight': header = `oversight ${when} by ${e.by} ${about}`; break;
    case 'visit': header = `visit ${when} by ${e.by} to ${e.about.join(', ')}`; break;
    case 'strategy-discussion': header = `strategy-discussion ${when} ${about} chair ${e.chair}`; break;
    case 'section-47': header = `${named('section-47')} ${when} ${about} lead ${e.lead}`; break;
    case 'conference': header = `conference ${when} ${about} kind ${e.conferenceKind} chair "${e.chairName}"`; break;
    case 'core-group': header = `core-group ${when} ${about}`; break;
    case 'assessment': header = `${named('assessment')} ${when} ${about}`; break;
    case 'safety-plan': header = `${named('safety-plan')} ${when} for ${e.about.join(', ')}${e.replaces ? ` replaces ${e.replaces}` : ''}`; break;
    case 'supervision': header = `supervision ${when} of ${e.of} by ${e.by} ${about}`; break;
    case 'missing': header = `missing ${when} ${about}${e.returned ? ` returned ${e.returned}` : ''}`; break;
    case 'return-interview': header = `return-interview ${when} ${about} by ${e.by}`; break;
    case 'step-down': header = `step-down ${when} ${about} to ${e.level}`; break;
    case 'step-up': header = `step-up ${when} ${about}`; break;
    case 'closure': header = `closure ${when} ${about} reason ${e.reason}`; break;
    default: header = `note ${when} by ${e.by} ${about}`;
  }
  if (!e.fields) return header + '\n';
  const lines = [];
  if (e.completed) lines.push(`completed ${e.completed}`);
  if (e.authorised) lines.push(`authorised ${e.authorised.date} by ${e.authorised.by}`);
  if (e.reviewBy) lines.push(`review-by ${e.reviewBy}`);
  if (e.attendees) lines.push(`attendees: ${e.attendees.join(', ')}`);
  if (e.seenAlone) lines.push(`seen-alone: ${Array.isArray(e.seenAlone) ? e.seenAlone.join(', ') : e.seenAlone}`);
  if (e.notAlone) lines.push(`not-alone: ${e.notAlone.child} because """${e.notAlone.because}"""`);
  for (const [name, value] of Object.entries(e.fields)) {
    if (ENUM_FIELDS.has(name)) lines.push(`${name}: ${value}`);
    else lines.push(`${name}: """${value}"""`);
    if (name === 'consent' && e.decision)
      lines.push(`decision ${e.decision.date} ${e.decision.time} by ${e.decision.by}: ${e.decision.value}`);
    if (name === 'findings' && e.outcome) lines.push(`outcome ${e.outcome.date}: ${e.outcome.value}`);
  }
  for (const a of e.actions ?? []) lines.push(`action "${a.what}" owner ${a.owner} due ${a.due}${a.done ? ` done ${a.done}` : ''}`);
  if (e.network) lines.push(`network: ${e.network.join(', ')}`);
  return `${header} {\n${lines.map((l) => '  ' + l).join('\n')}\n}\n`;
}

export function renderCaseBlock(c) {
  const lines = [`case "${c.id}" {`, `  title "${c.title}"`];
  for (const p of c.children) lines.push(`  child ${p.id} "${p.fullName}" born ${p.born}`);
  for (const p of c.adults) lines.push(`  adult ${p.id} "${p.fullName}" relationship "${p.relationship}"`);
  for (const p of c.workers) lines.push(`  worker ${p.id} "${p.fullName}" role ${p.role} team "${p.team}"`);
  for (const p of c.agencies) lines.push(`  agency ${p.id} "${p.fullName}"`);
  lines.push('}');
  return lines.join('\n') + '\n';
}

function jsonCase(c) {
  const strip = ({ first: _first, ...rest }) => rest;
  return {
    id: c.id,
    title: c.title,
    people: [...c.children, ...c.adults, ...c.workers, ...c.agencies].map(strip),
  };
}

/**
 * One case with entries until the text reaches `targetBytes`: a referral opens it, then visits, notes,
 * supervision and the rest follow in date order, about 1–2 KB each, mostly prose.
 * Returns { text, json, asOf, caseId, entries, caseDecl }.
 */
export function generateRecord({ seed = 1, targetBytes = 100_000, caseNumber = seed, start, endBy } = {}) {
  const rng = prng(seed);
  const ctx = makeCase(rng, caseNumber);
  const counters = { referral: 0, s47: 0, assessment: 0, safetyPlan: 0 };
  let date = start ?? `${rng.int(2012, 2019)}-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`;
  ctx.prevDate = date;
  const head = `// Synthetic record (seed ${seed}): fictional people and events, generated for benchmarks.\n\n${renderCaseBlock(ctx)}`;
  let bytes = Buffer.byteLength(head);
  const entries = [];
  const opening = ['contact', 'referral', 'allocation', 'strategy-discussion'];
  for (let i = 0; bytes < targetBytes; i++) {
    const kind = i < opening.length ? opening[i] : pickKind(rng);
    const entry = makeEntry(rng, ctx, kind, date, counters);
    const text = renderEntry(entry);
    entries.push({ entry, text });
    bytes += Buffer.byteLength(text) + 1;
    ctx.prevDate = date;
    date = addDays(date, rng.chance(0.45) ? 0 : rng.int(1, 3));
    if (endBy && date > endBy) break;
  }
  const text = head + entries.map((e) => '\n' + e.text).join('');
  const json = JSON.stringify({ case: jsonCase(ctx), entries: entries.map((e) => e.entry) });
  const asOf = addDays(date, 10);
  return { text, json, asOf, caseId: ctx.id, entries, caseDecl: renderCaseBlock(ctx), seed };
}

/**
 * A folder of `cases` cases, one folder each; about a quarter are split into `case.case` and yearly
 * `YYYY-records.case` files that start with `for case "…"`. Sizes follow a log-normal (median ~8 KB).
 * Returns { dir, folders, files, bytes, asOf }.
 */
export function generateWorkspace({ dir, cases = 2000, seed = 7, medianBytes = 8000 }) {
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  const rng = prng(seed);
  const folders = [];
  let bytes = 0;
  let files = 0;
  const endBy = '2025-06-20';
  for (let i = 0; i < cases; i++) {
    const target = Math.min(150_000, Math.max(1500, Math.round(medianBytes * Math.exp(0.9 * rng.normal()))));
    const record = generateRecord({
      seed: seed * 100_003 + i,
      targetBytes: target,
      caseNumber: i,
      start: `20${rng.int(18, 23)}-0${rng.int(1, 9)}-1${rng.int(0, 9)}`,
      endBy,
    });
    const folder = path.join(dir, `case-${String(i + 1).padStart(4, '0')}`);
    fs.mkdirSync(folder);
    const out = [];
    if (rng.chance(0.25) && record.entries.length > 4) {
      out.push(['case.case', record.caseDecl]);
      const byYear = new Map();
      for (const { entry, text } of record.entries) {
        const year = entry.date.slice(0, 4);
        if (!byYear.has(year)) byYear.set(year, `for case "${record.caseId}"\n`);
        byYear.set(year, byYear.get(year) + '\n' + text);
      }
      for (const [year, text] of byYear) out.push([`${year}-records.case`, text]);
    } else out.push(['record.case', record.text]);
    for (const [name, text] of out) {
      fs.writeFileSync(path.join(folder, name), text);
      bytes += Buffer.byteLength(text);
      files++;
    }
    folders.push(folder);
  }
  return { dir, folders, files, bytes, asOf: '2025-07-01' };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const args = process.argv.slice(2);
  const opt = (name, fallback) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : fallback;
  };
  const seed = Number(opt('--seed', '7'));
  if (opt('--workspace')) {
    const ws = generateWorkspace({ dir: opt('--workspace'), cases: Number(opt('--cases', '2000')), seed });
    console.error(`${ws.files} files in ${ws.folders.length} cases, ${(ws.bytes / 1e6).toFixed(1)} MB; validate with --as-of ${ws.asOf}`);
  } else {
    const record = generateRecord({ seed, targetBytes: Number(opt('--bytes', '100000')) });
    process.stdout.write(record.text);
    console.error(`${Buffer.byteLength(record.text)} bytes, ${record.entries.length} entries; validate with --as-of ${record.asOf}`);
  }
}
