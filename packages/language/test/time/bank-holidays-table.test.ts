import { describe, expect, it } from 'vitest';
import Holidays from 'date-holidays';
import { bankHolidaysOfYear } from '../../src/time/index.js';
// @ts-expect-error: a plain ES module script without type declarations
import { FIRST_YEAR, LAST_YEAR, libraryBankHolidays } from '../../scripts/generate-bank-holidays.mjs';

/**
 * bankHolidaysOfYear reads a table generated at build time from date-holidays (the library is too slow to load
 * in a CLI start); this checks that the table still says what the library says, for every year it covers, so
 * an upgrade of the library without a rebuild shows here. working-days.test.ts checks both against gov.uk.
 */
describe('the generated bank-holiday table', () => {
  it('matches date-holidays for every year 1971-2100', () => {
    const england = new Holidays('GB', 'ENG');
    expect([FIRST_YEAR, LAST_YEAR]).toEqual([1971, 2100]);
    for (let year: number = FIRST_YEAR; year <= LAST_YEAR; year++) {
      expect([...bankHolidaysOfYear(year)], String(year)).toEqual([...new Set(libraryBankHolidays(england, year))]);
    }
  });

  it('has no bank holidays outside 1971-2100', () => {
    for (const year of [1900, 1970, 2101, 2150, 202]) expect(bankHolidaysOfYear(year).size).toBe(0);
  });
});
