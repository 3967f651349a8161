/**
 * Measures the prose heuristics against the labelled corpus in `test/corpus/`.
 *
 * For each rule and split: TP = weak items flagged, FP = good items flagged, FN = weak items not flagged,
 * TN = good items not flagged; precision = TP / (TP + FP) (of what the rule flags, how much is weak), recall
 * = TP / (TP + FN) (of the weak items, how many it flags). Precision is NaN when nothing is flagged.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  childrenNotHeardIndividually,
  defaultHeuristicConfig,
  type HeuristicConfig,
  judgeAnalysis,
  judgeChildVoice,
  judgeEventImpact,
  judgeOptimism,
  judgeSupervisionReflection,
} from '../../packages/language/src/rules/heuristics/index.js';

export type Label = 'good' | 'weak';
export type Split = 'tune' | 'holdout';

export interface CorpusItem {
  readonly id: string;
  readonly label: Label;
  readonly split: Split;
  readonly note: string;
  readonly text?: string;
  readonly what?: string;
  readonly impact?: string;
  /** Given names of the children the passage is about, as the rule would know them from the case. */
  readonly children?: readonly string[];
  /** Given names of adults in the case that the passage mentions. */
  readonly adults?: readonly string[];
}

export interface Corpus {
  readonly rule: RuleCode;
  readonly about: string;
  readonly items: readonly CorpusItem[];
}

export type RuleCode = 'CR102' | 'CR104' | 'CR201' | 'CR203' | 'CR204' | 'CR601';

export const CORPUS_FILES: Record<RuleCode, string> = {
  CR102: 'child-voice.json',
  CR104: 'voice-individual.json',
  CR201: 'analysis.json',
  CR204: 'supervision.json',
  CR203: 'optimism.json',
  CR601: 'event-impact.json',
};

/**
 * Later sets, written by another author after the rule's first figures, without sight of the heuristic: first
 * measured whole as a held-out set, then split half and half per label, to tune on one half and measure on the
 * other.
 */
export const FRESH_HOLDOUT_FILES: Partial<Record<RuleCode, readonly string[]>> = {
  CR601: ['event-impact-fresh.json'],
  CR104: [
    'voice-individual-2.json',
    'voice-individual-3.json',
    'voice-individual-4.json',
    'voice-individual-5.json',
    'voice-individual-6.json',
    'voice-individual-7.json',
    'voice-individual-8.json',
    'voice-individual-9.json',
    'voice-individual-10.json',
    'voice-individual-11.json',
    'voice-individual-12.json',
  ],
};

const CORPUS_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'corpus');

function readCorpus(file: string): Corpus {
  return JSON.parse(readFileSync(join(CORPUS_DIR, file), 'utf8')) as Corpus;
}

/** The rule's corpus, with its later sets (if any) added, each item in its own split. */
export function loadCorpus(rule: RuleCode): Corpus {
  const corpus = readCorpus(CORPUS_FILES[rule]);
  const later = (FRESH_HOLDOUT_FILES[rule] ?? []).flatMap((file) => readCorpus(file).items);
  return { ...corpus, items: [...corpus.items, ...later] };
}

/** The rule's own corpus file, without the fresh held-out set. */
export function loadMainCorpus(rule: RuleCode): Corpus {
  return readCorpus(CORPUS_FILES[rule]);
}

/** The rule's later sets together (undefined when it has none), or one of them by file name. */
export function loadFreshHoldout(rule: RuleCode, file?: string): Corpus | undefined {
  const files = (FRESH_HOLDOUT_FILES[rule] ?? []).filter((f) => file === undefined || f === file);
  if (files.length === 0) return undefined;
  const corpora = files.map(readCorpus);
  return { ...corpora[0]!, items: corpora.flatMap((c) => c.items) };
}

export interface EvalOptions {
  readonly config?: HeuristicConfig;
  /** Pass the item's children / adults names to the heuristic, as the rule does (default true). */
  readonly useNames?: boolean;
  /** With the 'fresh' split: only this later set's holdout half (default: every later set's). */
  readonly freshFile?: string;
}

