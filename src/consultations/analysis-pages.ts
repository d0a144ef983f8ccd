/**
 * The analysis pages: `/consultations/:slug/analysis` (counts by question, choice, theme and who
 * responded, from the tallies, with charts and tables; the two agreement figures) and
 * `/consultations/:slug/analysis/questions/:number` (the codebook, the suggestion runner, the next
 * uncoded answers to code, the suggestions to accept or reject). Staff only: an administrator or
 * the secretariat of the consultation's body (the use cases re-check on the record).
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { addTheme } from './add-theme.ts';
import {
  codingFormSchema,
  codingPageQuerySchema,
  decideSuggestionFormSchema,
  questionParametersSchema,
  slugParametersSchema,
  suggestFormSchema,
  suggestionParametersSchema,
  themeFormSchema,
} from './analysis-schemas.ts';
import { getAnalysis } from './analysis-view.ts';
import { codeAnswer } from './code-answer.ts';
import { getCodingPage } from './coding-view.ts';
import { decideSuggestion } from './decide-suggestion.ts';
import { suggestThemesForNext } from './suggest-themes.ts';

const notices: Record<string, string> = {
  theme: 'The theme was added to the codebook.',
  coded: 'The coding was saved.',
  suggested: 'Themes were suggested for the next uncoded answers.',
  accepted: 'The suggestion was accepted and the answer coded.',
  rejected: 'The suggestion was rejected.',
};

export async function registerConsultationAnalysisPages(app: App): Promise<void> {
  const db = app.database.db;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const codingPath = (slug: string, number: number) =>
    `/consultations/${slug}/analysis/questions/${number}`;

  async function showCoding(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    number: number,
    options: {
      after?: number;
      notice?: string;
      problem?: ProblemError;
      values?: Record<string, string>;
    },
  ) {
    const page = await getCodingPage(db, request.actor, slug, number, options.after ?? 0);
    return reply
      .code(options.problem ? options.problem.problem.status : 200)
      .view('consultations/views/coding.njk', {
        currentPath: '/consultations',
        page,
        notice: options.notice,
        values: options.values ?? {},
        ...formErrors(options.problem?.problem),
      });
  }

  /** Runs a form's use case; a refusal shows the coding page again with the error summary. */
  async function postOnCodingPage(
    request: FastifyRequest,
    reply: FastifyReply,
    parameters: { slug: string; number: number },
    fields: readonly string[],
    run: () => Promise<string>,
  ) {
    try {
      const done = await run();
      return reply.redirect(`${codingPath(parameters.slug, parameters.number)}?done=${done}`, 303);
    } catch (caught) {
      const problem = asProblem(caught);
      if (
        problem.problem.status === 401 ||
        problem.problem.status === 403 ||
        problem.problem.status === 404
      )
        throw problem;
      return showCoding(request, reply, parameters.slug, parameters.number, {
        problem,
        values: submittedFormValues(request.body, fields, 2000),
      });
    }
  }

  app.get(
    '/consultations/:slug/analysis',
    { config: { permission: 'consultations.analyse' }, schema: { params: slugParametersSchema } },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const analysis = await getAnalysis(db, request.actor, slug);
      return reply.view('consultations/views/analysis.njk', {
        currentPath: '/consultations',
        analysis,
      });
    },
  );

  app.get(
    '/consultations/:slug/analysis/questions/:number',
    {
      config: { permission: 'consultations.analyse' },
      schema: { params: questionParametersSchema, querystring: codingPageQuerySchema },
    },
    async (request, reply) => {
      const { slug, number } = request.params as { slug: string; number: number };
      const query = request.query as { after?: number; done?: string };
      return showCoding(request, reply, slug, number, {
        ...(query.after !== undefined && { after: query.after }),
        ...(query.done && notices[query.done] && { notice: notices[query.done] }),
      });
    },
  );

  app.post(
    '/consultations/:slug/analysis/questions/:number/themes',
    {
      config: { permission: 'consultations.analyse', csrf: true },
      schema: { params: questionParametersSchema },
    },
    async (request, reply) => {
      const parameters = request.params as { slug: string; number: number };
      return postOnCodingPage(
        request,
        reply,
        parameters,
        ['code', 'label', 'description'],
        async () => {
          const form = parseForm(themeFormSchema, request.body);
          await addTheme({
            db,
            context: context(request),
            actor: request.actor,
            slug: parameters.slug,
            questionNumber: parameters.number,
            theme: form,
          });
          return 'theme';
        },
      );
    },
  );

  app.post(
    '/consultations/:slug/analysis/questions/:number/codings',
    {
      config: { permission: 'consultations.analyse', csrf: true },
      schema: { params: questionParametersSchema },
    },
    async (request, reply) => {
      const parameters = request.params as { slug: string; number: number };
      return postOnCodingPage(request, reply, parameters, [], async () => {
        const form = parseForm(codingFormSchema, request.body);
        await codeAnswer({
          db,
          context: context(request),
          actor: request.actor,
          slug: parameters.slug,
          questionNumber: parameters.number,
          coding: form,
        });
        return 'coded';
      });
    },
  );

  app.post(
    '/consultations/:slug/analysis/questions/:number/suggestions',
    {
      config: { permission: 'consultations.analyse', csrf: true },
      schema: { params: questionParametersSchema },
    },
    async (request, reply) => {
      const parameters = request.params as { slug: string; number: number };
      return postOnCodingPage(request, reply, parameters, ['count'], async () => {
        const form = parseForm(suggestFormSchema, request.body);
        await suggestThemesForNext({
          db,
          context: context(request),
          actor: request.actor,
          slug: parameters.slug,
          questionNumber: parameters.number,
          count: form.count,
        });
        return 'suggested';
      });
    },
  );

  app.post(
    '/consultations/:slug/analysis/questions/:number/suggestions/:suggestionId',
    {
      config: { permission: 'consultations.analyse', csrf: true },
      schema: { params: suggestionParametersSchema },
    },
    async (request, reply) => {
      const parameters = request.params as { slug: string; number: number; suggestionId: string };
      return postOnCodingPage(request, reply, parameters, [], async () => {
        const form = parseForm(decideSuggestionFormSchema, request.body);
        await decideSuggestion({
          db,
          context: context(request),
          actor: request.actor,
          slug: parameters.slug,
          questionNumber: parameters.number,
          suggestionId: parameters.suggestionId,
          outcome: form.outcome,
        });
        return form.outcome;
      });
    },
  );
}
