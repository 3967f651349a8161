/** Seeded random edits of a record, as an editor sends them: typing, deleting, snippets, lines removed or repeated. */

/** A small seeded generator (mulberry32), so a failure names a seed that reproduces it. */
export function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SNIPPETS = [
  ' and',
  'x',
  'e',
  '\n',
  '"""',
  '"',
  '{',
  '}',
  '/*',
  '*/',
  '// note',
  ':',
  ',',
  ' 2021-10-01',
  ' 10:15',
  'visit',
  'vist ',
  '  child-voice: """She said she was fine."""\n',
  '  action "Book a review" owner ',
  'visit 2021-10-04 by sw to amelia {\n  observations: """The home was tidy."""\n}\n',
  'note 2021-10-05 by sw about amelia\n',
];

/** One random edit of `text`: typing, deleting, a snippet, a line removed or repeated. */
export function edit(text: string, next: () => number): { text: string; what: string } {
  const at = Math.floor(next() * (text.length + 1));
  const choice = next();
  if (choice < 0.5) {
    // Typing inside prose is what editors see most: aim at a text block when there is one nearby.
    const block = text.indexOf('"""', at);
    const where = block >= 0 && next() < 0.8 ? block + 3 + Math.floor(next() * 5) : at;
    const typed = next() < 0.8 ? 'abcdefghij '[Math.floor(next() * 11)]! : ' word';
    return { text: text.slice(0, where) + typed + text.slice(where), what: `type ${JSON.stringify(typed)} at ${where}` };
  }
  if (choice < 0.65) {
    const length = next() < 0.7 ? 1 : 1 + Math.floor(next() * 40);
    return { text: text.slice(0, at) + text.slice(at + length), what: `delete ${length} at ${at}` };
  }
  if (choice < 0.85) {
    const snippet = SNIPPETS[Math.floor(next() * SNIPPETS.length)]!;
    const where = snippet.endsWith('\n') && snippet.length > 2 ? text.lastIndexOf('\n', at - 1) + 1 : at;
    return { text: text.slice(0, where) + snippet + text.slice(where), what: `insert ${JSON.stringify(snippet)} at ${where}` };
  }
  const lineStart = text.lastIndexOf('\n', at - 1) + 1;
  const lineEndAt = text.indexOf('\n', at);
  const lineEnd = lineEndAt < 0 ? text.length : lineEndAt + 1;
  if (choice < 0.93) return { text: text.slice(0, lineStart) + text.slice(lineEnd), what: `delete line at ${lineStart}` };
  const line = text.slice(lineStart, lineEnd);
  return { text: text.slice(0, lineEnd) + line + text.slice(lineEnd), what: `repeat line at ${lineStart}` };
}
