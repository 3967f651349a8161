import { describe, expect, it } from 'vitest';
import {
  ASSESSMENT_OUTCOMES,
  CATEGORIES,
  CLOSURE_REASONS,
  CONFERENCE_DECISIONS,
  CONFERENCE_KINDS,
  CONSENT,
  CONTACT_OUTCOMES,
  SECTION_47_OUTCOMES,
  SIGNIFICANCE,
  STEP_DOWN_LEVELS,
  STRATEGY_DECISIONS,
  WORKER_ROLES,
} from '../../src/index.js';
import type { ReportedDiagnostic } from '../../src/index.js';
import { CASE_BLOCK, lineOf, validate, validateAll, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR001 (syntax) and CR002 (unresolved reference) beyond what the parser says: language.md's "Fields",
 * "Ids" and "The case block". Each check is one clear diagnostic, on the line at fault.
 */

const records = (diagnostics: readonly ReportedDiagnostic[]) => diagnostics.filter((d) => /^CR00[1-7]$/.test(d.code));

const visit = (fields: string, header = 'visit 2021-03-01 10:00 by jo to amelia') => `${header} {
  child-voice: """Amelia said "I like my bike"."""
  observations: """The home was warm and tidy."""
${fields}
}
`;

describe('CR001: a field the entry kind does not have', () => {
  it('is one diagnostic, on its line, naming the fields the kind has', async () => {
    const source = withCase(visit('  mood: """calm"""'));
    const found = withCode(await validateOne(source), 'CR001');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'mood:'));
    expect(found[0]!.message).toContain('"mood"');
    for (const field of ['seen-alone', 'not-alone', 'child-voice', 'observations']) expect(found[0]!.message).toContain(field);
  });

  it('holds for a field of another kind of entry (consent in a visit)', async () => {
    const source = withCase(visit('  consent: given'));
    const found = withCode(await validateOne(source), 'CR001');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'consent:')]);
    expect(found[0]!.message).toMatch(/"consent" is not a field of a visit/);
  });

  it('says so when the kind has no fields at all (allocation)', async () => {
    const source = withCase('allocation 2021-03-01 about amelia to jo {\n  reason: """New worker."""\n}\n');
    const found = withCode(await validateOne(source), 'CR001');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'reason:')]);
    expect(found[0]!.message).toMatch(/has no fields; "reason" does not belong here/);
  });

  it('says "an allocation", not "a allocation"', async () => {
    const found = withCode(await validateOne(withCase('allocation 2021-03-01 about amelia to jo {\n  reason: """x"""\n}\n')), 'CR001');
    expect(found[0]!.message).not.toMatch(/\bA allocation\b/);
  });

  it('does not fire on a visit with every field it may have', async () => {
    const source = withCase(
      visit('  seen-alone: amelia\n  not-alone: ben because """Ben is a baby."""', 'visit 2021-03-01 by jo to amelia, ben'),
    );
    expect(records(await validateOne(source))).toEqual([]);
  });

  it('an action in an entry that takes none is one CR001', async () => {
    const source = withCase(visit('  action "Ring the school" owner jo due 2021-03-05'));
    const found = withCode(await validateOne(source), 'CR001');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'action "Ring')]);
  });

  it('a field given twice is one CR001 on the second', async () => {
    const source = withCase(visit('  observations: """And again."""'));
    const found = withCode(await validateOne(source), 'CR001');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'And again')]);
    expect(found[0]!.message).toMatch(/given twice/);
  });
});

