/**
 * Configuration of the prose heuristics (CR102, CR104, CR201, CR203, CR204, CR601).
 *
 * Every practice word list, phrase list, pattern and threshold lives here, as plain JSON-able data (string
 * arrays and numbers), so that the policy file can override it. Patterns are JavaScript regular-expression
 * sources, matched case-insensitively; in the patterns of `analysis`, `supervision` and `impact` the token
 * `{child}` stands for any reference to a child (a child's given name, "the child", "the children", "the
 * baby", "he", "she", "they"…), optionally possessive, and `{childname}` for the same without pronouns.
 *
 * The defaults were tuned on the `tune` half of the labelled corpus in `test/corpus/` and measured on the
 * `holdout` half (`npm run eval:heuristics`).
 */

/** Words that name a kind of person, by grammatical gender and number (for pronoun resolution). */
export interface PersonWords {
  /** Singular, female: "mum", "grandmother". */
  female: string[];
  /** Singular, male: "dad", "stepfather". */
  male: string[];
  /** Singular, either: "teacher", "police officer". */
  neutral: string[];
  /** Plural or collective, referred to as "they": "parents", "school", "police". */
  plural: string[];
}

export interface VoiceHeuristicConfig {
  /** Verbs of speaking or communicating; with the child as subject they are the child's own words. */
  speechVerbs: string[];
  /** Verbs by which an adult reports for the child ("Mum says…", "school report…"): what follows is second-hand. */
  attributionVerbs: string[];
  /** Things a worker sees a child do; with the child as subject they are an observation of the child. */
  observationVerbs: string[];
  /** Passive observation after a child subject: "Theo was observed…". */
  passiveObservation: string[];
  /** The worker observing: "I observed", "I saw" (then a child as object). */
  workerObservation: string[];
  /** Direct-work tools and methods; their use with the child counts as the child's voice. */
  directWorkTools: string[];
  /** Words in the same clause that mean a tool was not used (yet): "planned", "will", "to be". */
  notDoneMarkers: string[];
  /** Phrases by which an adult reports for the child: "according to", "as per". */
  attributionPhrases: string[];
  /** Adults, by role (family and professionals). */
  adultWords: PersonWords;
  /** Children, by role. */
  childWords: PersonWords;
  /** Titles that make the following name an adult: "Mrs", "PC". */
  adultTitles: string[];
  /** Capitalised words that are never a person's name (used only when the case's names are not known). */
  notNames: string[];
  /** How many words before a verb to look for its subject. */
  subjectWindow: number;
  /**
   * CR104: verbs of wanting, feeling and refusing that, with one child alone as subject, give that child's own
   * view (beside the speech and observation verbs).
   */
  feelingVerbs: string[];
  /** CR104: words after a child's verb that only borrow another's view, or give none: "Sonny said the same", "didn't say much". */
  sameViewPhrases: string[];
  /**
   * CR104: verbs of the lists above, or forms of them, that record a task done or a state, not a view ("Idris
   * also completed the scale", "was reported missing").
   */
  notViewVerbs: string[];
  /** The plain-English phrase the message uses for what was looked for. */
  lookedFor: string;
}

export interface AnalysisHeuristicConfig {
  /** Fewer words than this is too short to weigh anything. */
  minWords: number;
  /** Connectives that set one thing against another. */
  contrast: string[];
  /** Connectives that draw a conclusion or give a reason. */
  inference: string[];
  /** Words of professional judgement. */
  judgement: string[];
  /** Words naming risk, harm or worry (patterns: "no concerns" is not a worry). */
  riskPatterns: string[];
  /** Words naming strengths and protective factors (patterns). */
  strengthPatterns: string[];
  /** How many of the five kinds (contrast, inference, judgement, risk, strength) must be present. */
  minWeighingKinds: number;
  /** Patterns that say what the information means for the child (with `{child}`). */
  meaningForChildPatterns: string[];
  /** How many distinct meaning-for-child matches are needed. */
  minMeaningMatches: number;
}

