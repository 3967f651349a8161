// fast-check arbitraries for robustness testing: damaged case records built from the contract samples and from
// generated records, token soup, huge and odd text, and raw bytes that are not UTF-8. Shared by the fuzzer
// (scripts/fuzz/run.mjs) and the property tests (test/robustness/*.test.ts). Plain ESM: no build needed.
//
// An input is { label, files: [{ name, text }] } (several files when a split case is damaged), or, for the
// byte-level CLI checks, { label, bytes: Uint8Array }.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { generateRecord } from '../bench/corpus.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (rel) => fs.readFileSync(path.join(ROOT, rel), 'utf8');

/** The contract samples, and a few generated records (small, so that thousands of inputs stay cheap). */
export function loadSeeds({ generated = 6 } = {}) {
  const jones = read('test/fixtures/contract/jones-family.case');
  const morgan = [
    { name: 'morgan/case.case', text: read('test/fixtures/contract/morgan-case/case.case') },
    { name: 'morgan/2022-records.case', text: read('test/fixtures/contract/morgan-case/2022-records.case') },
  ];
  const damagedPath = 'packages/language/test/fixtures/damaged/damaged.case';
  const damaged = fs.existsSync(path.join(ROOT, damagedPath)) ? [read(damagedPath)] : [];
  const records = Array.from({ length: generated }, (_, i) => generateRecord({ seed: 5000 + i, targetBytes: 2_000 + i * 4_000 }).text);
  return { single: [jones, ...damaged, ...records], morgan };
}

// prettier-ignore
export const ENTRY_KEYWORDS = [
  'event', 'contact', 'referral', 'allocation', 'unallocated', 'oversight', 'visit', 'strategy-discussion', 'section-47',
  'conference', 'core-group', 'assessment', 'safety-plan', 'supervision', 'missing', 'return-interview', 'step-down',
  'step-up', 'closure', 'note',
];
// prettier-ignore
export const OTHER_KEYWORDS = [
  'by', 'about', 'to', 'from', 'for', 'of', 'source', 'significance', 'chair', 'lead', 'kind', 'returned', 'replaces',
  'reason', 'because', 'owner', 'due', 'done', 'none', 'born', 'relationship', 'role', 'team', 'title', 'child', 'adult',
  'worker', 'agency', 'case', 'decision', 'outcome', 'completed', 'authorised', 'review-by', 'not-alone', 'action',
  'attendees', 'network', 'seen-alone',
];
const FIELD_NAMES = [
  'what',
  'impact',
  'concern',
  'consent',
  'rationale',
  'reason',
  'direction',
  'child-voice',
  'observations',
  'analysis',
  'text',
  'progress',
  'worries',
  'goal',
];
const VALUES = [
  'given',
  'refused',
  'high',
  'low',
  'cin-plan',
  'child-protection-plan',
  'no-further-action',
  'section-47',
  'RC8',
  'social-worker',
  'initial',
  'review',
  'early-help',
];

/** Characters that break things: C0 controls, DEL, separators, BOM, lone surrogates, non-characters. */
// prettier-ignore
export const NASTY_CHARS = [
  '\u0000', '\u0001', '\u0007', '\b', '\t', '\u000b', '\f', '\r', '\u001b', '\u001f', '\u007f', '\u0085', '\u00a0',
  '\u2028', '\u2029', '\ufeff', '\ud800', '\udfff', '\ufffd', '\uffff', '\u200b', '\u202e', '\u0301',
];
const UNICODE_BITS = ['é', 'ß', 'Ωμέγα', '中文', 'עברית', 'العربية', '👩‍👧‍👦', '🏳️‍🌈', 'A\u0301\u0302\u0303', '\u{1F600}', 'ﬁ', 'İ'];

