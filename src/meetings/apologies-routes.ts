import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { sendOwnApologies, withdrawOwnApologies } from './apologies.ts';
import { meetingParametersSchema } from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

export const ownApologiesSchema = z.strictObject({
  seatHoldingId: z
    .uuid('Name your own seat by the id of the seat you hold, or leave it out.')
    .optional(),
});

const apologiesResultSchema = z.object({
  meetingId: z.uuid(),
  seats: z.array(z.object({ seatHoldingId: z.uuid(), status: z.string().nullable() })),
});

/** A member's own apologies over JSON: send them, or withdraw them while the meeting is to come. */
export async function registerApologiesRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.post(
    '/meetings/:id/apologies',
    {
      config: { permission: 'meetings.send-own-apologies' },
      schema: {
        tags: ['meetings'],
        summary:
          'Send your own apologies for a meeting of a body you sit on that day (your own seat only); refused after the meeting has started, been held or been cancelled',
        params: meetingParametersSchema,
        body: ownApologiesSchema.nullish(),
        response: { 200: apologiesResultSchema, ...refusals },
      },
    },
    async (request) =>
      sendOwnApologies({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        seatHoldingId: request.body?.seatHoldingId,
      }),
  );

  app.delete(
    '/meetings/:id/apologies',
    {
      config: { permission: 'meetings.send-own-apologies' },
      schema: {
        tags: ['meetings'],
        summary:
          'Withdraw your own apologies: your attendance goes back to unrecorded, for the secretariat to take on the day',
        params: meetingParametersSchema,
        body: ownApologiesSchema.nullish(),
        response: { 200: apologiesResultSchema, ...refusals },
      },
    },
    async (request) =>
      withdrawOwnApologies({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        seatHoldingId: request.body?.seatHoldingId,
      }),
  );
}

/**
 * The meeting page's "Send apologies" and "Withdraw apologies" buttons. A refusal is shown on the
 * error page with its reason; success returns to the attendance list with a notice.
 */
export async function registerApologiesPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.post(
    '/meetings/:id/apologies',
    {
      config: { permission: 'meetings.send-own-apologies', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      await sendOwnApologies({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
      });
      return reply.redirect(`/meetings/${request.params.id}?changed=apologies#attendance`, 303);
    },
  );

  app.post(
    '/meetings/:id/apologies/withdraw',
    {
      config: { permission: 'meetings.send-own-apologies', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      await withdrawOwnApologies({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
      });
      return reply.redirect(
        `/meetings/${request.params.id}?changed=apologies-withdrawn#attendance`,
        303,
      );
    },
  );
}
