import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import {
  ratificationViewSchema,
  recordSignOffSchema,
  requireRatificationSchema,
} from './ratification-schemas.ts';
import {
  getRatification,
  recordBoardSignOff,
  requireRatification,
} from './ratification-service.ts';
import { proposalParametersSchema } from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Sign-off of a decision by its sponsoring PCT Boards, and whether it is in effect, over JSON. */
export async function registerRatificationRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/proposals/:id/ratification',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['decisions'],
        summary:
          "Whether the question's decision is in effect, with the clause: each sponsoring PCT Board's sign-off (2006 §112), or for a Joint Committee decision the PCTs it binds (2008 §Accountabilities)",
        params: proposalParametersSchema,
        response: { 200: ratificationViewSchema, ...refusals },
      },
    },
    async (request) => getRatification({ db, actor: request.actor, proposalId: request.params.id }),
  );

  app.post(
    '/proposals/:id/ratification',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['decisions'],
        summary:
          'Name the sponsoring PCT Boards whose sign-off a closed decision needs; refused (409) for advice, nothing decided, a binding Joint Committee decision or boards already named',
        params: proposalParametersSchema,
        body: requireRatificationSchema,
        response: { 201: ratificationViewSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const view = await requireRatification({
        db,
        context: context(request),
        actor: request.actor,
        proposalId: request.params.id,
        organisationIds: request.body.organisationIds,
      });
      return reply.code(201).send(view);
    },
  );

  app.post(
    '/proposals/:id/ratification/sign-offs',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['decisions'],
        summary:
          "Record a named sponsoring board's decision (signed or refused, the date, the minute reference); refused for a board not named, a board that has decided, a date in the future or before the decision",
        params: proposalParametersSchema,
        body: recordSignOffSchema,
        response: { 201: ratificationViewSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const view = await recordBoardSignOff({
        db,
        context: context(request),
        actor: request.actor,
        proposalId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(view);
    },
  );
}