describe('CR001: an unknown value', () => {
  const contact = (consent: string) =>
    withCase(`contact 2021-03-01 09:00 from police about amelia {
  concern: """Police attended after shouting was heard."""
  consent: ${consent}
  decision 2021-03-01 15:00 by ali: referral
  rationale: """A child was present during violence."""
}
`);

  it('consent: gven is one diagnostic listing the values allowed', async () => {
    const source = contact('gven');
    const found = withCode(await validateOne(source), 'CR001');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'consent:'));
    expect(found[0]!.message).toContain('"gven"');
    for (const value of CONSENT) expect(found[0]!.message).toContain(value);
  });

  it.each([...CONSENT])('consent: %s is fine', async (value) => {
    expect(records(await validateOne(contact(value)))).toEqual([]);
  });

  it('more than one value where one is allowed', async () => {
    const found = withCode(await validateOne(contact('given, refused')), 'CR001');
    expect(found.map((d) => d.message)).toEqual(['consent takes one value.']);
  });

  const enumerated: [string, string, readonly string[]][] = [
    [
      'contact decision',
      `contact 2021-03-01 from police about amelia {\n  concern: """c"""\n  decision 2021-03-01 by ali: VALUE\n  rationale: """r"""\n}`,
      CONTACT_OUTCOMES,
    ],
    [
      'strategy discussion decision',
      `strategy-discussion 2021-03-01 about amelia chair ali {\n  attendees: police, jo\n  decision: VALUE\n  rationale: """r"""\n}`,
      STRATEGY_DECISIONS,
    ],
    [
      'section 47 outcome',
      `section-47 2021-03-01 about amelia lead jo {\n  findings: """f"""\n  outcome 2021-03-05: VALUE\n  rationale: """r"""\n}`,
      SECTION_47_OUTCOMES,
    ],
    [
      'conference decision',
      `conference 2021-03-01 about amelia kind initial chair ali {\n  decision: VALUE\n  category: neglect\n  rationale: """r"""\n}`,
      CONFERENCE_DECISIONS,
    ],
    [
      'conference category',
      `conference 2021-03-01 about amelia kind initial chair ali {\n  decision: child-protection-plan\n  category: VALUE\n  rationale: """r"""\n}`,
      CATEGORIES,
    ],
    [
      'assessment outcome',
      `assessment 2021-03-01 about amelia {\n  completed 2021-03-20\n  authorised 2021-03-21 by ali\n  history: """h"""\n  analysis: """a"""\n  outcome: VALUE\n}`,
      ASSESSMENT_OUTCOMES,
    ],
    [
      'event significance',
      `event 2021-03-01 about amelia source police significance VALUE {\n  what: """w"""\n  impact: """i"""\n}`,
      SIGNIFICANCE,
    ],
    [
      'conference kind',
      `conference 2021-03-01 about amelia kind VALUE chair "Chair" {\n  decision: cin-plan\n  rationale: """r"""\n}`,
      CONFERENCE_KINDS,
    ],
    ['step-down level', `step-down 2021-03-01 about amelia to VALUE {\n  rationale: """r"""\n}`, STEP_DOWN_LEVELS],
    ['closure reason', `closure 2021-03-01 about amelia reason VALUE {\n  rationale: """r"""\n}`, CLOSURE_REASONS],
  ];

  describe.each(enumerated)('%s', (_name, template, allowed) => {
    it('an unknown value is one CR001 listing every value allowed', async () => {
      const source = withCase(template.replace('VALUE', 'sometimes') + '\n');
      const found = withCode(await validateOne(source), 'CR001');
      expect(found).toHaveLength(1);
      expect(found[0]!.line).toBe(lineOf(source, 'sometimes'));
      expect(found[0]!.message).toContain('"sometimes"');
      for (const value of allowed) expect(found[0]!.message).toContain(value);
    });

    it('every allowed value is accepted', async () => {
      for (const value of allowed) {
        const found = withCode(await validateOne(withCase(template.replace('VALUE', value) + '\n')), 'CR001');
        expect(found, value).toEqual([]);
      }
    });
  });

  it('a decision on a contact carries its own date: "decision: referral" is one CR001', async () => {
    const source = withCase(`contact 2021-03-01 from police about amelia {
  concern: """c"""
  decision: referral
  rationale: """r"""
}
`);
    const found = withCode(await validateOne(source), 'CR001');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'decision:')]);
    expect(found[0]!.message).toMatch(/carries its own date/);
  });

  it('a strategy discussion decision takes no date: "decision DATE by worker: VALUE" is one CR001', async () => {
    const source = withCase(`strategy-discussion 2021-03-01 about amelia chair ali {
  attendees: police, jo
  decision 2021-03-01 by ali: section-47
  rationale: """r"""
}
`);
    const found = withCode(await validateOne(source), 'CR001');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'decision 2021')]);
    expect(found[0]!.message).toMatch(/without a date/);
  });
});

describe('CR001: ids and declarations', () => {
  it.each([
    ['child', 'child note "Nora Brook" born 2018-01-01', 'note'],
    ['adult', 'adult by "Bea Brook"', 'by'],
    ['worker', 'worker visit "Vic Brook" role social-worker', 'visit'],
    ['agency', 'agency case "Case Agency"', 'case'],
  ])('a keyword used as a %s id is one CR001 that says it is a keyword', async (_kind, declaration, id) => {
    const source = `case "SG-900101" {\n  child amelia "Amelia Brook" born 2016-04-12\n  ${declaration}\n}\n`;
    const found = withCode(await validateOne(source), 'CR001');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(3);
    expect(found[0]!.message).toContain(`"${id}" is a keyword`);
  });

  it('ids that merely contain a keyword are fine', async () => {
    const source = `case "SG-900102" {
  child noted "Nora Brook" born 2018-01-01
  adult by2 "Bea Brook"
  worker visitor "Vic Brook" role social-worker
  agency case-1 "Case Agency"
}
note 2021-03-01 by visitor about noted {
  text: """Spoke to by2 and case-1."""
}
`;
    expect(records(await validateOne(source))).toEqual([]);
  });

  it('an unknown worker role is one CR001 listing the roles', async () => {
    const source = `case "SG-900103" {\n  worker ali "Ali Rendle" role manager team "Response"\n}\n`;
    const found = withCode(await validateOne(source), 'CR001');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(2);
    for (const role of WORKER_ROLES) expect(found[0]!.message).toContain(role);
  });

  it('every worker role of language.md is accepted', async () => {
    const workers = WORKER_ROLES.map((role, i) => `  worker w${i} "Worker ${i}" role ${role}`).join('\n');
    expect(records(await validateOne(`case "SG-900104" {\n${workers}\n}\n`))).toEqual([]);
  });
});

