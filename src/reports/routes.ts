import type { FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { confirmReportReceipt, distributeReport } from './distribute-report.ts';
import { generateReport } from './generate-report.ts';
import { getReport, listReports } from './report-reads.ts';
import {
  distributionSchema,
  generatedReportSchema,
  generateReportSchema,
  receiptParametersSchema,
  receiptSchema,
  reportListSchema,
  reportParametersSchema,
  reportSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Progress updates and annual reports over JSON: read by everyone, made by the secretariat. */
export async function registerReportRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/bodies/:slug/reports',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['reports'],
        summary: 'A body’s progress updates and annual reports, latest period first',
        params: slugParametersSchema,
        response: { 200: reportListSchema, ...refusals },
      },
    },
    async (request) =>
      listReports({ db, actor: request.actor, slug: request.params.slug, now: app.now() }),
  );

  app.post(
    '/bodies/:slug/reports',
    {
      config: { permission: 'accountability.report' },
      schema: {
        tags: ['reports'],
        summary:
          'Generate a progress update or annual report for a period that has ended, from the record (a new version when generated again)',
        params: slugParametersSchema,
        body: generateReportSchema,
        response: { 201: generatedReportSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const generated = await generateReport({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply.code(201).send(generated);
    },
  );

  app.get(
    '/reports/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['reports'],
        summary: 'One report with its frozen figures and its receipts',
        params: reportParametersSchema,
        response: { 200: reportSchema, ...refusals },
      },
    },
    async (request) => {
      const { charts: _, ...report } = await getReport({
        db,
        actor: request.actor,
        reportId: request.params.id,
      });
      return { ...report, figures: { ...report.figures } };
    },
  );

  app.post(
    '/reports/:id/distribution',
    {
      config: { permission: 'accountability.report' },
      schema: {
        tags: ['reports'],
        summary:
          'Distribute the report to every board the terms name, each with a receipt link (once per version)',
        params: reportParametersSchema,
        response: { 201: distributionSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const result = await distributeReport({
        db,
        context: context(request),
        actor: request.actor,
        reportId: request.params.id,
        publicUrl: app.settings.publicUrl,
      });
      // Sent after the distribution commits; mail that fails now is retried by the dispatcher.
      await app.mailOutbox.deliverNow();
      return reply.code(201).send(result);
    },
  );

  app.post(
    '/report-receipts/:token',
    {
      config: { permission: 'minutes.confirm-receipt' },
      schema: {
        tags: ['reports'],
        summary: 'Confirm a board received a report, through the secret in its receipt link',
        params: receiptParametersSchema,
        response: { 200: receiptSchema, ...refusals },
      },
    },
    async (request) =>
      confirmReportReceipt({ db, context: context(request), token: request.params.token }),
  );
}
