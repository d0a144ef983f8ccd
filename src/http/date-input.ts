/**
 * The NHS.UK date input (issue 22, item 5): a form asks for a date as three fields — day, month
 * and year, posted as `name[day]`, `name[month]` and `name[year]` — and this turns them into the
 * ISO date the schemas (and the API, which keeps ISO dates) read, or into the error the NHS.UK
 * design system gives: "Enter a real date", "The date must include a month".
 */
import { earliestDate, latestDate } from '../shared/input.ts';

export const dateParts = ['day', 'month', 'year'] as const;
export type DatePart = (typeof dateParts)[number];

export type DateReading =
  /** Nothing was entered: the schema decides whether the date was needed. */
  | { kind: 'empty' }
  | { kind: 'date'; iso: string }
  | { kind: 'problem'; message: string; parts: DatePart[] };

const monthNames = [
  'january',
  'february',
  'march',
  'april',
  'may',
  'june',
  'july',
  'august',
  'september',
  'october',
  'november',
  'december',
];

const spokenDate = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'UTC',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});

/** "1900-01-01" reads "1 January 1900". */
function inWords(iso: string): string {
  return spokenDate.format(new Date(`${iso}T00:00:00Z`));
}

function listed(parts: DatePart[]): string {
  if (parts.length === 1) return `a ${parts[0]}`;
  return `a ${parts.slice(0, -1).join(', a ')} and a ${parts.at(-1)}`;
}

/** A month as a number, or as its name or first three letters ("Mar", "march"). */
function monthNumber(text: string): number | undefined {
  if (/^\d{1,2}$/.test(text)) return Number(text);
  const word = text.toLowerCase();
  const index = monthNames.findIndex(
    (name) => name === word || (word.length >= 3 && name.startsWith(word)),
  );
  return index < 0 ? undefined : index + 1;
}

/** Day, month and year as typed, read as one calendar date or the problem with them. */
export function readDateParts(typed: Partial<Record<DatePart, string>>): DateReading {
  const text = Object.fromEntries(
    dateParts.map((part) => [part, (typed[part] ?? '').trim()]),
  ) as Record<DatePart, string>;
  const missing = dateParts.filter((part) => text[part] === '');
  if (missing.length === dateParts.length) return { kind: 'empty' };
  if (missing.length) {
    return { kind: 'problem', message: `The date must include ${listed(missing)}`, parts: missing };
  }
  const month = monthNumber(text.month);
  const wrong: DatePart[] = [];
  if (!/^\d{1,2}$/.test(text.day)) wrong.push('day');
  if (month === undefined) wrong.push('month');
  if (!/^\d+$/.test(text.year)) wrong.push('year');
  if (wrong.length) return { kind: 'problem', message: 'Enter a real date', parts: wrong };
  if (text.year.length !== 4) {
    return { kind: 'problem', message: 'Year must include 4 numbers', parts: ['year'] };
  }
  const day = Number(text.day);
  const year = Number(text.year);
  const date = new Date(Date.UTC(year, (month as number) - 1, day));
  if (date.getUTCMonth() !== (month as number) - 1 || date.getUTCDate() !== day) {
    return { kind: 'problem', message: 'Enter a real date', parts: ['day', 'month', 'year'] };
  }
  const iso = `${text.year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  if (iso < earliestDate || iso > latestDate) {
    return {
      kind: 'problem',
      message: `The date must be between ${inWords(earliestDate)} and ${inWords(latestDate)}`,
      parts: ['year'],
    };
  }
  return { kind: 'date', iso };
}

/** The key a date's part is posted under: `dueOn[day]`. */
export function datePartKey(field: string, part: DatePart | 'problem'): string {
  return `${field}[${part}]`;
}

/**
 * The form's date fields read from their parts, into the values a page validates: `field` holds
 * the ISO date (or "" when none could be read), the parts are kept to show again, and a problem
 * is kept under `field[problem]` for parseForm to report in place of the schema's message.
 * A field posted whole (an ISO date, as the tests and the API send it) is left as it is.
 */
export function withDatesFromParts(
  body: Record<string, unknown>,
  fields: readonly string[],
  maximumLength = 20,
): Record<string, string> {
  const values: Record<string, string> = {};
  for (const field of fields) {
    const posted = dateParts.map((part) => body[datePartKey(field, part)]);
    if (posted.every((part) => part === undefined)) continue;
    const typed = Object.fromEntries(
      dateParts.map((part, index) => {
        const value = posted[index];
        return [part, typeof value === 'string' ? value.slice(0, maximumLength) : ''];
      }),
    ) as Record<DatePart, string>;
    for (const part of dateParts) values[datePartKey(field, part)] = typed[part];
    const reading = readDateParts(typed);
    values[field] = reading.kind === 'date' ? reading.iso : '';
    if (reading.kind === 'problem') values[datePartKey(field, 'problem')] = reading.message;
  }
  return values;
}

/** Whether a form value's key is a date's part or problem rather than a field of the schema. */
export function isDatePartKey(key: string): boolean {
  return /\[(day|month|year|problem)\]$/.test(key);
}

/** The schema's message for a date typed in parts, without the API's "as YYYY-MM-DD". */
export function messageForDateParts(message: string): string {
  const plain = message.replace(/,? as YYYY-MM-DD.*$/i, '').replace(/\.$/, '');
  if (/^Enter a date from /.test(plain)) {
    return `The date must be between ${inWords(earliestDate)} and ${inWords(latestDate)}`;
  }
  return plain;
}

/**
 * For a GET form's query (a filter by date): each date sent in parts becomes its ISO date, is
 * left out when no part was typed, and otherwise is what was typed, for the schema to refuse.
 */
export function withDatesInQuery(fields: readonly string[]) {
  return (query: unknown): unknown => {
    if (typeof query !== 'object' || query === null) return query;
    const record = query as Record<string, unknown>;
    const read = withDatesFromParts(record, fields);
    const result: Record<string, unknown> = Object.fromEntries(
      Object.entries(record).filter(([key]) => !isDatePartKey(key)),
    );
    for (const field of fields) {
      if (!(datePartKey(field, 'day') in read)) continue;
      const typed = dateParts.map((part) => read[datePartKey(field, part)]).join('/');
      if (read[datePartKey(field, 'problem')]) result[field] = typed;
      else if (read[field]) result[field] = read[field];
      else delete result[field];
    }
    return result;
  };
}

/** A route's preValidation hook doing withDatesInQuery to the request's query, in place. */
export function readDatesInQuery(fields: readonly string[]) {
  const rewrite = withDatesInQuery(fields);
  return async (request: { query: unknown }): Promise<void> => {
    const query = request.query;
    if (typeof query !== 'object' || query === null) return;
    const record = query as Record<string, unknown>;
    const rewritten = rewrite(record) as Record<string, unknown>;
    for (const key of Object.keys(record)) delete record[key];
    Object.assign(record, rewritten);
  };
}
