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
  // What the text names, read once: years as whole words (the test \b2019\b), "march 2019" and "2019-03-05"
  // anywhere. A long record gives an assessment thousands of earlier entries; each is then a lookup.
  const years = new Set(lower.match(/\b\d{4}\b/g) ?? []);
  const monthYears = new Set(Array.from(lower.matchAll(MONTH_YEAR), (match) => `${match[1]} ${match[2]}`));
  const isoDates = new Set(lower.match(/\d{4}-\d{2}-\d{2}/g) ?? []);
  return dates.some((date) => {
    const year = date.slice(0, 4);
    const month = MONTHS[Number(date.slice(5, 7)) - 1]!;
    return years.has(year) || monthYears.has(`${month} ${year}`) || isoDates.has(date);
  });
}

/** "march 2019": a month's name, one space, four digits (as a substring: the test `includes("march 2019")`). */
const MONTH_YEAR = new RegExp(String.raw`(${MONTHS.join('|')}) (\d{4})`, 'g');