export interface SupervisionHeuristicConfig {
  /** Patterns of a hypothesis being formed or tested. */
  hypothesisPatterns: string[];
  /** Patterns of analysis of what the information means for the child (with `{child}`). */
  meaningForChildPatterns: string[];
  /** Patterns of challenge (of the worker, the plan, the family's account, or the manager's own view). */
  challengePatterns: string[];
  /**
   * How many of the three (hypothesis, meaning for the child, challenge) a reflection needs. 1 = flag only a
   * reflection with none of them (rules.md: "no hypothesis tested, no analysis …, no challenge").
   */
  minPresent: number;
}

export interface OptimismHeuristicConfig {
  /** Optimistic phrases. */
  optimisticPhrases: string[];
  /** Optimistic patterns (for phrases with variable words). */
  optimisticPatterns: string[];
  /** Patterns of evidence: observed facts, dates, numbers, named sources, test results, reasons. */
  evidencePatterns: string[];
  /** Patterns that look like evidence but are not (durations, parents as the only source); removed first. */
  notEvidencePatterns: string[];
  /** The child's own words (as CR102 finds them) count as evidence. */
  childWordsAreEvidence: boolean;
}

export interface ImpactHeuristicConfig {
  /** Impact texts that say nothing ("N/A", "see above", "high"): treated as missing. */
  placeholders: string[];
  /** Words ignored when comparing an impact with its event. */
  stopWords: string[];
  /** Share of the impact's content words that also occur in the event at or above which it repeats it. */
  maxOverlap: number;
  /** Words and patterns that speak of an effect on a child (harm, feelings, development, meaning). */
  effectPatterns: string[];
  /** An impact of fewer words than this is too short to say what the event meant ("Concerning."). */
  minWords: number;
  /**
   * An impact of at least this many words that names a child of the event says what happened to that child,
   * even without a word of the effect list ("Jax went back into nappies").
   */
  namedChildMinWords: number;
  /** Phrases of a service's process ("was taken to", "was discharged"): an impact built on them names no effect. */
  processPhrases: string[];
}

export interface HeuristicConfig {
  voice: VoiceHeuristicConfig;
  analysis: AnalysisHeuristicConfig;
  supervision: SupervisionHeuristicConfig;
  optimism: OptimismHeuristicConfig;
  impact: ImpactHeuristicConfig;
}

// ---------------------------------------------------------------------------------------------------------

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