describe('CR002: a person of the wrong kind resolves and gets a plain message', () => {
  const cases: [string, string, string, RegExp][] = [
    ['an adult after by', visit('', 'visit 2021-03-01 by sarah to amelia'), 'by sarah', /^sarah is an adult, not a worker\b/],
    ['a child after by', visit('', 'visit 2021-03-01 by amelia to amelia'), 'by amelia', /^amelia is a child, not a worker\b/],
    [
      'an agency in about',
      'note 2021-03-01 by jo about police {\n  text: """t"""\n}\n',
      'about police',
      /^police is an agency, not a child\b/,
    ],
    ['an adult seen alone', visit('  seen-alone: sarah'), 'seen-alone', /^sarah is an adult, not a child\b/],
    ['a worker not seen alone', visit('  not-alone: jo because """j"""'), 'not-alone', /^jo is a worker, not a child\b/],
    [
      'an agency in a safety network',
      `safety-plan 2021-03-01 for amelia {
  review-by 2021-04-01
  worries: """w"""
  goal: """g"""
  action "Call 999 if Kyle comes" owner sarah due 2021-03-01
  network: sarah, police
  contingency: """c"""
  child-view: """Amelia said "Nan makes me feel safe"."""
}
`,
      'network:',
      /^police is an agency, not a person\b/,
    ],
    ['an adult allocated', 'allocation 2021-03-01 about amelia to sarah\n', 'to sarah', /^sarah is an adult, not a worker\b/],
    [
      'a child supervised',
      'supervision 2021-03-01 of amelia by ali about amelia {\n  reflection: """r"""\n}\n',
      'of amelia',
      /^amelia is a child, not a worker\b/,
    ],
    [
      'an adult as supervisor',
      'supervision 2021-03-01 of jo by sarah about amelia {\n  reflection: """r"""\n}\n',
      'by sarah',
      /^sarah is an adult, not a worker\b/,
    ],
    [
      'an adult chairing',
      'strategy-discussion 2021-03-01 about amelia chair sarah {\n  attendees: jo\n  decision: assessment\n  rationale: """r"""\n}\n',
      'chair sarah',
      /^sarah is an adult, not a worker\b/,
    ],
    [
      'an adult deciding on a contact',
      'contact 2021-03-01 from police about amelia {\n  concern: """c"""\n  decision 2021-03-01 by sarah: advice\n  rationale: """r"""\n}\n',
      'by sarah:',
      /^sarah is an adult, not a worker\b/,
    ],
  ];

  it.each(cases)('%s', async (_name, entry, marker, message) => {
    const source = withCase(entry);
    const found = withCode(await validateOne(source), 'CR002');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, marker));
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.message).not.toMatch(/not declared/);
  });

  it('any person or agency may attend, refer, be a source or be in a network', async () => {
    const source = withCase(`contact 2021-03-01 from sarah about amelia {
  concern: """c"""
  decision 2021-03-01 by ali: referral
  rationale: """r"""
}
event 2021-03-02 about amelia source school significance low {
  what: """w"""
  impact: """i"""
}
strategy-discussion 2021-03-03 about amelia, ben chair ali {
  attendees: police, school, sarah, jo
  decision: section-47
  rationale: """r"""
}
core-group 2021-03-04 about amelia {
  attendees: sarah, kyle, school, jo
  progress: """p"""
}
`);
    expect(withCode(await validateOne(source), 'CR002')).toEqual([]);
  });
});

