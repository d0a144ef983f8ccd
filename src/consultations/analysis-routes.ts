/**
 * Analysing a consultation over JSON (issue 25 part 4): an open question's codebook, its codings
 * of both passes, suggested themes and what people decided about them, the analysis from the
 * tallies with its agreement figures, the frozen report and each theme's "we heard / we did". The
 * same use cases and read models as the pages (analysis-pages.ts); each re-checks on the record
 * that the caller runs the consultation (an administrator or the secretariat of its body).
 */
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { addTheme } from './add-theme.ts';
import {
  analysisFiguresSchema,
  codebookSchema,
  codingInputSchema,
  codingsQuerySchema,
  codingsSchema,
  decideSuggestionInputSchema,
  reportSchema,
  suggestedSchema,
  suggestInputSchema,
  suggestionsQuerySchema,
  suggestionsSchema,
  themeCodeParametersSchema,
  themeInputSchema,
  themeResponseInputSchema,
} from './analysis-api-schemas.ts';
import {
  questionParametersSchema,
  slugParametersSchema,
  suggestionParametersSchema,
} from './analysis-schemas.ts';
import { type AnalysisView, getAnalysis, type QuestionAnalysis } from './analysis-view.ts';
import { codeAnswer } from './code-answer.ts';
import { getCodebook, listCodings, listPendingSuggestions } from './coding-list-view.ts';
import { decideSuggestion } from './decide-suggestion.ts';
import { produceAnalysisReport } from './produce-analysis-report.ts';
import { recordThemeResponse } from './record-theme-response.ts';
import { getAnalysisReport } from './report-view.ts';
import { type RespondentCategory, respondentCategories } from './response-rules.ts';
import { suggestThemesForNext } from './suggest-themes.ts';

export const analysisRefusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
export const analysisTags = ['consultations'];
const refusals = analysisRefusals;
const tags = analysisTags;

/** A question's figures for JSON: counts by category named, not by position; no drawing. */
function questionFigures(question: Omit<QuestionAnalysis, 'chartSvg'>) {
  const { chartSvg: _, ...rest } = question as QuestionAnalysis;
  return {
    ...rest,
    rows: question.rows.map((row) => ({
      ...row,
      byCategory: Object.fromEntries(
        respondentCategories.map((category, index) => [category, row.byCategory[index] ?? 0]),
      ) as Record<RespondentCategory, number>,
    })),
  };
}

function analysisFigures(analysis: AnalysisView) {
  return {
    ...analysis,
    suggestionAgreementPerMille: analysis.suggestionAgreementPerMille ?? null,
    pooledKappaValue: analysis.pooledKappaValue ?? null,
    questions: analysis.questions.map(questionFigures),
  };
}

