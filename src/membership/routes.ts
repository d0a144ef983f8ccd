import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { appointMember } from './appoint-member.ts';
import { recordElection } from './elections.ts';
import { endMembership } from './end-membership.ts';
import { listMembership } from './membership-view.ts';
import {
  appointMemberSchema,
  attendeeParametersSchema,
  electionSchema,
  endMembershipSchema,
  endStandingAttendeeSchema,
  holdingParametersSchema,
  membershipQuerySchema,
  membershipReportSchema,
  nameStandingAttendeeSchema,
  recordElectionSchema,
  standingAttendeeSchema,
} from './schemas.ts';
import { endStandingAttendee, nameStandingAttendee } from './standing-attendees.ts';

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
          201: z.object({
            holdingId: z.uuid(),
            seatRole: z.string(),
            startsOn: z.string(),
            endsOn: z.string().nullable(),
          }),
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

  app.post(
    '/bodies/:slug/members/:holdingId/election',
    {
      config: { permission: 'bodies.manage-membership' },
      schema: {
        tags: ['membership'],
        summary:
          'Record the election that filled a seat or office the terms fill by election; refused (422) for one filled otherwise, (400) for a result that is not a majority of votes cast',
        params: holdingParametersSchema,
        body: recordElectionSchema,
        response: { 201: electionSchema, ...refusals, 422: problemSchema },
      },
    },
    async (request, reply) => {
      const recorded = await recordElection({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        holdingId: request.params.holdingId,
        ...request.body,
      });
      return reply.code(201).send(recorded);
    },
  );

  app.post(
    '/bodies/:slug/attendees',
    {
      config: { permission: 'bodies.manage-membership' },
      schema: {
        tags: ['membership'],
        summary:
          "Name a standing deputy for a member's seat (deputyForHoldingId, within the member's holding) or a non-voting attendee (with a description); neither is a member",
        params: slugParametersSchema,
        body: nameStandingAttendeeSchema,
        response: { 201: standingAttendeeSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const named = await nameStandingAttendee({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/bodies/${request.params.slug}/members`)
        .send(named);
    },
  );

  app.post(
    '/bodies/:slug/attendees/:attendeeId/end',
    {
      config: { permission: 'bodies.manage-membership' },
      schema: {
        tags: ['membership'],
        summary: 'End a standing deputy or non-voting attendee; endsOn is their last day',
        params: attendeeParametersSchema,
        body: endStandingAttendeeSchema,
        response: { 200: z.object({ attendeeId: z.uuid(), endsOn: z.string() }), ...refusals },
      },
    },
    async (request) =>
      endStandingAttendee({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        attendeeId: request.params.attendeeId,
        endsOn: request.body.endsOn,
      }),
  );
}
