/**
 * Bank holidays of England and Wales, from a table generated from the date-holidays library
 * (bank-holidays-table.ts, written by scripts/generate-bank-holidays.mjs at build time).
 *
 * The library is not loaded at run time: with its rule data, moment-timezone and astronomical
 * tables it was about half of the CLI's code, and loading it and building its rules took longer
 * than the rest of validating a small record. The table holds every year the library was ever
 * consulted for, so the results are the same.
 */
import { type IsoDate } from './dates.js';
import { BANK_HOLIDAYS_BY_YEAR } from './bank-holidays-table.js';

const byYear = new Map<number, ReadonlySet<IsoDate>>();
const NONE: ReadonlySet<IsoDate> = new Set();

/**
 * The England and Wales bank holidays of `year` as ISO dates, matching the
 * published list at https://www.gov.uk/bank-holidays (tests check 2018-2027).
 * Built once per year and cached: the rule engine asks thousands of times.
 *
 * How the table differs from the raw library output, and why:
 * - Only `type === 'public'` entries: the library also lists observances
 *   (Mother's Day, Easter Sunday...) which are not days off.
 * - Weekend entries are dropped. When Christmas Day falls on a Saturday the
 *   library reports both the Saturday and the Monday "substitute day"; the
 *   government list, and the working-day count, only have the substitute.
 *   (Weekends are non-working anyway, so this only matters for listing.)
 * - Only 1971-2100; other years have none. The current scheme dates from the
 *   Banking and Financial Dealings Act 1971, and outside these years we assume
 *   no bank holidays rather than guess. The bound also keeps a typo such as
 *   '0202-01-01' cheap: counting working days from year 202 to 2022 walks the
 *   years in between.
 * - Region 'ENG' does not include the Scotland-only days (2 January,
 *   St Andrew's Day) nor Northern Ireland's; Wales has the same days as England.
 */
export function bankHolidaysOfYear(year: number): ReadonlySet<IsoDate> {
  let days = byYear.get(year);
  if (days === undefined) {
    const listed = BANK_HOLIDAYS_BY_YEAR[year];
    if (listed === undefined) return NONE;
    days = new Set(listed.split(' ').map((monthDay) => `${year}-${monthDay}`));
    byYear.set(year, days);
  }
  return days;
}
