/**
 * The one module that knows about time. Pure (no I/O, no Langium). Day numbers
 * and other internals of dates.ts are deliberately not exported: other code
 * must not count days itself.
 */
export {
  type IsoDate,
  type IsoTime,
  parseIsoDate,
  isValidTime,
  compareDates,
  addCalendarDays,
  addMonths,
  calendarDaysBetween,
  hoursBetween,
  formatShortDate,
  formatLongDate,
  todayIso,
} from './dates.js';
export { bankHolidaysOfYear } from './bank-holidays.js';
export { WorkingDayCalendar, englandAndWales } from './working-days.js';
