import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { listPresets } from '../constitutions/index.ts';
import {
  type Constitution,
  describeDisputeStep,
  disputeStepKindLabels,
} from '../governance/index.ts';
import type { App } from '../http/app-types.ts';
import {
  changedQuerySchema,
  datePartsIn,
  formErrors,
  parseForm,
  submittedFormValues,
} from '../http/forms.ts';
import { actionContextOf, authorize, londonDate, mayRunBody } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import {
  addConstitutionVersion,
  compareVersions,
  getAdoptionReport,
  getBody,
  getConstitutionVersion,
  listBodies,
  recordAdoption,
} from './body-service.ts';
import { changesInWords, presetInWords } from './diff-in-words.ts';
import { nextMeetingOf } from './next-meeting-view.ts';
import { callEarlierReview } from './review-call.ts';
import { presetSource } from './routes.ts';
import {
  callEarlierReviewSchema,
  diffQuerySchema,
  recordAdoptionSchema,
  slugParametersSchema,
  versionParametersSchema,
} from './schemas.ts';

/** Each dispute category's ladder in words: the kind of step, what it is, and its clause. */
function disputeLaddersInWords(constitution: Constitution) {
  return (constitution.disputes?.categories ?? []).map((category) => ({
    title: category.title,
    steps: category.ladder.map((step) => {
      const described = describeDisputeStep(constitution, step);
      return {
        label: disputeStepKindLabels[step.step],
        action: described.action.charAt(0).toUpperCase() + described.action.slice(1),
        clause: step.clause,
      };
    }),
  }));
}

const newBodyFormSchema = z.object({
  preset: z.string().max(100).optional(),
  constitution: z.string().max(500_000).optional(),
  _csrf: z.string().optional(),
});

