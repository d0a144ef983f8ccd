import type { FastifyRequest } from 'fastify';
import { unstorableTextProblems } from '../shared/input.ts';
import { ProblemError } from '../shared/problems.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /**
     * The route's handler checks the form itself and shows it again with what was typed (a long
     * public form: losing it to a stray character is losing someone's afternoon).
     */
    formChecksUnstorableText?: boolean;
  }
}

/**
 * Refuses a request whose path, query or body carries text the database cannot hold (NUL or a
 * lone surrogate; decision 015) before any schema or handler sees it: one check for every route,
 * JSON bodies, form posts, multipart fields and file names alike, answered as a 400 naming each
 * field. Registered after the multipart parser and the CSRF check, so it reads the parsed body
 * and a forged form is still refused as forged.
 */
export async function refuseUnstorableText(request: FastifyRequest) {
  const formChecksItself = request.routeOptions.config.formChecksUnstorableText === true;
  const errors = [
    ...unstorableTextProblems(request.params),
    ...unstorableTextProblems(request.query),
    ...(formChecksItself ? [] : unstorableTextProblems(request.body)),
  ];
  if (errors.length === 0) return;
  throw new ProblemError({
    status: 400,
    code: 'invalid-character',
    title: 'The request contains a character that cannot be stored',
    detail: errors.map((error) => `${error.field}: ${error.message}`).join('; '),
    errors,
  });
}
