import { describe, expect, it } from 'vitest';
import { buildQaReport, DEFAULT_POLICY, reportHtml, time, type QaReport } from '../../src/index.js';
import { validateAll } from '../helpers.js';

/**
 * The QA report's numbers (product.md, user 2): compliance by rule, team and worker, caseloads on the as-of date,
 * timeliness distributions and the children waiting longest. Two fictional cases share a worker, who is one
 * person for the report because name and team match.
 */

const AS_OF = '2022-06-01';

const FIRST = `case "SG-910001" {
  title "Fictional Ashdown family"
  child cara "Cara Ashdown" born 2015-02-01
  child dev "Dev Ashdown" born 2017-05-01
  worker jo "Jo Fennick" role social-worker team "Response"
  worker ali "Ali Rendle" role team-manager team "Response"
  agency police "Midshire Police"
}

contact 2022-03-01 09:00 from police about cara, dev {
  concern: """Fictional concern."""
  decision 2022-03-04 10:00 by ali: referral
  rationale: """Threshold met."""
}
referral r1 2022-03-04 from police about cara, dev { reason: """See contact.""" }
allocation 2022-03-04 about cara, dev to jo
visit 2022-03-07 10:00 by jo to cara, dev { child-voice: """Cara said "hi".""" observations: """Calm.""" }
assessment a1 2022-03-04 about cara, dev { history: """h""" analysis: """a""" }
`;

const SECOND = `case "SG-910002" {
  title "Fictional Brennan family"
  child eve "Eve Brennan" born 2012-02-01
  worker jo "Jo Fennick" role social-worker team "Response"
  worker kit "Kit Varley" role social-worker team "Adolescent Support"
  agency school "Hollow Lane School"
}

contact 2022-04-01 09:00 from school about eve {
  concern: """Fictional concern."""
  decision 2022-04-01 11:00 by jo: referral
  rationale: """Threshold met."""
}
referral r1 2022-04-01 from school about eve { reason: """See contact.""" }
allocation 2022-04-01 about eve to jo
visit 2022-04-04 10:00 by jo to eve { child-voice: """Eve said "fine".""" observations: """Calm.""" }
unallocated 2022-05-02 about eve { reason: """Jo moved team.""" }
`;

let report: QaReport;

async function load(): Promise<QaReport> {
  if (report) return report;
  const { services, documents, diagnostics } = await validateAll({ 'first.case': FIRST, 'second.case': SECOND }, AS_OF);
  const models = [...services.caserec.CaseValidator.caseModels().values()];
  report = buildQaReport({
    asOf: AS_OF,
    cases: models.map((model) => ({ model, policy: DEFAULT_POLICY, calendar: time.englandAndWales })),
    files: ['first.case', 'second.case'].map((path) => ({ path, document: documents.get(path)!, diagnostics: diagnostics.get(path)! })),
  });
  return report;
}

describe('QA report', () => {
  it('totals files, cases, children and entries', async () => {
    const { totals } = await load();
    expect(totals).toMatchObject({ files: 2, cases: 2, children: 3, entries: 10 });
    expect(totals.findings).toBe(totals.errors + totals.warnings + totals.infos);
  });

  it('counts a rule once per finding, with the cases and children it affects', async () => {
    const r = await load();
    const late = r.rules.find((rule) => rule.code === 'CR301')!;
    expect(late).toMatchObject({ name: 'contact-decision-late', findings: 1, cases: 1, children: 2, warnings: 1 });
    const finding = r.findings.find((f) => f.code === 'CR301')!;
    // The decision was the team manager's: the finding counts against him, in his team.
    expect(finding).toMatchObject({
      case: 'SG-910001',
      worker: 'Ali Rendle',
      team: 'Response',
      file: 'first.case',
      children: ['cara', 'dev'],
    });
    expect(finding.childNames).toEqual(['Cara Ashdown', 'Dev Ashdown']);
    expect(r.totals.findings).toBe(r.findings.length);
    expect(r.rules.reduce((sum, rule) => sum + rule.findings, 0)).toBe(r.findings.length);
  });

  it('treats the same name and team in two cases as one worker, and counts open allocated children on the as-of date', async () => {
    const r = await load();
    const jo = r.workers.filter((w) => w.worker === 'Jo Fennick');
    expect(jo).toHaveLength(1);
    // Cara and Dev are allocated to Jo; Eve was, until the unallocated entry of 2 May.
    expect(jo[0]).toMatchObject({ team: 'Response', caseload: 2 });
    expect(r.workers.find((w) => w.worker === 'Kit Varley')).toMatchObject({ team: 'Adolescent Support', caseload: 0, findings: 0 });
    const response = r.teams.find((t) => t.team === 'Response')!;
    expect(response.caseload).toBe(2);
    expect(response.workers).toBe(2);
  });

  it('measures contact decisions in working days, against the timescale', async () => {
    const r = await load();
    const contacts = r.timeliness.find((d) => d.id === 'contact-decision')!;
    expect(contacts.count).toBe(2);
    expect(contacts.timescale).toBe(1);
    // Tue 1 Mar to Fri 4 Mar 2022 is 3 working days; the other was decided the same day.
    const values = contacts.bins.flatMap((b) => Array(b.count).fill(b.label));
    expect(values).toEqual(['0', '3–4']);
    expect(contacts.beyond).toBe(1);
    expect(contacts.bins.filter((b) => b.beyond).map((b) => b.label)).toEqual(['2', '3–4', '5–9', '10–19', '20+']);
  });

  it('lists the children waiting longest: unallocated, assessment open, not visited', async () => {
    const r = await load();
    expect(r.waiting.unallocated.map((w) => [w.child, w.since, w.workingDays])).toEqual([
      ['eve', '2022-05-02', time.englandAndWales.workingDaysBetween('2022-05-02', AS_OF)],
    ]);
    expect(r.waiting.assessmentOpen.map((w) => [w.child, w.since]).sort()).toEqual([
      ['cara', '2022-03-04'],
      ['dev', '2022-03-04'],
    ]);
    const noVisit = r.waiting.noVisit.map((w) => [w.child, w.since]);
    expect(noVisit).toEqual([
      ['cara', '2022-03-07'],
      ['dev', '2022-03-07'],
      ['eve', '2022-04-04'],
    ]);
  });

  it('renders charts with a bar per bin carrying its value', async () => {
    const html = reportHtml(await load());
    const contacts = html.slice(html.indexOf('data-chart="contact-decision"'));
    expect(contacts).toContain('data-label="3–4" data-value="1" data-beyond="true"');
    expect(html).toContain('data-worker="Jo Fennick" data-team="Response" data-caseload="2"');
  });
});
