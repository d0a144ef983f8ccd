import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { listBodyDisputes } from './body-disputes-view.ts';
import { getDispute } from './dispute-view.ts';
import { listOpenDisputesForOversight } from './oversight-list-view.ts';
import { raiseDispute } from './raise-dispute.ts';
import { recordDisputeStep } from './record-dispute-step.ts';
import { disputeParametersSchema, raiseDisputeSchema, recordStepSchema } from './schemas.ts';
import { getStepFormChoices } from './step-form-choices.ts';

const notices: Record<string, string> = {
  raised: 'The dispute was raised.',
  step: 'The step was recorded.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
}

const raiseFields = ['category', 'title', 'description', 'jointReviewId', 'raisedOn'];
const stepFields = [
  'stepId',
  'takenOn',
  'takenBy',
  'outcome',
  'boardOrganisationId',
  'proposalId',
  'note',
];

/** A body's disputes, one dispute's trail and next step, and the SHA's oversight page. */
export async function registerDisputePages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: Extras = {},
  ) => {
    const list = await listBodyDisputes({ db, actor: request.actor, slug, now: app.now() });
    return reply.code(extras.problem?.problem.status ?? 200).view('disputes/views/disputes.njk', {
      currentPath: '/bodies',
      list,
      values: { raisedOn: list.today, ...extras.values },
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderDispute = async (
    request: FastifyRequest,
    reply: FastifyReply,
    disputeId: string,
    extras: Extras = {},
  ) => {
    const dispute = await getDispute({ db, actor: request.actor, disputeId, now: app.now() });
    const offered = dispute.mayRecordStep
      ? await getStepFormChoices({ db, disputeId, now: app.now() })
      : undefined;
    // The chair is offered only the mediation the chair conducts; the use-case refuses the rest.
    const choices =
      offered && dispute.recordsAsChairOnly
        ? { ...offered, steps: offered.steps.filter((step) => step.kind === 'mediation') }
        : offered;
    return reply.code(extras.problem?.problem.status ?? 200).view('disputes/views/dispute.njk', {
      currentPath: '/bodies',
      dispute,
      choices,
      values: { takenOn: londonDate(app.now()), ...extras.values },
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/disputes',
    {
      config: { permission: 'disputes.take-part' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderList(request, reply, request.params.slug, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/bodies/:slug/disputes',
    {
      config: { permission: 'disputes.take-part', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, raiseFields, 4000);
      try {
        const form = parseForm(raiseDisputeSchema, values);
        const { disputeId } = await raiseDispute({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/disputes/${disputeId}?changed=raised`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderList(request, reply, request.params.slug, { problem: error, values });
      }
    },
  );

  app.get(
    '/disputes/:id',
    {
      config: { permission: 'disputes.take-part' },
      schema: { params: disputeParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderDispute(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/disputes/:id/steps',
    {
      config: { permission: 'disputes.record-step', csrf: true },
      schema: { params: disputeParametersSchema },
    },
    async (request, reply) => {
      const disputeId = request.params.id;
      const values = submittedFormValues(request.body, stepFields, 4000);
      try {
        const form = parseForm(recordStepSchema, values);
        await recordDisputeStep({
          db,
          context: context(request),
          actor: request.actor,
          disputeId,
          ...form,
        });
        return reply.redirect(`/disputes/${disputeId}?changed=step#trail`, 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderDispute(request, reply, disputeId, { problem: error, values });
      }
    },
  );

  app.get(
    '/oversight/disputes',
    { config: { permission: 'disputes.oversee' } },
    async (request, reply) => {
      const oversight = await listOpenDisputesForOversight({
        db,
        actor: request.actor,
        now: app.now(),
      });
      return reply.view('disputes/views/oversight.njk', {
        currentPath: '/oversight/disputes',
        oversight,
      });
    },
  );
}
