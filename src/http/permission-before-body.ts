import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';

/**
 * For a route whose permission depends on the record its path names (whose register, which
 * body), an `onRequest` hook that takes the decision before the body is even read: the policy
 * module admits any signed-in account to such a route, the use-case knows who may change that
 * record, and a refusal must never depend on what was sent (docs/security.md). A request whose
 * body would be refused and one whose body would be accepted get the same 403.
 *
 * The path is read with the route's own parameter schema first; a malformed parameter is left
 * for validation to refuse by name, as it would be on any route.
 */
export function decidePermissionBeforeBody<Schema extends z.ZodType>(
  parametersSchema: Schema,
  decide: (request: FastifyRequest, parameters: z.output<Schema>) => Promise<unknown>,
) {
  return async (request: FastifyRequest) => {
    const parameters = parametersSchema.safeParse(request.params);
    if (parameters.success) await decide(request, parameters.data);
  };
}
