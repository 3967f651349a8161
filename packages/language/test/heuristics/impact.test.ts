import { describe, expect, it } from 'vitest';
import { defaultImpactConfig, judgeEventImpact } from '../../src/rules/heuristics/index.js';
import { jonesField } from './jones.js';

describe('judgeEventImpact (CR601)', () => {
  it('does not flag the Jones chronology events', () => {
    const whats = jonesField('what');
    const impacts = jonesField('impact');
    expect(whats).toHaveLength(2);
    whats.forEach((what, i) => expect(judgeEventImpact(what, impacts[i]!).problem, impacts[i]).toBeUndefined());
  });

  it('flags an empty or placeholder impact as missing', () => {
    expect(judgeEventImpact('Police attended.', '').problem).toBe('missing');
    expect(judgeEventImpact('Police attended.', '  \n ').problem).toBe('missing');
    expect(judgeEventImpact('Police attended.', 'N/A').problem).toBe('missing');
    expect(judgeEventImpact('Police attended.', 'See above.').problem).toBe('missing');
  });

  it('flags an impact that repeats the event', () => {
    const r = judgeEventImpact(
      'Police attended a domestic incident at the family home; Dad was arrested.',
      'Police attended the home and Dad was arrested.',
    );
    expect(r.problem).toBe('repeats-event');
    expect(r.overlap).toBeGreaterThanOrEqual(defaultImpactConfig.maxOverlap);
  });

  it('flags an impact that names no effect on the child', () => {
    expect(
      judgeEventImpact('Uncle arrested for supplying drugs.', 'The case was passed to the police and closed by the duty team.').problem,
    ).toBe('no-effect');
  });

  it('flags an impact too short to say anything: "Concerning."', () => {
    expect(judgeEventImpact('Uncle arrested for supplying drugs.', 'Concerning.').problem).toBe('too-short');
    expect(judgeEventImpact('Uncle arrested for supplying drugs.', 'Case passed to the police.').problem).toBe('too-short');
  });

  it('passes a concrete impact that names the child at some length, with no word of the effect list', () => {
    const what = 'The family of five were placed in one hotel room for six weeks.';
    const impact = 'Jax had nowhere to play and went back into nappies, and Kaya was late every day after a long bus ride.';
    expect(judgeEventImpact(what, impact, undefined, { children: ['Jax', 'Kaya'] }).problem).toBeUndefined();
    // Without knowing the children, the same text names no effect.
    expect(judgeEventImpact(what, impact).problem).toBe('no-effect');
  });

  it('does not pass a process story about the named child: "was taken to A&E … discharged"', () => {
    const impact = 'Esme was taken to A&E and admitted overnight, then discharged with a CAMHS appointment.';
    expect(judgeEventImpact('Esme took an overdose.', impact, undefined, { children: ['Esme'] }).problem).toBe('no-effect');
  });

  it('passes an impact that says what the event meant for the child', () => {
    const r = judgeEventImpact(
      'Dad was sent to prison for 2 years.',
      'Milo lost daily contact with his father overnight and has been wetting the bed since.',
    );
    expect(r.problem).toBeUndefined();
    expect(r.effects.length).toBeGreaterThan(0);
  });
});
