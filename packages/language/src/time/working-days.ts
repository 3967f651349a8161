/**
 * Working days in England and Wales: the single place where timeliness rules
 * count days. A working day is Monday to Friday, not a bank holiday of England
 * and Wales, and not one of the calendar's extra closure days (a local
 * authority's closure days, from its policy file).
 *
 * Conventions, so that every rule reads deadlines the same way:
 * - "within N working days of D" means on or before addWorkingDays(D, N);
 *   D itself is never counted, whatever day of the week it is.
 * - workingDaysBetween(from, to) counts working days d with from < d <= to,
 *   so workingDaysBetween(D, addWorkingDays(D, n)) === n for every n >= 0.
 */
import { bankHolidaysOfYear } from './bank-holidays.js';
import { type IsoDate, fromDayNumber, parseIsoDate, toDayNumber, weekdayOfDayNumber } from './dates.js';

function yearOfDayNumber(dayNumber: number): number {
  return Number(fromDayNumber(dayNumber).slice(0, 4));
}

/** Monday to Friday among all days up to and including `dayNumber` (from an arbitrary origin: use differences). */
function weekdaysThrough(dayNumber: number): number {
  const k = dayNumber + 3; // a multiple of 7 is a Monday
  const weeks = Math.floor(k / 7);
  return 5 * weeks + Math.min(k - 7 * weeks + 1, 5);
}

export class WorkingDayCalendar {
  private readonly closures: ReadonlySet<IsoDate>;
  /** Per year, sorted day numbers of the weekdays that are bank holidays or closure days. */
  private readonly weekdaysOffByYear = new Map<number, readonly number[]>();
  /** The same days for every year loaded so far, for a fast day-by-day walk. */
  private readonly offDays = new Set<number>();
  /** Years y for which y - 1, y and y + 1 are loaded into offDays. */
  private readonly loadedAround = new Set<number>();

  /** @param extraNonWorkingDays local closure days; throws RangeError on an invalid date (validate policy input first). */
  constructor(extraNonWorkingDays: Iterable<IsoDate> = []) {
    const closures = new Set<IsoDate>();
    for (const date of extraNonWorkingDays) {
      if (parseIsoDate(date) === undefined) throw new RangeError(`Not a valid ISO date: '${date}'`);
      closures.add(date);
    }
    this.closures = closures;
  }

  isBankHoliday(date: IsoDate): boolean {
    return bankHolidaysOfYear(yearOfDayNumber(toDayNumber(date))).has(date);
  }

  /** One of this calendar's extra (local) non-working days. */
  isClosureDay(date: IsoDate): boolean {
    toDayNumber(date); // validates
    return this.closures.has(date);
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(toDayNumber(date));
  }

  /**
   * The date n working days after `date` (not counting `date` itself), so a
   * Saturday start counts from the following Monday. n = 0 returns `date`
   * unchanged even if it is not a working day. Negative n gives the |n|-th
   * working day before `date`.
   */
  addWorkingDays(date: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n)) throw new RangeError(`Working days must be a whole number, not ${n}`);
    let day = toDayNumber(date);
    const step = Math.sign(n);
    for (let remaining = Math.abs(n); remaining > 0;) {
      day += step;
      if (this.isWorkingDayNumber(day)) remaining--;
    }
    return fromDayNumber(day);
  }

  /** Working days d with from < d <= to; the negation of workingDaysBetween(to, from) when to < from. */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    return b >= a ? this.countWorkingDays(a, b) : 0 - this.countWorkingDays(b, a); // 0 - x: never -0
  }

  /**
   * Working days by which `actual` missed "within n working days of start":
   * 0 if on time. NB: also 0 when `actual` is after the deadline but no working
   * day has passed since it (deadline Friday, done Saturday): to decide WHETHER
   * something was late, compare `actual` with addWorkingDays(start, n).
   */
  workingDaysLate(start: IsoDate, n: number, actual: IsoDate): number {
    const deadline = this.addWorkingDays(start, n);
    return actual <= deadline ? 0 : this.workingDaysBetween(deadline, actual);
  }

  /** Bank holidays d with from < d <= to (the same window as workingDaysBetween), ascending. */
  bankHolidaysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
    const a = toDayNumber(from);
    const b = toDayNumber(to);
    const found: IsoDate[] = [];
    for (let year = yearOfDayNumber(a); b > a && year <= yearOfDayNumber(b); year++) {
      for (const date of bankHolidaysOfYear(year)) if (date > from && date <= to) found.push(date);
    }
    return found;
  }

  /** This calendar's closure days d with from < d <= to, ascending. */
  closureDaysBetween(from: IsoDate, to: IsoDate): IsoDate[] {
    toDayNumber(from);
    toDayNumber(to);
    return [...this.closures].filter((date) => date > from && date <= to).sort();
  }

  /**
   * Hot path of addWorkingDays: numbers only, no string building. The year
   * estimate can be one off near 1 January, so the neighbouring years are loaded too.
   */
  private isWorkingDayNumber(dayNumber: number): boolean {
    if (weekdayOfDayNumber(dayNumber) >= 5) return false;
    const year = 1970 + Math.floor(dayNumber / 365.2425);
    if (!this.loadedAround.has(year)) {
      for (const y of [year - 1, year, year + 1]) this.weekdaysOff(y);
      this.loadedAround.add(year);
    }
    return !this.offDays.has(dayNumber);
  }

  /** Working days in (a, b] for day numbers a <= b: weekdays by arithmetic, minus weekday holidays. */
  private countWorkingDays(a: number, b: number): number {
    let count = weekdaysThrough(b) - weekdaysThrough(a);
    for (let year = yearOfDayNumber(a); year <= yearOfDayNumber(b); year++) {
      for (const day of this.weekdaysOff(year)) if (day > a && day <= b) count--;
    }
    return count;
  }

  private weekdaysOff(year: number): readonly number[] {
    let days = this.weekdaysOffByYear.get(year);
    if (days === undefined) {
      const dates = new Set(bankHolidaysOfYear(year)); // already weekdays only
      for (const date of this.closures) if (date.startsWith(`${year}-`)) dates.add(date);
      days = [...dates]
        .map(toDayNumber)
        .filter((day) => weekdayOfDayNumber(day) < 5)
        .sort((x, y) => x - y);
      this.weekdaysOffByYear.set(year, days);
      for (const day of days) this.offDays.add(day);
    }
    return days;
  }
}

/** The shared calendar with no local closure days. */
export const englandAndWales = new WorkingDayCalendar();
