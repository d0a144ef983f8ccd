/**
 * A calendar date in words, as minutes, notes and their PDFs say it. One home, below every
 * capability, so decisions (the advice note) and minutes say dates alike without one importing
 * the other.
 */
const longDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "10 December 2026", from a London calendar date (YYYY-MM-DD). */
export function longDateText(isoDate: string): string {
  return longDate.format(new Date(`${isoDate}T12:00:00Z`));
}