const date = fc.oneof(
  fc.constantFrom('2021-09-01', '2022-03-07', '2019-06-14', '2023-03-10'),
  fc.constantFrom('2021-02-30', '2021-13-01', '0000-00-00', '9999-99-99', '2021-9-1', '20210901', '1899-12-31', '2100-01-01'),
  fc
    .tuple(fc.integer({ min: 0, max: 9999 }), fc.integer({ min: 0, max: 99 }), fc.integer({ min: 0, max: 99 }))
    .map(([y, m, d]) => `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`),
);
const time = fc.oneof(
  fc.constantFrom('09:12', '23:59', '00:00', '24:00', '99:99', '9:5'),
  fc.tuple(fc.nat(99), fc.nat(99)).map(([h, m]) => `${h}:${m}`),
);
const id = fc.oneof(
  fc.constantFrom('amelia', 'ben', 'sarah', 'jo', 'ali', 'police', 'leah', 'sam', 'priya', 'r1', 'sp1', 'a1', 'x', 'zz-top_1'),
  fc.stringMatching(/^[a-zA-Z][a-zA-Z0-9_-]{0,12}$/),
);
const shortText = fc.string({
  maxLength: 40,
  unit: fc.oneof(
    fc.constantFrom(...'abc "\\\'\n\t{}:,'.split('')),
    fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)),
  ),
});

/** One token of the language (or a near miss). */
export const token = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom(...ENTRY_KEYWORDS, ...OTHER_KEYWORDS) },
  { weight: 3, arbitrary: id },
  { weight: 2, arbitrary: date },
  { weight: 1, arbitrary: time },
  { weight: 2, arbitrary: fc.constantFrom('{', '}', ':', ',', '{', '}', '"', '"""', '//', '/*', '*/', '\\', '-', '—', ';') },
  { weight: 2, arbitrary: shortText.map((t) => `"${t}"`) },
  { weight: 1, arbitrary: shortText.map((t) => `"${t}`) },
  { weight: 2, arbitrary: shortText.map((t) => `"""${t}"""`) },
  { weight: 1, arbitrary: shortText.map((t) => `"""${t}`) },
  { weight: 1, arbitrary: fc.constantFrom(...FIELD_NAMES).map((f) => `${f}:`) },
  { weight: 1, arbitrary: fc.constantFrom(...VALUES) },
  { weight: 1, arbitrary: fc.constantFrom(...NASTY_CHARS, ...UNICODE_BITS) },
);
const separator = fc.constantFrom(' ', ' ', ' ', '\n', '\n', '\t', '\r\n', '', '\n\n  ');

/** Random token soup: keywords, ids, dates, strings, text blocks, punctuation and junk in any order. */
export const tokenSoup = fc.array(fc.tuple(token, separator), { maxLength: 300 }).map((parts) => parts.map(([t, s]) => t + s).join(''));

/** An entry that is nearly right: a real header shape with random parts, and a body of random fields. */
export const nearEntry = fc
  .tuple(
    fc.constantFrom(...ENTRY_KEYWORDS),
    fc.array(fc.oneof(date, time, id, fc.constantFrom(...OTHER_KEYWORDS), fc.constant(',')), { maxLength: 10 }),
    fc.option(
      fc.array(
        fc.tuple(
          fc.constantFrom(...FIELD_NAMES, ...OTHER_KEYWORDS),
          fc.oneof(
            shortText.map((t) => `"""${t}"""`),
            id,
            date,
          ),
        ),
        { maxLength: 6 },
      ),
    ),
  )
  .map(([kw, header, body]) => `${kw} ${header.join(' ')}${body ? ` {\n${body.map(([f, v]) => `  ${f}: ${v}`).join('\n')}\n}` : ''}\n`);

// ---- Mutators: (text, random numbers) -> text. fast-check draws the numbers, so every mutation replays from its seed.
const at = (text, r) => Math.floor(r * (text.length + 1));
const nthIndex = (text, needle, r) => {
  const found = [];
  for (let i = text.indexOf(needle); i >= 0 && found.length < 10_000; i = text.indexOf(needle, i + 1)) found.push(i);
  return found.length ? found[Math.floor(r * found.length)] : -1;
};
const removeAt = (text, needle, r) => {
  const i = nthIndex(text, needle, r);
  return i < 0 ? text : text.slice(0, i) + text.slice(i + needle.length);
};
const insertAt = (text, r, piece) => {
  const i = at(text, r);
  return text.slice(0, i) + piece + text.slice(i);
};
const lines = (text) => text.split('\n');

