import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  assertQuestionOfMeeting,
  castVote,
  closeProposal,
  recordCastingVote,
  recordShowOfHands,
  roomVotingView,
} from '../decisions/index.ts';
import { disputesAwaitingTheChair } from '../disputes/index.ts';
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
import {
  liveCastingVoteFormSchema,
  liveQuestionParametersSchema,
  liveSnapshotSchema,
  liveVoteFormSchema,
  moveLiveItemSchema,
  showOfHandsFormSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  position: 'The meeting moved on. Everyone following it live sees the new item.',
  unchanged: 'The meeting was already on that item.',
  'checked-in': 'You are recorded as present.',
  voted:
    'Recorded. What you chose is shown below, and you can change it while the question is open.',
  changed: 'Your change is recorded: only your latest choice is counted.',
  same: 'That was already your choice: nothing changed.',
  hand: 'The show of hands is recorded, with your name as the person who recorded it.',
  closed: 'The question is closed.',
  tied: 'The votes are tied and voting has ended: the person presiding gives the casting vote.',
  casting: 'The casting vote is recorded and the question is closed.',
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

  /** The viewer's part in the room, and for the chair and secretariat the disputes the chair conducts. */
  const roomOf = async (request: FastifyRequest, live: LiveSnapshot) => {
    const room = await roomVotingView({
      db,
      actor: request.actor,
      meetingId: live.meetingId,
      // The public does not see a Part II item's question, so has no part in it here either.
      agendaItemId: live.privateSession ? null : (live.current?.id ?? null),
    });
    const chairDisputes =
      room.role === 'presiding' || room.role === 'secretariat'
        ? await disputesAwaitingTheChair({
            db,
            actor: request.actor,
            slug: live.body.slug,
            now: app.now(),
          })
        : [];
    return { ...room, chairDisputes };
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
      room: await roomOf(request, live),
      meetingId: live.meetingId,
      mayManage: mayRunBody(request.actor, live.body.slug),
      checkIn: await getCheckInOffer({ db, actor: request.actor, meetingId }),
      values: extras.values ?? { agendaItemId: live.current?.id ?? '' },
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const livePath = (meetingId: string, changed: string) =>
    `/meetings/${meetingId}/live?changed=${changed}#live-room`;

  app.get(
    '/meetings/:id/live/room',
    {
      config: { permission: 'public.read' },
      schema: { params: meetingParametersSchema },
    },
    async (request, reply) => {
      // The viewer's own part, fetched again by the page's script when the question changes.
      const live = await visibleSnapshot(request, request.params.id);
      return reply.header('cache-control', 'no-store').view('live/views/live-room.njk', {
        room: await roomOf(request, live),
        meetingId: live.meetingId,
        values: {},
        fieldErrors: {},
      });
    },
  );

  app.post(
    '/meetings/:id/live/questions/:proposalId/vote',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: liveQuestionParametersSchema },
    },
    async (request, reply) => {
      const { id: meetingId, proposalId } = request.params;
      const values = submittedFormValues(request.body, ['choice', 'reason'], 2000);
      try {
        const form = parseForm(liveVoteFormSchema, {
          choice: values.choice || undefined,
          reason: values.reason,
        });
        await assertQuestionOfMeeting(db, proposalId, meetingId);
        const recorded = await castVote({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          proposalId,
          choice: form.choice,
          reason: form.reason,
          mayChange: true,
        });
        const changed = { cast: 'voted', changed: 'changed', unchanged: 'same' }[recorded.outcome];
        return reply.redirect(livePath(meetingId, changed), 303);
      } catch (caught) {
        return renderPage(request, reply, meetingId, {
          problem: asProblem(caught),
          values: { ...values, proposalId },
        });
      }
    },
  );

  app.post(
    '/meetings/:id/live/questions/:proposalId/show-of-hands',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: liveQuestionParametersSchema },
    },
    async (request, reply) => {
      const { id: meetingId, proposalId } = request.params;
      const values = submittedFormValues(request.body, ['seatHoldingId', 'choice'], 100);
      try {
        const form = parseForm(showOfHandsFormSchema, {
          seatHoldingId: values.seatHoldingId || undefined,
          choice: values.choice || undefined,
        });
        await assertQuestionOfMeeting(db, proposalId, meetingId);
        await recordShowOfHands({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          proposalId,
          ...form,
        });
        return reply.redirect(livePath(meetingId, 'hand'), 303);
      } catch (caught) {
        return renderPage(request, reply, meetingId, {
          problem: asProblem(caught),
          values: { ...values, handChoice: values.choice ?? '', choice: '', proposalId },
        });
      }
    },
  );

  app.post(
    '/meetings/:id/live/questions/:proposalId/close',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: liveQuestionParametersSchema },
    },
    async (request, reply) => {
      const { id: meetingId, proposalId } = request.params;
      try {
        await assertQuestionOfMeeting(db, proposalId, meetingId);
        const closed = await closeProposal({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          proposalId,
        });
        const changed = closed.outcome === 'castingVoteRequired' ? 'tied' : 'closed';
        return reply.redirect(livePath(meetingId, changed), 303);
      } catch (caught) {
        return renderPage(request, reply, meetingId, {
          problem: asProblem(caught),
          values: { proposalId },
        });
      }
    },
  );

  app.post(
    '/meetings/:id/live/questions/:proposalId/casting-vote',
    {
      config: { permission: 'decisions.vote', csrf: true },
      schema: { params: liveQuestionParametersSchema },
    },
    async (request, reply) => {
      const { id: meetingId, proposalId } = request.params;
      const values = submittedFormValues(request.body, ['castingChoice'], 20);
      try {
        const form = parseForm(liveCastingVoteFormSchema, {
          castingChoice: values.castingChoice || undefined,
        });
        await assertQuestionOfMeeting(db, proposalId, meetingId);
        await recordCastingVote({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          proposalId,
          choice: form.castingChoice,
        });
        return reply.redirect(livePath(meetingId, 'casting'), 303);
      } catch (caught) {
        return renderPage(request, reply, meetingId, {
          problem: asProblem(caught),
          values: { ...values, proposalId },
        });
      }
    },
  );

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
