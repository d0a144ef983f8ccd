import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, invalidInput, type ProblemError } from '../shared/problems.ts';
import { addService } from './add-service.ts';
import { parsePounds } from './consortium-rules.ts';
import { getConsortium, listConsortia } from './consortium-view.ts';
import { addServiceSchema, budgetFormSchema, consortiumParametersSchema } from './schemas.ts';
import { setBudget } from './set-budget.ts';

const notices: Record<string, string> = {
  budget: 'The pooled budget was recorded.',
  service: 'The service was added.',
};

/** Specialised services consortia as pages: the list, and one consortium. */
export async function registerSpecialisedCommissioningPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/specialised-commissioning',
    { config: { permission: 'public.read' } },
    async (request, reply) =>
      reply.view('specialised-commissioning/views/consortia.njk', {
        currentPath: '/specialised-commissioning',
        list: await listConsortia({ db, actor: request.actor }),
      }),
  );

  const render = async (
    request: FastifyRequest,
    reply: FastifyReply,
    consortiumId: string,
    extras: {
      problem?: ProblemError;
      values?: Record<string, string>;
      form?: string;
      notice?: string | undefined;
    } = {},
  ) =>
    reply
      .code(extras.problem?.problem.status ?? 200)
      .view('specialised-commissioning/views/consortium.njk', {
        currentPath: '/specialised-commissioning',
        c: await getConsortium({ db, actor: request.actor, consortiumId }),
        form: extras.form,
        values: extras.values ?? {},
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });

  app.get(
    '/specialised-commissioning/:consortiumId',
    {
      config: { permission: 'public.read' },
      schema: { params: consortiumParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      render(request, reply, request.params.consortiumId, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.post(
    '/specialised-commissioning/:consortiumId/budgets',
    {
      config: { permission: 'specialised.manage', csrf: true },
      schema: { params: consortiumParametersSchema },
    },
    async (request, reply) => {
      const { consortiumId } = request.params;
      const values = submittedFormValues(request.body, ['startYear', 'amount'], 40);
      try {
        const form = parseForm(budgetFormSchema, values);
        const pence = parsePounds(form.amount);
        if (pence === undefined || pence === 'fraction-of-a-penny') {
          throw invalidInput([
            {
              field: 'amount',
              message:
                pence === 'fraction-of-a-penny'
                  ? 'A budget is in whole pence: give at most two decimal places, like 12,345,678.90.'
                  : 'Enter the pooled budget in pounds, like 12,345,678.90.',
            },
          ]);
        }
        await setBudget({
          db,
          context: context(request),
          actor: request.actor,
          consortiumId,
          startYear: form.startYear,
          amountPence: pence,
        });
        return reply.redirect(`/specialised-commissioning/${consortiumId}?changed=budget`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        return render(request, reply, consortiumId, { problem, values, form: 'budget' });
      }
    },
  );

  app.post(
    '/specialised-commissioning/:consortiumId/services',
    {
      config: { permission: 'specialised.manage', csrf: true },
      schema: { params: consortiumParametersSchema },
    },
    async (request, reply) => {
      const { consortiumId } = request.params;
      const values = submittedFormValues(request.body, ['name'], 300);
      try {
        const form = parseForm(addServiceSchema, values);
        await addService({
          db,
          context: context(request),
          actor: request.actor,
          consortiumId,
          ...form,
        });
        return reply.redirect(`/specialised-commissioning/${consortiumId}?changed=service`, 303);
      } catch (caught) {
        return render(request, reply, consortiumId, {
          problem: asProblem(caught),
          values,
          form: 'service',
        });
      }
    },
  );
}
