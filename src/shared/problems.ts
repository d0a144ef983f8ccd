/**
 * Errors as values at the edges: every refusal carries a status, a stable code, words a person
 * can act on and the fields involved. The API renders it as RFC 9457 problem+json; pages render
 * it as the NHS.UK error summary.
 */
export interface FieldProblem {
  /** The request field at fault, as the client named it (`odsCode`, `sector`). */
  field: string;
  message: string;
}

export interface ProblemDetails {
  status: number;
  code: string;
  title: string;
  detail: string;
  errors?: FieldProblem[];
}

export class ProblemError extends Error {
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail);
    this.name = 'ProblemError';
    this.problem = problem;
  }
}

export function invalidInput(errors: FieldProblem[], detail?: string): ProblemError {
  return new ProblemError({
    status: 400,
    code: 'invalid-input',
    title: 'The request has invalid fields',
    // The detail is read by people (pages show it); each field is named in `errors` for programs.
    detail: detail ?? errors.map((error) => error.message).join(' '),
    errors,
  });
}

export function conflict(field: string, message: string): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'conflict',
    // A duplicate, or a record whose state forbids the change (frozen, closed, not yet decided).
    title: 'This clashes with the record as it stands',
    detail: message,
    errors: [{ field, message }],
  });
}

export function notFound(what: string, id: string): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: `No ${what} has the id ${id}.`,
  });
}

/** PostgreSQL's unique_violation, as raised by both pg and PGlite (possibly wrapped by Drizzle). */
export function isUniqueViolation(error: unknown): boolean {
  return hasPostgresErrorCode(error, '23505');
}

/** True when the error, or any error in its `cause` chain (Drizzle wraps the driver's), has that SQLSTATE. */
export function hasPostgresErrorCode(error: unknown, code: string): boolean {
  for (let current = error; current && typeof current === 'object'; ) {
    if ((current as { code?: unknown }).code === code) return true;
    current = (current as { cause?: unknown }).cause;
  }
  return false;
}

/**
 * The one catch a page or route needs: a refusal it can show the person comes back as a value;
 * anything else (a bug, a lost database) is rethrown for the error handler. It replaces the
 * `if (!(error instanceof ProblemError)) throw error` each catch used to repeat.
 */
export function asProblem(error: unknown): ProblemError {
  if (error instanceof ProblemError) return error;
  throw error;
}
