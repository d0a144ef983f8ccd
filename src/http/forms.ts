import { z } from 'zod';
import type { FieldProblem, ProblemDetails } from '../shared/problems.ts';
import { invalidInput } from '../shared/problems.ts';

/** What the NHS.UK error summary and field error messages need, from a problem. */
export function formErrors(problem: ProblemDetails | undefined) {
  const errors = problem?.errors ?? [];
  return {
    errorList: problem
      ? errors.length
        ? errors.map((error) => ({ text: error.message, href: `#${error.field}` }))
        : [{ text: problem.detail }]
      : [],
    fieldErrors: Object.fromEntries(errors.map((error) => [error.field, { text: error.message }])),
  };
}

/** Validates a form post with the same zod schema the API uses; throws a field-naming problem. */
export function parseForm<T extends z.ZodType>(schema: T, body: unknown): z.output<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const errors: FieldProblem[] = result.error.issues.map((issue) => ({
    field: issue.path.join('.') || 'form',
    message: issue.message,
  }));
  throw invalidInput(errors);
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
 * value, and never anything but text.
 */
export function submittedFormValues(
  body: unknown,
  fields: readonly string[],
  maximumLength: number,
): Record<string, string> {
  const record = (body ?? {}) as Record<string, unknown>;
  return Object.fromEntries(
    fields.map((field) => {
      const value = record[field];
      return [field, typeof value === 'string' ? value.slice(0, maximumLength) : ''];
    }),
  );
}

/** `?changed=…` after a form post: which success notice the page shows. */
export const changedQuerySchema = z.object({ changed: z.string().max(20).optional() });
