/**
 * CR104 child-voice-not-individual: in a sibling group, is each child heard on their own? A child counts as
 * heard when a sentence has that child alone as its subject (by given name, case id, or a shortened name that
 * shares the given name's first three letters: "Jess" for Jessica) and a verb of speaking, feeling or doing
 * follows within a few words ("Maisie (5) said…", "Toby pointed…", "Jess wants…"). A child named only in a
 * joint subject ("Lena and Felix said…"), only as present ("Emir (4) was also present"), only as agreeing
 * with another ("Sonny said the same"), or not at all, is not heard individually. A child never named may be
 * heard under another name given with an age ("Billy (10) told me…" for William).
 */
import type { VoiceHeuristicConfig } from './config.js';
import { escapeRegExp, givenName, lowerCase } from './text.js';
import type { NamedChild } from './voice.js';

/** The most forms a child's name is looked for under: given name, case id, shortened forms. */
const MAX_ALIASES = 6;

/** Other capitalised words tried as stand-ins for a child the text does not name ("Billy" for William). */
const MAX_STAND_IN_CANDIDATES = 40;

/** The longest text in which other names are tried as stand-ins (characters). */
const MAX_STAND_IN_TEXT = 20_000;

/** Words between a name and its verb in one clause ("Olek (5) mostly spoke", "Chidi was guarded and said"). */
const MAX_WORDS_BEFORE_VERB = 6;

/** Words of one clause read for the child's verb, when no one else comes in before it. */
const MAX_WORDS_IN_CLAUSE = 14;

/** A word that opens another subject: a pronoun, another person, a role. */
function isSubjectWord(word: string, config: VoiceHeuristicConfig): boolean {
  return (
    /^(?:I|we|they|he|she|it|who|which|that)$/i.test(word.replace(/[^A-Za-z]/g, '')) || isOtherSubject(word.replace(/[,;:]$/, ''), config)
  );
}