export const defaultVoiceConfig: VoiceHeuristicConfig = {
  speechVerbs: [
    'said',
    'says',
    'say',
    'told',
    'tells',
    'telling',
    'replied',
    'answered',
    'explained',
    'described',
    'shared',
    'asked',
    'shouted',
    'whispered',
    'wrote',
    'writes',
    'texted',
    'typed',
    'signed',
    'signs',
    'stated',
    'added',
    'agreed',
    'denied',
    'mentioned',
    'admitted',
    'disclosed',
    'commented',
    'chose',
    'named',
    'rated',
    'scaled',
    'put',
    'placed',
    'nodded',
    'shook his head',
    'shook her head',
    'shrugged',
    'pointed',
    'pointed to',
    'looked at',
    'touched',
    'reported',
    'confirmed',
  ],
  attributionVerbs: [
    'says',
    'said',
    'say',
    'told',
    'tells',
    'reports',
    'reported',
    'report',
    'states',
    'stated',
    'advises',
    'advised',
    'feels',
    'felt',
    'thinks',
    'believes',
    'notes',
    'noted',
    'describes',
    'described',
    'confirms',
    'confirmed',
    'confirm',
    'explained',
    'explains',
    'shared',
    'informed',
    'agreed',
    'added',
    'commented',
    'mentioned',
    'advocates',
  ],
  observationVerbs: [
    'babbled',
    'babbles',
    'cooed',
    'smiled',
    'smiles',
    'laughed',
    'giggled',
    'cried',
    'crawled',
    'crawls',
    'toddled',
    'reached for',
    'reaches for',
    'settled',
    'settles',
    'seeks comfort',
    'sought comfort',
    'went to',
    'ran to',
    'ran',
    'looked to',
    'returned to',
    'clung',
    'cuddled',
    'hugged',
    'fed',
    'latched',
    'played',
    'explored',
    'grasped',
    'rolled',
    'made eye contact',
    'held eye contact',
    'brought me',
    'offered me',
    'showed me',
    'led me',
    'let me',
    'hid',
    'flinched',
    'froze',
    'screamed',
    'rocked',
    'rocking',
    'calmed',
    'drew',
    'coloured',
    'used his',
    'used her',
    'used their',
    'finished',
    'completed',
    'chatted',
  ],
  passiveObservation: ['was observed', 'were observed', 'was seen to', 'were seen to', 'was watched'],
  workerObservation: ['I observed', 'I saw', 'I noticed', 'I watched', 'we observed'],
  directWorkTools: [
    'three houses',
    'house of worries',
    'house of good things',
    'house of dreams',
    'wishes and feelings booklet',
    'wishes and feelings form',
    'wishes and feelings session',
    'wishes and feelings sheet',
    'wishes and feelings worksheet',
    'wishes and feelings work',
    'wishes and feelings tool',
    'safety hand',
    'my world triangle',
    'all about me',
    'bear cards',
    'feelings cards',
    'feelings faces',
    'feelings thermometer',
    'scaling',
    'out of 10',
    'out of ten',
    'worry monster',
    'sand tray',
    'life story',
    'ecomap',
    'eco-map',
    'words and pictures',
    'miracle question',
    'three wishes',
    'drew a picture',
    'drawing',
    'PECS',
    'communication board',
    'communication aid',
    'eye-gaze',
    'Makaton',
    'talking mat',
  ],
  notDoneMarkers: [
    'planned',
    'plan to',
    'to be',
    'will',
    'next visit',
    'next session',
    'booked',
    'to do',
    'on his behalf',
    'on her behalf',
    'on their behalf',
    'could not',
    'was not',
    'were not',
    'not able',
    'unable',
    'too young',
  ],
  attributionPhrases: ['according to', 'as per', 'as reported by', 'reported by', 'in the view of'],
  adultWords: {
    female: [
      'mum',
      'mummy',
      'mother',
      'mam',
      'stepmum',
      'stepmother',
      'grandmother',
      'grandma',
      'gran',
      'granny',
      'nan',
      'nana',
      'nanny',
      'nanna',
      'aunt',
      'aunty',
      'auntie',
      'girlfriend',
      'maternal grandmother',
      'paternal grandmother',
    ],
    male: [
      'dad',
      'daddy',
      'father',
      'stepdad',
      'stepfather',
      'grandad',
      'grandfather',
      'grandpa',
      'uncle',
      'boyfriend',
      'maternal grandfather',
      'paternal grandfather',
    ],
    neutral: [
      'parent',
      'carer',
      'foster carer',
      'partner',
      'teacher',
      'class teacher',
      'head teacher',
      'headteacher',
      'teaching assistant',
      'SENCO',
      'DSL',
      'designated safeguarding lead',
      'police officer',
      'officer',
      'PC',
      'nurse',
      'school nurse',
      'health visitor',
      'midwife',
      'GP',
      'doctor',
      'paediatrician',
      'social worker',
      'family support worker',
      'youth worker',
      'youth offending worker',
      'key worker',
      'worker',
      'practitioner',
      'professional',
      'guardian',
      "children's guardian",
      'IRO',
      'Independent Reviewing Officer',
      'interpreter',
      'neighbour',
      'manager',
      'therapist',
      'counsellor',
      'coach',
      'landlord',
      'adult',
    ],
    plural: [
      'parents',
      'carers',
      'foster carers',
      'grandparents',
      'adults',
      'grown-ups',
      'school',
      'nursery',
      'college',
      'police',
      'staff',
      'nursery staff',
      'school staff',
      'professionals',
      'agencies',
      'CAMHS',
      'health',
      'family',
      'the family',
    ],
  },
  childWords: {
    female: ['girl', 'daughter', 'little girl'],
    male: ['boy', 'son', 'little boy'],
    neutral: ['child', 'baby', 'young person', 'toddler', 'infant', 'the child', 'the baby'],
    plural: ['children', 'both children', 'siblings', 'girls', 'boys', 'kids', 'young people', 'both girls', 'both boys'],
  },
  adultTitles: ['Mr', 'Mrs', 'Ms', 'Miss', 'Dr', 'PC', 'DC', 'DS', 'Sgt', 'Nurse', 'Sister'],
  notNames: [
    'The',
    'A',
    'An',
    'When',
    'While',
    'Whilst',
    'After',
    'Before',
    'During',
    'Using',
    'Through',
    'With',
    'Without',
    'On',
    'In',
    'At',
    'As',
    'For',
    'From',
    'Both',
    'All',
    'Each',
    'Every',
    'Seen',
    'Not',
    'No',
    'Yes',
    'Due',
    'Views',
    'View',
    'Child',
    'Children',
    'Baby',
    'Direct',
    'Discussed',
    'Social',
    'Health',
    'School',
    'Police',
    'It',
    'This',
    'That',
    'These',
    'Those',
    'There',
    'Her',
    'His',
    'Their',
    'My',
    'Our',
    'He',
    'She',
    'They',
    'We',
    'I',
    'Although',
    'However',
    'Because',
    'But',
    'And',
    'Then',
    'If',
    'Home',
    'Independent',
    'Reviewing',
    'Officer',
    'Makaton',
    'PECS',
    'BSL',
    'CAMHS',
    'English',
    'Polish',
    'Pashto',
    'Arabic',
    'Dari',
    'Urdu',
    'Monday',
    'Tuesday',
    'Wednesday',
    'Thursday',
    'Friday',
    'Saturday',
    'Sunday',
    'Christmas',
    'Easter',
    ...MONTHS,
  ],
  subjectWindow: 10,
  feelingVerbs: [
    'wants',
    'wanted',
    'feels',
    'felt',
    'likes',
    'liked',
    'loves',
    'loved',
    'misses',
    'missed',
    'hates',
    'hated',
    'worries',
    'worried',
    'hopes',
    'hoped',
    'wishes',
    'wished',
    'enjoys',
    'enjoyed',
    'prefers',
    'is scared',
    'was scared',
    'is worried',
    'was worried',
    'is frightened',
    'was frightened',
    'is happy',
    'was happy',
    'is upset',
    'was upset',
    "didn't",
    'did not',
    "doesn't",
    'does not',
    "won't",
    'would not',
    "wouldn't",
    'refused',
    'called',
    'talked',
    'spoke',
    'sat',
    'covered',
    'showed',
    'cried',
    'gave',
    'did',
    'filled',
    'made',
    'stayed',
    'pulled',
    'tell',
    'talk',
    'dreams',
    'held',
    'is excited',
    'was excited',
    'is clear',
    'was clear',
    'would rather',
    'is glad',
    'was glad',
    'is tearful',
    'was tearful',
    'scored',
    'declined',
    'watched',
    'turned away',
    'turned to',
    'turned towards',
    'kept',
    'buried',
    'cries',
    'crying',
    'clinging',
    'was unsettled',
    'was settled',
    'was calm',
    'speak',
    'handed',
    'observed',
    'messaged',
    'emailed',
    'phoned',
    'rang',
    'was keen',
    'is keen',
    'show',
  ],
  sameViewPhrases: [
    'the same',
    'same as',
    'similar',
    'likewise',
    'too',
    'along',
    'to go along',
    'with whatever',
    'with everything',
    'say much',
    'say anything',
    'talk much',
    'engage',
    'speak',
    'join in',
    'join the',
    'wish to speak',
    'want to speak',
    'want to talk',
    'wish to talk',
  ],
  notViewVerbs: ['completed', 'finished', 'missing'],
  lookedFor: "the child's own words, an observation of the child, or a direct-work tool",
};

