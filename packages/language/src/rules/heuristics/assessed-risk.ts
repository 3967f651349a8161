/**
 * CR203's test of whether a decision to step down or close addresses the risks named in the latest
 * assessment: the people the assessment's risk sentences name (Kyle, in "the main risk to Amelia is Kyle's
 * violence") should appear in the rationale, or the rationale should speak of risk at all. Explainable and
 * deliberately narrow: it looks only at named adults, never guesses at other risks.
 */
export interface AssessedRiskConfig {
  /** Words that make a sentence of the assessment a statement of risk. */
  readonly riskWords: readonly string[];
  /** Words in a rationale that show it weighs risk at all. */
  readonly addressedWords: readonly string[];
}

export const defaultAssessedRiskConfig: AssessedRiskConfig = {
  riskWords: ['risk', 'harm', 'danger', 'unsafe', 'violence', 'violent', 'abuse', 'exploitation', 'neglect'],
  addressedWords: ['risk', 'harm', 'danger', 'safety', 'safe from', 'protective'],
};

export function unaddressedRiskPeople(
  assessmentAnalysis: string,
  rationale: string,
  adults: readonly { names: readonly string[]; display: string }[],
  config: AssessedRiskConfig,
): string[] {
  const sentences = assessmentAnalysis.split(/(?<=[.!?;])\s+/);
  const risky = sentences.filter((s) => config.riskWords.some((w) => new RegExp(`\\b${escape(w)}`, 'i').test(s)));
  const lowerRationale = rationale.toLowerCase();
  if (config.addressedWords.some((w) => lowerRationale.includes(w.toLowerCase()))) return [];
  const named = adults.filter((adult) => risky.some((s) => adult.names.some((n) => n && new RegExp(`\\b${escape(n)}\\b`).test(s))));
  return named
    .filter((adult) => !adult.names.some((n) => n && new RegExp(`\\b${escape(n)}\\b`, 'i').test(rationale)))
    .map((a) => a.display);
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
