import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { meetingParametersSchema } from '../meetings/index.ts';
import {
  getAction,
  listBodyActions,
  listOverdueActions,
  recordAction,
  updateActionStatus,
} from './action-service.ts';
import {
  actionLogQuerySchema,
  actionLogSchema,
  actionParametersSchema,
  actionSchema,
  overdueActionsSchema,
  recordActionSchema,
  updateActionStatusSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** The action log over JSON: actions from meetings, their owners, due dates and status. */
export async function registerActionRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/bodies/:slug/actions',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['actions'],
        summary:
          "The body's action log, soonest due first; filter by status, overdue=yes or meeting. Actions from Part II items only for the body's own people and the owner",
        params: slugParametersSchema,
        querystring: actionLogQuerySchema,
        response: { 200: actionLogSchema, ...refusals },
      },
    },
    async (request) =>
      listBodyActions({
        db,
        actor: request.actor,
        slug: request.params.slug,
        now: app.now(),
        meetingId: request.query.meeting,
        status: request.query.status,
        overdueOnly: request.query.overdue,
      }),
  );

  app.post(
    '/meetings/:id/actions',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['actions'],
        summary:
          'Record an action agreed at the meeting (optionally against one of its agenda items): owner, due date (not before the meeting day)',
        params: meetingParametersSchema,
        body: recordActionSchema,
        response: {
          201: z.object({ actionId: z.uuid(), meetingOn: z.string() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const recorded = await recordAction({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/actions/${recorded.actionId}`)
        .send(recorded);
    },
  );

  app.get(
    '/actions/overdue',
    {
      config: { permission: 'actions.follow-up' },
      schema: {
        tags: ['actions'],
        summary:
          'Every open action past its due date (before today in London), across bodies, grouped by body',
        response: { 200: overdueActionsSchema, ...refusals },
      },
    },
    async (request) => listOverdueActions({ db, actor: request.actor, now: app.now() }),
  );

  app.get(
    '/actions/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['actions'],
        summary: 'One action, with whether it is overdue and whether you may update it',
        params: actionParametersSchema,
        response: { 200: actionSchema, ...refusals },
      },
    },
    async (request) =>
      getAction({ db, actor: request.actor, actionId: request.params.id, now: app.now() }),
  );

  app.post(
    '/actions/:id/status',
    {
      config: { permission: 'actions.follow-up' },
      schema: {
        tags: ['actions'],
        summary:
          "Mark an action done (with completedOn), dropped (with a note) or open again; by its owner or the body's secretariat",
        params: actionParametersSchema,
        body: updateActionStatusSchema,
        response: { 200: actionSchema, ...refusals },
      },
    },
    async (request) =>
      updateActionStatus({
        db,
        context: context(request),
        actor: request.actor,
        actionId: request.params.id,
        ...request.body,
      }),
  );
}