/** `{child}` in a pattern: see the module comment. */
export const CHILD_TOKEN = '{child}';
/** `{childname}` in a pattern: like `{child}` but without pronouns (a name, "the child", "the baby"…). */
export const CHILD_NAME_TOKEN = '{childname}';

const MEANING_FOR_CHILD: string[] = [
  // "For Amelia, this means…", "For Tia and Marcus this means…", "For Ava, as a newborn, the risks…"
  String.raw`(?<=^|[.;:!?]\s|,\s)for {child}(?:,? and {child})?,?\s[^.;:]{0,60}?\b(?:means|meant|is|was|are|were|will|would|matters)\b`,
  // "the risk to Nadia", "a second loss for her", "the most important protective step for him"
  String.raw`\b(?:loss|harm|risk|danger|difference|step|impact|effect|consequence|benefit|upheaval)s? (?:to|for) {child}`,
  // "Isla will not gain weight", "he may go missing again"
  String.raw`\b{childname} (?:will|would|may|might|could|cannot|can't) (?:not |probably |still )?(?:be|have|gain|form|feel|continue|need|lose|struggle|go|keep|grow|learn|suffer|experience|see|tell|rely|disclose|seek|drift|recover)\b`,
  String.raw`\bwhat (?:this|that|it) (?:means|meant|will mean) for\b`,
  String.raw`\bwhat does (?:this|that|it) mean for\b`,
  // "This means Leo is likely…", "which means she…", "it means Rhys is isolated"
  String.raw`\b(?:this|which|that|it) (?:means|meant|leaves|tells us|shows|suggests) (?:that )?{child}\b`,
  String.raw`\bimpact (?:of [^.;]{1,40} )?on {child}`,
  String.raw`\b(?:the )?impact (?:on|for) (?:him|her|them)\b`,
  String.raw`\bfor {child},? the impact\b`,
  String.raw`\b(?:lived experience|daily life|day-to-day life|everyday life|a day in {child} life)\b`,
  String.raw`\bthe (?:child|children|baby)'s (?:experience|perspective|world|daily)\b`,
  String.raw`\b{childname} (?:is|are|was|were|will be|has been|have been|would be) (?:likely|unlikely|at risk|in danger|living with|exposed|frightened|scared|anxious|affected|coping|losing|learning|isolated|dependent|safer|still affected)\b`,
  String.raw`\b(?:affect|affects|affected|affecting|harming|harmed|shaping|undermin\w*) {child} (?:sleep|development|education|concentration|attachment|health|wellbeing|behaviour|identity|relationships|safety|learning|growth|childhood|ability|asthma|mood)\b`,
  String.raw`\b{child} (?:safety|wellbeing|development|needs|fear|distress|childhood|education|health|sleep|care|basic needs) (?:is|are|depends|rests|will|has|have|would|matters|could)\b`,
];

