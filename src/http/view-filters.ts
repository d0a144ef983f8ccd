import nunjucks, { type Environment } from 'nunjucks';

const londonDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const londonDateTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const wholeNumber = new Intl.NumberFormat('en-GB');

/** Filters the templates share: times are stored UTC and shown in Europe/London. */
export function registerViewFilters(environment: Environment): void {
  environment.addFilter('londonDate', (value: string | Date | null | undefined) => {
    if (!value) return '';
    // A bare ISO date is a calendar date, not an instant: read it at midday UTC so no zone shifts it.
    const instant =
      typeof value === 'string' && value.length === 10
        ? new Date(`${value}T12:00:00Z`)
        : new Date(value);
    return londonDate.format(instant);
  });
  environment.addFilter('londonDateTime', (value: Date | string | null | undefined) =>
    value ? londonDateTime.format(new Date(value)) : '',
  );
  // "10 December 2026 14:00": how a meeting's time is said in prose (moved from…, notices).
  environment.addFilter('londonDayAndTime', (value: Date | string | null | undefined) =>
    value ? `${londonDate.format(new Date(value))} ${londonTime.format(new Date(value))}` : '',
  );
  // Constitution text is written by people who may quote a field as `base`: a page shows the word.
  environment.addFilter('plainWords', (value: string | null | undefined) =>
    value ? withoutCodeMarks(value) : '',
  );
  environment.addFilter('wholeNumber', (value: number | null | undefined) =>
    value === null || value === undefined ? '' : wholeNumber.format(value),
  );
  // Nunjucks' own trim is the regular expression /^\s*|\s*$/g, which takes time quadratic in
  // each run of spaces; the NHS.UK components trim whole rendered components (a table, a select
  // of every person) with it, and it was the largest single cost of the members page.
  environment.addFilter('trim', linearTrim);
}

/** Nunjucks' trim in linear time, keeping a SafeString safe as its own does. */
export function linearTrim(value: unknown): unknown {
  const trimmed = String(value).trim();
  return value instanceof nunjucks.runtime.SafeString
    ? new nunjucks.runtime.SafeString(trimmed)
    : trimmed;
}

/** Markdown's code marks taken out, the words kept: "sets `base`" reads "sets base". */
export function withoutCodeMarks(text: string): string {
  return text.replace(/`+([^`]*)`+/g, '$1').replaceAll('`', '');
}
