import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import {
  addAction,
  addActionTeam,
  addDependency,
  addMilestone,
  addProject,
  addWorkstream,
  changeRag,
  completeAction,
  createProgramme,
  getAction,
  getPctActions,
  getProgramme,
  getProject,
  getRollUp,
  getWorkstream,
  listProgrammes,
  programmeAsAt,
  programmeInPeriod,
  recordMilestoneAchieved,
} from './programme-service.ts';
import {
  actionPageSchema,
  addActionSchema,
  addActionTeamSchema,
  addDependencySchema,
  addMilestoneSchema,
  addProjectSchema,
  addWorkstreamSchema,
  asAtQuerySchema,
  asAtSchema,
  completeActionSchema,
  createProgrammeSchema,
  idParametersSchema,
  milestoneAchievedSchema,
  odsParametersSchema,
  pctActionsSchema,
  periodQuerySchema,
  periodSchema,
  programmeListSchema,
  programmeSchema,
  projectPageSchema,
  ragChangeSchema,
  rollUpSchema,
  workstreamPageSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const tags = ['programme'];

/** The delivery programme over JSON: every read and every write the pages offer. */
export async function registerProgrammeRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const read = { config: { permission: 'public.read' as const } };
  const keep = { config: { permission: 'programme.keep' as const } };

  app.get(
    '/programmes',
    {
      ...read,
      schema: { tags, summary: 'Every delivery programme', response: { 200: programmeListSchema } },
    },
    async (request) => listProgrammes({ db, actor: request.actor }),
  );
  app.get(
    '/bodies/:slug/programmes',
    {
      ...read,
      schema: {
        tags,
        summary: "A body's delivery programmes",
        params: slugParametersSchema,
        response: { 200: programmeListSchema, ...refusals },
      },
    },
    async (request) => listProgrammes({ db, actor: request.actor, slug: request.params.slug }),
  );
  app.post(
    '/bodies/:slug/programmes',
    {
      ...keep,
      schema: {
        tags,
        summary: 'Start a delivery programme for the body (2008 Healthcare for London)',
        params: slugParametersSchema,
        body: createProgrammeSchema,
        response: { 201: z.object({ programmeId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await createProgramme({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...request.body,
        }),
      ),
  );
  app.get(
    '/programmes/:id',
    {
      ...read,
      schema: {
        tags,
        summary:
          'A programme: workstreams, projects, action teams, what is late, the timeline as SVG',
        params: idParametersSchema,
        response: { 200: programmeSchema, ...refusals },
      },
    },
    async (request) =>
      getProgramme({ db, actor: request.actor, programmeId: request.params.id, now: app.now() }),
  );
  app.get(
    '/programmes/:id/roll-up',
    {
      ...read,
      schema: {
        tags,
        summary:
          'Roll-ups of actions by workstream, level, sector and PCT: counts by RAG, completed, late first',
        params: idParametersSchema,
        response: { 200: rollUpSchema, ...refusals },
      },
    },
    async (request) => getRollUp({ db, programmeId: request.params.id, now: app.now() }),
  );
  app.get(
    '/programmes/:id/as-at',
    {
      ...read,
      schema: {
        tags,
        summary: 'The RAG status of every project and action on a date, from the history',
        params: idParametersSchema,
        querystring: asAtQuerySchema,
        response: { 200: asAtSchema, ...refusals },
      },
    },
    async (request) =>
      programmeAsAt({ db, programmeId: request.params.id, asAt: request.query.asAt }),
  );
  app.get(
    '/programmes/:id/period',
    {
      ...read,
      schema: {
        tags,
        summary:
          'What happened in a period: actions completed, RAG changes with reasons, actions late at its end',
        params: idParametersSchema,
        querystring: periodQuerySchema,
        response: { 200: periodSchema, ...refusals },
      },
    },
    async (request) => programmeInPeriod({ db, programmeId: request.params.id, ...request.query }),
  );

  const created = <Body extends z.ZodType>(
    url: string,
    summary: string,
    body: Body,
    idName: string,
    run: (request: FastifyRequest, id: string, input: z.output<Body>) => Promise<object>,
  ) =>
    app.post(
      url,
      {
        ...keep,
        schema: {
          tags,
          summary,
          params: idParametersSchema,
          body,
          response: { 201: z.object({ [idName]: z.string() }), ...refusals },
        },
      },
      async (request, reply) =>
        reply
          .code(201)
          .send(
            (await run(
              request,
              (request.params as { id: string }).id,
              request.body as z.output<Body>,
            )) as never,
          ),
    );

  created(
    '/programmes/:id/workstreams',
    'Add a workstream (priority 1 = first)',
    addWorkstreamSchema,
    'workstreamId',
    (request, programmeId, input) =>
      addWorkstream({ db, context: context(request), actor: request.actor, programmeId, ...input }),
  );
  created(
    '/programmes/:id/action-teams',
    'Set up an action team accountable to the group (2008 Healthcare for London)',
    addActionTeamSchema,
    'actionTeamId',
    (request, programmeId, input) =>
      addActionTeam({ db, context: context(request), actor: request.actor, programmeId, ...input }),
  );
  created(
    '/programme/workstreams/:id/projects',
    'Add a project to a workstream: priority, sequence, start and due dates, first RAG status',
    addProjectSchema,
    'projectId',
    (request, workstreamId, input) =>
      addProject({ db, context: context(request), actor: request.actor, workstreamId, ...input }),
  );
  created(
    '/programme/projects/:id/dependencies',
    'The project cannot start before another finishes; refused (409) when it would make a cycle, naming it',
    addDependencySchema,
    'dependsOnProjectId',
    (request, projectId, input) =>
      addDependency({ db, context: context(request), actor: request.actor, projectId, ...input }),
  );
  created(
    '/programme/projects/:id/milestones',
    'Add a milestone to a project',
    addMilestoneSchema,
    'milestoneId',
    (request, projectId, input) =>
      addMilestone({ db, context: context(request), actor: request.actor, projectId, ...input }),
  );
  created(
    '/programme/projects/:id/actions',
    'Add an action owned by London, a sector group, a PCT or an action team; any other owner is refused',
    addActionSchema,
    'actionId',
    (request, projectId, input) =>
      addAction({ db, context: context(request), actor: request.actor, projectId, ...input }),
  );

  const changed = <Body extends z.ZodType>(
    url: string,
    summary: string,
    body: Body,
    response: z.ZodObject,
    run: (request: FastifyRequest, id: string, input: z.output<Body>) => Promise<object>,
  ) =>
    app.post(
      url,
      {
        ...keep,
        schema: {
          tags,
          summary,
          params: idParametersSchema,
          body,
          response: { 200: response, ...refusals },
        },
      },
      async (request, reply) =>
        reply
          .code(200)
          .send(
            (await run(
              request,
              (request.params as { id: string }).id,
              request.body as z.output<Body>,
            )) as never,
          ),
    );

  const ragResult = z.object({ rag: z.enum(['red', 'amber', 'green']) });
  changed(
    '/programme/projects/:id/rag',
    "Change a project's RAG status; the reason is required and kept in its history",
    ragChangeSchema,
    ragResult,
    (request, id, input) =>
      changeRag({
        db,
        context: context(request),
        actor: request.actor,
        subject: { kind: 'project', id },
        ...input,
      }),
  );
  changed(
    '/programme/actions/:id/rag',
    "Change an action's RAG status; the reason is required and kept in its history",
    ragChangeSchema,
    ragResult,
    (request, id, input) =>
      changeRag({
        db,
        context: context(request),
        actor: request.actor,
        subject: { kind: 'action', id },
        ...input,
      }),
  );
  changed(
    '/programme/actions/:id/completion',
    'Record that an action was completed (a change of its own in the history)',
    completeActionSchema,
    z.object({ completedOn: z.string() }),
    (request, actionId, input) =>
      completeAction({ db, context: context(request), actor: request.actor, actionId, ...input }),
  );
  changed(
    '/programme/milestones/:id/achieved',
    'Record that a milestone was achieved',
    milestoneAchievedSchema,
    z.object({ projectId: z.string() }),
    (request, milestoneId, input) =>
      recordMilestoneAchieved({
        db,
        context: context(request),
        actor: request.actor,
        milestoneId,
        ...input,
      }),
  );

  app.get(
    '/programme/workstreams/:id',
    {
      ...read,
      schema: {
        tags,
        summary: 'A workstream, its projects and actions',
        params: idParametersSchema,
        response: { 200: workstreamPageSchema, ...refusals },
      },
    },
    async (request) =>
      getWorkstream({ db, actor: request.actor, workstreamId: request.params.id, now: app.now() }),
  );
  app.get(
    '/programme/projects/:id',
    {
      ...read,
      schema: {
        tags,
        summary: 'A project: actions, milestones, dependencies, RAG history newest first',
        params: idParametersSchema,
        response: { 200: projectPageSchema, ...refusals },
      },
    },
    async (request) =>
      getProject({ db, actor: request.actor, projectId: request.params.id, now: app.now() }),
  );
  app.get(
    '/programme/actions/:id',
    {
      ...read,
      schema: {
        tags,
        summary: 'An action and its RAG history, newest first',
        params: idParametersSchema,
        response: { 200: actionPageSchema, ...refusals },
      },
    },
    async (request) =>
      getAction({ db, actor: request.actor, actionId: request.params.id, now: app.now() }),
  );
  app.get(
    '/programme/pcts/:odsCode',
    {
      ...read,
      schema: {
        tags,
        summary:
          'The Healthcare for London actions a PCT is accountable for (2008 Accountabilities)',
        params: odsParametersSchema,
        response: { 200: pctActionsSchema, ...refusals },
      },
    },
    async (request) => getPctActions({ db, odsCode: request.params.odsCode, now: app.now() }),
  );
}
