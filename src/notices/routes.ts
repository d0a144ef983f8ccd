import type { FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { meetingParametersSchema } from '../meetings/index.ts';
import { listMeetingNotices, sendMeetingNotice } from './notice-service.ts';
import { meetingNoticesSchema, noticeSentSchema } from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  503: problemSchema,
};

/** Notice of a meeting by e-mail over JSON: send it, and see who was sent it. */
export async function registerNoticeRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/meetings/:id/notices',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          'Who has been sent notice of the meeting, when, and whether the e-mail was delivered; and the members with no e-mail address',
        params: meetingParametersSchema,
        response: { 200: meetingNoticesSchema, ...refusals },
      },
    },
    async (request) =>
      listMeetingNotices({ db, actor: request.actor, meetingId: request.params.id }),
  );

  app.post(
    '/meetings/:id/notices',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['meetings'],
        summary:
          'E-mail notice of the meeting, stating the business, to every member on the meeting day who has an e-mail address; sent over SMTP once recorded',
        params: meetingParametersSchema,
        response: { 201: noticeSentSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const sent = await sendMeetingNotice({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        publicUrl: app.settings.publicUrl,
        mailConfigured: app.mailer.canSend,
      });
      await deliverQueuedMail(app, request);
      return reply.code(201).send(sent);
    },
  );
}

/**
 * Sends what was just queued. The notice is already recorded, so a failed delivery is logged and
 * retried by the dispatcher rather than reported as a failure of the request.
 */
export async function deliverQueuedMail(app: App, request: FastifyRequest): Promise<void> {
  try {
    await app.mailOutbox.deliverNow();
  } catch (error) {
    request.log.error({ err: error }, 'notice e-mail delivery failed; it will be retried');
  }
}