/** The ids of the children the text does not hear individually. */
export function childrenNotHeardIndividually(
  text: string,
  children: readonly NamedChild[],
  config: VoiceHeuristicConfig,
  minimumAge = 3,
): string[] {
  const verbs = verbPattern(config);
  const givenNames = children.map((child) => givenName(child.name).toLowerCase());
  const forms = children.map((child, index) => aliases(text, child, givenNames, index));
  // rules.md asks for each child aged 3 or over. The case's dates of birth settle that before this is called;
  // where the case holds none, an age the text gives ("Nova (18 months)", "baby Ava") settles it. Read once
  // per child: it also decides whether what the child was seen doing counts (see verbPattern).
  const ages = forms.map((aliasesOfChild) => statedAge(text, aliasesOfChild));
  const speaksAndFeels = COMMUNICATES_WITHOUT_SPEECH.test(text) ? verbs : verbPattern(config, false);
  const verbsFor = (age: number) => (Number.isFinite(age) && age >= OBSERVATION_AGE_LIMIT ? speaksAndFeels : verbs);
  const notHeard = children.filter(
    (_, index) => ages[index]! >= minimumAge && !forms[index]!.some((alias) => heardAs(text, alias, verbsFor(ages[index]!), config)),
  );
  // A child the text never names may go by a name the case does not hold ("Billy" for William), or by a role
  // ("The baby (3 months) fed well", "Her little brother, who is 4, told me…"): each other name, or sentence-
  // opening role, heard on its own stands for one such child. Words that are not names (pronouns, "When",
  // "Mum", the policy's not-names) are never stand-ins. A named child not heard under their own name may be
  // heard under a shorter pet name with the same first letter ("Izzy" for Isabelle).
  const known = new Set(forms.flat());
  const notNames = notNameWords(config);
  const standInNames: string[] = [];
  const seen = new Set<string>();
  // Only when a child is not heard under their own names, in a text of ordinary length, and only the first
  // few other names: each is looked for through the whole text (many names in a long text would take time by
  // the square; a record's voice text is a paragraph or two, and a child in a long one is named).
  const tryStandIns = notHeard.length > 0 && text.length <= MAX_STAND_IN_TEXT;
  for (const [name] of tryStandIns ? text.matchAll(/\b[A-Z][a-z'’-]+\b/g) : []) {
    const lower = name.toLowerCase().replace(/['’]s$/, '');
    if (lower !== name.toLowerCase() || seen.has(lower) || known.has(lower) || notNames.has(lower)) continue;
    if (seen.size >= MAX_STAND_IN_CANDIDATES) break;
    seen.add(lower);
    if (!couldBeAName(text, name, verbs)) continue;
    if (heardAs(text, name, verbsFor(statedAge(text, [name])), config)) standInNames.push(lower);
  }
  let standIns = standInNames.length + rolesHeard(text, verbs, config);
  return notHeard
    .filter((child) => {
      const named = forms[children.indexOf(child)]!.some((alias) => new RegExp(String.raw`\b${escapeRegExp(alias)}\b`, 'i').test(text));
      if (named) {
        // A pet name is shorter than the name and starts as it does: "Izzy" for Isabelle, not "Amara" for Arjun.
        const given = givenName(child.name).toLowerCase();
        const petName = standInNames.findIndex((name) => name.charAt(0) === given.charAt(0) && name.length < given.length);
        if (petName < 0) return true;
        standInNames.splice(petName, 1);
        standIns--;
        return false;
      }
      if (standIns <= 0) return true;
      standIns--;
      return false;
    })
    .map((child) => child.id);
}

/**
 * Whether a capitalised word the case does not hold may be a child's name: given an age somewhere ("Billy
 * (10)"), capitalised somewhere other than at a sentence's start, or followed at once by a verb of the child's;
 * not before a number ("Year 7") nor after "the" ("the Patel household").
 */
function couldBeAName(text: string, word: string, verbs: RegExp): boolean {
  const name = escapeRegExp(word);
  if (new RegExp(String.raw`\b${name}\s+\d|\bthe\s+${name}\b`).test(text)) return false;
  if (new RegExp(String.raw`\b${name}\s*(?:\(\s*(?:aged\s*)?\d|,\s*(?:aged\s*)?\d)`).test(text)) return true;
  if (new RegExp(String.raw`[^.!?\s]\s+${name}\b`).test(text)) return true;
  // Only at sentence starts: a name when a verb of the child's follows at once ("Libby was clear…", "Fred wants…").
  return [...text.matchAll(new RegExp(String.raw`\b${name}\b\s+`, 'g'))].some((m) => verbs.test(text.slice(m.index + m[0].length)));
}

/** The forms by which the text may speak of the child. */
function aliases(text: string, child: NamedChild, givenNames: readonly string[], index: number): string[] {
  const given = givenName(child.name);
  const forms = new Set([given.toLowerCase(), child.id.toLowerCase()]);
  if (given.length >= 3) {
    const stem = given.slice(0, 3).toLowerCase();
    for (const [word] of text.matchAll(/\b[A-Z][a-z'’-]+\b/g)) {
      const lower = word.toLowerCase();
      // A few shortened forms at most ("Jess", "Jessie"): each is looked for through the whole text.
      if (forms.size >= MAX_ALIASES) break;
      if (lower.startsWith(stem) && !givenNames.some((other, i) => i !== index && other === lower)) forms.add(lower);
    }
  }
  return [...forms].filter((form) => form.length > 0);
}

function heardAs(text: string, alias: string, verbs: RegExp, config: VoiceHeuristicConfig): boolean {
  const mention = new RegExp(String.raw`\b${escapeRegExp(alias)}\b`, 'gi');
  for (const match of text.matchAll(mention)) {
    const before = text.slice(Math.max(0, match.index - 60), match.index);
    // Part of a joint subject: "Lena and Felix", "Rory (12), Evan (9)".
    if (/(?:\b[A-Z][a-z'’-]+|\))\s*(?:,|\band\b|&)\s*$/.test(before)) continue;
    // The child's words first, then who said them: "'I hate it there,' said Mia", "Said Layla, 9: '…'".
    if (QUOTE_THEN_SPEAKER_BEFORE.test(before)) return true;
    // Spoken of by someone else: "Lexi said that her little brother Finn…", "Dad said that Nadia…", "School
    // report that Oliver is engaged and Noah has made friends", "It is felt Connor's views…".
    if (REPORTED_BEFORE.test(before) || OPINION_CLAUSE_BEFORE.test(before)) continue;
    // Inside another's quoted words: "Dad said, 'Archie is happy here, he tells me…'".
    if (insideQuote(text, match.index)) continue;
    // Asked to agree: "Asked if she felt the same, his sister Ella-Mae nodded".
    if (ASKED_TO_AGREE_BEFORE.test(before)) continue;
    let rest = text.slice(match.index + match[0].length, match.index + match[0].length + 200);
    // A frame that gives the child's own view: "According to Ellie, …", "For Sam (6), the worst thing is…",
    // "Ava's wish was…".
    if (VIEW_FRAME_BEFORE.test(before) && /^\s*,/.test(rest.replace(AGE, ''))) return true;
    // "What matters most to Hannah (11) is…"
    if (WHAT_MATTERS_BEFORE.test(before)) return true;
    // "Ava's wish was…" is her view; "Lewis's views:" heads a section, which must then hold it.
    const heading = /^['’]s\s+(?:\w+\s+)?\w+\s*:/.exec(rest);
    if (heading && POSSESSIVE_VIEW.test(rest)) {
      if (labelledViewHeard(rest.slice(heading[0].length), verbs, config)) return true;
      continue;
    }
    if (POSSESSIVE_VIEW.test(rest)) return true;
    // The child as the maker of words or work: "It was said by Kieran that…", "Text from Renée (14): '…'".
    if (AGENT_BEFORE.test(before)) return true;
    // Not the subject: "for herself and her brother Sonny". After "spoke to Kai" or "with Nadia", only a
    // pronoun that takes the child up hears the child ("When I spoke to Orla on her own, she told me…").
    if (SIBLING_OBJECT_BEFORE.test(before)) continue;
    if (PREPOSITION_BEFORE.test(before)) {
      if (pronounTakesUp(rest, verbs, config)) return true;
      // "…with Efua (10), who coloured…"; "Three houses with Kian (8): worries – 'the shouting'…".
      const afterAge = rest.replace(AGE, '');
      const who = /^\s*,\s*who\s+/i.exec(afterAge);
      if (who && clauseHasVerb(afterAge.slice(who[0].length), verbs, config)) return true;
      const colon = /^\s*:/.exec(afterAge);
      if (colon && labelledViewHeard(afterAge.slice(colon[0].length), verbs, config)) return true;
      continue;
    }
    // The age, and an aside between commas: "Tommy, who is three, ran…", "Jasmine (13), seen at school, said…".
    rest = rest
      .replace(AGE, '')
      .replace(COMMA_AGE_LABEL, '')
      .replace(/^\s*,[^,.;]{1,40},/, '');
    if (/^\s*(?:and\b|&)/.test(rest)) continue;
    // A list of views, one child to a line or item: "Liam (13): wants the plan to end", "Sam – wants…".
    const label = LABEL.exec(rest);
    if (label) {
      if (labelledViewHeard(rest.slice(label[0].length), verbs, config)) return true;
      continue;
    }
    if (clauseHasVerb(rest, verbs, config)) return true;
    // "Tobi is 8. He said…": the next sentence goes on about the same child, by pronoun.
    const sentenceEnd = /^[^.;!?]*[.;!?]\s*/.exec(rest);
    if (sentenceEnd) {
      const next = rest.slice(sentenceEnd[0].length);
      const pronoun = /^(?:he|she)\b/i.exec(next) ?? laterPronoun(next, config);
      if (pronoun && clauseHasVerb(next.slice(pronoun.index + pronoun[0].length), verbs, config)) return true;
      // "Elliot (11) is non-verbal. I observed him pacing…"
      if (
        phraseFinders(workerObservationFinders, config.workerObservation, (p) => String.raw`^${p}\s+(?:him|her)\b`).some((finder) =>
          finder.test(next),
        )
      )
        return true;
    }
  }
  return false;
}

/** The clause that `rest` begins: up to a full stop, semicolon, colon or question mark, not a time's "18:50". */
function clauseAt(rest: string): string {
  return /^(?:[^.;:!?]|(?<=\d)[.:](?=\d))*/.exec(rest)![0];
}

/** Whether the clause that `rest` begins has, within a few words, a verb that makes its subject speak or act. */
function clauseHasVerb(rest: string, verbs: RegExp, config: VoiceHeuristicConfig): boolean {
  const clause = clauseAt(rest);
  const words = clause.trim().split(/\s+/);
  for (let skip = 0; skip <= MAX_WORDS_IN_CLAUSE && skip < words.length; skip++) {
    // Further on in the clause, a verb is the child's only while no one else has come in: "Favour (4) was seen at
    // home the day before and told SW…", not "Dexter was angry that police came and said…".
    if (
      skip > MAX_WORDS_BEFORE_VERB &&
      isSubjectWord(words[skip - 1]!, config) &&
      !/^(?:with|to|for|at|by|from|of|on|beside)$/i.test(words[skip - 2] ?? '')
    )
      return false;
    const tail = words.slice(skip).join(' ');
    const verb = verbs.exec(tail);
    if (!verb) continue;
    // A verb after someone else is theirs: "Sonny (3) in cot upstairs – Dad said asleep".
    if (skip > 0 && isOtherSubject(words[skip - 1]!, config)) return false;
    // Done to the child, not by the child: "was also reported missing", "is placed with carers".
    if (isPassive(words.slice(Math.max(0, skip - 2), skip), verb[0])) continue;
    const after = tail.slice(verb[0].length);
    if (!borrowsView(after, config, verb[0])) return true;
    // "Kai did not speak but pointed to the door", "Louis didn't want to talk – hid, then gave me a thumbs up":
    // what the child does after a break in the clause is theirs too; "said the same and did not add anything"
    // is not.
    const breakAt = /(?:\bbut\b|\bthen\b|\bhowever\b|\bthough\b|\s[–—-]\s|,(?=\s*(?:saying|adding|explaining|telling)\b))\s*/.exec(after);
    return breakAt !== null && clauseHasVerb(after.slice(breakAt.index + breakAt[0].length), verbs, config);
  }
  // The child's words in the clause before anyone else comes in: "Keira (10) seen alone – 'I'm scared…'".
  const quote = /(?:^|\s)['"‘“]\s*[A-Za-z]/.exec(clause);
  if (
    quote &&
    !clause
      .slice(0, quote.index)
      .trim()
      .split(/\s+/)
      .some((word) => word && isSubjectWord(word, config))
  )
    return true;
  // A clause with no verb, then the child's verb with no subject after a semicolon or colon: "Kane (6) in bed
  // but awake; said his tummy hurts", "Maya (14) met the IRO alone: wants to stay".
  const next = /^[;:]\s*/.exec(rest.slice(clause.length));
  if (next) {
    const tail = rest.slice(clause.length + next[0].length);
    const verb = verbs.exec(tail);
    if (verb && !borrowsView(tail.slice(verb[0].length), config, verb[0])) return true;
  }
  return false;
}

/** "was" or "is" (maybe with "also", "not") before a past participle: done to its subject ("was also reported missing", "is placed"). */
function isPassive(previous: readonly string[], verb: string): boolean {
  const [first, second] = previous.length === 2 ? previous : ['', previous[0] ?? ''];
  const be = /^(?:was|were|is|are|been|being|be)$/i;
  const auxiliary = be.test(second!) || (be.test(first!) && /^(?:also|then|later|not|never|recently|previously|now|being)$/i.test(second!));
  return auxiliary && /^(?:\w+ed|told|shown|given|put|fed|held|kept|made|said|seen)\b/i.test(verb);
}

/** Whether the words after a child's verb only borrow another's view: "said the same", "nodded along", "said 'same as Amelia'". */
function borrowsView(after: string, config: VoiceHeuristicConfig, verb = ''): boolean {
  // "he agreed with Izzy"; "was observed to be caring" (the worker's description, not the child's view).
  if (/^agree/i.test(verb) && /^\s*(?:with\b|that\b|$|[.,;:!?])/i.test(after)) return true;
  // "nodded when his sister said this", "nodded throughout": assent to another's view.
  if (/^nod/i.test(verb) && /^\s*(?:throughout|along|in agreement|$|[.,;])/i.test(after)) return true;
  if (
    /^nod/i.test(verb) &&
    /^\s*(?:when|as|while)\s+(?!(?:I|we|she|he)\s+asked|asked)[^.;]{0,40}\b(?:said|says|spoke|talked|answered|explained)\b/i.test(after)
  )
    return true;
  // "declined to speak", "did not want to talk": no view given.
  if (
    /^(?:declin|refus|would not|wouldn't|did not|didn't|does not|doesn't)/i.test(verb) &&
    /^\s*(?:want\s+|wish\s+)?to\s+(?:speak|talk|engage|take part|answer|say)\b/i.test(after)
  )
    return true;
  // "said 'yeah' when asked if she agreed with her brother"
  if (/^[^.;!?]{0,40}\basked (?:if|whether) (?:she|he|they) agreed\b/i.test(after)) return true;
  // "nodded and agreed with everything Rhys said"
  if (/^\s*(?:and|,)\s*(?:\w+\s+)?agree(?:d|s)?\b/i.test(after)) return true;
  if (/^(?:was|were) (?:observed|seen to|watched)/i.test(verb) && /^\s*(?:to be|as)\b/i.test(after)) return true;
  return phraseFinders(sameViewFinders, config.sameViewPhrases, (p) => String.raw`^\s*['"‘“]?${p}\b`).some((finder) => finder.test(after));
}

/**
 * The patterns made from a list of policy phrases (each escaped and put in `shape`), made once per list: they
 * are tried against each clause of each text, and a batch of thousands of cases made them anew each time.
 */
const sameViewFinders = new WeakMap<readonly string[], RegExp[]>();
const workerObservationFinders = new WeakMap<readonly string[], RegExp[]>();

function phraseFinders(
  cache: WeakMap<readonly string[], RegExp[]>,
  phrases: readonly string[],
  shape: (escapedPhrase: string) => string,
): RegExp[] {
  let finders = cache.get(phrases);
  if (!finders) cache.set(phrases, (finders = phrases.map((phrase) => new RegExp(shape(escapeRegExp(phrase)), 'i'))));
  return finders;
}

/**
 * The age the text gives a child, in years: "Nova (18 months)", "Jayce (2)", "Ava (7 mo)", "Yusuf, aged 2,",
 * "baby Ava" (under one). Infinity when no mention gives one.
 */
function statedAge(text: string, aliasesOfChild: readonly string[]): number {
  return Math.min(...aliasesOfChild.map((alias) => statedAgeInYears(text, alias)));
}

/** The age the text gives at one of a child's names, in years (see `statedAge`). */
function statedAgeInYears(text: string, alias: string): number {
  if (cannotHold(text, alias)) return Number.POSITIVE_INFINITY;
  const { baby, aged } = ageFinders(alias);
  if (baby.test(text)) return 0;
  const stated = aged.exec(text);
  if (!stated) return Number.POSITIVE_INFINITY;
  const value = Number(stated[1]);
  const unit = (stated[2] ?? 'y').toLowerCase();
  if (unit.startsWith('w')) return value / 52;
  if (unit.startsWith('m')) return value / 12;
  return value;
}

/**
 * True when `text` cannot hold `alias` as a case-insensitive pattern would find it, so that neither pattern
 * below need be made for it (names are as many as the cases, and making the patterns cost more than matching
 * them). Decided only for a plain ASCII alias: ignoring case, an ASCII letter matches only itself in either
 * case, so a text whose lower case lacks the alias's lacks the alias (a few other characters lower-case to
 * ASCII letters: then the text may seem to hold it, and the patterns decide, as before). The text as written,
 * not normalised (text.ts's `lower`): the patterns it stands in for run on the text as written.
 */
function cannotHold(text: string, alias: string): boolean {
  return /^[\x20-\x7E]*$/.test(alias) && !lowerCase(text).includes(alias.toLowerCase());
}

/**
 * The two patterns that find an age at a name, made once per name: a case's names come up in many texts, and
 * a batch of thousands of cases compiled them anew for each (with the phrase lists below, this file's own
 * time in a 2,000-case batch went from 1.31 to 0.87 s). Kept for the last
 * MAX_AGE_FINDERS names, as names are as many as the cases.
 */
const ageFinderCache = new Map<string, { baby: RegExp; aged: RegExp }>();
const MAX_AGE_FINDERS = 1000;

function ageFinders(alias: string): { baby: RegExp; aged: RegExp } {
  let finders = ageFinderCache.get(alias);
  if (!finders) {
    const name = escapeRegExp(alias);
    finders = {
      baby: new RegExp(String.raw`\bbaby\s+${name}\b`, 'i'),
      aged: new RegExp(
        String.raw`\b${name}\b\s*(?:\(\s*|,\s*)(?:aged\s*|age\s*)?(\d+(?:\.\d+)?)\s*(weeks?|wks?|w|months?|mths?|mos?|m|years?|yrs?|y(?:\/o|o)?)?\s*(?:old\s*)?[),]`,
        'i',
      ),
    };
    if (ageFinderCache.size >= MAX_AGE_FINDERS) ageFinderCache.clear();
    ageFinderCache.set(alias, finders);
  }
  return finders;
}

/** Whether the position falls inside quoted words that opened earlier in its sentence. */
function insideQuote(text: string, at: number): boolean {
  // A sentence is looked back into for at most 400 characters: quotes open and close within that.
  const window = text.slice(Math.max(0, at - 400), at);
  const before = window.slice(Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? ')) + 1);
  const opened = (before.match(/(?:^|[\s(])['"‘“]/g) ?? []).length;
  const closed = (before.match(/[^\s(]['"’”](?=[\s.,;:!?)]|$)/g) ?? []).length;
  return opened > closed;
}

/** A child's age after the name: "(7)", "(aged 7)", "(4 weeks)", "(7 mo)", "(9 wks)", "(Isabelle, 8)", "(13, lives with Mum)". */
const AGE =
  /^(?:'s\b)?\s*\(\s*(?:[A-Z][a-z'’-]+,\s*)?(?:aged\s*)?\d+(?:\s*(?:weeks?|wks?|months?|mths?|mos?|years?|yrs?|[mwy]))?\s*(?:[,;][^()]{0,40})?\)/;

/** A question that only asks the child to agree with another, earlier in the sentence. */
const ASKED_TO_AGREE_BEFORE = /\b(?:if|whether)\s+(?:she|he|they)\s+(?:felt|feels|thought|thinks|agreed|agrees)\b[^.;!?]*$/i;

/** A speech verb after the child's quoted words, or opening the sentence before the child's name. */
const QUOTE_THEN_SPEAKER_BEFORE =
  /(?:['"’”]\s*,?\s*|(?:^|[.;!?]\s+))(?:said|says|asked|added|replied|whispered|shouted|explained|insisted|muttered)\s+$/i;

/** A name as the label of a list item: "Liam (13): …", "Sam – …", "• Troy (3) - …". */
const LABEL = /^\s*(?::|\s[–—-]\s)/;

/** An age between commas before a list label: "Ayesha, 13: …", "Marcus, 14yrs: …", "Zara, 13 (twin): …". */
const COMMA_AGE_LABEL = /^\s*,\s*(?:aged\s*)?\d+\s*(?:yrs?|years?|y\/?o)?\s*(?:\([^)]{0,20}\))?\s*(?=:|\s[–—-]\s)/i;

/**
 * The view after a child's label, up to the next line, or the next "; Name –" item: heard when it opens with
 * the child's words in quotes, says the child was observed, or holds a verb of the child's (not one that only
 * borrows another's view).
 */
function labelledViewHeard(afterLabel: string, verbs: RegExp, config: VoiceHeuristicConfig): boolean {
  const item = /^[^\n\r]*?(?=;\s*[A-Z][a-z'’-]+\s*(?:\([^)]*\))?\s*(?::|[–—-]\s)|[\n\r]|$)/.exec(afterLabel)![0];
  if (/^\s*['"‘“]/.test(item) || /^\s*(?:observed|seen to)\b/i.test(item)) return true;
  // A score or a word, then the child's words: "Leah (13): 6 – 'better since…'".
  const quoted = /^([^'"‘“]{1,16})['"‘“]/.exec(item);
  if (quoted && !quoted[1]!.split(/\s+/).some((word) => isSomeoneElse(word, config) || adultRoleWords(config).has(bareWord(word))))
    return true;
  const words = item.trim().split(/\s+/);
  for (let at = 0; at < words.length; at++) {
    // A verb after someone else is theirs ("Sonny (3) – in cot, Dad said asleep").
    if (at > 0 && isOtherSubject(words[at - 1]!, config)) continue;
    const tail = words.slice(at).join(' ');
    const verb = verbs.exec(tail);
    if (verb && !borrowsView(tail.slice(verb[0].length), config, verb[0])) return true;
  }
  return false;
}

/** A word that may be another person: a capitalised word that is not "I" nor a not-name ("Dad", "FC", "Mason"). */
function isSomeoneElse(word: string, config: VoiceHeuristicConfig): boolean {
  if (!/^[A-Z]/.test(word) || word === 'I') return false;
  const bare = bareWord(word);
  return bare.length > 0 && (!notNameWords(config).has(bare) || adultRoleWords(config).has(bare));
}

/** A word in lower case without its "'s" and its punctuation: "Dad's," is "dad". */
function bareWord(word: string): string {
  return word
    .toLowerCase()
    .replace(/['’]s\b.*$/, '')
    .replace(/[^a-z]/g, '');
}

/** A word that is another person as the subject of the verb after it: "Dad", "FC", "mum", "carer". */
function isOtherSubject(word: string, config: VoiceHeuristicConfig): boolean {
  // "…sharing a room with Sam, rated her placement 4/10": a word before a comma is not the verb's subject.
  if (/[,;:]$/.test(word)) return false;
  return isSomeoneElse(word, config) || adultRoleWords(config).has(bareWord(word));
}

/** What a view is framed by before the child's name, with no comma after: "What matters most to Hannah is…". */
const WHAT_MATTERS_BEFORE = /\bwhat (?:matters|is important|is most important|worries|scares|helps)(?: most)? (?:to|for)\s+$/i;

/**
 * A he or she later in the sentence after the one naming a child, with no one else spoken of before it: "When
 * I showed him the cards he handed me…". Another name or a role word first ("Mum said he…") and it is not
 * the child's.
 */
function laterPronoun(sentence: string, config: VoiceHeuristicConfig): RegExpExecArray | null {
  const pronoun = /\b(?:he|she)\b/i.exec(sentence.slice(0, 80));
  if (!pronoun) return null;
  const before = sentence.slice(0, pronoun.index);
  if (/[.;!?]/.test(before)) return null;
  // A capitalised word other than "I" or a sentence-opening "When" may be someone else: "Mason (8) told me he…",
  // "FC says he…".
  if (before.split(/\s+/).some((word) => isSomeoneElse(word, config))) return null;
  const adults = adultRoleWords(config);
  if (
    before
      .toLowerCase()
      .split(/[^a-z']+/)
      .some((word) => adults.has(word.replace(/'s$/, '')))
  )
    return null;
  return pronoun;
}

const adultRoleSets = new WeakMap<VoiceHeuristicConfig, Set<string>>();

function adultRoleWords(config: VoiceHeuristicConfig): Set<string> {
  let words = adultRoleSets.get(config);
  if (!words) {
    words = new Set(
      Object.values(config.adultWords)
        .flat()
        // A role of several words by its last, the person: "foster carer" is a carer, "the family" not "the".
        .map((word) => String(word).toLowerCase().split(' ').at(-1)!),
    );
    adultRoleSets.set(config, words);
  }
  return words;
}

/** A brother or sister by relation: "her little brother", "his twin". */
const SIBLING = String.raw`(?:her|his|their)\s+(?:[a-z]+\s+)?(?:brother|sister|sibling|twin)\s+`;

/** Words before a child's name by which another reports what the child thinks: the child is not heard there. */
const REPORTED_BEFORE = new RegExp(
  String.raw`\b(?:said|says|told (?:me|us|the \w+)|explained|reported|reports|states|stated|advised|advises|thinks|believes|feels|added|adds|mentioned|claimed|claims|confirmed|confirms|described|describes)\s+(?:that\s+)?(?:[^.;!?]*\band that\s+)?(?:${SIBLING})?$`,
  'i',
);

/** An opinion or report about the child, earlier in the same sentence: "School report that…", "It is felt…". */
const OPINION_CLAUSE_BEFORE =
  /(?:\b(?:report|reports|reported|felt|feels|thinks|believes)\s+that\b|\bit is (?:felt|thought|believed|assumed)\b)[^.;!?]*$/i;

/** Words before a child's name that join the child to another as object: "for herself and her brother Sonny". */
const SIBLING_OBJECT_BEFORE = new RegExp(String.raw`\band\s+${SIBLING}$`, 'i');

/** Words before a child's name that make the child the maker of the words or work: "said by", "text from". */
const AGENT_BEFORE =
  /\b(?:(?:said|expressed|stated|voiced|drawn|written|made|chosen|given|sent|typed|shared) by|(?:text|message|email|letter|note|card|drawing|picture|reply|voice note) from)\s+$/i;

/** A preposition before a child's name: the child is its object, not a subject ("spoke to Kai"). */
const PREPOSITION_BEFORE = new RegExp(String.raw`\b(?:for|about|with|to|at|by|of|from|towards|beside)\s+(?:${SIBLING})?$`, 'i');

/** "…to Orla on her own, she told me…", "…with Nadia in the car. She said…": a he or she, in the same sentence or opening the next, then a verb. */
function pronounTakesUp(rest: string, verbs: RegExp, config: VoiceHeuristicConfig): boolean {
  const pronoun = /^[^.;!?]*?(?:,\s*|\band\s+|[.;:!?]\s+|\s[–—-]\s+)(?:he|she)\b/i.exec(rest);
  return pronoun !== null && clauseHasVerb(rest.slice(pronoun[0].length), verbs, config);
}

/**
 * A sentence that opens with a child by role, then a verb of the child's: "The baby (3 months) fed well",
 * "Her little brother, who is 4, told me…". Not when a name follows the role ("Her sister Tilly said…"): the
 * name is then heard for itself.
 */
const ROLE_SUBJECT =
  /(?:^|[.;!?]\s+)(?:[Tt]he|[Hh]er|[Hh]is|[Tt]heir)\s+(?:(?:little|younger|youngest|older|eldest|big|baby|twin)\s+)?(?:baby|brother|sister|youngest|eldest|toddler|twin|infant)\b(?![\s,]+[A-Z])/g;

function rolesHeard(text: string, verbs: RegExp, config: VoiceHeuristicConfig): number {
  let heard = 0;
  for (const match of text.matchAll(ROLE_SUBJECT)) {
    const rest = text
      .slice(match.index + match[0].length, match.index + match[0].length + 200)
      .replace(/^\s*\(\s*(?:aged\s*)?\d+[^)]{0,20}\)/, '')
      .replace(/^\s*,[^,.;]{1,40},/, '');
    if (clauseHasVerb(rest, verbs, config)) heard++;
  }
  return heard;
}

/** Words before a child's name that frame what follows as that child's view. */
const VIEW_FRAME_BEFORE = /(?:\baccording to|^for|[.;]\s*for|\bwhen I asked|\bin the eyes of)\s+$/i;

/** The child's own wish, view or words as a subject: "Ava's wish was…". */
const POSSESSIVE_VIEW =
  /^['’]s\s+(?:\w+\s+)?(?:wish|wishes|view|views|words|worry|worries|hope|hopes|answer|answers|drawing|picture|score|scores|feelings|message|letter|note|reply|email|text|choice|choices|rating|ratings|wizard|fairy|house|houses|list|cards?|play|story|poem|voice note)\b/i;

/** Capitalised words that are not a child's name: grammar words, people by role, the policy's not-names. */
const FUNCTION_WORDS = [
  'i',
  'he',
  'she',
  'they',
  'we',
  'you',
  'it',
  'his',
  'her',
  'their',
  'our',
  'both',
  'all',
  'each',
  'neither',
  'either',
  'when',
  'while',
  'after',
  'before',
  'during',
  'as',
  'if',
  'although',
  'though',
  'because',
  'since',
  'then',
  'today',
  'yesterday',
  'this',
  'that',
  'these',
  'those',
  'there',
  'here',
  'what',
  'who',
  'how',
  'why',
  'where',
  'one',
  'two',
  'three',
  'four',
  'children',
  'siblings',
  'twins',
  'boys',
  'girls',
  'everyone',
  'nobody',
  'someone',
  'seen',
  'present',
  'later',
  'also',
  'however',
  'overall',
  'throughout',
  'using',
  'with',
  'without',
  'at',
  'in',
  'on',
  'for',
  'from',
  'to',
  'according',
  'scaling',
  'voice',
  'views',
  'wishes',
  'interpreter',
];
const notNameSets = new WeakMap<VoiceHeuristicConfig, Set<string>>();

function notNameWords(config: VoiceHeuristicConfig): Set<string> {
  let words = notNameSets.get(config);
  if (!words) {
    words = new Set([
      ...FUNCTION_WORDS,
      ...config.notNames.map((word) => word.toLowerCase()),
      ...Object.values(config.adultWords)
        .flat()
        .map((word) => String(word).toLowerCase()),
      ...Object.values(config.childWords)
        .flat()
        .map((word) => String(word).toLowerCase()),
      ...config.adultTitles.map((word) => word.toLowerCase()),
    ]);
    notNameSets.set(config, words);
  }
  return words;
}

/**
 * The forms of a listed verb that a writer may use instead: "prefers" stands for "prefer", "preferred" and
 * "preferring"; "signed" for "signs" and "signing"; "cried" for "cries" and "crying". The policy lists one or
 * two forms; writers use the others. In a phrase only the first word changes ("reached for", "reaching for").
 * The bare stem is left out unless listed: "phone", "play" and "text" are nouns as often as verbs.
 * Forms that are not words are harmless: they never match.
 */
function inflections(verb: string): string[] {
  const [first, ...others] = verb.split(' ');
  const word = first!.toLowerCase();
  if (word.includes("'") || word.includes('’')) return [verb];
  const stems = new Set<string>();
  const ending = /^(.{3,}?)(ies|ied|ying|es|ed|ing|s)$/.exec(word);
  if (ending) {
    const [, base, suffix] = ending as unknown as [string, string, string];
    if (suffix === 'ies' || suffix === 'ied') stems.add(base + 'y');
    else if (suffix === 'ying') stems.add(base + 'y').add(base + 'ie');
    else {
      stems.add(base);
      if (suffix !== 's') stems.add(base + 'e');
      // A doubled last consonant: "chatted" from "chat", "preferred" from "prefer".
      if (/([bdglmnprt])\1$/.test(base)) stems.add(base.slice(0, -1));
      if (suffix === 'es') stems.add(base + 'e');
    }
  } else if (word.length >= 3) stems.add(word);
  const forms = new Set([word]);
  for (const stem of stems) {
    if (stem.length < 3) continue;
    const y = /[^aeiou]y$/.test(stem);
    const e = stem.endsWith('e');
    forms.add(y ? stem.slice(0, -1) + 'ies' : /(?:s|sh|ch|x|z)$/.test(stem) ? stem + 'es' : stem + 's');
    forms.add(y ? stem.slice(0, -1) + 'ied' : e ? stem + 'd' : stem + 'ed');
    forms.add(e && !stem.endsWith('ee') ? stem.slice(0, -1) + 'ing' : stem + 'ing');
    if (/[^aeiou][aeiou][bdglmnprt]$/.test(stem)) {
      forms.add(stem + stem.slice(-1) + 'ed');
      forms.add(stem + stem.slice(-1) + 'ing');
    }
  }
  return [...forms].map((form) => [form, ...others].join(' '));
}

const verbPatterns = new WeakMap<VoiceHeuristicConfig, RegExp>();
const speechAndFeelingPatterns = new WeakMap<VoiceHeuristicConfig, RegExp>();

/**
 * One pattern for every verb that makes a child the speaker or actor, anchored at the start. Without the
 * policy's scene verbs ("played", "sat", "went to") for a child of 5 or over who speaks: for them such a verb
 * describes, it does not give the child's view.
 */
function verbPattern(config: VoiceHeuristicConfig, withObservation = true): RegExp {
  const cache = withObservation ? verbPatterns : speechAndFeelingPatterns;
  let pattern = cache.get(config);
  if (!pattern) {
    const notViews = new Set(config.notViewVerbs.map((verb) => verb.trim().toLowerCase()));
    // Observation verbs without their -ing forms: "was watching TV", "playing on his tablet" set a scene.
    const observed = config.observationVerbs.flatMap((verb) =>
      inflections(verb.trim()).filter((form) => !/^\S+ing\b/.test(form) || form === verb.trim()),
    );
    const scene = new Set(withObservation ? [] : config.sceneVerbs.flatMap((verb) => inflections(verb.trim().toLowerCase())));
    const verbs = [...config.speechVerbs, ...config.passiveObservation, ...config.feelingVerbs]
      .map((verb) => verb.trim())
      .flatMap(inflections)
      .concat(observed)
      .filter((verb) => verb.length > 0 && !notViews.has(verb.toLowerCase()) && !scene.has(verb.toLowerCase()))
      .sort((a, b) => b.length - a.length)
      .map(escapeRegExp);
    const emotions = config.emotionWords
      .map((word) => word.trim())
      .filter((word) => word.length > 0)
      .map(escapeRegExp);
    const feeling = emotions.length
      ? String.raw`|(?:was|is|were|seemed|seems|appeared|appears|became|felt|looked|sounded|remained)\s+(?:(?:very|really|quite|so|clearly|visibly|a bit|a little|more|most|also|still)\s+)?(?:${emotions.join('|')})`
      : '';
    pattern = new RegExp(String.raw`^(?:${verbs.join('|')}${feeling})\b`, 'i');
    cache.set(config, pattern);
  }
  return pattern;
}

/** The age from which a child who speaks is not heard by what they were seen doing (the scene verbs). */
const OBSERVATION_AGE_LIMIT = 5;

/** Words saying a child communicates without speech: their actions are their voice at any age. */
const COMMUNICATES_WITHOUT_SPEECH =
  /\b(?:non-?verbal|pre-?verbal|makaton|pecs|eye-?gaze|aac|autis\w*|learning disabilit\w*|signs?\b|communication (?:app|aid|book|device)|speech and language)/i;
