import { z } from 'zod';
import type { FieldProblem } from './problems.ts';

/**
 * Input the database can hold ([decision 015](../../docs/decisions/015-input-the-database-can-hold.md)):
 * one range of dates for every schema, and the characters no text may carry.
 */

/**
 * The first and last dates any request may name. PostgreSQL has no year 0 and JavaScript writes
 * years past 9999 with a sign, so the extremes a schema let through used to fail in SQL; this
 * range leaves centuries either side for the app's own arithmetic (a series runs two years on,
 * terms add years) while covering any real governance record (the London data starts in 2002).
 */
export const earliestDate = '1900-01-01';
export const latestDate = '2999-12-31';
export const latestYear = Number(latestDate.slice(0, 4));

export const dateRangeMessage = `Enter a date from ${earliestDate} to ${latestDate}.`;

/**
 * Whether a date written YYYY-MM-DD lies in the accepted range. Anything else passes here: the
 * format check names it, and a second message about the range would only confuse.
 */
export function isWithinDateRange(date: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return true;
  return date >= earliestDate && date <= latestDate;
}

/** A calendar date, YYYY-MM-DD, that exists and lies in the accepted range. */
export function calendarDate(message: string) {
  return z.iso
    .date(message)
    .refine(isWithinDateRange, dateRangeMessage)
    .meta({ description: `A calendar date, YYYY-MM-DD, from ${earliestDate} to ${latestDate}.` });
}

/** An instant with its offset (2026-12-10T14:00:00Z), its date in the accepted range. */
export function dateTime(message: string) {
  return z.iso
    .datetime({ offset: true, message })
    .refine((value) => isWithinDateRange(value.slice(0, 10)), dateRangeMessage)
    .meta({
      description: `A date and time with its offset (ISO 8601), on a date from ${earliestDate} to ${latestDate}.`,
    });
}

/**
 * What in a text neither PostgreSQL nor JSON can hold, described for the person who sent it:
 * NUL (U+0000), which PostgreSQL text refuses, and a lone UTF-16 surrogate (half of a pair),
 * which is not Unicode at all and which jsonb refuses. Undefined when the text is storable.
 */
export function unstorableCharacterIn(text: string): string | undefined {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code === 0) return 'Remove the NUL character (U+0000): text cannot contain one.';
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        index++;
        continue;
      }
    }
    if (code >= 0xd800 && code <= 0xdfff) {
      const hex = code.toString(16).toUpperCase();
      return `Remove the unpaired surrogate (U+${hex}): text must be valid Unicode.`;
    }
  }
  return undefined;
}

/**
 * Text made only of invisible characters — zero-width spaces (U+200B), word joiners (U+2060),
 * direction overrides (U+202E) and other format characters, with or without spaces — says nothing
 * a reader can see, yet would pass a "not empty" check and show as a blank name or reason.
 * Whitespace alone is left to each field (an empty optional field is often sent as spaces).
 */
export function invisibleOnlyTextIn(text: string): string | undefined {
  if (!/\p{Cf}/u.test(text) || /[^\s\p{Cf}\p{Z}]/u.test(text)) return undefined;
  return 'Type words a reader can see: this text is made only of invisible characters.';
}

/** A string that cannot be stored, with the path to it (keys and list positions). */
export interface UnstorableText {
  path: (string | number)[];
  message: string;
}

interface Visit {
  value: unknown;
  key: string | number | undefined;
  parent: Visit | undefined;
}

function pathOf(visit: Visit | undefined): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at = visit; at?.key !== undefined; at = at.parent) path.unshift(at.key);
  return path;
}

/**
 * Every string in a parsed value (a request's body, query or path; a parsed YAML document) that
 * cannot be stored, field names included, in document order. Walks breadth first without
 * recursion, and builds a path only for what it finds, so however deeply a value nests it can
 * exhaust neither the stack nor memory.
 */
export function findUnstorableText(value: unknown): UnstorableText[] {
  const found: UnstorableText[] = [];
  const pending: Visit[] = [{ value, key: undefined, parent: undefined }];
  for (let next = 0; next < pending.length; next++) {
    const visit = pending[next]!;
    const current = visit.value;
    if (typeof current === 'string') {
      const message = unstorableCharacterIn(current) ?? invisibleOnlyTextIn(current);
      if (message) found.push({ path: pathOf(visit), message });
    } else if (Array.isArray(current)) {
      current.forEach((item, index) => {
        pending.push({ value: item, key: index, parent: visit });
      });
    } else if (current && typeof current === 'object' && !Buffer.isBuffer(current)) {
      for (const [key, item] of Object.entries(current)) {
        const keyMessage = unstorableCharacterIn(key);
        if (keyMessage) found.push({ path: pathOf(visit), message: `A field name: ${keyMessage}` });
        else pending.push({ value: item, key, parent: visit });
      }
    }
  }
  return found;
}

/** The same, as problems naming each field as the client wrote it (`items.0.title`). */
export function unstorableTextProblems(value: unknown): FieldProblem[] {
  return findUnstorableText(value).map(({ path, message }) => ({
    field: path.join('.') || 'body',
    message,
  }));
}