export const MUTATORS = {
  truncate: (text, [r]) => text.slice(0, at(text, r)),
  deleteOpenBrace: (text, [r]) => removeAt(text, '{', r),
  deleteCloseBrace: (text, [r]) => removeAt(text, '}', r),
  deleteAllBraces: (text) => text.replace(/[{}]/g, ''),
  deleteQuote: (text, [r]) => removeAt(text, '"', r),
  deleteTripleQuote: (text, [r]) => removeAt(text, '"""', r),
  deleteAllQuotes: (text) => text.replace(/"/g, ''),
  deleteColon: (text, [r]) => removeAt(text, ':', r),
  controlChars: (text, [r, s]) => insertAt(text, r, NASTY_CHARS[Math.floor(s * NASTY_CHARS.length)].repeat(1 + Math.floor(s * 5))),
  unicode: (text, [r, s]) => insertAt(text, r, UNICODE_BITS[Math.floor(s * UNICODE_BITS.length)]),
  crlf: (text) => text.replace(/\n/g, '\r\n'),
  crOnly: (text) => text.replace(/\n/g, '\r'),
  noNewlines: (text) => text.replace(/\n/g, ' '),
  duplicateLines: (text, [r, s]) => {
    const l = lines(text);
    const i = Math.floor(r * l.length);
    const n = 1 + Math.floor(s * 40);
    return [...l.slice(0, i + n), ...l.slice(i, i + n), ...l.slice(i + n)].join('\n');
  },
  deleteLines: (text, [r, s]) => {
    const l = lines(text);
    const i = Math.floor(r * l.length);
    return [...l.slice(0, i), ...l.slice(i + 1 + Math.floor(s * 20))].join('\n');
  },
  shuffleLines: (text, [r, s]) => {
    const l = lines(text);
    const i = Math.floor(r * l.length);
    const j = Math.floor(s * l.length);
    [l[i], l[j]] = [l[j], l[i]];
    return l.join('\n');
  },
  dedent: (text) => text.replace(/\n[ \t]+/g, '\n'),
  indentAll: (text) => text.replace(/\n/g, '\n    '),
  swapKeyword: (text, [r, s]) => {
    const words = [...ENTRY_KEYWORDS, ...OTHER_KEYWORDS];
    const from = words[Math.floor(r * words.length)];
    return text.replace(new RegExp(`\\b${from}\\b`), words[Math.floor(s * words.length)]);
  },
  badDate: (text, [r, s]) => {
    const bad = ['2021-02-30', '0000-00-00', '9999-99-99', '2021-13-45', '1-1-1', '2021-09-0'];
    const i = nthIndex(text, '20', r);
    return i < 0 ? text : text.slice(0, i) + bad[Math.floor(s * bad.length)] + text.slice(i + 10);
  },
  insertSoupLine: (text, [r], soup) => insertAt(text, r, `\n${soup}\n`),
  insertNearEntry: (text, [r], _soup, entry) => insertAt(text, r, `\n${entry}`),
  openTextBlock: (text, [r]) => insertAt(text, r, 'rationale: """never closed\n'),
  deepBraces: (text, [r, s]) => insertAt(text, r, '{'.repeat(1 + Math.floor(s * 5_000))),
  manyCommas: (text, [r, s]) => insertAt(text, r, ' about ' + 'x, '.repeat(1 + Math.floor(s * 3_000))),
  longId: (text, [r, s]) => insertAt(text, r, ' ' + 'a'.repeat(1 + Math.floor(s * 100_000)) + ' '),
  longString: (text, [r, s]) => insertAt(text, r, '"' + 'b'.repeat(1 + Math.floor(s * 100_000)) + '"'),
  manyQuotes: (text, [r, s]) => insertAt(text, r, '"'.repeat(3 + Math.floor(s * 2_000))),
  charFlip: (text, [r, s]) => {
    const i = Math.floor(r * text.length);
    return text.slice(0, i) + String.fromCharCode(Math.floor(s * 0x3000)) + text.slice(i + 1);
  },
  blankText: () => '',
  whitespaceOnly: (_text, [r]) => ' \n\t\r'.repeat(1 + Math.floor(r * 1000)),
};

const mutation = fc.record({
  name: fc.constantFrom(...Object.keys(MUTATORS)),
  r: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  s: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  soup: tokenSoup.map((t) => t.slice(0, 400)),
  entry: nearEntry,
});

export function applyMutations(text, mutations) {
  let out = text;
  for (const m of mutations) out = MUTATORS[m.name](out, [m.r, m.s], m.soup, m.entry);
  return out;
}

/** A huge text block (100 KB to `maxBytes`) of prose or junk, closed or not, put somewhere in a record. */
export const hugeTextBlock = (maxBytes) =>
  fc
    .record({
      kb: fc.integer({ min: 100, max: Math.max(100, Math.floor(maxBytes / 1000)) }),
      closed: fc.boolean(),
      r: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
      newlines: fc.boolean(),
      // Thousands of different names, in the child's voice: the prose rules look names up through the text.
      manyNames: fc.boolean(),
    })
    .map(({ kb, closed, r, newlines, manyNames }) => ({ kb, closed, r, newlines, manyNames }));

/** Prose of `bytes` characters naming thousands of different people ("Ameabc (7) told Benbcd that…"). */
function manyNamesProse(bytes, end = ' ') {
  const letters = (n) => [n % 26, Math.floor(n / 26) % 26, Math.floor(n / 676) % 26].map((i) => String.fromCharCode(97 + i)).join('');
  const parts = [];
  let length = 0;
  for (let n = 0; length < bytes; n++) {
    const sentence = `Ame${letters(n)} (7) told Ben${letters(n + 1)} that Zed${letters(n + 2)} said "no".${end}`;
    parts.push(sentence);
    length += sentence.length;
  }
  return parts.join('');
}

function hugeBlockText({ kb, closed, newlines, manyNames }) {
  const end = newlines ? '\n  ' : ' ';
  const sentence = `Amelia said "I hide under my bed" and Ben babbled.${end}`;
  const body = manyNames ? manyNamesProse(kb * 1000, end) : sentence.repeat(Math.ceil((kb * 1000) / sentence.length));
  return `  ${manyNames ? 'child-voice' : 'observations'}: """${body}${closed ? '"""' : ''}\n`;
}

/**
 * Damaged records: a seed (contract sample or generated record, or the two files of the split Morgan case)
 * with 1–6 mutations, token soup, near-miss entries, arbitrary strings, and now and then a huge text block.
 * `maxHugeBytes` bounds the huge blocks (0 leaves them out).
 */
export function caseInput(seeds, { maxHugeBytes = 2_000_000 } = {}) {
  const mutated = fc.tuple(fc.nat(seeds.single.length - 1), fc.array(mutation, { minLength: 1, maxLength: 6 })).map(([i, ms]) => ({
    label: `seed ${i} + ${ms.map((m) => m.name).join(', ')}`,
    files: [{ name: 'record.case', text: applyMutations(seeds.single[i], ms) }],
  }));
  const split = fc.tuple(fc.array(mutation, { maxLength: 3 }), fc.array(mutation, { maxLength: 3 })).map(([a, b]) => ({
    label: `morgan + [${a.map((m) => m.name).join(', ')}] [${b.map((m) => m.name).join(', ')}]`,
    files: [
      { name: seeds.morgan[0].name, text: applyMutations(seeds.morgan[0].text, a) },
      { name: seeds.morgan[1].name, text: applyMutations(seeds.morgan[1].text, b) },
    ],
  }));
  const soup = tokenSoup.map((text) => ({ label: 'token soup', files: [{ name: 'soup.case', text }] }));
  const entries = fc.tuple(fc.nat(seeds.single.length - 1), fc.array(nearEntry, { maxLength: 12 })).map(([i, es]) => ({
    label: 'case block + near-miss entries',
    files: [{ name: 'near.case', text: (/^case "[^"]*" \{[^}]*\}/m.exec(seeds.single[i])?.[0] ?? '') + '\n' + es.join('\n') }],
  }));
  const anyString = fc
    .string({ maxLength: 2_000, unit: 'binary' })
    .map((text) => ({ label: 'arbitrary string', files: [{ name: 'any.case', text }] }));
  const arbitraries = [
    { weight: 40, arbitrary: mutated },
    { weight: 10, arbitrary: split },
    { weight: 20, arbitrary: soup },
    { weight: 10, arbitrary: entries },
    { weight: 5, arbitrary: anyString },
  ];
  if (maxHugeBytes > 0) {
    arbitraries.push({
      weight: 1,
      arbitrary: fc.tuple(fc.nat(seeds.single.length - 1), hugeTextBlock(maxHugeBytes)).map(([i, h]) => ({
        label: `huge text block ${h.kb} KB${h.closed ? '' : ' (unclosed)'}${h.manyNames ? ' of many names' : ''}`,
        files: [{ name: 'huge.case', text: insertAtLineStart(seeds.single[i], h.r, hugeBlockText(h)) }],
      })),
    });
  }
  return fc.oneof(...arbitraries);
}

function insertAtLineStart(text, r, piece) {
  const i = text.indexOf('\n', Math.floor(r * text.length));
  const cut = i < 0 ? text.length : i + 1;
  return text.slice(0, cut) + piece + text.slice(cut);
}

/** Byte sequences that are not valid UTF-8 (overlong forms, surrogates, stray continuation bytes, …). */
export const INVALID_UTF8 = [
  [0xff],
  [0xfe],
  [0xc0, 0xaf],
  [0xe0, 0x80, 0xaf],
  [0xed, 0xa0, 0x80],
  [0x80],
  [0xbf, 0xbf],
  [0xf0, 0x9f],
  [0xf4, 0x90, 0x80, 0x80],
  [0xc3],
  [0xf8, 0x88, 0x80, 0x80, 0x80],
];

/** Raw bytes for the CLI: a (possibly damaged) record's UTF-8 with invalid sequences put in, or UTF-16. */
export function byteInput(seeds) {
  return fc.oneof(
    fc
      .tuple(
        caseInput(seeds, { maxHugeBytes: 0 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }), fc.nat(INVALID_UTF8.length - 1)), {
          minLength: 1,
          maxLength: 8,
        }),
      )
      .map(([input, spots]) => {
        let bytes = Buffer.from(input.files.at(-1).text, 'utf8');
        for (const [r, k] of spots) {
          const i = Math.floor(r * (bytes.length + 1));
          bytes = Buffer.concat([bytes.subarray(0, i), Buffer.from(INVALID_UTF8[k]), bytes.subarray(i)]);
        }
        return { label: `invalid UTF-8 in ${input.label}`, bytes };
      }),
    fc.nat(seeds.single.length - 1).map((i) => ({
      label: 'UTF-16 LE with BOM',
      bytes: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(seeds.single[i], 'utf16le')]),
    })),
    fc.uint8Array({ maxLength: 4_000 }).map((bytes) => ({ label: 'random bytes', bytes: Buffer.from(bytes) })),
  );
}

