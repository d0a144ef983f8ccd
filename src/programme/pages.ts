import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
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
  projectOfMilestone,
  recordMilestoneAchieved,
} from './programme-service.ts';
import {
  addActionSchema,
  addActionTeamSchema,
  addDependencySchema,
  addMilestoneSchema,
  addProjectSchema,
  addWorkstreamSchema,
  completeActionSchema,
  createProgrammeSchema,
  idParametersSchema,
  milestoneAchievedSchema,
  odsParametersSchema,
  ragChangeSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  workstream: 'The workstream was added.',
  team: 'The action team was set up.',
  project: 'The project was added.',
  dependency: 'The dependency was added.',
  milestone: 'The milestone was added.',
  achieved: 'The milestone was recorded as achieved.',
  action: 'The action was added.',
  rag: 'The RAG status was changed and its reason recorded.',
  completed: 'The action was recorded as completed.',
  created: 'The programme was started.',
};

const fields = [
  'title',
  'description',
  'priority',
  'sequence',
  'name',
  'remit',
  'leadPerson',
  'startsOn',
  'dueOn',
  'achievedOn',
  'rag',
  'reason',
  'changedOn',
  'owner',
  'dependsOnProjectId',
  'completedOn',
  'note',
];

interface Extras {
  problem?: ProblemError | undefined;
  values?: Record<string, string>;
  notice?: string | undefined;
}

/** A form's fields, renamed where two forms on one page share a name (the project page's). */
function renamed(problem: ProblemError, names: Record<string, string>): ProblemError {
  for (const error of problem.problem.errors ?? []) error.field = names[error.field] ?? error.field;
  return problem;
}

function onlyFields(schema: z.ZodType, values: Record<string, string>): Record<string, string> {
  const shape = (schema as never as z.ZodObject).shape;
  return Object.fromEntries(
    Object.entries(values).filter(([field]) => field in shape || field.includes('[')),
  );
}