describe('CR002: names that are not declared', () => {
  it('an undeclared person is one CR002 naming it, on its line', async () => {
    const source = withCase(visit('', 'visit 2021-03-01 by jo to zara'));
    const found = withCode(await validateOne(source), 'CR002');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'to zara'));
    expect(found[0]!.message).toContain('"zara" is not declared');
  });

  it('an undeclared action owner is CR002, not CR006', async () => {
    const source = withCase(
      'oversight 2021-03-01 by ali about amelia {\n  direction: """d"""\n  action "Ring school" owner zed due 2021-03-02\n}\n',
    );
    const found = records(await validateOne(source));
    expect(found.map((d) => [d.code, d.line])).toEqual([['CR002', lineOf(source, 'owner zed')]]);
  });

  const plan = (id: string, replaces: string) => `safety-plan ${id} 2021-03-01 for amelia${replaces} {
  review-by 2021-04-01
  worries: """w"""
  goal: """g"""
  action "Call 999 if Kyle comes" owner sarah due 2021-03-01
  contingency: """c"""
  child-view: """Amelia said "Nan makes me feel safe"."""
}
`;

  it('a safety plan that replaces an undeclared plan is CR002; one that replaces a declared plan is fine', async () => {
    const bad = withCase(plan('sp2', ' replaces sp7'));
    const found = withCode(await validateOne(bad), 'CR002');
    expect(found.map((d) => d.line)).toEqual([lineOf(bad, 'replaces sp7')]);
    const good = withCase(plan('sp1', '') + plan('sp2', ' replaces sp1'));
    expect(withCode(await validateOne(good), 'CR002')).toEqual([]);
  });

  it('the message for an undeclared plan id does not send the worker to the case block', async () => {
    const found = withCode(await validateOne(withCase(plan('sp2', ' replaces sp7'))), 'CR002');
    expect(found[0]!.message).toContain('sp7');
    expect(found[0]!.message).not.toMatch(/case block/);
  });

  it('a plan cannot replace a person', async () => {
    const source = withCase(plan('sp2', ' replaces amelia'));
    expect(withCode(await validateOne(source), 'CR002').map((d) => d.line)).toEqual([lineOf(source, 'replaces amelia')]);
  });
});

describe('CR002: cases across files', () => {
  const entries = `visit 2021-03-01 by jo to amelia {
  child-voice: """Amelia said "hello"."""
  observations: """o"""
}
note 2021-03-02 by jo about amelia, ben {
  text: """Spoke to sarah."""
}
oversight 2021-03-03 by ali about amelia {
  direction: """d"""
  action "Ring school" owner jo due 2021-03-04
}
`;

  it('an unknown `for case` is reported once, on its line, not once per name in the file', async () => {
    const source = `for case "SG-404404"\n\n${entries}`;
    const found = withCode(await validateOne(source), 'CR002');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(1);
    expect(found[0]!.message).toContain('SG-404404');
  });

  it('...also when another case is declared in the files checked with it', async () => {
    const diagnostics = await validate({ 'case.case': CASE_BLOCK, 'other.case': `for case "SG-404404"\n${entries}` });
    expect(withCode(diagnostics.get('other.case')!, 'CR002').map((d) => d.line)).toEqual([1]);
    expect(records(diagnostics.get('case.case')!)).toEqual([]);
  });

  it('a case split across two files links: no CR002, and references resolve into the other file', async () => {
    const { diagnostics, documents } = await validateAll({
      'split/case.case': CASE_BLOCK,
      'split/2021.case': `for case "SG-900100"\n${entries}`,
    });
    expect(withCode(diagnostics.get('split/2021.case')!, 'CR002')).toEqual([]);
    expect(withCode(diagnostics.get('split/case.case')!, 'CR002')).toEqual([]);
    const root = documents.get('split/2021.case')!.parseResult.value;
    const declaring = documents.get('split/case.case')!.parseResult.value;
    expect(root.forCase?.case.ref).toBe(declaring.caseDecl);
    const first = root.entries[0]!;
    expect(first.children[0]!.ref?.$container).toBe(declaring.caseDecl);
  });

  it('the case links whichever order the files are given in', async () => {
    const diagnostics = await validate({ 'b/2021.case': `for case "SG-900100"\n${entries}`, 'a/case.case': CASE_BLOCK });
    expect(withCode(diagnostics.get('b/2021.case')!, 'CR002')).toEqual([]);
  });

  it('a name declared only in another case does not resolve', async () => {
    const other = `case "SG-900199" {\n  child zara "Zara Quill" born 2015-05-05\n  worker kim "Kim Quill" role social-worker\n}\n`;
    const source = `for case "SG-900100"\nvisit 2021-03-01 by kim to zara {\n  child-voice: """v"""\n  observations: """o"""\n}\n`;
    const diagnostics = await validate({ 'case.case': CASE_BLOCK, 'other-case.case': other, 'records.case': source });
    expect(
      withCode(diagnostics.get('records.case')!, 'CR002')
        .map((d) => d.message)
        .sort(),
    ).toEqual([expect.stringContaining('"kim"'), expect.stringContaining('"zara"')]);
  });

  it('a known `for case` with an undeclared name reports that name', async () => {
    const diagnostics = await validate({
      'case.case': CASE_BLOCK,
      'r.case': `for case "SG-900100"\nallocation 2021-03-01 about amelia to kit\n`,
    });
    const found = withCode(diagnostics.get('r.case')!, 'CR002');
    expect(found.map((d) => d.line)).toEqual([2]);
    expect(found[0]!.message).toContain('"kit"');
  });
});
