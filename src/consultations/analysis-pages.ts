/**
 * The analysis pages: `/consultations/:slug/analysis` (counts by question, choice, theme and who
 * responded, from the tallies, with charts and tables; the two agreement figures) and
 * `/consultations/:slug/analysis/questions/:number` (the codebook, the suggestion runner, the next
 * uncoded answers to code, the suggestions to accept or reject, how far two analysts agree) and
 * `…/questions/:number/second-pass` (the double-coding sample's answers awaiting a second, blind
 * coding). Staff only: an administrator or
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
  themeParametersSchema,
  themeResponseFormSchema,
} from './analysis-schemas.ts';
import { getAnalysis } from './analysis-view.ts';
import { codeAnswer } from './code-answer.ts';
import { getCodingPage } from './coding-view.ts';
import { decideSuggestion } from './decide-suggestion.ts';
import { produceAnalysisReport } from './produce-analysis-report.ts';
import { recordThemeResponse } from './record-theme-response.ts';
import { renderAnalysisReportPdf } from './report-pdf.ts';
import { getAnalysisReport } from './report-view.ts';
import { getSecondPassPage } from './second-pass-view.ts';
import { suggestThemesForNext } from './suggest-themes.ts';

const notices: Record<string, string> = {
  theme: 'The theme was added to the codebook.',
  coded: 'The coding was saved.',
  suggested: 'Themes were suggested for the next uncoded answers.',
  accepted: 'The suggestion was accepted and the answer coded.',
  rejected: 'The suggestion was rejected.',
  answered: 'We heard, we did was saved for the theme.',
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
    '/consultations/:slug/analysis/report',
    {
      config: { permission: 'consultations.read-report' },
      schema: { params: slugParametersSchema, querystring: codingPageQuerySchema },
    },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const query = request.query as { done?: string };
      const view = await getAnalysisReport(db, request.actor, slug, app.now());
      return reply.view('consultations/views/analysis-report.njk', {
        currentPath: '/consultations',
        view,
        ...(query.done === 'produced' &&
          view.report && { notice: `Report version ${view.report.version} was produced.` }),
      });
    },
  );

  app.post(
    '/consultations/:slug/analysis/report',
    {
      config: { permission: 'consultations.analyse', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      await produceAnalysisReport({ db, context: context(request), actor: request.actor, slug });
      return reply.redirect(`/consultations/${slug}/analysis/report?done=produced`, 303);
    },
  );

  app.get(
    '/consultations/:slug/analysis/report.pdf',
    {
      config: { permission: 'consultations.read-report' },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const { slug } = request.params as { slug: string };
      const view = await getAnalysisReport(db, request.actor, slug, app.now());
      if (!view.report) {
        return reply.code(404).view('consultations/views/analysis-report.njk', {
          currentPath: '/consultations',
          view,
        });
      }
      const pdf = await renderAnalysisReportPdf(view);
      return reply
        .type('application/pdf')
        .header(
          'content-disposition',
          `inline; filename="analysis-report-version-${view.report.version}.pdf"`,
        )
        .send(pdf);
    },
  );

  app.post(
    '/consultations/:slug/analysis/questions/:number/themes/:code/response',
    {
      config: { permission: 'consultations.analyse', csrf: true },
      schema: { params: themeParametersSchema },
    },
    async (request, reply) => {
      const parameters = request.params as { slug: string; number: number; code: string };
      return postOnCodingPage(
        request,
        reply,
        parameters,
        ['theme', 'weHeard', 'weDid'],
        async () => {
          const form = parseForm(themeResponseFormSchema, request.body);
          await recordThemeResponse({
            db,
            context: context(request),
            actor: request.actor,
            slug: parameters.slug,
            questionNumber: parameters.number,
            themeCode: parameters.code,
            weHeard: form.weHeard,
            weDid: form.weDid,
          });
          return 'answered';
        },
      );
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
  async function showSecondPass(
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    number: number,
    options: { after?: number; notice?: string; problem?: ProblemError },
  ) {
    const page = await getSecondPassPage(db, request.actor, slug, number, options.after ?? 0);
    // A refused coding comes back on its answer's card, with what was ticked and typed.
    const body = (options.problem ? (request.body ?? {}) : {}) as Record<string, unknown>;
    const codes = ([body.codes ?? []].flat() as unknown[]).filter(
      (code): code is string => typeof code === 'string',
    );
    return reply
      .code(options.problem ? options.problem.problem.status : 200)
      .view('consultations/views/second-pass.njk', {
        currentPath: '/consultations',
        page,
        notice: options.notice,
        values: {
          ...submittedFormValues(body, ['responseId', 'quote'], 2000),
          codes: codes.slice(0, 100),
        },
        ...formErrors(options.problem?.problem),
      });
  }

  app.get(
    '/consultations/:slug/analysis/questions/:number/second-pass',
    {
      config: { permission: 'consultations.analyse' },
      schema: { params: questionParametersSchema, querystring: codingPageQuerySchema },
    },
    async (request, reply) => {
      const { slug, number } = request.params as { slug: string; number: number };
      const query = request.query as { after?: number; done?: string };
      return showSecondPass(request, reply, slug, number, {
        ...(query.after !== undefined && { after: query.after }),
        ...(query.done === 'coded' && { notice: 'The second coding was saved.' }),
      });
    },
  );

  app.post(
    '/consultations/:slug/analysis/questions/:number/second-pass',
    {
      config: { permission: 'consultations.analyse', csrf: true },
      schema: { params: questionParametersSchema },
    },
    async (request, reply) => {
      const { slug, number } = request.params as { slug: string; number: number };
      try {
        const form = parseForm(codingFormSchema, request.body);
        await codeAnswer({
          db,
          context: context(request),
          actor: request.actor,
          slug,
          questionNumber: number,
          coding: { ...form, pass: 'second' },
        });
        return reply.redirect(`${codingPath(slug, number)}/second-pass?done=coded`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if ([401, 403, 404].includes(problem.problem.status)) throw problem;
        return showSecondPass(request, reply, slug, number, { problem });
      }
    },
  );
}
