import { z } from 'zod';
import type { FieldProblem, ProblemDetails } from '../shared/problems.ts';
import { invalidInput } from '../shared/problems.ts';
import {
  datePartKey,
  isDatePartKey,
  messageForDateParts,
  withDatesFromParts,
} from './date-input.ts';

/**
 * What the NHS.UK error summary and field error messages need, from a problem: one message per
 * field, the first found, as the design system shows it.
 */
export function formErrors(problem: ProblemDetails | undefined) {
  const seen = new Set<string>();
  const errors = (problem?.errors ?? []).filter((error) => {
    if (seen.has(error.field)) return false;
    seen.add(error.field);
    return true;
  });
  return {
    errorList: problem
      ? errors.length
        ? errors.map((error) => ({ text: error.message, href: `#${error.field}` }))
        : [{ text: problem.detail }]
      : [],
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.message }])),
  };
}

/**
 * Validates a form post with the same zod schema the API uses; throws a field-naming problem.
 * A date typed in three fields (submittedFormValues read it) is validated as the ISO date it
 * makes; where its parts could not make one, their problem is reported instead of the schema's.
 */
export function parseForm<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const record = (body ?? {}) as Record<string, unknown>;
  const fields = Object.fromEntries(Object.entries(record).filter(([key]) => !isDatePartKey(key)));
  const typedInParts = (field: string) => datePartKey(field, 'day') in record;
  const dateProblems: FieldProblem[] = Object.entries(record)
    .filter(([key, value]) => key.endsWith('[problem]') && typeof value === 'string')
    .map(([key, value]) => ({ field: key.slice(0, -'[problem]'.length), message: String(value) }));
  const result = schema.safeParse(isRecordLike(body) ? fields : body);
  if (result.success && !dateProblems.length) return result.data;
  const withDateProblem = new Set(dateProblems.map((problem) => problem.field));
  const schemaProblems: FieldProblem[] = (result.success ? [] : result.error.issues)
    .map((issue) => {
      const field = issue.path.join('.') || 'form';
      return {
        field,
        message: typedInParts(field) ? messageForDateParts(issue.message) : issue.message,
      };
    })
    .filter((problem) => !withDateProblem.has(problem.field));
  throw invalidInput([...dateProblems, ...schemaProblems]);
}

function isRecordLike(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Resolves paths against an origin of its own; it is never sent anywhere. */
const returnPathBase = 'https://concordat.invalid';

/**
 * The one check for a redirect target taken from input (a `returnTo`): it gives a path on this
 * site or, failing that, "/". The candidate is normalised first, as a browser would resolve it,
 * and the check runs on that result: "/.//evil.example" is only a path until its dot segment is
 * removed, and is then "//evil.example", which a browser reads as another host (issue 20).
 * Control characters and backslashes are refused before parsing rather than left to the parser,
 * which drops tabs and newlines and reads "\" as "/"; a path starting "//" or "/\" after
 * normalisation names another host, so it is refused even when the parser kept it on this one.
 */
export function safeReturnPath(candidate: unknown): string {
  const fallback = '/';
  if (typeof candidate !== 'string' || !candidate.startsWith('/')) return fallback;
  if ([...candidate].some(isUnsafeInPath)) return fallback;
  let url: URL;
  try {
    url = new URL(candidate, returnPathBase);
  } catch {
    return fallback;
  }
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (url.origin !== returnPathBase || /^\/[/\\]/.test(path)) return fallback;
  return path;
}

function isUnsafeInPath(character: string): boolean {
  const code = character.charCodeAt(0);
  return code < 0x20 || code === 0x7f || character === '\\';
}

/**
 * Text fields as the form sent them, to show again beside the errors: never longer than any valid
 * value, and never anything but text. A date sent as day, month and year (the NHS.UK date input)
 * becomes its ISO date under the field's name, its parts kept to show again (date-input.ts).
 */
export function submittedFormValues(
  body: unknown,
  fields: readonly string[],
  maximumLength: number,
): Record<string, string> {
  const record = (body ?? {}) as Record<string, unknown>;
  const values = Object.fromEntries(
    fields.map((field) => {
      const value = record[field];
      return [field, typeof value === 'string' ? value.slice(0, maximumLength) : ''];
    }),
  );
  return { ...values, ...withDatesFromParts(record, fields) };
}

/** `?changed=…` after a form post: which success notice the page shows. */
export const changedQuerySchema = z.object({ changed: z.string().max(20).optional() });

/**
 * The parts (and problem) of the dates typed in three fields, from submitted values: for a page
 * that passes parseForm a record of its own making, or shows a row's form again under the row's
 * names (`rename` gives a field's name in the row, as `completedOn-<id>`).
 */
export function datePartsIn(
  values: Record<string, string>,
  rename: (field: string) => string = (field) => field,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([key]) => isDatePartKey(key))
      .map(([key, value]) => {
        const [, field, part] = /^(.+)(\[[a-z]+\])$/.exec(key) ?? [];
        return [`${rename(field ?? key)}${part ?? ''}`, value];
      }),
  );
}
