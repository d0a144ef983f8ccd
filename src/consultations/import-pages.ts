/**
 * The import page, /consultations/:slug/import: the runners of a consultation upload a CSV or XLSX
 * file of responses (paper forms, other channels); the import runs in the server process after the
 * upload is received, and its page, /consultations/:slug/import/runs/:run, refreshes itself every
 * two seconds (no JavaScript) with the lines read, then shows the outcome: imported N, the file
 * already imported, or the lines to correct with nothing imported.
 */
import { Readable } from 'node:stream';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, invalidInput, ProblemError } from '../shared/problems.ts';
import { selectQuestions } from './consultation-queries.ts';
import { selectImports } from './import-queries.ts';
import { importResponses, loadConsultationToImport } from './import-responses.ts';
import { formatOfFileName, importClause } from './import-rules.ts';
import { createImportRuns, type ImportRun } from './import-runs.ts';
import {
  questionKindNames,
  respondentCategories,
  respondentCategoryNames,
} from './response-rules.ts';

const slugParametersSchema = z.object({ slug: z.string().regex(/^[a-z0-9-]{1,100}$/) });
const runParametersSchema = slugParametersSchema.extend({
  run: z.string().regex(/^[\w-]{1,40}$/),
});

const londonDay = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
});
const londonTime = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/London',
  hour: '2-digit',
  minute: '2-digit',
});
const whenText = (date: Date) => `${londonDay.format(date)} at ${londonTime.format(date)}`;
const number = (value: number) => value.toLocaleString('en-GB');

function uploadedFileIn(
  body: unknown,
): { content: Buffer; truncated: boolean; fileName: string } | undefined {
  const value = (body as Record<string, unknown> | undefined)?.file;
  if (value && typeof value === 'object' && 'content' in value) {
    const { content, truncated, fileName } = value as Record<string, unknown>;
    if (Buffer.isBuffer(content) && content.length > 0) {
      return {
        content,
        truncated: truncated === true,
        fileName: typeof fileName === 'string' && fileName !== '' ? fileName : 'upload',
      };
    }
  }
  return undefined;
}

function runView(run: ImportRun) {
  const share =
    run.fileBytes > 0
      ? Math.min(100, Math.round((run.progress.bytesRead / run.fileBytes) * 100))
      : 0;
  const outcome = run.outcome;
  return {
    fileName: run.fileName,
    startedAt: whenText(run.startedAt),
    running: run.state === 'running',
    refused: run.state === 'refused',
    percent: share,
    linesRead: number(run.progress.linesRead),
    badLines: run.progress.badLines,
    problems: run.problems,
    detail: run.detail,
    imported: outcome?.kind === 'imported' ? number(outcome.responses) : undefined,
    alreadyImported:
      outcome?.kind === 'already-imported'
        ? {
            fileName: outcome.fileName,
            at: whenText(outcome.importedAt),
            responses: number(outcome.responses),
          }
        : undefined,
  };
}

