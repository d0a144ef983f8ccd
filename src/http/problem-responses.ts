import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  isResponseSerializationError,
} from 'fastify-type-provider-zod';
import {
  type FieldProblem,
  hasPostgresErrorCode,
  type ProblemDetails,
  ProblemError,
} from '../shared/problems.ts';

const problemBaseUrl = '/docs/problems';

/** Renders any error as RFC 9457 problem+json, naming the fields at fault where there are any. */
export function toProblem(error: unknown, request: FastifyRequest): ProblemDetails {
  if (error instanceof ProblemError) return error.problem;
  if (hasZodFastifySchemaValidationErrors(error)) {
    const errors: FieldProblem[] = error.validation.map((issue) => ({
      field: fieldName(issue.instancePath, issue.params),
      message: issue.message ?? 'This value is not allowed.',
    }));
    return {
      status: 400,
      code: 'invalid-input',
      title: 'The request has invalid fields',
      detail: errors.map((item) => `${item.field}: ${item.message}`).join('; '),
      errors,
    };
  }
  if (isResponseSerializationError(error)) {
    request.log.error({ err: error, issues: error.cause.issues }, 'response did not match schema');
    return internalProblem();
  }
  const fastifyError = error as FastifyError;
  if (
    fastifyError.code === 'FST_CSRF_MISSING_SECRET' ||
    fastifyError.code === 'FST_CSRF_INVALID_TOKEN'
  ) {
    request.log.warn({ reason: fastifyError.code }, 'form refused: missing or forged CSRF token');
    return {
      status: 403,
      code: 'csrf-token-invalid',
      title: 'This form has expired',
      detail:
        'The form was not sent from this site or has expired. Go back, reload the page and try again.',
    };
  }
  if (fastifyError.statusCode && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    const notJson =
      fastifyError.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError;
    return {
      status: fastifyError.statusCode,
      code: notJson ? 'malformed-json' : (fastifyError.code ?? 'bad-request').toLowerCase(),
      title: notJson ? 'The body is not valid JSON' : 'The request cannot be processed',
      detail: fastifyError.message,
      ...(notJson && { errors: [{ field: 'body', message: fastifyError.message }] }),
    };
  }
  if (hasPostgresErrorCode(error, '22021')) {
    // PostgreSQL text cannot hold U+0000; the statement failed inside its transaction, so nothing
    // was written. What a request sends is refused before this, naming the field
    // (refuse-unstorable-text.ts); this covers text that reaches the database another way.
    return {
      status: 400,
      code: 'invalid-character',
      title: 'The request contains a character that cannot be stored',
      detail: 'Remove the NUL character (U+0000) from what you sent: text cannot contain one.',
    };
  }
  request.log.error({ err: error }, 'unexpected error');
  return internalProblem();
}

function internalProblem(): ProblemDetails {
  return {
    status: 500,
    code: 'internal-error',
    title: 'Something went wrong on our side',
    detail: 'The error has been logged. Nothing you sent was saved unless you were told it was.',
  };
}

// Zod issues arrive as JSON pointers ("/odsCode"); a client knows the field as "odsCode".
function fieldName(instancePath: string, params: unknown): string {
  const fromPath = instancePath.replace(/^\//, '').replaceAll('/', '.');
  if (fromPath) return fromPath;
  const keys = (params as { keys?: string[] } | undefined)?.keys;
  if (keys?.length) return keys.join(', ');
  return 'body';
}

export function sendProblem(reply: FastifyReply, request: FastifyRequest, problem: ProblemDetails) {
  return reply
    .code(problem.status)
    .type('application/problem+json')
    .send({
      type: `${problemBaseUrl}#${problem.code}`,
      title: problem.title,
      status: problem.status,
      detail: problem.detail,
      instance: request.url,
      code: problem.code,
      ...(problem.errors && { errors: problem.errors }),
    });
}
