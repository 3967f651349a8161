import { describe, expect, it } from 'vitest';
import { childrenNotNamed, defaultVoiceConfig, judgeChildVoice } from '../../src/rules/heuristics/index.js';
import { JONES_ADULTS, JONES_CHILDREN, jonesField } from './jones.js';

const judge = (text: string, children?: string[], adults?: string[]) => judgeChildVoice(text, defaultVoiceConfig, { children, adults });

describe('judgeChildVoice (CR102)', () => {
  it('does not flag any child-voice or child-view passage of the Jones sample', () => {
    const passages = [...jonesField('child-voice'), ...jonesField('child-view')];
    expect(passages.length).toBeGreaterThanOrEqual(11);
    for (const p of passages) {
      const r = judge(p, JONES_CHILDREN, JONES_ADULTS);
      expect(r.direct, p).toBe(true);
      expect(r.found.length).toBeGreaterThan(0);
    }
  });

  it.each([
    ['quoted words of the child', `Kacper said "I like it here because nobody shouts".`, ['Kacper']],
    ['reported speech of the child', 'Maisie told me she wants to live with her gran and see her dad at weekends.', ['Maisie']],
    ['a pre-verbal baby observed', 'Orla (5 months) smiled at her mother, cooed and reached for the rattle when I held it out.', ['Orla']],
    ['a teenager refusing, in his words', `Jordan refused to come out of his room and shouted "I'm not talking to anyone".`, ['Jordan']],
    ['a direct-work tool', 'We completed the three houses together; Ivy put her dad in the house of worries.', ['Ivy']],
    ['a non-verbal child signing', 'Omar signed "drink" and "more" using Makaton and pointed to his cup.', ['Omar']],
    [
      'a child through an interpreter',
      'Through the Tigrinya interpreter, Selam said she is frightened of the man at the hostel.',
      ['Selam'],
    ],
    [
      'a sibling observed and one heard',
      'Ada (8) said she is happy at school. Rowan (1) babbled and crawled to his sister.',
      ['Ada', 'Rowan'],
    ],
  ])('finds direct voice: %s', (_what, text, children) => {
    const r = judge(text, children);
    expect(r.direct).toBe(true);
  });

  it.each([
    ['mother speaks for the child', 'Mum says Kacper is happy at home and has no worries.', ['Kacper']],
    ['school reports', 'School report Maisie is settled and has lots of friends.', ['Maisie']],
    ['generic phrase', "Orla's views were sought and are reflected throughout.", ['Orla']],
    ['too young, nothing observed', 'Orla is too young to give a view.', ['Orla']],
    ["the mother's words quoted", `Mum said "he's no bother, he just plays on his games".`, ['Jordan']],
    ['a tool only planned', 'The three houses tool will be used with Ivy at the next visit.', ['Ivy']],
    ['a child quoted only through an adult', 'Nan says Ivy told her she hates her stepdad.', ['Ivy']],
    ['observation words reported by a parent', 'Dad says Rowan babbles all the time and has started crawling.', ['Rowan']],
    ['a named parent speaks for the children', 'Sarah said the children are settled since Kyle left.', ['Amelia', 'Ben']],
  ])('flags second-hand voice: %s', (_what, text, children) => {
    const r = judge(text, children, ['Sarah', 'Kyle']);
    expect(r.direct).toBe(false);
    expect(r.found).toEqual([]);
    expect(r.lookedFor).toBe("the child's own words, an observation of the child, or a direct-work tool");
  });

  it('says what it found', () => {
    const r = judge('Using the safety hand, Ivy named her teacher. She said "Miss Gee is kind".', ['Ivy']);
    expect(r.found).toEqual(expect.arrayContaining(['tool: safety hand', 'Ivy named', 'She said']));
  });

  it('names the adults who spoke for the child', () => {
    expect(judge('Mum says Kacper is happy.', ['Kacper']).secondHand).toEqual(['Mum says']);
  });

  it('uses the case names to tell a named adult from a child', () => {
    const text = 'Dawn said Leah has been home every night.';
    expect(judge(text, ['Leah'], ['Dawn']).direct).toBe(false);
    // Without the case's names an unknown name is taken to be the child's (the fallback is generous).
    expect(judgeChildVoice(text).direct).toBe(true);
  });

  it('handles curly quotes and line breaks', () => {
    expect(judge('Noor said \u201cI\u2019m fine\u201d\nand went back to her game.', ['Noor']).direct).toBe(true);
  });
});

describe('childrenNotNamed (CR104)', () => {
  const children = [
    { id: 'amelia', name: 'Amelia Jones' },
    { id: 'ben', name: 'Ben Jones' },
  ];
  it('returns the ids of the children not spoken of', () => {
    expect(childrenNotNamed('Amelia said she likes school.', children)).toEqual(['ben']);
  });
  it('matches given names and ids as whole words, case-insensitively', () => {
    expect(childrenNotNamed('AMELIA drew a picture; ben smiled.', children)).toEqual([]);
    expect(childrenNotNamed('Benjamin and Ameliana played.', children)).toEqual(['amelia', 'ben']);
  });
  it('the Jones visit of 1 September speaks of both children', () => {
    expect(childrenNotNamed(jonesField('child-voice')[0]!, children)).toEqual([]);
  });
});
