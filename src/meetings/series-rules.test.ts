import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  describeRepetition,
  londonDateAndTime,
  londonWallClock,
  seriesDates,
  weekdayOf,
  weekdayOfMonth,
} from './series-rules.ts';

describe('2006 §108: "The London Commissioning Group will meet monthly" — on the same weekday of each month', () => {
  it('repeats the second Thursday of December 2026 into January and February 2027', () => {
    expect(seriesDates('2026-12-10', 'month', 3)).toEqual([
      '2026-12-10',
      '2027-01-14',
      '2027-02-11',
    ]);
    expect(describeRepetition('2026-12-10', 'month')).toBe(
      'on the second Thursday of the month, every month',
    );
  });

  it('crosses the year and month ends without drifting to a different weekday', () => {
    // 1 January 2027 is a Friday, so the first Friday of January is the 1st.
    expect(seriesDates('2026-11-06', 'month', 3)).toEqual([
      '2026-11-06',
      '2026-12-04',
      '2027-01-01',
    ]);
  });

  it('takes a fifth weekday as the last one, since most months have no fifth Thursday', () => {
    expect(weekdayOfMonth('2026-12-31')).toEqual({ weekday: 4, week: 'last' });
    expect(seriesDates('2026-12-31', 'month', 3)).toEqual([
      '2026-12-31',
      '2027-01-28',
      '2027-02-25',
    ]);
    expect(seriesDates('2027-01-29', 'month', 3)).toEqual([
      '2027-01-29',
      '2027-02-26',
      '2027-03-26',
    ]);
    expect(describeRepetition('2026-12-31', 'month')).toBe(
      'on the last Thursday of the month, every month',
    );
  });

  it('keeps a fourth weekday the fourth, even in a month that has a fifth', () => {
    // 25 February 2027 is the fourth (and last) Thursday; April 2027 has five Thursdays.
    expect(seriesDates('2027-02-25', 'month', 3)).toEqual([
      '2027-02-25',
      '2027-03-25',
      '2027-04-22',
    ]);
  });

  it('handles February in a leap year', () => {
    expect(seriesDates('2028-01-31', 'month', 2)).toEqual(['2028-01-31', '2028-02-28']);
  });
});

describe('the other cadences a constitution may set', () => {
  it('weekly: every seven days', () => {
    expect(seriesDates('2026-12-10', 'week', 4)).toEqual([
      '2026-12-10',
      '2026-12-17',
      '2026-12-24',
      '2026-12-31',
    ]);
  });

  it('quarterly: the same weekday of the month, every third month', () => {
    expect(seriesDates('2026-12-10', 'quarter', 3)).toEqual([
      '2026-12-10',
      '2027-03-11',
      '2027-06-10',
    ]);
  });

  it('yearly: the same weekday of the same month', () => {
    expect(seriesDates('2027-07-08', 'year', 2)).toEqual(['2027-07-08', '2028-07-13']);
  });

  it('refuses a malformed first date or count rather than guessing', () => {
    expect(() => seriesDates('2027-02-30', 'month', 2)).toThrow(RangeError);
    expect(() => seriesDates('2027-02-01', 'month', 0)).toThrow(RangeError);
  });

  it('every occurrence falls on the first one’s weekday, in order, one step apart', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2099-12-31T00:00:00Z') }),
        fc.constantFrom('week', 'month', 'quarter', 'year' as const),
        fc.integer({ min: 1, max: 24 }),
        (instant, every, count) => {
          fc.pre(!Number.isNaN(instant.getTime()));
          const first = instant.toISOString().slice(0, 10);
          const dates = seriesDates(first, every, count);
          expect(dates).toHaveLength(count);
          expect(dates[0]).toBe(first);
          for (const [index, date] of dates.entries()) {
            expect(weekdayOf(date)).toBe(weekdayOf(first));
            if (index > 0) expect(date > dates[index - 1]!).toBe(true);
            if (every !== 'week') {
              const months = { month: 1, quarter: 3, year: 12 }[every];
              const [year, month] = first.split('-').map(Number) as [number, number];
              const expectedIndex = year * 12 + month - 1 + index * months;
              const [gotYear, gotMonth] = date.split('-').map(Number) as [number, number];
              expect(gotYear * 12 + gotMonth - 1).toBe(expectedIndex);
            }
          }
        },
      ),
    );
  });
});

describe('London wall-clock times across the changes between GMT and BST', () => {
  it('a 14:00 meeting is 14:00 UTC in winter and 13:00 UTC in summer', () => {
    const dates = seriesDates('2027-02-11', 'month', 3);
    expect(dates.map((date) => londonWallClock(date, '14:00')?.toISOString())).toEqual([
      '2027-02-11T14:00:00.000Z',
      '2027-03-11T14:00:00.000Z',
      '2027-04-08T13:00:00.000Z',
    ]);
  });

  it('goes back to GMT after the last Sunday of October', () => {
    expect(londonWallClock('2027-10-14', '14:00')?.toISOString()).toBe('2027-10-14T13:00:00.000Z');
    expect(londonWallClock('2027-11-11', '14:00')?.toISOString()).toBe('2027-11-11T14:00:00.000Z');
  });

  it('reads the repeated hour in October as the first (summer) one, and the missing hour in March at GMT', () => {
    expect(londonWallClock('2027-10-31', '01:30')?.toISOString()).toBe('2027-10-31T00:30:00.000Z');
    expect(londonWallClock('2027-03-28', '01:30')?.toISOString()).toBe('2027-03-28T01:30:00.000Z');
  });

  it('refuses what is not a date and a 24-hour time', () => {
    expect(londonWallClock('2027-02-30', '14:00')).toBeUndefined();
    expect(londonWallClock('2027-02-11', '2pm')).toBeUndefined();
    expect(londonWallClock('2027-02-11', '24:00')).toBeUndefined();
  });

  it('says the time as London shows it', () => {
    expect(londonDateAndTime(new Date('2027-04-08T13:00:00Z'))).toBe('8 April 2027 14:00');
    expect(londonDateAndTime(new Date('2026-12-10T14:00:00Z'))).toBe('10 December 2026 14:00');
  });
});
