import { OperationCancelled, isOperationCancelled } from 'langium';
import { CancellationTokenSource } from 'vscode-languageserver';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { runRule } from '../../src/engine/case-validator.js';
import type { Finding } from '../../src/engine/findings.js';
import type { CaseRule, RuleContext, RuleRun } from '../../src/rules/rule-context.js';

/** A context whose report counts findings; the rules below judge three made-up items. */
function contextCounting(onReport: (count: number) => void = () => {}) {
  const found: Finding[] = [];
  const context = {
    model: { caseId: 'case-test' },
    report: (finding: Finding) => {
      found.push(finding);
      onReport(found.length);
    },
  } as unknown as RuleContext;
  return { context, found };
}

const ITEMS = ['first', 'second', 'third'];

/** A long rule as the slow rules are written: it yields before each item it judges. */
const longRule: CaseRule = {
  code: 'CR999',
  *check(context: RuleContext): RuleRun {
    for (const item of ITEMS) {
      yield;
      context.report({ code: 'CR999', node: {} as never, message: item });
    }
  },
};

afterEach(() => vi.restoreAllMocks());

describe('running a case rule', () => {
  it('runs a long rule to its end when nothing cancels it', async () => {
    const { context, found } = contextCounting();
    await runRule(longRule, context);
    expect(found.map((f) => f.message)).toEqual(ITEMS);
  });

  it('stops a long rule between two items once the pass is cancelled (a keystroke made it stale)', async () => {
    const source = new CancellationTokenSource();
    const { context, found } = contextCounting((count) => {
      if (count === 1) source.cancel();
    });
    const outcome = await runRule(longRule, context, source.token).then(
      () => 'finished',
      (error: unknown) => error,
    );
    expect(isOperationCancelled(outcome)).toBe(true);
    expect(outcome).toBe(OperationCancelled);
    expect(found.map((f) => f.message)).toEqual(['first']);
  });

  it('runs a rule written as a plain function', async () => {
    const { context, found } = contextCounting();
    await runRule({ code: 'CR998', check: (c) => c.report({ code: 'CR998', node: {} as never, message: 'once' }) }, context);
    expect(found).toHaveLength(1);
  });

  it("logs a rule's bug, half-way through its items, and carries on", async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { context, found } = contextCounting();
    const buggy: CaseRule = {
      code: 'CR997',
      *check(c: RuleContext): RuleRun {
        yield;
        c.report({ code: 'CR997', node: {} as never, message: 'before the bug' });
        yield;
        throw new TypeError('a bug');
      },
    };
    await expect(runRule(buggy, context)).resolves.toBeUndefined();
    expect(found).toHaveLength(1);
    expect(String(logged.mock.calls[0]?.[0])).toContain('rule CR997 failed on case case-test');
  });
});
