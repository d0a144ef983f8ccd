import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf, mayRunBody } from '../identity/index.ts';
import { getCheckInOffer, meetingParametersSchema } from '../meetings/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { createLiveHub } from './live-hub.ts';
import { choiceLabels, type LiveSnapshot, outcomeText, snapshotFor } from './live-rules.ts';
import {
  fullLiveSnapshot,
  liveAudienceOf,
  liveMeetingBody,
  moveLiveAgendaItem,
} from './live-service.ts';
import { liveSnapshotSchema, moveLiveItemSchema } from './schemas.ts';

const notices: Record<string, string> = {
  position: 'The meeting moved on. Everyone following it live sees the new item.',
  unchanged: 'The meeting was already on that item.',
  'checked-in': 'You are recorded as present.',
};

/**
 * The meeting in progress: a page that works by reload alone, an event stream that keeps it up to
 * date in place, and the JSON snapshot both are made from. One hub per app instance carries
 * changes from any instance (PostgreSQL LISTEN/NOTIFY) to this instance's viewers.
 */
export async function registerLiveMeeting(app: App) {
  const { db } = app.database;
  const renderPanels = (live: LiveSnapshot) =>
    app.view('live/views/live-panels.njk', { live, outcomeText, choiceLabels });
  const hub = createLiveHub({
    database: app.database,
    snapshotOf: (meetingId) => fullLiveSnapshot({ db, meetingId }),
    render: renderPanels,
    log: app.log,
  });
  // Before the server stops accepting: open streams never end by themselves, so close would wait.
  app.addHook('preClose', async () => hub.stop());
  app.decorate('liveHub', hub);

  const visibleSnapshot = async (request: FastifyRequest, meetingId: string) => {
    const full = await fullLiveSnapshot({ db, meetingId });
    return snapshotFor(full, liveAudienceOf(request.actor, full.body.slug));
  };

  const renderPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    meetingId: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const live = await visibleSnapshot(request, meetingId);
    return reply.code(extras.problem?.problem.status ?? 200).view('live/views/live-meeting.njk', {
      currentPath: '/bodies',
      live,
      panels: await renderPanels(live),
      mayManage: mayRunBody(request.actor, live.body.slug),
      checkIn: await getCheckInOffer({ db, actor: request.actor, meetingId }),
      values: extras.values ?? { agendaItemId: live.current?.id ?? '' },
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/meetings/:id/live',
    {
      config: { permission: 'public.read' },
      schema: { params: meetingParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderPage(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/meetings/:id/live/position',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, ['agendaItemId'], 100);
      try {
        const form = parseForm(moveLiveItemSchema, { agendaItemId: values.agendaItemId ?? '' });
        const moved = await moveLiveAgendaItem({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          meetingId: request.params.id,
          agendaItemId: form.agendaItemId,
        });
        const changed = moved.changed ? 'position' : 'unchanged';
        return reply.redirect(`/meetings/${request.params.id}/live?changed=${changed}`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderPage(request, reply, request.params.id, { problem: error, values });
      }
    },
  );

  app.get(
    '/meetings/:id/live/events',
    { config: { permission: 'public.read' }, schema: { params: meetingParametersSchema } },
    async (request, reply) => {
      // Refusals (no such meeting) are ordinary responses; only a real meeting opens a stream.
      const body = await liveMeetingBody({ db, meetingId: request.params.id });
      const audience = liveAudienceOf(request.actor, body.slug);
      reply.hijack();
      const response = reply.raw;
      response.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-store',
        // Proxies such as nginx would otherwise buffer the stream and deliver it in lumps.
        'x-accel-buffering': 'no',
        'x-request-id': request.id,
      });
      let unsubscribe: (() => void) | undefined;
      let closed = false;
      response.on('close', () => {
        closed = true;
        unsubscribe?.();
        // A client that went away may leave its socket half-open; a stream nobody reads is ended
        // here, or the server would wait on it for ever when it closes.
        if (!response.writableEnded) response.destroy();
      });
      try {
        unsubscribe = await hub.subscribe(request.params.id, audience, response);
        // The viewer may have gone while the first snapshot was computed.
        if (closed) unsubscribe();
      } catch (error) {
        request.log.error({ err: error }, 'could not start the live meeting stream');
        response.end();
      }
    },
  );

  app.get(
    '/api/v1/meetings/:id/live',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['meetings'],
        summary:
          'The meeting in progress: the item it is on, the quorum, and the open question with its live counts or its outcome. Part II business only for the body’s own people; never who voted how. GET /meetings/{id}/live/events streams the same snapshot as Server-Sent Events.',
        params: meetingParametersSchema,
        response: { 200: liveSnapshotSchema, 400: problemSchema, 404: problemSchema },
      },
    },
    async (request) => visibleSnapshot(request, request.params.id),
  );
}

// Registered without encapsulation (what fastify-plugin does): `app.liveHub` is the root app's.
Object.assign(registerLiveMeeting, { [Symbol.for('skip-override')]: true });

declare module 'fastify' {
  interface FastifyInstance {
    /** This instance's live meeting streams (src/live/live-hub.ts). */
    liveHub: import('./live-hub.ts').LiveHub;
  }
}
