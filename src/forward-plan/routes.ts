import type { FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import {
  addForwardPlanItem,
  changeForwardPlanItem,
  getForwardPlanItem,
  listForwardPlan,
} from './forward-plan-service.ts';
import {
  addForwardPlanItemSchema,
  deferItemSchema,
  forwardPlanItemParametersSchema,
  forwardPlanItemSchema,
  forwardPlanSchema,
  setMeetingSchema,
  withdrawItemSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** The forward plan over JSON: read by everyone, kept by each body's secretariat. */
export async function registerForwardPlanRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/forward-plan',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['forward-plan'],
        summary: 'Every body’s forward plan from this month on: the decisions expected',
        response: { 200: forwardPlanSchema, ...refusals },
      },
    },
    async (request) => listForwardPlan({ db, actor: request.actor, now: app.now() }),
  );

  app.get(
    '/bodies/:slug/forward-plan',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['forward-plan'],
        summary: 'A body’s forward plan from this month on, grouped by month',
        params: slugParametersSchema,
        response: { 200: forwardPlanSchema, ...refusals },
      },
    },
    async (request) =>
      listForwardPlan({ db, actor: request.actor, slug: request.params.slug, now: app.now() }),
  );

  app.post(
    '/bodies/:slug/forward-plan',
    {
      config: { permission: 'forward-plan.keep' },
      schema: {
        tags: ['forward-plan'],
        summary:
          'Add an expected decision: title, kind, summary, expected month and/or meeting (the item then goes onto that meeting’s agenda), Part II expected with its reason, papers due, contact',
        params: slugParametersSchema,
        body: addForwardPlanItemSchema,
        response: { 201: forwardPlanItemSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const item = await addForwardPlanItem({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply.code(201).header('location', `/api/v1/forward-plan/${item.id}`).send(item);
    },
  );

  app.get(
    '/forward-plan/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['forward-plan'],
        summary: 'One expected decision of a forward plan and its status',
        params: forwardPlanItemParametersSchema,
        response: { 200: forwardPlanItemSchema, ...refusals },
      },
    },
    async (request) => getForwardPlanItem({ db, actor: request.actor, itemId: request.params.id }),
  );

  const changes = [
    {
      path: 'meeting',
      body: setMeetingSchema,
      summary:
        'Set the expected meeting (a scheduled meeting of the same body): the item goes onto its agenda in the same transaction',
    },
    {
      path: 'defer',
      body: deferItemSchema,
      summary: 'Defer the decision to a later month (not while it is on a live agenda)',
    },
    {
      path: 'withdraw',
      body: withdrawItemSchema,
      summary: 'Withdraw the decision from the plan, with the reason',
    },
  ] as const;

  for (const change of changes) {
    app.post(
      `/forward-plan/:id/${change.path}`,
      {
        config: { permission: 'forward-plan.keep' },
        schema: {
          tags: ['forward-plan'],
          summary: change.summary,
          params: forwardPlanItemParametersSchema,
          body: change.body,
          response: { 200: forwardPlanItemSchema, ...refusals },
        },
      },
      async (request) =>
        changeForwardPlanItem({
          db,
          context: context(request),
          actor: request.actor,
          itemId: (request.params as { id: string }).id,
          change: { kind: change.path, ...(request.body as object) } as Parameters<
            typeof changeForwardPlanItem
          >[0]['change'],
        }),
    );
  }
}
