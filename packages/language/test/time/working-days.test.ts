import { describe, it, expect } from 'vitest';
import {
  type IsoDate,
  WorkingDayCalendar,
  addCalendarDays,
  addMonths,
  bankHolidaysOfYear,
  calendarDaysBetween,
  compareDates,
  englandAndWales as cal,
  formatLongDate,
  formatShortDate,
  hoursBetween,
  isValidTime,
  parseIsoDate,
  todayIso,
} from '../../src/time/index.js';
import { fromDayNumber, toDayNumber } from '../../src/time/dates.js';

/**
 * England and Wales bank holidays as published at https://www.gov.uk/bank-holidays
 * (substitute days in place of weekend dates; one-offs: 2020-05-08 VE Day moved the
 * early May bank holiday; 2022-06-02/03 Platinum Jubilee, spring bank holiday moved;
 * 2022-09-19 State Funeral of Queen Elizabeth II; 2023-05-08 Coronation).
 */
const PUBLISHED: Record<number, IsoDate[]> = {
  2018: ['2018-01-01', '2018-03-30', '2018-04-02', '2018-05-07', '2018-05-28', '2018-08-27', '2018-12-25', '2018-12-26'],
  2019: ['2019-01-01', '2019-04-19', '2019-04-22', '2019-05-06', '2019-05-27', '2019-08-26', '2019-12-25', '2019-12-26'],
  2020: ['2020-01-01', '2020-04-10', '2020-04-13', '2020-05-08', '2020-05-25', '2020-08-31', '2020-12-25', '2020-12-28'],
  2021: ['2021-01-01', '2021-04-02', '2021-04-05', '2021-05-03', '2021-05-31', '2021-08-30', '2021-12-27', '2021-12-28'],
  2022: [
    '2022-01-03',
    '2022-04-15',
    '2022-04-18',
    '2022-05-02',
    '2022-06-02',
    '2022-06-03',
    '2022-08-29',
    '2022-09-19',
    '2022-12-26',
    '2022-12-27',
  ],
  2023: ['2023-01-02', '2023-04-07', '2023-04-10', '2023-05-01', '2023-05-08', '2023-05-29', '2023-08-28', '2023-12-25', '2023-12-26'],
  2024: ['2024-01-01', '2024-03-29', '2024-04-01', '2024-05-06', '2024-05-27', '2024-08-26', '2024-12-25', '2024-12-26'],
  2025: ['2025-01-01', '2025-04-18', '2025-04-21', '2025-05-05', '2025-05-26', '2025-08-25', '2025-12-25', '2025-12-26'],
  2026: ['2026-01-01', '2026-04-03', '2026-04-06', '2026-05-04', '2026-05-25', '2026-08-31', '2026-12-25', '2026-12-28'],
  2027: ['2027-01-01', '2027-03-26', '2027-03-29', '2027-05-03', '2027-05-31', '2027-08-30', '2027-12-27', '2027-12-28'],
};

/** Deterministic pseudo-random numbers (LCG), so failures reproduce. */
function seeded(seed: number): (below: number) => number {
  let state = seed >>> 0;
  return (below) => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state % below;
  };
}

function isWeekend(date: IsoDate): boolean {
  const day = new Date(`${date}T00:00:00Z`).getUTCDay();
  return day === 0 || day === 6;
}

