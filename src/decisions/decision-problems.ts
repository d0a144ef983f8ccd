/**
 * The two refusals several decision use cases share: the engine declining to apply the rules to the
 * record, and a question (or proxy) not in the state the action needs.
 */

import { ProblemError } from '../shared/problems.ts';

export function engineRefusal(
  errors: readonly { message: string; clause?: string }[],
): ProblemError {
  return new ProblemError({
    status: 409,
    code: 'engine-refused',
    title: 'The rules cannot be applied to this record',
    detail: errors
      .map((error) => `${error.message}${error.clause ? ` (${error.clause})` : ''}`)
      .join('; '),
  });
}

export function stateConflict(code: string, title: string, detail: string, field = 'status') {
  return new ProblemError({
    status: 409,
    code,
    title,
    detail,
    errors: [{ field, message: detail }],
  });
}