export const defaultAnalysisConfig: AnalysisHeuristicConfig = {
  minWords: 40,
  contrast: [
    'however',
    'although',
    'though',
    'but',
    'whereas',
    'on the other hand',
    'despite',
    'even so',
    'set against',
    'nevertheless',
    'nonetheless',
    'yet',
    'balanced against',
    'weighed against',
    'outweigh',
    'outweighs',
  ],
  inference: [
    'because',
    'therefore',
    'this means',
    'which means',
    'that means',
    'as a result',
    'consequently',
    'suggests',
    'suggest',
    'indicates',
    'indicate',
    'points to',
    'shows that',
    'which shows',
    'given that',
    'so that',
    'thus',
    'hence',
    'tells me',
    'tells us',
    'which makes',
  ],
  judgement: [
    'likely',
    'unlikely',
    'probably',
    'on balance',
    'I think',
    'I do not think',
    'I assess',
    'we assess',
    'my view',
    'my assessment',
    'professional judgement',
    'the evidence',
    'I recommend',
    'we recommend',
    'is recommended',
    'are recommended',
    'proportionate',
    'threshold',
    'is met',
    'is needed',
    'are needed',
    'is required',
    'cannot yet',
    'do not yet know',
    'I believe',
    'significant',
  ],
  riskPatterns: [
    String.raw`\brisks?\b`,
    String.raw`\bharm(?:ed|ful)?\b`,
    String.raw`\bdanger(?:ous)?\b`,
    String.raw`\bworr(?:y|ies|ying)\b`,
    String.raw`(?<!\bno (?:\w+ )?)\bconcerns?\b`,
    String.raw`\bconcerning\b`,
    String.raw`\bvulnerab\w*`,
    String.raw`\bunsafe\b`,
    String.raw`\bneglect\w*`,
    String.raw`\babuse\w*`,
    String.raw`\bviolen\w*`,
    String.raw`\bexploit\w*`,
    String.raw`\bescalat\w*`,
    String.raw`\bgroom\w*`,
    String.raw`\binjur\w*`,
    String.raw`\bfear\w*`,
    String.raw`\bfrightened\b`,
    String.raw`\brelapse\w*`,
    String.raw`\bcoercive\b`,
    String.raw`\btrafficking\b`,
  ],
  strengthPatterns: [
    String.raw`\bstrengths?\b(?! and difficulties)`,
    String.raw`\bprotective(?:ly)?\b`,
    String.raw`\bprotect(?:s|ed|ing)?\b`,
    String.raw`\bsupportive\b`,
    String.raw`\bsecure attachment\b`,
    String.raw`\bresilien\w*`,
    String.raw`\bwarm(?:ly)?\b`,
    String.raw`\bloving\b`,
    String.raw`\blove[sd]?\b`,
    String.raw`\bmotivated\b`,
    String.raw`\bwilling(?:ness)?\b`,
    String.raw`\btrust(?:s|ed)?\b`,
    String.raw`\bsafe (?:adult|base|place)\b`,
    String.raw`\bgood relationship\b`,
    String.raw`\bclose relationship\b`,
    String.raw`\breassuring\b`,
    String.raw`\bthriving\b`,
    String.raw`\bpositive\b`,
    String.raw`\bcapacity\b`,
    String.raw`\bacted to protect\b`,
    String.raw`\bdevoted\b`,
    String.raw`\bcommitted\b`,
  ],
  minWeighingKinds: 3,
  meaningForChildPatterns: MEANING_FOR_CHILD,
  minMeaningMatches: 1,
};