export async function registerConsultationAnalysisRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const questionPath = '/consultations/:slug/questions/:number';

  app.get(
    `${questionPath}/themes`,
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'The codebook of an open question: its themes in order, each with the committee’s “we heard / we did” once recorded (Gunning 4: responses “conscientiously taken into account”)',
        params: questionParametersSchema,
        response: { 200: codebookSchema, ...refusals },
      },
    },
    async (request) => getCodebook(db, request.actor, request.params.slug, request.params.number),
  );

  app.post(
    `${questionPath}/themes`,
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'Add a theme to an open question’s codebook: a code (letters, digits, hyphens; unique in the codebook), a label and a description',
        params: questionParametersSchema,
        body: themeInputSchema,
        response: { 201: z.object({ themeId: z.string(), code: z.string() }), ...refusals },
      },
    },
    async (request, reply) => {
      const { slug, number } = request.params;
      const { themeId } = await addTheme({
        db,
        context: context(request),
        actor: request.actor,
        slug,
        questionNumber: number,
        theme: request.body,
      });
      const code = request.body.code.trim().toUpperCase();
      return reply
        .code(201)
        .header('location', `/api/v1/consultations/${slug}/questions/${number}/themes`)
        .send({ themeId, code });
    },
  );

  app.get(
    `${questionPath}/codings`,
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'The codings of an open question, one pass (first: the coding that counts; second: the double-coded sample), by response number after `after`, at most `limit` (≤ 500); `nextAfter` names the next page',
        params: questionParametersSchema,
        querystring: codingsQuerySchema,
        response: { 200: codingsSchema, ...refusals },
      },
    },
    async (request) =>
      listCodings(db, request.actor, request.params.slug, request.params.number, request.query),
  );

  app.post(
    `${questionPath}/codings`,
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'Code a counted answer (Gunning 4): theme codes of the question’s codebook only, a quote only in the answer’s own words; a second pass only on the one-in-ten sample and by another analyst than the first (Cohen 1960). The first pass changes the theme tallies in the same transaction',
        params: questionParametersSchema,
        body: codingInputSchema,
        response: {
          200: z.object({ codingId: z.string(), themeIds: z.array(z.string()) }),
          ...refusals,
        },
      },
    },
    async (request) =>
      codeAnswer({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        questionNumber: request.params.number,
        coding: request.body,
      }),
  );

  app.post(
    `${questionPath}/suggestions`,
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'Suggest themes for the next `count` (≤ 200, decision 055) uncoded answers, learnt locally from the first-pass codings; nothing is coded until a person accepts',
        params: questionParametersSchema,
        body: suggestInputSchema,
        response: { 200: suggestedSchema, ...refusals },
      },
    },
    async (request) =>
      suggestThemesForNext({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        questionNumber: request.params.number,
        count: request.body.count,
      }),
  );

  app.get(
    `${questionPath}/suggestions`,
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'The pending suggested themes of an open question, each with its answer, confidence and why (the words that pushed hardest), in the order made after `after`, at most `limit` (≤ 500)',
        params: questionParametersSchema,
        querystring: suggestionsQuerySchema,
        response: { 200: suggestionsSchema, ...refusals },
      },
    },
    async (request) =>
      listPendingSuggestions(db, request.actor, request.params.slug, request.params.number, {
        after: request.query.after ?? null,
        limit: request.query.limit,
      }),
  );

  app.post(
    `${questionPath}/suggestions/:suggestionId`,
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'Accept (codes the answer with the theme added, first pass) or reject a suggested theme; each is decided once, and the agreement between suggestions and people is counted from these',
        params: suggestionParametersSchema,
        body: decideSuggestionInputSchema,
        response: {
          200: z.object({ outcome: z.enum(['accepted', 'rejected']) }),
          ...refusals,
        },
      },
    },
    async (request) => {
      await decideSuggestion({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        questionNumber: request.params.number,
        suggestionId: request.params.suggestionId,
        outcome: request.body.outcome,
      });
      return { outcome: request.body.outcome };
    },
  );

  app.put(
    '/consultations/:slug/analysis/questions/:number/themes/:code/response',
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'Record the committee’s response to a theme — what we heard and what we did, or why nothing changed (Gunning 4); recording again replaces it',
        params: themeCodeParametersSchema,
        body: themeResponseInputSchema,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await recordThemeResponse({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        questionNumber: request.params.number,
        themeCode: request.params.code,
        weHeard: request.body.weHeard,
        weDid: request.body.weDid,
      });
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/consultations/:slug/analysis',
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'The analysis from the tallies only (never counting responses): per question the counts by choice or theme and respondent category, coded and uncoded; the agreement between suggestions and people, and Cohen’s kappa of the double-coded sample per theme and pooled, with the words of Landis & Koch 1977',
        params: slugParametersSchema,
        response: { 200: analysisFiguresSchema, ...refusals },
      },
    },
    async (request) => analysisFigures(await getAnalysis(db, request.actor, request.params.slug)),
  );

  app.post(
    '/consultations/:slug/analysis/report',
    {
      config: { permission: 'consultations.analyse' },
      schema: {
        tags,
        summary:
          'Produce the analysis report: the analysis’s figures frozen as the next version, what the committee reads when it decides (Gunning 4)',
        params: slugParametersSchema,
        response: {
          201: z.object({ reportId: z.string(), version: z.number().int() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const produced = await produceAnalysisReport({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/consultations/${request.params.slug}/analysis/report`)
        .send(produced);
    },
  );

  app.get(
    '/consultations/:slug/analysis/report',
    {
      config: { permission: 'consultations.read-report' },
      schema: {
        tags,
        summary:
          'The latest analysis report as produced (null before the first) and every theme’s “we heard / we did”',
        params: slugParametersSchema,
        response: { 200: reportSchema, ...refusals },
      },
    },
    async (request) => {
      const view = await getAnalysisReport(db, request.actor, request.params.slug, app.now());
      return {
        ...view,
        report: view.report && {
          ...view.report,
          questions: view.report.questions.map(questionFigures),
        },
      };
    },
  );
}
