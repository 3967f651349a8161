import { describe, expect, it } from 'vitest';
import { chunksOf, groupByCase, type RecordInput } from '../src/batch/partition.js';

function record(name: string, text: string): RecordInput {
  return { path: name, absolute: `/records/${name}`, text };
}

const names = (groups: readonly (readonly RecordInput[])[]) => groups.map((group) => group.map((file) => file.path));

describe('groupByCase', () => {
  it('keeps the files of a case together, and cases apart', () => {
    const files = [
      record('a.case', 'case "A" {\n  child kai "Kai Lee"\n}\n'),
      record('b.case', 'case "B" {\n}\n'),
      record('a-2022.case', 'for case "A"\n\nvisit 2022-01-03 about kai {\n}\n'),
    ];
    expect(names(groupByCase(files))).toEqual([['a.case', 'a-2022.case'], ['b.case']]);
  });

  it('reads the case id as the grammar does: comments and line breaks before it, escaped quotes in it', () => {
    const files = [
      record('a.case', '// the Lee family\ncase /* opened 2021 */\n  "A \\"Lee\\"" {\n}\n'),
      record('a-2022.case', 'for case\n"A \\"Lee\\""\n'),
      record('other.case', 'case "A" {\n}\n'),
    ];
    expect(names(groupByCase(files))).toEqual([['a.case', 'a-2022.case'], ['other.case']]);
  });

  it('puts a file that names no case in a group of its own', () => {
    const files = [record('x.case', 'visit 2022-01-03 {\n}\n'), record('y.case', 'visit 2022-01-04 {\n}\n')];
    expect(names(groupByCase(files))).toEqual([['x.case'], ['y.case']]);
  });

  it('joins the cases a file mentions, so that no case can be split (a text block that quotes another case)', () => {
    const files = [
      record('a.case', 'case "A" {\n}\nvisit 2022-01-03 {\n  summary: """Sibling of\ncase "B" in the east team."""\n}\n'),
      record('b.case', 'case "B" {\n}\n'),
      record('c.case', 'case "C" {\n}\n'),
    ];
    expect(names(groupByCase(files))).toEqual([['a.case', 'b.case'], ['c.case']]);
  });
});

describe('chunksOf', () => {
  it('packs whole groups, largest first, into chunks of about the given size', () => {
    const groups = [
      [record('small.case', 'x'.repeat(10))],
      [record('large-1.case', 'x'.repeat(60)), record('large-2.case', 'x'.repeat(60))],
      [record('medium.case', 'x'.repeat(50))],
      [record('tiny.case', 'x'.repeat(5))],
    ];
    expect(names(chunksOf(groups, 100))).toEqual([
      ['large-1.case', 'large-2.case'],
      ['medium.case', 'small.case', 'tiny.case'],
    ]);
  });
});
