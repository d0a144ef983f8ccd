/**
 * Engine calls never guess. When the facts given do not fit the constitution (a member holding a
 * seat the constitution does not define, a vote from someone who is not there), the call returns
 * a typed error instead of an outcome, naming the fact and, where one applies, the clause.
 */

/** A path into the facts (or constitution) that an error is about, e.g. `['members', 3, 'role']`. */
export type FactPath = ReadonlyArray<string | number>;

export type EngineErrorCode =
  | 'invalid-facts'
  | 'duplicate-id'
  | 'unknown-role'
  | 'unknown-member'
  | 'unknown-sector'
  | 'missing-sector'
  | 'sector-mismatch'
  | 'voting-mismatch'
  | 'unknown-organisation'
  | 'duplicate-attendance'
  | 'deputy-rule-missing'
  | 'chair-mismatch'
  | 'presiding-member-invalid'
  | 'unknown-method'
  | 'unknown-kind'
  | 'method-not-votable'
  | 'electorate-mismatch'
  | 'unknown-voter'
  | 'duplicate-vote'
  | 'voter-not-present'
  | 'missing-share'
  | 'missing-attendance'
  | 'casting-vote-invalid'
  | 'sense-of-meeting-invalid'
  | 'unknown-dispute-category'
  | 'unknown-dispute-step'
  | 'dispute-history-invalid'
  | 'different-bodies'
  | 'invalid-date'
  | 'no-version-in-force';

/** A typed error: a code for programs, a message a person can act on, and what it is about. */
export interface EngineError {
  readonly code: EngineErrorCode;
  readonly message: string;
  /** Where in the facts the problem is, when it is about one fact. */
  readonly path?: FactPath;
  /** The clause the facts failed to fit, when one applies. */
  readonly clause?: string;
}

/** Either the outcome of an engine call or every error that prevented one. */
export type EngineResult<T> =
  | { readonly ok: true; readonly value: T }
  | { readonly ok: false; readonly errors: readonly EngineError[] };

export function success<T>(value: T): EngineResult<T> {
  return { ok: true, value };
}

export function failure<T = never>(errors: readonly EngineError[]): EngineResult<T> {
  return { ok: false, errors };
}

export function engineError(
  code: EngineErrorCode,
  message: string,
  details: { path?: FactPath; clause?: string } = {},
): EngineError {
  return { code, message, ...details };
}
