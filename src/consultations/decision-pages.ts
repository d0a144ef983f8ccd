/**
 * The decision page `/consultations/:slug/decision` (issue 25 part 5): where the decision after
 * consultation stands, putting it to a meeting of the Joint Committee, and recording its outcome.
 * Those running the consultation only (the use cases re-check on the record).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { codingPageQuerySchema, slugParametersSchema } from './analysis-schemas.ts';
import { getDecisionPage } from './decision-view.ts';
import { putDecisionFollowingConsultation } from './put-decision-following-consultation.ts';
import { recordDecision } from './record-decision.ts';

const meetingFormSchema = z.object({
  meetingId: z.uuid({ error: 'Choose a meeting to put the decision to.' }),
});

const notices: Record<string, string> = {
  put: 'The decision was put to the meeting.',
  recorded: 'The decision was recorded.',
};

export async function registerConsultationDecisionPages(app: App): Promise<void> {
  const db = app.database.db;
  const path = (slug: string) => `/consultations/${slug}/decision`;

  async function show(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    options: { notice?: string; problem?: ProblemError; values?: Record<string, string> },
  ) {
    const view = await getDecisionPage(db, request.actor, slug, app.now());
    return reply
      .code(options.problem ? options.problem.problem.status : 200)
      .view('consultations/views/decision.njk', {
        currentPath: '/consultations',
        view,
        notice: options.notice,
        values: options.values ?? {},
        ...formErrors(options.problem?.problem),
      });
  }

  async function run(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    done: string,
    action: () => Promise<unknown>,
  ) {
    try {
      await action();
      return reply.redirect(`${path(slug)}?done=${done}`, 303);
    } catch (caught) {
      const problem = asProblem(caught);
      if ([401, 403, 404].includes(problem.problem.status)) throw problem;
      return show(request, reply, slug, {
        problem,
        values: submittedFormValues(request.body, ['meetingId'], 100),
      });
    }
  }

  app.get(
    '/consultations/:slug/decision',
    {
      config: { permission: 'consultations.run' },
      schema: { params: slugParametersSchema, querystring: codingPageQuerySchema },
    },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const { done } = request.query as { done?: string };
      return show(request, reply, slug, {
        ...(done && notices[done] && { notice: notices[done] }),
      });
    },
  );

  app.post(
    '/consultations/:slug/decision',
    {
      config: { permission: 'consultations.run', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      return run(request, reply, slug, 'put', async () => {
        const { meetingId } = parseForm(meetingFormSchema, request.body);
        await putDecisionFollowingConsultation({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          slug,
          meetingId,
        });
      });
    },
  );

  app.post(
    '/consultations/:slug/decision/outcome',
    {
      config: { permission: 'consultations.run', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      return run(request, reply, slug, 'recorded', () =>
        recordDecision({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          slug,
        }),
      );
    },
  );
}
