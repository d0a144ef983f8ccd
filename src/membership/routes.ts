import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/schemas.ts';
import type { App } from '../http/app.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf, londonDate } from '../identity/actor.ts';
import { appointMember, endMembership, listMembership } from './membership-service.ts';
import {
  appointMemberSchema,
  endMembershipSchema,
  holdingParametersSchema,
  membershipQuerySchema,
  membershipReportSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Who holds a body's seats, over JSON; every appointment is checked by the engine first. */
export async function registerMembershipRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/bodies/:slug/members',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['membership'],
        summary:
          "Who holds the body's seats on a date (today by default), seat by seat, with the engine's verdict on the composition",
        params: slugParametersSchema,
        querystring: membershipQuerySchema,
        response: { 200: membershipReportSchema, ...refusals },
      },
    },
    async (request) =>
      listMembership({
        db,
        slug: request.params.slug,
        asOf: request.query.asOf ?? londonDate(app.now()),
      }),
  );

  app.post(
    '/bodies/:slug/members',
    {
      config: { permission: 'bodies.manage-membership' },
      schema: {
        tags: ['membership'],
        summary:
          'Appoint someone to a seat from a date; refused (422) with the clause when the terms of reference do not allow it',
        params: slugParametersSchema,
        body: appointMemberSchema,
        response: {
          201: z.object({ holdingId: z.uuid(), seatRole: z.string(), startsOn: z.string() }),
          ...refusals,
          422: problemSchema,
        },
      },
    },
    async (request, reply) => {
      const appointed = await appointMember({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/bodies/${request.params.slug}/members`)
        .send(appointed);
    },
  );

  app.post(
    '/bodies/:slug/members/:holdingId/end',
    {
      config: { permission: 'bodies.manage-membership' },
      schema: {
        tags: ['membership'],
        summary: 'End a membership; endsOn is the last day the seat is held',
        params: holdingParametersSchema,
        body: endMembershipSchema,
        response: {
          200: z.object({ holdingId: z.uuid(), endsOn: z.string() }),
          ...refusals,
        },
      },
    },
    async (request) =>
      endMembership({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        holdingId: request.params.holdingId,
        endsOn: request.body.endsOn,
      }),
  );
}
