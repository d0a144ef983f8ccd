import type { FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { createMeetingSeries, moveMeeting } from './meeting-series.ts';
import { meetingParametersSchema } from './schemas.ts';
import {
  createSeriesSchema,
  moveMeetingSchema,
  moveResultSchema,
  seriesResultSchema,
} from './series-schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** A series of meetings from the cadence, and moving one meeting, over JSON. */
export async function registerSeriesRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.post(
    '/bodies/:slug/meeting-series',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          "Schedule a series of meetings following the terms' cadence (same weekday of the month for monthly, quarterly and yearly), at one London time; each meeting's notice is checked in clear days and a short one without urgencyReason refuses the whole series",
        params: slugParametersSchema,
        body: createSeriesSchema,
        response: { 201: seriesResultSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const series = await createMeetingSeries({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply.code(201).send(series);
    },
  );

  app.post(
    '/meetings/:id/move',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          'Move one scheduled meeting to a new time with the reason; notice is checked again and short notice needs urgencyReason; held or cancelled meetings cannot move',
        params: meetingParametersSchema,
        body: moveMeetingSchema,
        response: { 200: moveResultSchema, ...refusals },
      },
    },
    async (request) =>
      moveMeeting({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        ...request.body,
      }),
  );
}