/** The extremes, tried once each: a 10 MB line and other very large inputs (not drawn at random: too slow). */
export function extremeInputs(seeds) {
  const jones = seeds.single[0];
  const mb10 = 10_000_000;
  return [
    { label: '10 MB line of letters', files: [{ name: 'line.case', text: 'a'.repeat(mb10) }] },
    {
      label: '10 MB line of prose inside a text block',
      files: [{ name: 'line.case', text: jones.replace('what: """', 'what: """' + 'Sarah said no. '.repeat(mb10 / 15)) }],
    },
    {
      label: '10 MB line inside an unclosed text block',
      files: [{ name: 'line.case', text: jones.replace('what: """', 'what: """' + 'x'.repeat(mb10) + '\n\n') }],
    },
    {
      label: '10 MB line of token soup',
      files: [{ name: 'line.case', text: 'visit 2021-09-01 by jo to amelia, { } : , '.repeat(mb10 / 42) }],
    },
    { label: '10 MB line of quotes', files: [{ name: 'line.case', text: '"'.repeat(mb10) }] },
    { label: '10 MB line of open braces', files: [{ name: 'line.case', text: '{'.repeat(mb10) }] },
    { label: '1 MB of newlines', files: [{ name: 'nl.case', text: '\n'.repeat(1_000_000) }] },
    {
      label: '200,000 one-line entries',
      files: [
        {
          name: 'many.case',
          text: jones.split('\n').slice(0, 17).join('\n') + '\n' + 'allocation 2021-09-01 about amelia to jo\n'.repeat(200_000),
        },
      ],
    },
    {
      label: '50,000 references in one list',
      files: [
        {
          name: 'refs.case',
          text: jones.replace('attendees: police, health, school, jo', 'attendees: ' + 'police, '.repeat(50_000) + 'jo'),
        },
      ],
    },
    { label: '100,000 nested block comments openers', files: [{ name: 'c.case', text: '/*'.repeat(100_000) }] },
    {
      // Ben made 6, so the visit is to two children the voice rules read name by name.
      label: "1 MB child's voice naming 60,000 people, in a visit to two children",
      files: [
        {
          name: 'names.case',
          text: jones
            .replace('born 2020-09-01', 'born 2015-09-01')
            .replace('child-voice: """', 'child-voice: """' + manyNamesProse(1_000_000)),
        },
      ],
    },
  ];
}
