import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { addAgendaItem } from './add-agenda-item.ts';
import { declareInterest } from './declare-interest.ts';
import { cancelMeeting, recordMeetingHeld } from './meeting-lifecycle.ts';
import { getMeeting, listMeetings } from './meeting-view.ts';
import { recordAttendance } from './record-attendance.ts';
import { scheduleMeeting } from './schedule-meeting.ts';
import {
  addAgendaItemSchema,
  attendanceParametersSchema,
  cancelMeetingSchema,
  declareInterestSchema,
  meetingListSchema,
  meetingParametersSchema,
  meetingReportSchema,
  recordAttendanceSchema,
  scheduleMeetingSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
};

/** Meetings of a body over JSON: notice, agenda, attendance, declarations and live quorum. */
export async function registerMeetingRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/bodies/:slug/meetings',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['meetings'],
        summary: "The body's meetings, latest first",
        params: slugParametersSchema,
        response: { 200: meetingListSchema, ...refusals },
      },
    },
    async (request) => listMeetings({ db, slug: request.params.slug }),
  );

  app.post(
    '/bodies/:slug/meetings',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          'Schedule a meeting; notice is checked in clear days and short notice is refused unless urgencyReason is given',
        params: slugParametersSchema,
        body: scheduleMeetingSchema,
        response: {
          201: z.object({
            meetingId: z.uuid(),
            meetingOn: z.string(),
            notice: z.object({ sufficient: z.boolean(), summary: z.string(), clause: z.string() }),
            urgencyReason: z.string().nullable(),
          }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const scheduled = await scheduleMeeting({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/meetings/${scheduled.meetingId}`)
        .send(scheduled);
    },
  );

  app.get(
    '/meetings/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['meetings'],
        summary:
          "A meeting: agenda (Part II items only for the body's own people), attendance, declarations and the engine's live quorum for the meeting and each item",
        params: meetingParametersSchema,
        response: { 200: meetingReportSchema, ...refusals },
      },
    },
    async (request) => getMeeting({ db, meetingId: request.params.id, actor: request.actor }),
  );

  app.post(
    '/meetings/:id/agenda-items',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: 'Add an item to the end of the agenda; a Part II item needs confidentialityReason',
        params: meetingParametersSchema,
        body: addAgendaItemSchema,
        response: {
          201: z.object({ agendaItemId: z.uuid(), position: z.number().int() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const added = await addAgendaItem({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(added);
    },
  );

  app.put(
    '/meetings/:id/attendance/:seatHoldingId',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          "Record one member's attendance (present, apologies, absent, deputy with deputyName or a standing deputy's deputyAttendeeId); refused for anyone not on the body that day",
        params: attendanceParametersSchema,
        body: recordAttendanceSchema,
        response: {
          200: z.object({
            seatHoldingId: z.uuid(),
            status: z.string(),
            deputyName: z.string().nullable(),
            deputyAttendeeId: z.uuid().nullable(),
          }),
          ...refusals,
        },
      },
    },
    async (request) =>
      recordAttendance({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        seatHoldingId: request.params.seatHoldingId,
        ...request.body,
      }),
  );

  app.post(
    '/meetings/:id/declarations',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary: "Record a member's declaration of an interest in an agenda item",
        params: meetingParametersSchema,
        body: declareInterestSchema,
        response: { 201: z.object({ declarationId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const declared = await declareInterest({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(declared);
    },
  );

  app.post(
    '/meetings/:id/held',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          "Record that the meeting was held; refused (409) before it starts, once cancelled, or when already held. The engine's quorum at that moment is kept in the audit trail",
        params: meetingParametersSchema,
        response: {
          200: z.object({
            meetingId: z.uuid(),
            status: z.literal('held'),
            quorum: z.string().nullable(),
          }),
          409: problemSchema,
          ...refusals,
        },
      },
    },
    async (request) =>
      recordMeetingHeld({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
      }),
  );

  app.post(
    '/meetings/:id/cancellation',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          'Cancel the meeting with the reason, shown on its page, the meeting list and the calendar feed; refused (409) once held or when already cancelled',
        params: meetingParametersSchema,
        body: cancelMeetingSchema,
        response: {
          200: z.object({
            meetingId: z.uuid(),
            status: z.literal('cancelled'),
            reason: z.string(),
          }),
          409: problemSchema,
          ...refusals,
        },
      },
    },
    async (request) =>
      cancelMeeting({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        reason: request.body.reason,
      }),
  );
}
