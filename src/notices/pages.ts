import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { meetingParametersSchema } from '../meetings/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { listMeetingNotices, sendMeetingNotice } from './notice-service.ts';
import { deliverQueuedMail } from './routes.ts';

const notices: Record<string, string> = {
  sent: 'Notice of the meeting was sent.',
};

/** The page that sends notice of a meeting by e-mail and shows who has been sent it. */
export async function registerNoticePages(app: App) {
  const { db } = app.database;

  const renderNotices = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    extras: { problem?: ProblemError; notice?: string } = {},
  ) => {
    const record = await listMeetingNotices({ db, actor: request.actor, meetingId });
    return reply.code(extras.problem?.problem.status ?? 200).view('notices/views/notices.njk', {
      currentPath: '/bodies',
      record,
      mailConfigured: app.mailer.canSend,
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/meetings/:id/notices',
    {
      config: { permission: 'meetings.manage' },
      schema: { params: meetingParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderNotices(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/meetings/:id/notices',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      try {
        await sendMeetingNotice({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          meetingId: request.params.id,
          publicUrl: app.settings.publicUrl,
          mailConfigured: app.mailer.canSend,
        });
      } catch (error) {
        if (!(error instanceof ProblemError) || error.problem.status === 404) throw error;
        return renderNotices(request, reply, request.params.id, { problem: error });
      }
      await deliverQueuedMail(app, request);
      return reply.redirect(`/meetings/${request.params.id}/notices?changed=sent`, 303);
    },
  );
}
