import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { arrangementIdOfAction, arrangementIdOfForum } from './arrangement-lookup.ts';
import {
  getArrangement,
  listAreaNegotiations,
  listLondonNegotiations,
} from './arrangement-view.ts';
import { changeStage } from './change-stage.ts';
import { placeForumOnAgenda } from './place-forum-on-agenda.ts';
import { proposeAction } from './propose-action.ts';
import { raiseIssue } from './raise-issue.ts';
import { recordArrangement } from './record-arrangement.ts';
import { resolveIssue } from './resolve-issue.ts';
import { respondToAction } from './respond-to-action.ts';
import {
  actionParametersSchema,
  arrangementFormFields,
  arrangementParametersSchema,
  associateSlots,
  changeStageSchema,
  forumParametersSchema,
  issueParametersSchema,
  proposeActionSchema,
  raiseIssueSchema,
  recordArrangementFormSchema,
  resolveIssueSchema,
  respondToActionSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  recorded: 'The arrangement was recorded.',
  stage: 'The negotiation moved on.',
  issue: 'The issue was raised.',
  resolved: 'The issue was resolved.',
  proposed: 'The proposed action was circulated to the associates.',
  approved: 'Your approval was recorded.',
  rejected:
    'Your rejection was recorded. The action is blocked and a collaborative forum was called.',
  placed: 'The collaborative forum was placed on the agenda.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  /** Which form the values and problem belong to, so only that form shows them. */
  form?: string;
  notice?: string | undefined;
}

/**
 * The use case names an associate by its place in the request ("associates.1.organisationId");
 * the form by its numbered field ("associate3"), empty slots skipped: so the error summary links
 * to the field the person typed in.
 */
function onTheForm(problem: ProblemError, values: Record<string, string>): ProblemError {
  const filled = associateSlots.filter((slot) => values[`associate${slot}`]);
  const field = (name: string) => {
    const match = /^associates\.(\d+)\.(organisationId|share)$/.exec(name);
    const slot = match ? filled[Number(match[1])] : undefined;
    if (!match || slot === undefined) return name;
    return match[2] === 'share' ? `associate${slot}Share` : `associate${slot}`;
  };
  return new ProblemError({
    ...problem.problem,
    errors: problem.problem.errors?.map((error) => ({ ...error, field: field(error.field) })),
  });
}

