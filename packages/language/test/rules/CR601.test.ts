import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { EmptyFileSystem } from 'langium';
import { describe, expect, it } from 'vitest';
import { createCaserecServices, validateFiles, type ReportedDiagnostic } from '../../src/index.js';
import { DEFAULT_AS_OF, lineOf, validateOne, withCase, withCode } from '../helpers.js';

/**
 * CR601 event-impact-missing (rules.md, a heuristic): a chronology event with no impact on the child stated (or a
 * placeholder such as "N/A"), an impact that repeats the event, or one that speaks of no effect on the child. The
 * message says what was looked for; the lists and the overlap threshold live in the policy file (heuristics.impact).
 */

/** Validates `text` as a file in a fresh temporary folder beside a .caserec.json holding `policy`. */
async function validateUnderPolicy(text: string, policy: object, asOf = DEFAULT_AS_OF): Promise<ReportedDiagnostic[]> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'caserec-cr601-'));
  try {
    fs.writeFileSync(path.join(folder, '.caserec.json'), JSON.stringify(policy, null, 2));
    const { Caserec } = createCaserecServices(EmptyFileSystem);
    Caserec.caserec.Settings.asOf = asOf;
    const { results } = await validateFiles(Caserec, [{ path: 'test.case', absolute: path.join(folder, 'test.case'), text }]);
    return results[0]!.diagnostics;
  } finally {
    fs.rmSync(folder, { recursive: true, force: true });
  }
}

const WHAT = 'Police attended an argument between Sarah and Kyle at the flat; Amelia was at home.';

const event = (impact: string | undefined) =>
  withCase(`event 2021-06-17 about amelia source police significance medium {
  what: """${WHAT}"""
${impact === undefined ? '' : `  impact: """${impact}"""\n`}}
`);

describe('CR601: weak impacts are flagged, and the message says what was looked for', () => {
  it('no impact at all: one warning, at the event, asking what it meant for the child, and not also CR003', async () => {
    const source = event(undefined);
    const diagnostics = await validateOne(source);
    const found = withCode(diagnostics, 'CR601');
    expect(found).toHaveLength(1);
    expect(found[0]!.severity).toBe('warning');
    expect(found[0]!.rule).toBe('event-impact-missing');
    expect(found[0]!.line).toBe(lineOf(source, 'event 2021-06-17'));
    expect(found[0]!.message).toContain('does not say what it meant for the child');
    expect(withCode(diagnostics, 'CR003')).toEqual([]);
  });

  it.each([['N/A'], ['see above'], ['High'], ['']])('a placeholder impact (%j) counts as missing, on the impact field', async (impact) => {
    const source = event(impact);
    const found = withCode(await validateOne(source), 'CR601');
    expect(found.map((d) => d.line)).toEqual([lineOf(source, 'impact:')]);
    expect(found[0]!.message).toContain('does not say what it meant for the child');
  });

  it('an impact that repeats the event', async () => {
    const [finding] = withCode(await validateOne(event('Police attended an argument between Sarah and Kyle.')), 'CR601');
    expect(finding!.message).toContain('repeats what happened');
  });

  it('an impact that speaks of no effect on the child, saying what was looked for', async () => {
    const [finding] = withCode(await validateOne(event('Officers gave words of advice to both adults and left at 23:00.')), 'CR601');
    expect(finding!.message).toContain('looked for harm, feelings, development, safety or what it may mean, and found none');
  });
});

describe('CR601: good practice is not flagged', () => {
  it.each([
    ['what the child experienced and felt', 'Amelia was awake and heard the shouting; she was frightened and did not sleep.'],
    ['what it may mean', 'The second such incident this year: read with the bruise in June it may indicate a pattern of harm.'],
    ['its effect on development', "Amelia's school attendance and concentration have suffered since the incident."],
  ])('%s', async (_what, impact) => {
    expect(withCode(await validateOne(event(impact)), 'CR601')).toEqual([]);
  });
});

describe('CR601 under a policy file', () => {
  it('an authority can add its own placeholder', async () => {
    const source = event('Impact to be assessed.');
    // By default it is read as too short to say anything; under the policy, as no impact at all.
    expect(withCode(await validateOne(source), 'CR601').map((d) => d.message)).toEqual([expect.stringContaining('too short')]);
    const policy = { heuristics: { impact: { placeholders: ['impact to be assessed', 'n/a'] } } };
    const [finding] = withCode(await validateUnderPolicy(source, policy), 'CR601');
    expect(finding!.message).toContain('does not say what it meant for the child');
  });

  it('a stricter overlap threshold reads a half-repeated impact as a repeat', async () => {
    const source = event('Amelia heard the argument and was frightened and tearful.'); // 2 of its 5 words are the event's
    expect(withCode(await validateOne(source), 'CR601')).toEqual([]);
    const [finding] = withCode(await validateUnderPolicy(source, { heuristics: { impact: { maxOverlap: 0.3 } } }), 'CR601');
    expect(finding!.message).toContain('repeats what happened');
  });

  it('switched off: no finding', async () => {
    expect(withCode(await validateUnderPolicy(event(undefined), { rules: { CR601: 'off' } }), 'CR601')).toEqual([]);
  });
});