describe('bank holidays of England and Wales', () => {
  for (const [year, expected] of Object.entries(PUBLISHED)) {
    it(`${year} matches the published list exactly`, () => {
      expect([...bankHolidaysOfYear(Number(year))]).toEqual(expected);
      const start = `${year}-01-01`;
      const end = `${year}-12-31`;
      for (let d = start; d <= end; d = addCalendarDays(d, 1)) {
        expect(cal.isBankHoliday(d), d).toBe(expected.includes(d));
        expect(cal.isWorkingDay(d), d).toBe(!isWeekend(d) && !expected.includes(d));
      }
    });
  }

  it('includes substitute days and one-offs', () => {
    for (const d of ['2020-12-28', '2021-12-27', '2021-12-28', '2022-12-27', '2023-01-02', '2026-12-28']) {
      expect(cal.isBankHoliday(d), d).toBe(true);
    }
    for (const d of ['2020-05-08', '2022-06-02', '2022-06-03', '2022-09-19', '2023-05-08']) {
      expect(cal.isBankHoliday(d), d).toBe(true);
    }
    // the dates those one-offs displaced are ordinary working days
    expect(cal.isWorkingDay('2020-05-04')).toBe(true);
    expect(cal.isWorkingDay('2022-05-30')).toBe(true);
  });

  it('excludes Scotland-only days and non-public observances', () => {
    // 2 January (and its substitute), Scottish summer bank holiday, St Andrew's Day
    for (const d of ['2018-01-02', '2019-01-02', '2022-01-04', '2022-08-01', '2023-11-30', '2026-11-30']) {
      expect(cal.isBankHoliday(d), d).toBe(false);
      expect(cal.isWorkingDay(d), d).toBe(true);
    }
    // Mother's Day, Easter Sunday, Father's Day (observances, on Sundays anyway)
    for (const d of ['2022-03-27', '2022-04-17', '2022-06-19']) expect(cal.isBankHoliday(d), d).toBe(false);
  });

  it('reports a weekend Christmas only through its substitute day', () => {
    expect(cal.isBankHoliday('2021-12-25')).toBe(false);
    expect(cal.isWorkingDay('2021-12-25')).toBe(false);
    expect(cal.bankHolidaysBetween('2021-12-24', '2022-01-04')).toEqual(['2021-12-27', '2021-12-28', '2022-01-03']);
  });
});

describe('years outside 1971-2100', () => {
  it('have no bank holidays, so a typo year stays cheap', () => {
    expect(cal.isBankHoliday('1900-12-25')).toBe(false);
    expect(cal.isWorkingDay('2150-12-25')).toBe(true); // a Friday
    const t0 = performance.now();
    expect(cal.workingDaysBetween('0202-01-01', '2022-01-03')).toBeGreaterThan(470_000);
    expect(performance.now() - t0).toBeLessThan(2000); // ~0.3 s: 130 years of holidays, computed once
  });
});