/** Whether the rule flags the item (i.e. judges it weak). */
export function flags(rule: RuleCode, item: CorpusItem, options: EvalOptions = {}): boolean {
  const config = options.config ?? defaultHeuristicConfig;
  const context = options.useNames === false ? {} : { children: item.children ?? [], adults: item.adults ?? [] };
  switch (rule) {
    case 'CR102':
      return !judgeChildVoice(item.text ?? '', config.voice, context).direct;
    case 'CR104':
      return (
        childrenNotHeardIndividually(
          item.text ?? '',
          (item.children ?? []).map((name) => ({ id: name.toLowerCase(), name })),
          config.voice,
        ).length > 0
      );
    case 'CR201':
      return judgeAnalysis(item.text ?? '', config.analysis, context).missing.length > 0;
    case 'CR204':
      return judgeSupervisionReflection(item.text ?? '', config.supervision, context).flagged;
    case 'CR203':
      return judgeOptimism(item.text ?? '', config.optimism, context).flagged;
    case 'CR601':
      return judgeEventImpact(item.what ?? '', item.impact ?? '', config.impact, { children: item.children ?? [] }).problem !== undefined;
  }
}

export interface EvalResult {
  readonly rule: RuleCode;
  readonly split: Split | 'all' | 'fresh';
  readonly tp: number;
  readonly fp: number;
  readonly fn: number;
  readonly tn: number;
  readonly precision: number;
  readonly recall: number;
  /** Good items flagged. */
  readonly falsePositives: readonly CorpusItem[];
  /** Weak items not flagged. */
  readonly falseNegatives: readonly CorpusItem[];
}

export function evaluate(rule: RuleCode, split: Split | 'all' | 'fresh', options: EvalOptions = {}): EvalResult {
  const items =
    split === 'fresh'
      ? (loadFreshHoldout(rule, options.freshFile)?.items ?? []).filter((i) => i.split === 'holdout')
      : loadCorpus(rule).items.filter((i) => split === 'all' || i.split === split);
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const falsePositives: CorpusItem[] = [];
  const falseNegatives: CorpusItem[] = [];
  for (const item of items) {
    const flagged = flags(rule, item, options);
    if (flagged && item.label === 'weak') tp++;
    else if (flagged) {
      fp++;
      falsePositives.push(item);
    } else if (item.label === 'weak') {
      fn++;
      falseNegatives.push(item);
    } else tn++;
  }
  return {
    rule,
    split,
    tp,
    fp,
    fn,
    tn,
    precision: tp + fp === 0 ? Number.NaN : tp / (tp + fp),
    recall: tp + fn === 0 ? Number.NaN : tp / (tp + fn),
    falsePositives,
    falseNegatives,
  };
}

const fmt = (n: number) => (Number.isNaN(n) ? ' n/a' : n.toFixed(2));

/** A plain-text table of results. */
export function formatTable(results: readonly EvalResult[], label = ''): string {
  const head = `rule   split    TP  FP  FN  TN  precision  recall${label ? `   ${label}` : ''}`;
  const rows = results.map(
    (r) =>
      `${r.rule.padEnd(6)} ${r.split.padEnd(8)} ${String(r.tp).padStart(3)} ${String(r.fp).padStart(3)} ${String(r.fn).padStart(3)} ${String(r.tn).padStart(3)}  ${fmt(r.precision).padStart(9)}  ${fmt(r.recall).padStart(6)}`,
  );
  return [head, ...rows].join('\n');
}

/** One line per misjudged item: id, what went wrong, and the item's note. */
export function formatFailures(r: EvalResult): string {
  return [
    ...r.falsePositives.map((i) => `  ${i.id} good flagged     (${i.note})`),
    ...r.falseNegatives.map((i) => `  ${i.id} weak not flagged (${i.note})`),
  ].join('\n');
}
