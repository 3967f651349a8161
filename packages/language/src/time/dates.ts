/**
 * Calendar-date arithmetic on ISO date strings ('YYYY-MM-DD').
 *
 * Dates in case records are civil dates with no time zone, so everything here is
 * integer arithmetic on a day number (days since 1970-01-01) and never goes
 * through `Date`, whose local-time and DST behaviour would shift days.
 * The only exception is `todayIso`, which reads the local clock on purpose.
 */

/** A valid calendar date 'YYYY-MM-DD' (use `parseIsoDate` to obtain one). */
export type IsoDate = string;
/** A time of day 'HH:MM', 00:00 to 23:59. */
export type IsoTime = string;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const TIME = /^([01]\d|2[0-3]):([0-5]\d)$/;

function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

function daysInMonth(year: number, month: number): number {
  return month === 2 ? (isLeapYear(year) ? 29 : 28) : [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
}

/** The date if `text` is exactly 'YYYY-MM-DD' and names a real day, else undefined. */
export function parseIsoDate(text: string): IsoDate | undefined {
  const m = ISO_DATE.exec(text);
  if (!m) return undefined;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  return text;
}

/** True for 'HH:MM' from 00:00 to 23:59 (two digits each, no seconds). */
export function isValidTime(text: string): boolean {
  return TIME.test(text);
}

// Day numbers: days since 1970-01-01. Internal to src/time, not re-exported by
// index.ts, so that no other module counts days by hand.
//
// Algorithms from Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms"
// (days_from_civil / civil_from_days): exact for every proleptic Gregorian date.

/** Day number of a valid ISO date. Throws on anything else: a caller bug, not user input. */
export function toDayNumber(date: IsoDate): number {
  if (parseIsoDate(date) === undefined) throw new RangeError(`Not a valid ISO date: '${date}'`);
  let y = Number(date.slice(0, 4));
  const m = Number(date.slice(5, 7));
  const d = Number(date.slice(8, 10));
  y -= m <= 2 ? 1 : 0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** ISO date of a day number. */
export function fromDayNumber(dayNumber: number): IsoDate {
  const z = dayNumber + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 0 = Monday ... 6 = Sunday (1970-01-01, day 0, was a Thursday). */
export function weekdayOfDayNumber(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

/** Negative if a < b, 0 if equal, positive if a > b (ISO strings sort as dates). */
export function compareDates(a: IsoDate, b: IsoDate): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function addCalendarDays(date: IsoDate, n: number): IsoDate {
  return fromDayNumber(toDayNumber(date) + n);
}

/** Calendar days from a to b: positive when b is later. */
export function calendarDaysBetween(a: IsoDate, b: IsoDate): number {
  return toDayNumber(b) - toDayNumber(a);
}

/**
 * Same day-of-month n months later (or earlier for negative n), clamped to the
 * end of a shorter month: 2021-01-31 + 1 month = 2021-02-28. This is how
 * "within one month"/"every six months" is read for review deadlines.
 */
export function addMonths(date: IsoDate, n: number): IsoDate {
  toDayNumber(date); // validates
  const months = Number(date.slice(0, 4)) * 12 + (Number(date.slice(5, 7)) - 1) + n;
  const year = Math.floor(months / 12);
  const month = months - year * 12 + 1;
  const day = Math.min(Number(date.slice(8, 10)), daysInMonth(year, month));
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function minutesOfDay(time: IsoTime): number {
  if (!isValidTime(time)) throw new RangeError(`Not a valid time: '${time}'`);
  return Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));
}

/**
 * Elapsed hours (fractional, minute precision) from (fromDate fromTime) to
 * (toDate toTime); negative if the end is before the start.
 *
 * A missing time is read as the one that makes the interval LONGEST: 00:00 for
 * the start, 23:59 for the end. Rationale: this feeds rules such as "a return
 * interview within 72 hours of the child coming back", where the authority has
 * to evidence timeliness. With times missing, the record only shows compliance
 * if every time consistent with the recorded dates would comply, so we take the
 * worst case, and the rule reports "not shown to be within 72 hours" otherwise.
 * Example: returned 2022-03-13, interviewed 2022-03-15, no times:
 * 00:00 on the 13th to 23:59 on the 15th = 71h59m, within 72 hours; an interview
 * on the 16th (no time) gives 95h59m and is reported.
 */
export function hoursBetween(fromDate: IsoDate, fromTime: IsoTime | null, toDate: IsoDate, toTime: IsoTime | null): number {
  const start = toDayNumber(fromDate) * 1440 + (fromTime === null ? 0 : minutesOfDay(fromTime));
  const end = toDayNumber(toDate) * 1440 + (toTime === null ? 23 * 60 + 59 : minutesOfDay(toTime));
  return (end - start) / 60;
}

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** 'Thu 2 Sep' for 2021-09-02. Fixed English names, so output never depends on the locale. */
export function formatShortDate(date: IsoDate): string {
  const weekday = WEEKDAYS[weekdayOfDayNumber(toDayNumber(date))]!;
  return `${weekday} ${Number(date.slice(8, 10))} ${MONTHS[Number(date.slice(5, 7)) - 1]!}`;
}

/** 'Thu 2 Sep 2021' for 2021-09-02. */
export function formatLongDate(date: IsoDate): string {
  return `${formatShortDate(date)} ${date.slice(0, 4)}`;
}

/** Today's date on the local clock (a social worker's "today", not UTC's). */
export function todayIso(): IsoDate {
  const now = new Date();
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}