export const defaultSupervisionConfig: SupervisionHeuristicConfig = {
  hypothesisPatterns: [
    String.raw`\bhypothes[ie]s\b\s*(?::|to test|is|that|of|about|-)`,
    String.raw`\b(?:my|our|the|a|working) hypothes[ie]s\b`,
    String.raw`\b(?:we|I) (?:wondered|considered|discussed|explored|asked ourselves|asked myself|talked about) (?:whether|if|why|what)\b`,
    String.raw`\bI wonder(?:ed)? (?:whether|if)\b`,
    String.raw`\b(?:possible|alternative|another|other) explanations?\b`,
    String.raw`\balternative(?:ly)?\s*:`,
    String.raw`\bit (?:may|might|could) be (?:that|because)\b`,
    String.raw`\b(?:may|might|could) (?:reflect|indicate|suggest|be linked|be driven|mean|hide|be about)\b`,
    String.raw`\bif (?:so|this is right|that is right|this is true|true)\b`,
    String.raw`\bwhether\b[^.?]{0,80}\bor\b`,
    String.raw`\b(?:to test|testing|tested|test) (?:this|that|the|whether|it)\b`,
    String.raw`\bneeds? testing\b`,
  ],
  meaningForChildPatterns: [
    ...MEANING_FOR_CHILD,
    String.raw`\bwhat (?:has|would) [^.?]{0,40}(?:changed for|say about|look like)\b`,
    String.raw`\b(?:the )?{child} (?:accounts?|views?|timescales?|perspective|voice|experience)\b`,
    String.raw`\b(?:what|how) (?:[^.?]{0,40}) (?:tells us|told us)\b`,
    String.raw`\bfor {child},\s`,
  ],
  challengePatterns: [
    String.raw`\bchalleng(?:e|ed|es)\b`,
    String.raw`\bI questioned\b`,
    String.raw`\bquestioned (?:whether|if|why)\b`,
    String.raw`\b(?:are|am|is) (?:we|I) (?:sure|relying|missing|being|at risk)\b`,
    String.raw`\bis (?:this|it) (?:real|genuine)\b`,
    String.raw`\bcompliance\b`,
    String.raw`\bdrift\b`,
    String.raw`\bnot (?:yet )?convinced\b`,
    String.raw`\b(?:evidence|it) does not (?:yet )?support\b`,
    String.raw`\bon reflection\b`,
    String.raw`\b(?:rule of )?optimism\b`,
    String.raw`\breconsider\w*`,
    String.raw`\bdisguised compliance\b`,
    String.raw`\bprofessional curiosity\b`,
    String.raw`\bwhat has (?:actually |really )?changed\b`,
  ],
  minPresent: 1,
};

