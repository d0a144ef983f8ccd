/**
 * A London wall-clock date and time from the form ("2026-12-10" and "14:00") as an instant: the
 * secretariat thinks in London time, the record is kept in UTC.
 */
export function londonInstant(date: string, time: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date) || !/^\d{2}:\d{2}$/.test(time)) return `${date}T${time}`;
  const asUtc = new Date(`${date}T${time}:00Z`);
  if (Number.isNaN(asUtc.getTime())) return `${date}T${time}`;
  // London is UTC or UTC+1; the offset at that wall-clock time is found by formatting it there.
  const londonParts = new Intl.DateTimeFormat('en-GB', {
    timeZone: 'Europe/London',
    hour: '2-digit',
    hourCycle: 'h23',
  }).format(asUtc);
  const offsetHours = (Number(londonParts) - asUtc.getUTCHours() + 24) % 24;
  return new Date(asUtc.getTime() - offsetHours * 3_600_000).toISOString();
}
