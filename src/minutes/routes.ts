import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { meetingParametersSchema } from '../meetings/index.ts';
import { addMinutesForApproval } from './add-minutes-for-approval.ts';
import { approveMinutes } from './approve-minutes.ts';
import { confirmReceipt } from './confirm-receipt.ts';
import { draftMinute } from './draft-minute.ts';
import { getMinutes } from './minutes-view.ts';
import {
  addMinutesForApprovalSchema,
  approvalResultSchema,
  approveMinutesSchema,
  draftMinuteSchema,
  minuteParametersSchema,
  minutesReportSchema,
  receiptParametersSchema,
  receiptSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Minutes over JSON: drafting per item, approval at the next meeting, distribution, receipts. */
export async function registerMinutesRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/meetings/:id/minutes',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['minutes'],
        summary:
          "A meeting's minutes: drafts only for the body's own people (404 for anyone else); approved minutes for everyone, without Part II items unless the reader is the body's",
        params: meetingParametersSchema,
        response: { 200: minutesReportSchema, ...refusals },
      },
    },
    async (request) => getMinutes({ db, meetingId: request.params.id, actor: request.actor }),
  );

  app.put(
    '/meetings/:id/minutes/:agendaItemId',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['minutes'],
        summary: 'Write or replace the draft minute of one agenda item; 409 once approved',
        params: minuteParametersSchema,
        body: draftMinuteSchema,
        response: {
          200: z.object({ agendaItemId: z.uuid(), text: z.string(), updatedAt: z.string() }),
          ...refusals,
        },
      },
    },
    async (request) =>
      draftMinute({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        agendaItemId: request.params.agendaItemId,
        text: request.body.text,
      }),
  );

  app.post(
    '/meetings/:id/minutes-for-approval',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['minutes'],
        summary:
          "Add the previous meeting's minutes to this meeting's agenda for approval; refused for any meeting but the one immediately before, or twice",
        params: meetingParametersSchema,
        body: addMinutesForApprovalSchema,
        response: {
          201: z.object({ agendaItemId: z.uuid(), position: z.number().int(), title: z.string() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const added = await addMinutesForApproval({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        minutesOfMeetingId: request.body.minutesOfMeetingId,
      });
      return reply.code(201).send(added);
    },
  );

  app.post(
    '/meetings/:id/minutes/approval',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['minutes'],
        summary:
          "Approve this meeting's minutes at the next meeting (which must be quorate and have them on its agenda), signed by the person presiding there, and send a copy with a receipt link to every body the terms of reference name",
        params: meetingParametersSchema,
        // No body at all is the usual case: the chair or vice-chair presides and signs.
        body: approveMinutesSchema.nullish(),
        response: { 201: approvalResultSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const approved = await approveMinutes({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        presidingSeatHoldingId: request.body?.presidingSeatHoldingId,
        publicUrl: app.settings.publicUrl,
      });
      // Sent after the approval commits; mail that fails now is retried by the dispatcher.
      await app.mailOutbox.deliverNow();
      return reply.code(201).send(approved);
    },
  );

  app.post(
    '/receipts/:token',
    {
      config: { permission: 'minutes.confirm-receipt' },
      schema: {
        tags: ['minutes'],
        summary:
          'Confirm receipt of distributed minutes with the token from the e-mail; a second confirmation changes nothing and reports the first',
        params: receiptParametersSchema,
        response: { 200: receiptSchema, ...refusals },
      },
    },
    async (request) =>
      confirmReceipt({ db, context: context(request), token: request.params.token }),
  );
}