/** The delivery programme's pages: read by anyone, kept by the body's programme office. */
export async function registerProgrammePages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const view = (
    reply: FastifyReply,
    template: string,
    data: Record<string, unknown>,
    extras: Extras,
  ) =>
    reply.code(extras.problem?.problem.status ?? 200).view(`programme/views/${template}`, {
      currentPath: '/programmes',
      ...data,
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string | undefined,
    extras: Extras = {},
  ) =>
    view(
      reply,
      'programmes.njk',
      { list: await listProgrammes({ db, actor: request.actor, slug }) },
      extras,
    );
  const renderProgramme = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extras: Extras = {},
  ) =>
    view(
      reply,
      'programme.njk',
      {
        programme: await getProgramme({
          db,
          actor: request.actor,
          programmeId: id,
          now: app.now(),
        }),
      },
      extras,
    );
  const renderWorkstream = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extras: Extras = {},
  ) =>
    view(
      reply,
      'workstream.njk',
      { page: await getWorkstream({ db, actor: request.actor, workstreamId: id, now: app.now() }) },
      extras,
    );
  const renderProject = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extras: Extras = {},
  ) =>
    view(
      reply,
      'project.njk',
      { page: await getProject({ db, actor: request.actor, projectId: id, now: app.now() }) },
      extras,
    );
  const renderAction = async (
    request: FastifyRequest,
    reply: FastifyReply,
    id: string,
    extras: Extras = {},
  ) =>
    view(
      reply,
      'action.njk',
      { page: await getAction({ db, actor: request.actor, actionId: id, now: app.now() }) },
      extras,
    );

  const read = { permission: 'public.read' as const };
  const keep = { permission: 'programme.keep' as const, csrf: true };
  const noticeOf = (request: FastifyRequest) =>
    notices[(request.query as { changed?: string }).changed ?? ''];

  app.get('/programmes', { config: read }, async (request, reply) =>
    renderList(request, reply, undefined),
  );
  app.get(
    '/bodies/:slug/programmes',
    { config: read, schema: { params: slugParametersSchema } },
    async (request, reply) => renderList(request, reply, request.params.slug),
  );
  app.get(
    '/programmes/:id',
    { config: read, schema: { params: idParametersSchema, querystring: changedQuerySchema } },
    async (request, reply) =>
      renderProgramme(request, reply, request.params.id, { notice: noticeOf(request) }),
  );
  app.get(
    '/programmes/:id/roll-up',
    { config: read, schema: { params: idParametersSchema } },
    async (request, reply) =>
      view(
        reply,
        'roll-up.njk',
        { rollUp: await getRollUp({ db, programmeId: request.params.id, now: app.now() }) },
        {},
      ),
  );
  app.get(
    '/programme/workstreams/:id',
    { config: read, schema: { params: idParametersSchema, querystring: changedQuerySchema } },
    async (request, reply) =>
      renderWorkstream(request, reply, request.params.id, { notice: noticeOf(request) }),
  );
  app.get(
    '/programme/projects/:id',
    { config: read, schema: { params: idParametersSchema, querystring: changedQuerySchema } },
    async (request, reply) =>
      renderProject(request, reply, request.params.id, { notice: noticeOf(request) }),
  );
  app.get(
    '/programme/actions/:id',
    { config: read, schema: { params: idParametersSchema, querystring: changedQuerySchema } },
    async (request, reply) =>
      renderAction(request, reply, request.params.id, { notice: noticeOf(request) }),
  );
  app.get(
    '/programme/pcts/:odsCode',
    { config: read, schema: { params: odsParametersSchema } },
    async (request, reply) =>
      view(
        reply,
        'pct.njk',
        { page: await getPctActions({ db, odsCode: request.params.odsCode, now: app.now() }) },
        {},
      ),
  );

  app.post(
    '/bodies/:slug/programmes',
    { config: keep, schema: { params: slugParametersSchema } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, fields, 4000);
      try {
        const form = parseForm(createProgrammeSchema, onlyFields(createProgrammeSchema, values));
        const { programmeId } = await createProgramme({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/programmes/${programmeId}?changed=created`, 303);
      } catch (caught) {
        return renderList(request, reply, request.params.slug, {
          problem: asProblem(caught),
          values,
        });
      }
    },
  );

  /** A keeper's form on a record's page: parse, one use case, back to the page (or its errors). */
  const form = <Schema extends z.ZodType>(options: {
    url: string;
    schema: Schema;
    run: (request: FastifyRequest, id: string, input: z.output<Schema>) => Promise<string>;
    render: (
      request: FastifyRequest,
      reply: FastifyReply,
      id: string,
      extras: Extras,
    ) => Promise<unknown>;
    changed: string;
    rename?: Record<string, string>;
  }) =>
    app.post(
      options.url,
      { config: keep, schema: { params: idParametersSchema } },
      async (request, reply) => {
        const id = (request.params as { id: string }).id;
        const values = submittedFormValues(request.body, fields, 4000);
        try {
          const input = parseForm(options.schema, onlyFields(options.schema, values));
          const path = await options.run(request, id, input);
          return reply.redirect(`${path}?changed=${options.changed}`, 303);
        } catch (caught) {
          const problem = renamed(asProblem(caught), options.rename ?? {});
          const shown = Object.fromEntries(
            Object.entries(values).map(([field, value]) => [
              options.rename?.[field] ?? field,
              value,
            ]),
          );
          return options.render(request, reply, id, { problem, values: shown });
        }
      },
    );

  form({
    url: '/programmes/:id/workstreams',
    schema: addWorkstreamSchema,
    changed: 'workstream',
    render: renderProgramme,
    run: async (request, programmeId, input) => {
      await addWorkstream({
        db,
        context: context(request),
        actor: request.actor,
        programmeId,
        ...input,
      });
      return `/programmes/${programmeId}`;
    },
  });
  form({
    url: '/programmes/:id/action-teams',
    schema: addActionTeamSchema,
    changed: 'team',
    render: renderProgramme,
    run: async (request, programmeId, input) => {
      await addActionTeam({
        db,
        context: context(request),
        actor: request.actor,
        programmeId,
        ...input,
      });
      return `/programmes/${programmeId}`;
    },
  });
  form({
    url: '/programme/workstreams/:id/projects',
    schema: addProjectSchema,
    changed: 'project',
    render: renderWorkstream,
    run: async (request, workstreamId, input) => {
      const { projectId } = await addProject({
        db,
        context: context(request),
        actor: request.actor,
        workstreamId,
        ...input,
      });
      return `/programme/projects/${projectId}`;
    },
  });
  form({
    url: '/programme/projects/:id/dependencies',
    schema: addDependencySchema,
    changed: 'dependency',
    render: renderProject,
    run: async (request, projectId, input) => {
      await addDependency({
        db,
        context: context(request),
        actor: request.actor,
        projectId,
        ...input,
      });
      return `/programme/projects/${projectId}`;
    },
  });
  form({
    url: '/programme/projects/:id/milestones',
    schema: addMilestoneSchema,
    changed: 'milestone',
    render: renderProject,
    rename: { title: 'milestoneTitle', dueOn: 'milestoneDueOn' },
    run: async (request, projectId, input) => {
      await addMilestone({
        db,
        context: context(request),
        actor: request.actor,
        projectId,
        ...input,
      });
      return `/programme/projects/${projectId}`;
    },
  });
  form({
    url: '/programme/projects/:id/actions',
    schema: addActionSchema,
    changed: 'action',
    render: renderProject,
    run: async (request, projectId, input) => {
      const { actionId } = await addAction({
        db,
        context: context(request),
        actor: request.actor,
        projectId,
        ...input,
      });
      return `/programme/actions/${actionId}`;
    },
  });
  form({
    url: '/programme/projects/:id/rag',
    schema: ragChangeSchema,
    changed: 'rag',
    render: renderProject,
    rename: { rag: 'newRag' },
    run: async (request, id, input) => {
      await changeRag({
        db,
        context: context(request),
        actor: request.actor,
        subject: { kind: 'project', id },
        ...input,
      });
      return `/programme/projects/${id}`;
    },
  });
  form({
    url: '/programme/actions/:id/rag',
    schema: ragChangeSchema,
    changed: 'rag',
    render: renderAction,
    run: async (request, id, input) => {
      await changeRag({
        db,
        context: context(request),
        actor: request.actor,
        subject: { kind: 'action', id },
        ...input,
      });
      return `/programme/actions/${id}`;
    },
  });
  form({
    url: '/programme/actions/:id/completion',
    schema: completeActionSchema,
    changed: 'completed',
    render: renderAction,
    run: async (request, actionId, input) => {
      await completeAction({
        db,
        context: context(request),
        actor: request.actor,
        actionId,
        ...input,
      });
      return `/programme/actions/${actionId}`;
    },
  });
  form({
    url: '/programme/milestones/:id/achieved',
    schema: milestoneAchievedSchema,
    changed: 'achieved',
    render: async (request, reply, milestoneId, extras) => {
      const projectId = await projectOfMilestone({ db, milestoneId });
      return renderProject(request, reply, projectId, {
        ...extras,
        problem:
          extras.problem && renamed(extras.problem, { achievedOn: `achievedOn-${milestoneId}` }),
      });
    },
    run: async (request, milestoneId, input) => {
      const { projectId } = await recordMilestoneAchieved({
        db,
        context: context(request),
        actor: request.actor,
        milestoneId,
        ...input,
      });
      return `/programme/projects/${projectId}`;
    },
  });
}