const MONTH_RE = String.raw`(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)`;

export const defaultOptimismConfig: OptimismHeuristicConfig = {
  optimisticPhrases: [
    'engaging well',
    'engaged well',
    'engages well',
    'engaging positively',
    'engaged positively',
    'engaging with',
    'no concerns',
    'no current concerns',
    'no further concerns',
    'no new concerns',
    'no safeguarding concerns',
    'no longer any concerns',
    'no current evidence',
    'no further incidents',
    'doing well',
    'doing really well',
    'things have improved',
    'has improved',
    'have improved',
    'much better',
    'positive changes',
    'positive progress',
    'good progress',
    'significant progress',
    'made progress',
    'turned things around',
    'thriving',
    'happy and settled',
    'settled',
    'coping much better',
    'coping better',
    'worked well',
    'working well',
    'cooperative',
    'commitment to change',
    'committed to making changes',
    'open and honest',
    'protective parent',
    'shown insight',
    'safe and well',
    'going well',
    'going really well',
    'much better place',
    'keep the children safe',
    'risk is now low',
  ],
  optimisticPatterns: [String.raw`\bnow sober\b`, String.raw`\bhas made (?:\w+ )?changes\b`],
  evidencePatterns: [
    // dates
    String.raw`\b\d{1,2}(?:st|nd|rd|th)? ${MONTH_RE}\b`,
    String.raw`\b(?:since|in|on|from|by|until) ${MONTH_RE}\b`,
    String.raw`\b(?:since|at|before|after) (?:easter|christmas|half-term)\b`,
    String.raw`\b\d{4}-\d{2}-\d{2}\b`,
    String.raw`\b\d{1,2}/\d{1,2}/\d{2,4}\b`,
    // numbers and measurements
    String.raw`\b\d+(?:\.\d+)?\s?%`,
    String.raw`\b(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve) (?:of|out of) (?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve)\b`,
    String.raw`\b(?:\d+|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|all) (?:\w+ ){0,2}(?:sessions|tests|visits|appointments|breathalysers?|weigh-ins|call-outs|months? (?:sober|clean|clear))\b`,
    String.raw`\b\d+(?:st|nd|rd|th) centile\b`,
    // named sources and results
    String.raw`\b(?:school|schools|nursery|college|police|health visitor|GP|paediatrician|CAMHS|care coordinator|key worker|drug service|probation|teacher|PE teacher|youth worker|coach|midwife|hospital|register|school register)\s+(?:reports?|reported|confirms?|confirmed|records?|recorded|says|said|states|notes|noted|found|assessed|assessment)\b`,
    String.raw`\bpolice (?:checks|confirm)\b`,
    String.raw`\b(?:certificate|result|results) (?:seen|dated|received)\b`,
    String.raw`\b(?:negative|clear) (?:\w+ )?(?:tests?|results?|breathalysers?)\b`,
    String.raw`\btests? (?:clear|negative)\b`,
    String.raw`\bhair strand\b`,
    String.raw`\b(?:court )?order\b`,
    String.raw`\bconfirmed by\b`,
    String.raw`\bthe (?:section 47|medical|CAMHS assessment|paediatrician)\b`,
    // observed by the worker
    String.raw`\bI (?:saw|observed|noticed|checked)\b`,
    String.raw`\bunannounced\b`,
    String.raw`\bseen alone\b`,
    String.raw`\b(?:showed|shown) me\b`,
    // reasons
    String.raw`\bbecause\b`,
  ],
  notEvidencePatterns: [
    String.raw`\b(?:over|in|during|for) the (?:last|past) (?:\d+|few|two|three|four|six) (?:days|weeks|months)\b`,
    String.raw`\b(?:mum|mother|dad|father|parents?|family)\s+(?:reports?|reported|says|said|states|feels)\b`,
    String.raw`\bassessment found no\b`,
  ],
  childWordsAreEvidence: true,
};

