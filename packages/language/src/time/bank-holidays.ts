/**
 * Bank holidays of England and Wales, from the date-holidays library.
 *
 * date-holidays ships as CommonJS with `module.exports = Holidays`; under NodeNext
 * a default import of a CommonJS module is its `module.exports`, which is the
 * class itself, and its typings declare it as the default export, so the plain
 * default import works both at run time and for the type checker.
 */
import Holidays from 'date-holidays';
import { type IsoDate, toDayNumber, weekdayOfDayNumber } from './dates.js';

// Built on first use: constructing it parses the library's rule data (tens of ms).
let england: Holidays | undefined;

// Years for which the library is consulted. The current scheme dates from the
// Banking and Financial Dealings Act 1971; outside these years we assume no bank
// holidays rather than guess. The bound also keeps a typo such as '0202-01-01'
// cheap: the library takes ~1-2 ms per year, so counting working days from year
// 202 to 2022 would otherwise take seconds.
const FIRST_YEAR = 1971;
const LAST_YEAR = 2100;
const byYear = new Map<number, ReadonlySet<IsoDate>>();

/**
 * The England and Wales bank holidays of `year` as ISO dates, matching the
 * published list at https://www.gov.uk/bank-holidays (tests check 2018-2027).
 * Computed once per year and cached: the rule engine asks thousands of times.
 *
 * Differences from the raw library output, and why:
 * - Only `type === 'public'` entries: the library also lists observances
 *   (Mother's Day, Easter Sunday...) which are not days off.
 * - Weekend entries are dropped. When Christmas Day falls on a Saturday the
 *   library reports both the Saturday and the Monday "substitute day"; the
 *   government list, and the working-day count, only have the substitute.
 *   (Weekends are non-working anyway, so this only matters for listing.)
 * - Years outside 1971-2100 have none (see FIRST_YEAR).
 * - Region 'ENG' does not include the Scotland-only days (2 January,
 *   St Andrew's Day) nor Northern Ireland's; Wales has the same days as England.
 */
export function bankHolidaysOfYear(year: number): ReadonlySet<IsoDate> {
  let days = byYear.get(year);
  if (days === undefined) {
    if (year < FIRST_YEAR || year > LAST_YEAR) return new Set();
    england ??= new Holidays('GB', 'ENG');
    days = new Set(
      england
        .getHolidays(year)
        .filter((h) => h.type === 'public')
        .map((h) => h.date.slice(0, 10)) // '2022-06-02 00:00:00' -> '2022-06-02'
        .filter((date) => weekdayOfDayNumber(toDayNumber(date)) < 5)
        .sort(),
    );
    byYear.set(year, days);
  }
  return days;
}
