import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, dayNumber, daysBetween, fromDayNumber, isIsoDate } from './calendar.ts';

describe('calendar dates without the clock', () => {
  it('recognises real dates only', () => {
    expect(isIsoDate('2008-02-29')).toBe(true);
    expect(isIsoDate('2007-02-29')).toBe(false);
    expect(isIsoDate('2000-02-29')).toBe(true);
    expect(isIsoDate('1900-02-29')).toBe(false);
    expect(isIsoDate('2008-13-01')).toBe(false);
    expect(isIsoDate('2008-9-1')).toBe(false);
  });

  it('counts days across month and year ends', () => {
    expect(dayNumber('1970-01-01')).toBe(0);
    expect(addDays('2008-02-28', 1)).toBe('2008-02-29');
    expect(addDays('2008-12-31', 1)).toBe('2009-01-01');
    expect(daysBetween('2008-09-01', '2008-09-30')).toBe(29);
  });

  it('property: agrees with UTC day arithmetic and round-trips', () => {
    fc.assert(
      fc.property(fc.integer({ min: -200_000, max: 200_000 }), (days) => {
        const date = fromDayNumber(days);
        expect(isIsoDate(date)).toBe(true);
        expect(dayNumber(date)).toBe(days);
        // Date.UTC with arguments is pure arithmetic; it is used here only as an oracle.
        const [year, month, day] = date.split('-').map(Number) as [number, number, number];
        expect(Date.UTC(year, month - 1, day) / 86_400_000).toBe(days);
      }),
    );
  });
});