describe('addWorkingDays', () => {
  it.each([
    // hand-checked
    ['2022-09-01', 15, '2022-09-23'], // 19 Sept (state funeral) inside
    ['2021-12-24', 1, '2021-12-29'], // 27 and 28 Dec substitute days
    ['2022-03-07', 45, '2022-05-12'], // Easter and early May inside
    ['2022-04-08', 10, '2022-04-26'], // across Easter 2022
    ['2024-03-28', 1, '2024-04-02'], // Maundy Thursday -> Good Friday, Easter Monday skipped
    ['2022-12-23', 5, '2023-01-04'], // 26, 27 Dec and 2 Jan substitute days
    ['2020-12-24', 3, '2020-12-31'], // 28 Dec 2020 Boxing Day substitute
    ['2026-12-24', 2, '2026-12-30'], // 28 Dec 2026 Boxing Day substitute
    ['2022-05-31', 2, '2022-06-06'], // Jubilee Thursday and Friday
    ['2022-09-03', 15, '2022-09-26'], // Saturday start: counts from Monday 5th
    ['2022-09-04', 15, '2022-09-26'], // Sunday start
    ['2022-09-02', 15, '2022-09-26'], // the Friday before: same deadline
    ['2022-12-26', 1, '2022-12-28'], // start on a bank holiday
    ['2022-09-03', 1, '2022-09-05'],
    ['2022-09-05', 0, '2022-09-05'],
    ['2022-09-03', 0, '2022-09-03'], // n = 0 returns the date, even a Saturday
    ['2022-09-20', -1, '2022-09-16'], // backwards over the funeral day and a weekend
    ['2022-09-24', -1, '2022-09-23'],
  ] as const)('%s + %i working days = %s', (start, n, expected) => {
    expect(cal.addWorkingDays(start, n)).toBe(expected);
  });

  it('rejects invalid dates and fractional counts', () => {
    expect(() => cal.addWorkingDays('2021-02-29', 1)).toThrow(RangeError);
    expect(() => cal.addWorkingDays('2021-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('workingDaysBetween', () => {
  it('counts working days d with from < d <= to, mirrored when to < from', () => {
    expect(cal.workingDaysBetween('2022-09-01', '2022-09-23')).toBe(15);
    expect(cal.workingDaysBetween('2022-09-23', '2022-09-01')).toBe(-15);
    expect(cal.workingDaysBetween('2022-09-05', '2022-09-05')).toBe(0);
    expect(cal.workingDaysBetween('2022-09-03', '2022-09-05')).toBe(1); // Sat -> Mon
    expect(cal.workingDaysBetween('2022-09-02', '2022-09-04')).toBe(0); // Fri -> Sun
    expect(cal.workingDaysBetween('2021-12-24', '2021-12-29')).toBe(1);
    expect(cal.workingDaysBetween('2021-01-01', '2022-01-01')).toBe(253); // 2021: 261 weekdays - 8
  });

  it('is the inverse of addWorkingDays for random dates and n in 0..60', () => {
    const random = seeded(20220901);
    const first = toDayNumber('2017-06-01');
    for (let i = 0; i < 3000; i++) {
      const start = fromDayNumber(first + random(365 * 11));
      const n = random(61);
      const end = cal.addWorkingDays(start, n);
      expect(cal.workingDaysBetween(start, end), `${start} + ${n}`).toBe(n);
      expect(cal.workingDaysBetween(end, start)).toBe(0 - n); // 0 - n: +0 when n = 0, never -0
      // the deadline is itself a working day (for n > 0) and the day before it is not yet n
      if (n > 0) {
        expect(cal.isWorkingDay(end)).toBe(true);
        expect(cal.workingDaysBetween(start, addCalendarDays(end, -1))).toBe(n - 1);
      }
    }
  });

  it('agrees with counting day by day, across years and with closure days', () => {
    const local = new WorkingDayCalendar(['2022-12-28', '2022-12-29', '2022-12-30', '2023-08-14']);
    const random = seeded(7);
    const first = toDayNumber('2019-10-01');
    for (let i = 0; i < 300; i++) {
      const a = fromDayNumber(first + random(1500));
      const b = fromDayNumber(toDayNumber(a) + random(800));
      for (const calendar of [cal, local]) {
        let naive = 0;
        for (let d = addCalendarDays(a, 1); d <= b; d = addCalendarDays(d, 1)) if (calendar.isWorkingDay(d)) naive++;
        expect(calendar.workingDaysBetween(a, b), `${a}..${b}`).toBe(naive);
      }
    }
  });
});

describe('workingDaysLate', () => {
  it('is 0 on or before the deadline, else working days past it', () => {
    expect(cal.workingDaysLate('2022-09-01', 15, '2022-09-23')).toBe(0);
    expect(cal.workingDaysLate('2022-09-01', 15, '2022-09-02')).toBe(0);
    expect(cal.workingDaysLate('2022-09-01', 15, '2022-08-01')).toBe(0);
    expect(cal.workingDaysLate('2022-09-01', 15, '2022-09-26')).toBe(1);
    expect(cal.workingDaysLate('2022-09-01', 15, '2022-10-07')).toBe(10);
    expect(cal.workingDaysLate('2021-12-24', 1, '2022-01-04')).toBe(3); // 30, 31 Dec, 4 Jan (3 Jan substitute)
  });

  it('is 0 for a weekend day just after a Friday deadline (late, but no working day lost)', () => {
    expect(cal.workingDaysLate('2022-09-01', 15, '2022-09-24')).toBe(0);
    expect(compareDates('2022-09-24', cal.addWorkingDays('2022-09-01', 15))).toBeGreaterThan(0);
  });
});

describe('bankHolidaysBetween', () => {
  it('lists holidays in (from, to], ascending', () => {
    expect(cal.bankHolidaysBetween('2022-09-01', '2022-09-23')).toEqual(['2022-09-19']);
    expect(cal.bankHolidaysBetween('2022-09-19', '2022-09-30')).toEqual([]);
    expect(cal.bankHolidaysBetween('2022-09-18', '2022-09-19')).toEqual(['2022-09-19']);
    expect(cal.bankHolidaysBetween('2022-03-07', '2022-05-12')).toEqual(['2022-04-15', '2022-04-18', '2022-05-02']);
    expect(cal.bankHolidaysBetween('2022-09-30', '2022-09-01')).toEqual([]);
    expect(cal.bankHolidaysBetween('2019-12-31', '2023-01-01')).toEqual([...PUBLISHED[2020]!, ...PUBLISHED[2021]!, ...PUBLISHED[2022]!]);
  });
});

describe('local closure days', () => {
  const local = new WorkingDayCalendar(['2022-12-28', '2022-12-29', '2022-12-30', '2022-12-31']);

  it('are non-working, but not bank holidays', () => {
    expect(local.isWorkingDay('2022-12-28')).toBe(false);
    expect(local.isClosureDay('2022-12-28')).toBe(true);
    expect(local.isBankHoliday('2022-12-28')).toBe(false);
    expect(cal.isWorkingDay('2022-12-28')).toBe(true); // the shared calendar is unaffected
  });

  it('push deadlines and counts', () => {
    expect(local.addWorkingDays('2022-12-23', 1)).toBe('2023-01-03');
    expect(cal.addWorkingDays('2022-12-23', 1)).toBe('2022-12-28');
    expect(local.workingDaysBetween('2022-12-23', '2023-01-03')).toBe(1);
    expect(cal.workingDaysBetween('2022-12-23', '2023-01-03')).toBe(4);
    expect(local.workingDaysLate('2022-12-20', 3, '2023-01-04')).toBe(2);
    expect(local.closureDaysBetween('2022-12-28', '2023-01-31')).toEqual(['2022-12-29', '2022-12-30', '2022-12-31']);
  });

  it('reject invalid dates', () => {
    expect(() => new WorkingDayCalendar(['2022-02-30'])).toThrow(RangeError);
  });
});

describe('dates and times', () => {
  it('parseIsoDate accepts only real dates in strict YYYY-MM-DD', () => {
    for (const ok of ['2021-09-02', '2020-02-29', '2000-02-29', '2021-12-31', '2021-01-01']) {
      expect(parseIsoDate(ok), ok).toBe(ok);
    }
    for (const bad of [
      '2021-13-45',
      '2021-02-29',
      '2020-02-30',
      '1900-02-29',
      '2021-04-31',
      '2021-00-10',
      '2021-01-00',
      '2021-2-3',
      '21-02-03',
      '20210203',
      ' 2021-02-03',
      '2021-02-03 ',
      '2021-02-03T00:00',
      '2021/02/03',
      '',
    ]) {
      expect(parseIsoDate(bad), bad).toBeUndefined();
    }
  });

  it('isValidTime accepts HH:MM from 00:00 to 23:59', () => {
    for (const ok of ['00:00', '09:05', '12:30', '23:59']) expect(isValidTime(ok), ok).toBe(true);
    for (const bad of ['24:00', '23:60', '9:05', '09:5', '0905', '09:05:00', '']) expect(isValidTime(bad), bad).toBe(false);
  });

  it('addMonths clamps to the end of the month', () => {
    expect(addMonths('2021-01-31', 1)).toBe('2021-02-28');
    expect(addMonths('2020-01-31', 1)).toBe('2020-02-29');
    expect(addMonths('2021-03-31', -1)).toBe('2021-02-28');
    expect(addMonths('2021-08-31', 6)).toBe('2022-02-28');
    expect(addMonths('2021-05-31', 1)).toBe('2021-06-30');
    expect(addMonths('2021-11-15', 3)).toBe('2022-02-15');
    expect(addMonths('2021-01-15', -1)).toBe('2020-12-15');
    expect(addMonths('2020-02-29', 12)).toBe('2021-02-28');
    expect(addMonths('2021-09-02', 0)).toBe('2021-09-02');
  });

  it('calendar days and comparisons', () => {
    expect(addCalendarDays('2020-02-28', 1)).toBe('2020-02-29');
    expect(addCalendarDays('2021-02-28', 1)).toBe('2021-03-01');
    expect(addCalendarDays('2021-12-31', 1)).toBe('2022-01-01');
    expect(addCalendarDays('2022-01-01', -1)).toBe('2021-12-31');
    expect(calendarDaysBetween('2021-01-01', '2022-01-01')).toBe(365);
    expect(calendarDaysBetween('2020-01-01', '2021-01-01')).toBe(366);
    expect(calendarDaysBetween('2022-03-13', '2022-03-10')).toBe(-3);
    expect(compareDates('2022-03-10', '2022-03-13')).toBeLessThan(0);
    expect(compareDates('2022-03-13', '2022-03-13')).toBe(0);
    expect(compareDates('2022-10-01', '2022-09-30')).toBeGreaterThan(0);
  });

  it('day numbers agree with Date.UTC for every day 1900-2100', () => {
    for (let ms = Date.UTC(1900, 0, 1); ms <= Date.UTC(2100, 11, 31); ms += 86_400_000) {
      const iso = new Date(ms).toISOString().slice(0, 10);
      const n = ms / 86_400_000;
      if (toDayNumber(iso) !== n || fromDayNumber(n) !== iso) expect(iso).toBe(`day number ${n}`);
    }
  });

  it('hoursBetween reads a missing start time as 00:00 and a missing end time as 23:59', () => {
    // the 72-hour return-interview rule: both days without times is within 72 hours
    expect(hoursBetween('2022-03-13', null, '2022-03-15', null)).toBeLessThanOrEqual(72);
    expect(hoursBetween('2022-03-13', null, '2022-03-15', null)).toBeCloseTo(71 + 59 / 60);
    expect(hoursBetween('2022-03-13', null, '2022-03-16', null)).toBeGreaterThan(72);
    expect(hoursBetween('2022-03-13', '18:30', '2022-03-16', '18:30')).toBe(72);
    expect(hoursBetween('2022-03-13', '18:30', '2022-03-16', '18:31')).toBeGreaterThan(72);
    expect(hoursBetween('2022-03-13', '22:00', '2022-03-16', null)).toBeCloseTo(73 + 59 / 60);
    expect(hoursBetween('2022-03-13', null, '2022-03-13', '06:00')).toBe(6);
    expect(hoursBetween('2022-03-26', '12:00', '2022-03-27', '12:00')).toBe(24); // clocks change: still civil hours
    expect(hoursBetween('2022-03-15', '10:00', '2022-03-13', '10:00')).toBe(-48);
    expect(() => hoursBetween('2022-03-13', '25:00', '2022-03-15', null)).toThrow(RangeError);
  });

  it('formats dates in English without the locale', () => {
    expect(formatShortDate('2021-09-02')).toBe('Thu 2 Sep');
    expect(formatLongDate('2021-09-02')).toBe('Thu 2 Sep 2021');
    expect(formatShortDate('2022-12-25')).toBe('Sun 25 Dec');
    expect(formatLongDate('2024-02-29')).toBe('Thu 29 Feb 2024');
    expect(formatShortDate('2022-05-02')).toBe('Mon 2 May');
  });

  it('todayIso is a valid date from the local clock', () => {
    const today = todayIso();
    expect(parseIsoDate(today)).toBe(today);
    const now = new Date();
    expect(Number(today.slice(0, 4))).toBe(now.getFullYear());
  });
});

describe('performance', () => {
  it('addWorkingDays over 45 days takes microseconds once the year is cached', () => {
    cal.addWorkingDays('2022-03-07', 45); // warm the 2022 cache
    const runs = 20_000;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) cal.addWorkingDays('2022-03-07', 45);
    const microseconds = ((performance.now() - t0) * 1000) / runs;
    expect(microseconds).toBeLessThan(50); // typically a few µs; generous bound for slow CI
  });
});
