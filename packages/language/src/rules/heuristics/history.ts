/**
 * CR202's test of whether an assessment's history and analysis refer to earlier entries: by their year, their
 * month and year, or a phrase that points back ("previous referral", "earlier contact"). Deliberately
 * generous: the rule flags an assessment that ignores the history altogether, not one that summarises it.
 */
export interface HistoryHeuristicConfig {
  /** Phrases that refer back to earlier involvement, matched case-insensitively. */
  readonly backReferences: readonly string[];
}

export const defaultHistoryConfig: HistoryHeuristicConfig = {
  backReferences: [
    'previous referral',
    'previous contact',
    'earlier referral',
    'earlier contact',
    'previously known',
    'known to children',
    'history of',
    'previous involvement',
    'prior referral',
    'prior contact',
    'past referral',
    'chronology shows',
  ],
};

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];

export function refersToAnyOf(text: string, dates: readonly string[], config: HistoryHeuristicConfig): boolean {
  const lower = text.toLowerCase();
  if (config.backReferences.some((phrase) => lower.includes(phrase.toLowerCase()))) return true;
  // The years the text names, as whole words: the same test as \b2019\b for each year, done once. A long
  // record gives an assessment thousands of earlier entries, most on dates already tried.
  const years = new Set(lower.match(/\b\d{4}\b/g) ?? []);
  const tried = new Set<string>();
  return dates.some((date) => {
    if (tried.has(date)) return false;
    tried.add(date);
    const year = date.slice(0, 4);
    const month = MONTHS[Number(date.slice(5, 7)) - 1]!;
    return years.has(year) || lower.includes(`${month} ${year}`) || lower.includes(date);
  });
}
