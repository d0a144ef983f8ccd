import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { datePartsIn, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { getProposal } from './proposal-view.ts';
import { recordSignOffSchema, requireRatificationSchema } from './ratification-schemas.ts';
import { recordBoardSignOff, requireRatification } from './ratification-service.ts';
import { proposalParametersSchema } from './schemas.ts';

/** The secretariat's forms on a question's page: name the sponsoring boards, record sign-off. */
export async function registerRatificationPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderWithProblem = async (
    request: FastifyRequest,
    reply: FastifyReply,
    proposalId: string,
    problem: ProblemError,
    values: Record<string, string | string[]>,
  ) => {
    const proposal = await getProposal({ db, actor: request.actor, proposalId });
    return reply.code(problem.problem.status).view('decisions/views/proposal.njk', {
      currentPath: '/bodies',
      proposal,
      values,
      ...formErrors(problem.problem),
    });
  };

  app.post(
    '/proposals/:id/ratification',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: proposalParametersSchema },
    },
    async (request, reply) => {
      const submitted = (request.body ?? {}) as Record<string, unknown>;
      // One ticked box arrives as a string, several as an array.
      const organisationIds = [submitted.organisationIds ?? []]
        .flat()
        .filter((value): value is string => typeof value === 'string')
        .map((value) => value.slice(0, 100));
      try {
        const form = parseForm(requireRatificationSchema, { organisationIds });
        await requireRatification({
          db,
          context: context(request),
          actor: request.actor,
          proposalId: request.params.id,
          organisationIds: form.organisationIds,
        });
        return reply.redirect(
          `/proposals/${request.params.id}?changed=ratification#ratification`,
          303,
        );
      } catch (caught) {
        const error = asProblem(caught);
        return renderWithProblem(request, reply, request.params.id, error, { organisationIds });
      }
    },
  );

  app.post(
    '/proposals/:id/ratification/sign-offs',
    {
      config: { permission: 'meetings.manage', csrf: true },
      schema: { params: proposalParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(
        request.body,
        ['organisationId', 'decision', 'decidedOn', 'minuteReference'],
        200,
      );
      try {
        const form = parseForm(recordSignOffSchema, {
          organisationId: values.organisationId,
          decision: values.decision || undefined,
          decidedOn: values.decidedOn,
          minuteReference: values.minuteReference,
          ...datePartsIn(values),
        });
        await recordBoardSignOff({
          db,
          context: context(request),
          actor: request.actor,
          proposalId: request.params.id,
          ...form,
        });
        return reply.redirect(
          `/proposals/${request.params.id}?changed=signed-off#ratification`,
          303,
        );
      } catch (caught) {
        const error = asProblem(caught);
        return renderWithProblem(request, reply, request.params.id, error, values);
      }
    },
  );
}