/** Bodies, their terms of reference version by version, diffs and the adoption record, as pages. */
export async function registerBodyPages(app: App) {
  const { db } = app.database;
  const today = () => londonDate(app.now());
  const may = (request: FastifyRequest, permission: 'bodies.manage' | 'bodies.record-adoption') =>
    authorize(request.actor, permission, { changesState: true }).allowed;

  app.get('/bodies', { config: { permission: 'public.read' } }, async (request, reply) =>
    reply.view('bodies/views/bodies.njk', {
      currentPath: '/bodies',
      bodies: await listBodies({ db, asOf: today() }),
      mayManage: may(request, 'bodies.manage'),
    }),
  );

  const renderNewBody = async (
    reply: FastifyReply,
    values: Record<string, string>,
    problem?: ProblemError,
  ) =>
    reply.code(problem?.problem.status ?? 200).view('bodies/views/new-body.njk', {
      currentPath: '/bodies',
      presets: (await listPresets()).map((preset) => ({
        id: preset.id,
        title: presetInWords(preset.id),
      })),
      values,
      ...formErrors(problem?.problem),
    });

  app.get('/bodies/new', { config: { permission: 'bodies.manage' } }, async (_request, reply) =>
    renderNewBody(reply, {}),
  );

  app.post(
    '/bodies',
    { config: { permission: 'bodies.manage', csrf: true } },
    async (request, reply) => {
      const form = parseForm(newBodyFormSchema, request.body);
      try {
        const source = form.constitution?.trim()
          ? { sourceText: form.constitution, fileName: 'uploaded.yaml' }
          : form.preset
            ? await presetSource(form.preset)
            : (() => {
                throw new ProblemError({
                  status: 400,
                  code: 'invalid-input',
                  title: 'The request has invalid fields',
                  detail: 'Choose a preset or paste a constitution.',
                  errors: [
                    { field: 'preset', message: 'Choose a preset, or paste a constitution below.' },
                  ],
                });
              })();
        const added = await addConstitutionVersion({
          db,
          context: actionContextOf(request, app.now()),
          ...source,
        });
        return reply.redirect(`/bodies/${added.slug}/versions/${added.version}`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderNewBody(
          reply,
          { preset: form.preset ?? '', constitution: form.constitution ?? '' },
          error,
        );
      }
    },
  );

  const renderBody = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const body = await getBody({ db, slug, asOf: today() });
    return reply.code(extras.problem?.problem.status ?? 200).view('bodies/views/body.njk', {
      currentPath: '/bodies',
      body,
      nextMeeting: await nextMeetingOf({ db, bodyId: body.id, now: app.now() }),
      asOf: today(),
      mayCallReview: mayRunBody(request.actor, body.slug),
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
      auditTrail: authorize(request.actor, 'audit.read', { changesState: false }).allowed
        ? `/audit/body/${body.id}`
        : undefined,
    });
  };

  app.get(
    '/bodies/:slug',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderBody(request, reply, request.params.slug, {
        ...(request.query.changed === 'review-called'
          ? { notice: 'The earlier review was recorded and the drafting of a new version started.' }
          : {}),
      }),
  );

  app.post(
    '/bodies/:slug/review-calls',
    {
      config: { permission: 'bodies.record-adoption', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        ['calledBy', 'calledOn', 'reason', 'reference'],
        4000,
      );
      try {
        const form = parseForm(callEarlierReviewSchema, {
          calledBy: values.calledBy,
          calledOn: values.calledOn,
          reason: values.reason,
          reference: values.reference,
          ...datePartsIn(values),
        });
        await callEarlierReview({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/bodies/${request.params.slug}?changed=review-called#review`, 303);
      } catch (caught) {
        return renderBody(request, reply, request.params.slug, {
          problem: asProblem(caught),
          values,
        });
      }
    },
  );

  const renderVersion = async (
    request: FastifyRequest,
    reply: FastifyReply,
    { slug, version }: { slug: string; version: number },
    extras: { problem?: ProblemError; values?: Record<string, string>; notice?: string } = {},
  ) => {
    const [body, { constitution, sourceText }] = await Promise.all([
      getBody({ db, slug, asOf: today() }),
      getConstitutionVersion({ db, slug, version }),
    ]);
    const adoption = constitution.adoption
      ? await getAdoptionReport({ db, slug, version, asOf: today() })
      : null;
    return reply.code(extras.problem?.problem.status ?? 200).view('bodies/views/version.njk', {
      currentPath: '/bodies',
      body,
      constitution,
      disputeLadders: disputeLaddersInWords(constitution),
      sourceText,
      adoption,
      mayRecordAdoption: may(request, 'bodies.record-adoption'),
      values: extras.values ?? {},
      notice: extras.notice,
      today: today(),
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/versions/:version',
    { config: { permission: 'public.read' }, schema: { params: versionParametersSchema } },
    async (request, reply) => {
      const recorded = (request.query as { recorded?: string }).recorded;
      return renderVersion(request, reply, request.params, {
        notice: recorded ? `Adoption by ${recorded} recorded.` : undefined,
      });
    },
  );

  app.post(
    '/bodies/:slug/versions/:version/adoptions',
    {
      config: { permission: 'bodies.record-adoption', csrf: true },
      schema: { params: versionParametersSchema },
    },
    async (request, reply) => {
      const body = submittedFormValues(
        request.body,
        ['organisationId', 'adoptedOn', 'minuteReference'],
        200,
      );
      try {
        const form = parseForm(recordAdoptionSchema, {
          organisationId: body.organisationId,
          adoptedOn: body.adoptedOn,
          minuteReference: body.minuteReference,
          ...datePartsIn(body),
        });
        await recordAdoption({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          slug: request.params.slug,
          version: request.params.version,
          ...form,
        });
        const report = await getAdoptionReport({
          db,
          slug: request.params.slug,
          version: request.params.version,
          asOf: today(),
        });
        const board =
          report.status.adopted.find((entry) => entry.boardId === form.organisationId)?.name ??
          'the board';
        return reply.redirect(
          `/bodies/${request.params.slug}/versions/${request.params.version}?recorded=${encodeURIComponent(board)}#adoption`,
          303,
        );
      } catch (caught) {
        const error = asProblem(caught);
        return renderVersion(request, reply, request.params, {
          problem: error,
          values: body,
        });
      }
    },
  );

  app.get(
    '/bodies/:slug/diff',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: diffQuerySchema },
    },
    async (request, reply) => {
      const body = await getBody({ db, slug: request.params.slug, asOf: today() });
      const { slug } = request.params;
      const diff = await compareVersions({
        db,
        slug,
        from: request.query.from,
        to: request.query.to,
      });
      const before = await getConstitutionVersion({ db, slug, version: request.query.from });
      const after = await getConstitutionVersion({ db, slug, version: request.query.to });
      return reply.view('bodies/views/diff.njk', {
        currentPath: '/bodies',
        body,
        diff,
        changes: changesInWords(diff, before.constitution, after.constitution),
      });
    },
  );
}