export const defaultImpactConfig: ImpactHeuristicConfig = {
  placeholders: [
    'n/a',
    'na',
    'none',
    'nil',
    'not known',
    'unknown',
    'not applicable',
    'see above',
    'as above',
    'tbc',
    'tba',
    'to follow',
    '-',
    '?',
    'high',
    'medium',
    'low',
  ],
  stopWords: [
    'a',
    'an',
    'the',
    'and',
    'or',
    'but',
    'of',
    'to',
    'in',
    'on',
    'at',
    'for',
    'with',
    'by',
    'from',
    'into',
    'as',
    'is',
    'are',
    'was',
    'were',
    'be',
    'been',
    'being',
    'has',
    'have',
    'had',
    'it',
    'its',
    'this',
    'that',
    'there',
    'their',
    'they',
    'them',
    'he',
    'she',
    'his',
    'her',
    'him',
    'who',
    'which',
    'after',
    'before',
    'then',
    'also',
    'not',
    'no',
    'did',
    'do',
    'does',
    'so',
    'up',
    'out',
    'over',
    'again',
    'due',
    'next',
    'day',
    'now',
  ],
  maxOverlap: 0.5,
  minWords: 6,
  namedChildMinWords: 10,
  processPhrases: [
    'was taken to',
    'were taken to',
    'was admitted',
    'was discharged',
    'were discharged',
    'was referred',
    'were referred',
    'was kept in',
    'was seen by',
    'were seen by',
    'was interviewed',
    'was arrested',
    'was cautioned',
    'was given a',
  ],
  effectPatterns: [
    String.raw`\b(?:frighten\w*|scared|afraid|fear\w*|upset|distress\w*|anxious|anxiety|tearful|withdrawn|clingy|worr\w*|hurt|humiliat\w*)\b`,
    String.raw`\b(?:harm\w*|injur\w*|risk\w*|danger\w*|unsafe|vulnerab\w*|exposed|exposure|abuse\w*|neglect\w*|exploit\w*|grooming|traffick\w*|violen\w*)\b`,
    String.raw`\b(?:impact\w*|effect\w*|affect\w*|consequen\w*|pattern|escalat\w*|sign of|signs of|indicat\w*|suggest\w*|shows?|means?|meant|significan\w*|worrying|concern\w*)\b`,
    String.raw`\b(?:lost|loss|losing|missed|missing out|behind|delay\w*|disrupt\w*|unsettled|woken|witness\w*|present|saw|heard|hungry|cold|alone|unprotected|deteriorat\w*|struggl\w*)\b`,
    String.raw`\b(?:development\w*|attachment|wellbeing|well-being|emotional\w*|education|routine|friendships?|school place|growth|concentration|sleep\w*|bed-?wetting|wets the bed|wetting)\b`,
    String.raw`\b(?:likely|may have|may be|might|could)\b`,
    String.raw`\b(?:happy|settled|safe|safer|better|relieved)\b`,
  ],
};

export const defaultHeuristicConfig: HeuristicConfig = {
  voice: defaultVoiceConfig,
  analysis: defaultAnalysisConfig,
  supervision: defaultSupervisionConfig,
  optimism: defaultOptimismConfig,
  impact: defaultImpactConfig,
};
