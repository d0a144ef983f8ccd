/**
 * How a series of meetings repeats, and how a London wall-clock time becomes an instant. Pure:
 * dates are ISO strings and arithmetic is the engine's day numbers, so the results do not depend
 * on the machine's time zone. The choice of "same weekday of the month" is recorded in
 * docs/decisions/008-meeting-series.md.
 */
import { addDays, isIsoDate } from '../governance/index.ts';

/** The cadences a series can follow; `asRequired` has no pattern to repeat. */
export type RepeatingCadence = 'week' | 'month' | 'quarter' | 'year';

export const maximumOccurrences = 24;

const weekdayNames = [
  'Sunday',
  'Monday',
  'Tuesday',
  'Wednesday',
  'Thursday',
  'Friday',
  'Saturday',
] as const;
const ordinals = ['first', 'second', 'third', 'fourth'] as const;

const monthsBetweenOccurrences: Record<Exclude<RepeatingCadence, 'week'>, number> = {
  month: 1,
  quarter: 3,
  year: 12,
};

function parts(date: string): { year: number; month: number; day: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return { year, month, day };
}

function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function daysInMonth(year: number, month: number): number {
  // Day 0 of the next month is the last day of this one; UTC keeps the zone out of it.
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** 0 = Sunday … 6 = Saturday, for a calendar date. */
export function weekdayOf(date: string): number {
  const { year, month, day } = parts(date);
  return new Date(Date.UTC(year, month - 1, day)).getUTCDay();
}

/**
 * Which weekday of its month a date is: the second Thursday is `{ weekday: 4, week: 2 }`. A date
 * in the last seven days that is also a fifth weekday is `week: 'last'`, because most months have
 * no fifth Thursday; a fourth weekday stays the fourth even when it is also the last.
 */
export function weekdayOfMonth(date: string): { weekday: number; week: 1 | 2 | 3 | 4 | 'last' } {
  const { day } = parts(date);
  const week = Math.ceil(day / 7);
  return { weekday: weekdayOf(date), week: week >= 5 ? 'last' : (week as 1 | 2 | 3 | 4) };
}

/** The date of the nth (or last) given weekday in a month. */
export function nthWeekdayOfMonth(
  year: number,
  month: number,
  weekday: number,
  week: 1 | 2 | 3 | 4 | 'last',
): string {
  if (week === 'last') {
    const last = daysInMonth(year, month);
    const lastWeekday = weekdayOf(isoDate(year, month, last));
    return isoDate(year, month, last - ((lastWeekday - weekday + 7) % 7));
  }
  const firstWeekday = weekdayOf(isoDate(year, month, 1));
  return isoDate(year, month, 1 + ((weekday - firstWeekday + 7) % 7) + (week - 1) * 7);
}

/**
 * The dates of a series starting on `firstDate`: weekly on the same weekday; monthly, quarterly
 * or yearly on the same weekday of the month as the first ("the second Thursday"), as NHS boards
 * usually set their year's meetings.
 */
export function seriesDates(firstDate: string, every: RepeatingCadence, count: number): string[] {
  if (!isIsoDate(firstDate)) throw new RangeError(`not an ISO date: ${firstDate}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`not a count: ${count}`);
  if (every === 'week') {
    return Array.from({ length: count }, (_, index) => addDays(firstDate, index * 7));
  }
  const step = monthsBetweenOccurrences[every];
  const { year, month } = parts(firstDate);
  const { weekday, week } = weekdayOfMonth(firstDate);
  return Array.from({ length: count }, (_, index) => {
    const monthIndex = month - 1 + index * step;
    const occurrenceYear = year + Math.floor(monthIndex / 12);
    const occurrenceMonth = (monthIndex % 12) + 1;
    return nthWeekdayOfMonth(occurrenceYear, occurrenceMonth, weekday, week);
  });
}

/** "every week on Thursday", "on the second Thursday of every month", … for the page and audit. */
export function describeRepetition(firstDate: string, every: RepeatingCadence): string {
  const { weekday, week } = weekdayOfMonth(firstDate);
  const day = weekdayNames[weekday];
  if (every === 'week') return `every ${day}`;
  const which = week === 'last' ? 'last' : ordinals[week - 1];
  const period = { month: 'every month', quarter: 'every third month', year: 'every year' }[every];
  return `on the ${which} ${day} of the month, ${period}`;
}

/**
 * A London wall-clock date and time ("2027-04-08", "14:00") as the UTC instant it names: London
 * is UTC in winter and UTC+1 in summer, so 14:00 is 14:00Z in January and 13:00Z in April. In
 * the hour the clocks go forward (which does not exist) the time is read at the winter offset;
 * in the hour repeated when they go back, the first (summer) one is meant.
 */
export function londonWallClock(date: string, time: string): Date | undefined {
  if (!isIsoDate(date) || !/^([01]\d|2[0-3]):[0-5]\d$/.test(time)) return undefined;
  const asUtc = new Date(`${date}T${time}:00Z`);
  // Try summer time first (UTC+1) so a repeated hour resolves to its first occurrence.
  for (const offsetHours of [1, 0]) {
    const candidate = new Date(asUtc.getTime() - offsetHours * 3_600_000);
    if (londonClockReading(candidate) === `${date}T${time}`) return candidate;
  }
  return asUtc;
}

const londonClock = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Europe/London',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** "2027-04-08T14:00": what a clock in London shows at an instant. */
export function londonClockReading(instant: Date): string {
  const values = Object.fromEntries(
    londonClock.formatToParts(instant).map((part) => [part.type, part.value]),
  );
  return `${values.year}-${values.month}-${values.day}T${values.hour}:${values.minute}`;
}

/** "10 December 2026 14:00", as the meeting page and the notices say it. */
export function londonDateAndTime(instant: Date): string {
  const date = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(instant);
  return `${date} ${londonClockReading(instant).slice(11)}`;
}