/** Lead commissioning as pages: a local group's negotiations, London's view, one arrangement. */
export async function registerLeadCommissioningPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderArea = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: Extras = {},
  ) => {
    const area = await listAreaNegotiations({ db, actor: request.actor, slug, now: app.now() });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('lead-commissioning/views/area.njk', {
        currentPath: '/bodies',
        area,
        associateSlots,
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  const renderArrangement = async (
    request: FastifyRequest,
    reply: FastifyReply,
    arrangementId: string,
    extras: Extras = {},
  ) => {
    const arrangement = await getArrangement({
      db,
      actor: request.actor,
      arrangementId,
      now: app.now(),
    });
    const today = londonDate(app.now());
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('lead-commissioning/views/arrangement.njk', {
        currentPath: '/lead-commissioning',
        arrangement,
        form: extras.form,
        values: { happenedOn: today, raisedOn: today, resolvedOn: today, ...extras.values },
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/lead-commissioning',
    { config: { permission: 'commissioning.act-for-pct' } },
    async (request, reply) => {
      const london = await listLondonNegotiations({ db, actor: request.actor, now: app.now() });
      return reply.view('lead-commissioning/views/london.njk', {
        currentPath: '/lead-commissioning',
        london,
      });
    },
  );

  app.get(
    '/bodies/:slug/negotiations',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderArea(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/bodies/:slug/negotiations',
    {
      config: { permission: 'commissioning.run', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, arrangementFormFields, 300);
      try {
        const form = parseForm(recordArrangementFormSchema, values);
        const { arrangementId } = await recordArrangement({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/lead-commissioning/${arrangementId}?changed=recorded`, 303);
      } catch (caught) {
        const problem = onTheForm(asProblem(caught), values);
        return renderArea(request, reply, request.params.slug, { problem, values });
      }
    },
  );

  app.get(
    '/lead-commissioning/:arrangementId',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: { params: arrangementParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderArrangement(request, reply, request.params.arrangementId, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  /** A form on the arrangement page: parse, act, then back to the page or the page with errors. */
  const arrangementForm = <Parsed>(
    path: string,
    paramsSchema: z.ZodType,
    form: string,
    fields: string[],
    parse: (values: Record<string, string>) => Parsed,
    act: (
      request: FastifyRequest,
      parsed: Parsed,
      params: Record<string, string>,
    ) => Promise<string>,
    arrangementIdOf: (request: FastifyRequest, params: Record<string, string>) => Promise<string>,
  ) =>
    app.post(
      path,
      {
        config: { permission: 'commissioning.act-for-pct', csrf: true },
        schema: { params: paramsSchema },
      },
      async (request, reply) => {
        const params = request.params as Record<string, string>;
        const values = submittedFormValues(request.body, fields, 4000);
        const arrangementId = await arrangementIdOf(request, params);
        try {
          const changed = await act(request, parse(values), params);
          return reply.redirect(`/lead-commissioning/${arrangementId}?changed=${changed}`, 303);
        } catch (caught) {
          const problem = asProblem(caught);
          return renderArrangement(request, reply, arrangementId, { problem, values, form });
        }
      },
    );

  const ownArrangement = async (_request: FastifyRequest, params: Record<string, string>) =>
    arrangementParametersSchema.parse(params).arrangementId;

  arrangementForm(
    '/lead-commissioning/:arrangementId/stage',
    arrangementParametersSchema,
    'stage',
    ['stage', 'happenedOn', 'note'],
    (values) => parseForm(changeStageSchema, values),
    async (request, parsed, params) => {
      await changeStage({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId: arrangementParametersSchema.parse(params).arrangementId,
        ...parsed,
      });
      return 'stage';
    },
    ownArrangement,
  );

  arrangementForm(
    '/lead-commissioning/:arrangementId/issues',
    arrangementParametersSchema,
    'issue',
    ['text', 'raisedOn'],
    (values) => parseForm(raiseIssueSchema, values),
    async (request, parsed, params) => {
      await raiseIssue({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId: arrangementParametersSchema.parse(params).arrangementId,
        ...parsed,
      });
      return 'issue';
    },
    ownArrangement,
  );

  arrangementForm(
    '/lead-commissioning/:arrangementId/issues/:issueId/resolution',
    issueParametersSchema,
    'resolve',
    ['resolvedOn', 'resolution'],
    (values) => parseForm(resolveIssueSchema, values),
    async (request, parsed, params) => {
      const { arrangementId, issueId } = issueParametersSchema.parse(params);
      await resolveIssue({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId,
        issueId,
        ...parsed,
      });
      return 'resolved';
    },
    ownArrangement,
  );

  arrangementForm(
    '/lead-commissioning/:arrangementId/actions',
    arrangementParametersSchema,
    'propose',
    ['text', 'respondBy'],
    (values) => parseForm(proposeActionSchema, values),
    async (request, parsed, params) => {
      await proposeAction({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId: arrangementParametersSchema.parse(params).arrangementId,
        ...parsed,
      });
      return 'proposed';
    },
    ownArrangement,
  );

  const arrangementOfAction = async (request: FastifyRequest, params: Record<string, string>) => {
    const { actionId } = actionParametersSchema.parse(params);
    return arrangementIdOfAction(db, actionId, request.actor);
  };

  arrangementForm(
    '/lead-commissioning/proposed-actions/:actionId/responses',
    actionParametersSchema,
    'respond',
    ['organisationId', 'response', 'reason'],
    (values) => parseForm(respondToActionSchema, values),
    async (request, parsed, params) => {
      const responded = await respondToAction({
        db,
        context: context(request),
        actor: request.actor,
        proposedActionId: actionParametersSchema.parse(params).actionId,
        ...parsed,
      });
      return responded.status === 'blocked' ? 'rejected' : 'approved';
    },
    arrangementOfAction,
  );

  const arrangementOfForum = async (request: FastifyRequest, params: Record<string, string>) => {
    const { forumId } = forumParametersSchema.parse(params);
    return arrangementIdOfForum(db, forumId, request.actor);
  };

  arrangementForm(
    '/lead-commissioning/forums/:forumId/placement',
    forumParametersSchema,
    'place',
    [],
    () => undefined,
    async (request, _parsed, params) => {
      await placeForumOnAgenda({
        db,
        context: context(request),
        actor: request.actor,
        forumId: forumParametersSchema.parse(params).forumId,
      });
      return 'placed';
    },
    arrangementOfForum,
  );
}