export async function registerConsultationImportPages(app: App) {
  const { db } = app.database;
  const runs = createImportRuns();
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const pageModel = async (request: FastifyRequest, slug: string) => {
    const consultation = await loadConsultationToImport(db, request.actor, slug);
    const [questions, imports] = await Promise.all([
      selectQuestions(db, consultation.id),
      selectImports(db, consultation.id),
    ]);
    return {
      currentPath: '/consultations',
      consultation: { title: consultation.title, slug: consultation.slug },
      questions: questions.map((question) => ({
        column: `Q${question.number}`,
        text: question.text,
        kind: questionKindNames[question.kind],
        options: question.options,
      })),
      categories: respondentCategories.map((category) => ({
        code: category,
        name: respondentCategoryNames[category],
      })),
      imports: imports.map((each) => ({
        fileName: each.fileName,
        format: each.format.toUpperCase(),
        responses: number(each.responseCount),
        at: whenText(each.importedAt),
      })),
      clause: importClause,
    };
  };

  app.get(
    '/consultations/:slug/import',
    { config: { permission: 'consultations.run' }, schema: { params: slugParametersSchema } },
    async (request, reply) =>
      reply.view('consultations/views/import.njk', await pageModel(request, request.params.slug)),
  );

  app.post(
    '/consultations/:slug/import',
    {
      config: { permission: 'consultations.run', csrf: true, uploads: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const { slug } = request.params;
      // Refuses (404, 403) before the file is looked at.
      await loadConsultationToImport(db, request.actor, slug);
      try {
        const file = uploadedFileIn(request.body);
        if (!file)
          throw invalidInput([
            { field: 'file', message: 'Choose a CSV or XLSX file of responses to import.' },
          ]);
        if (file.truncated) {
          throw invalidInput([
            {
              field: 'file',
              message:
                'The file is larger than 10 MB, the most a form takes: import it on the server with the command line (concordat consultation import), which reads a file of any size.',
            },
          ]);
        }
        const format = formatOfFileName(file.fileName);
        if (!format) {
          throw invalidInput([
            { field: 'file', message: 'Choose a file whose name ends in .csv or .xlsx.' },
          ]);
        }
        const actor = request.actor;
        const run = runs.start({
          consultationSlug: slug,
          accountId: actor.kind === 'account' ? actor.accountId : '',
          fileName: file.fileName,
          fileBytes: file.content.length,
          startedAt: app.now(),
        });
        // The import runs after this answer; its page shows how far it has got.
        void importResponses({
          db,
          context: context(request),
          actor,
          consultationSlug: slug,
          fileName: file.fileName,
          format,
          input: Readable.from([file.content]),
          onProgress: (progress) => {
            run.progress = progress;
          },
        }).then(
          (outcome) => {
            run.outcome = outcome;
            run.progress = { ...run.progress, bytesRead: run.fileBytes };
            run.state = 'finished';
          },
          (error: unknown) => {
            // Runs after the answer was sent: whatever went wrong ends this run, never the server
            // (an unexpected error rethrown here would be an unhandled rejection, and Node exits).
            run.state = 'refused';
            if (error instanceof ProblemError) {
              run.problems = (error.problem.errors ?? []).map((each) => each.message);
              run.detail = error.problem.detail;
              return;
            }
            request.log.error(error, 'import failed');
            run.problems = [];
            run.detail =
              'The import stopped on an error of its own, not of the file: nothing was imported. Try again; if it happens again, tell the administrator (the server log has the details).';
          },
        );
        return reply.redirect(`/consultations/${slug}/import/runs/${run.id}`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        if (problem.problem.status === 403 || problem.problem.status === 404) throw problem;
        const message = problem.problem.errors?.[0]?.message ?? problem.problem.detail ?? '';
        return reply.code(problem.problem.status).view('consultations/views/import.njk', {
          ...(await pageModel(request, slug)),
          errorList: [{ text: message, href: '#file' }],
          fieldErrors: { file: { text: message } },
        });
      }
    },
  );

  app.get(
    '/consultations/:slug/import/runs/:run',
    { config: { permission: 'consultations.run' }, schema: { params: runParametersSchema } },
    async (request, reply) => {
      const { slug } = request.params;
      const consultation = await loadConsultationToImport(db, request.actor, slug);
      const run = runs.get(request.params.run);
      const actor = request.actor;
      if (
        !run ||
        run.consultationSlug !== slug ||
        actor.kind !== 'account' ||
        run.accountId !== actor.accountId
      ) {
        throw new ProblemError({
          status: 404,
          code: 'not-found',
          title: 'Not found',
          detail:
            'There is no such import running: imports are shown to the person who started them for an hour, and a restart of the server forgets them (an import cut short by a restart imported nothing).',
        });
      }
      return reply.view('consultations/views/import-run.njk', {
        currentPath: '/consultations',
        consultation: { title: consultation.title, slug: consultation.slug },
        run: runView(run),
      });
    },
  );
}
