import { describe, expect, it } from 'vitest';
import { lineOf, validateOne, withCase, withCode } from '../helpers.js';

/** CR006 incomplete-action (rules.md): an action with no owner or no due date. */

const oversight = (action: string) =>
  withCase(`oversight 2021-03-01 by ali about amelia {
  direction: """Jo to see Amelia alone this week and speak to the school."""
  ${action}
}
`);

describe('CR006: every action has an owner and a due date', () => {
  it.each([
    ['no owner', 'action "Speak to the school" due 2021-03-05', /has no owner;/],
    ['no due date', 'action "Speak to the school" owner jo', /has no due date;/],
    ['neither', 'action "Speak to the school"', /has no owner and no due date;/],
    ['neither, though done', 'action "Speak to the school" done 2021-03-04', /has no owner and no due date;/],
  ])('an action with %s is one CR006 on its line, naming the action', async (_name, action, message) => {
    const source = oversight(action);
    const found = withCode(await validateOne(source), 'CR006');
    expect(found).toHaveLength(1);
    expect(found[0]!.line).toBe(lineOf(source, 'action "'));
    expect(found[0]!.column).toBe(3);
    expect(found[0]!.message).toMatch(message);
    expect(found[0]!.message).toContain('Speak to the school');
  });

  it.each([
    ['owner and due date', 'action "Speak to the school" owner jo due 2021-03-05'],
    ['owner, due date and done', 'action "Speak to the school" owner jo due 2021-03-05 done 2021-03-04'],
    ['an agency as owner', 'action "Share the bail conditions" owner police due 2021-03-05'],
    ['a parent as owner', 'action "Call 999 if Kyle comes to the home" owner sarah due 2021-03-01'],
  ])('an action with %s is fine', async (_name, action) => {
    expect(withCode(await validateOne(oversight(action)), 'CR006')).toEqual([]);
  });

  it('holds in supervision and safety plans too, one finding per incomplete action', async () => {
    const source = withCase(`supervision 2021-03-08 of jo by ali about amelia {
  reflection: """Hypothesis: Amelia's withdrawal at school began before the incident."""
  action "Ask school for attendance records" owner jo
  action "Book a joint visit" owner jo due 2021-03-20
}
safety-plan sp1 2021-03-09 for amelia {
  review-by 2021-04-09
  worries: """Kyle may return to the home."""
  goal: """Amelia lives free from violence."""
  action "Sarah will call 999 if Kyle comes" due 2021-03-09
  action "Nan will stay for the first week" owner sarah due 2021-03-09
  contingency: """Amelia and Sarah stay with Nan."""
  child-view: """Amelia said "I feel safe when Nan is here"."""
}
`);
    expect(
      withCode(await validateOne(source), 'CR006')
        .map((d) => d.line)
        .sort((a, b) => a - b),
    ).toEqual([lineOf(source, 'attendance records'), lineOf(source, 'call 999')]);
  });

  it('a long action is named by its first words, not in full', async () => {
    const what = 'Arrange a multi-agency meeting with the school, the health visitor and the police to agree the plan';
    const [finding] = withCode(await validateOne(oversight(`action "${what}" due 2021-03-05`)), 'CR006');
    expect(finding!.message).toContain(what.slice(0, 40));
    expect(finding!.message.length).toBeLessThan(what.length + 120);
  });
});
