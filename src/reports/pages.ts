import type { FastifyReply, FastifyRequest } from 'fastify';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import {
  changedQuerySchema,
  datePartsIn,
  formErrors,
  parseForm,
  submittedFormValues,
} from '../http/forms.ts';
import { actionContextOf } from '../identity/index.ts';
import { asProblem, type ProblemError } from '../shared/problems.ts';
import { confirmReportReceipt, distributeReport } from './distribute-report.ts';
import { generateReport } from './generate-report.ts';
import { renderReportPdf } from './report-pdf.ts';
import { getReport, getReportReceipt, listReports } from './report-reads.ts';
import {
  generateReportSchema,
  receiptParametersSchema,
  reportParametersSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  generated: 'The report was generated from the record. Read it through, then distribute it.',
  distributed: 'The report was sent to every board the terms name, each with a receipt link.',
};

const generateFields = ['kind', 'periodFrom', 'periodTo', 'reason'];

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  notice?: string | undefined;
}

/** The reports of a body, the generate form, one report with its charts and PDF, and receipts. */
export async function registerReportPages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderList = async (
    request: FastifyRequest,
    reply: FastifyReply,
    slug: string,
    extras: Extras = {},
  ) => {
    const list = await listReports({ db, actor: request.actor, slug, now: app.now() });
    return reply.code(extras.problem?.problem.status ?? 200).view('reports/views/reports.njk', {
      currentPath: '/bodies',
      list,
      values: extras.values ?? {},
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  const renderReport = async (
    request: FastifyRequest,
    reply: FastifyReply,
    reportId: string,
    extras: Extras = {},
  ) => {
    const report = await getReport({ db, actor: request.actor, reportId });
    return reply.code(extras.problem?.problem.status ?? 200).view('reports/views/report.njk', {
      currentPath: '/bodies',
      report,
      notice: extras.notice,
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get(
    '/bodies/:slug/reports',
    {
      config: { permission: 'public.read' },
      schema: { params: slugParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) => renderList(request, reply, request.params.slug),
  );

  app.post(
    '/bodies/:slug/reports',
    {
      config: { permission: 'accountability.report', csrf: true },
      schema: { params: slugParametersSchema },
    },
    async (request, reply) => {
      const values = submittedFormValues(request.body, generateFields, 2000);
      try {
        const form = parseForm(generateReportSchema, {
          kind: values.kind ?? '',
          periodFrom: values.periodFrom ?? '',
          periodTo: values.periodTo ?? '',
          reason: values.reason ?? '',
        });
        const { reportId } = await generateReport({
          db,
          context: context(request),
          actor: request.actor,
          slug: request.params.slug,
          ...form,
        });
        return reply.redirect(`/reports/${reportId}?changed=generated`, 303);
      } catch (caught) {
        return renderList(request, reply, request.params.slug, {
          problem: asProblem(caught),
          values: { ...values, ...datePartsIn(values) },
        });
      }
    },
  );

  app.get(
    '/reports/:id',
    {
      config: { permission: 'public.read' },
      schema: { params: reportParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderReport(request, reply, request.params.id, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  app.get(
    '/reports/:id/report.pdf',
    { config: { permission: 'public.read' }, schema: { params: reportParametersSchema } },
    async (request, reply) => {
      const report = await getReport({ db, actor: request.actor, reportId: request.params.id });
      const pdf = await renderReportPdf(report);
      const name = `${report.figures.body.slug}-${report.kind}-${report.figures.period.from}-to-${report.figures.period.to}-v${report.version}.pdf`;
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${name}"`)
        .send(pdf);
    },
  );

  app.post(
    '/reports/:id/distribution',
    {
      config: { permission: 'accountability.report', csrf: true },
      schema: { params: reportParametersSchema },
    },
    async (request, reply) => {
      try {
        await distributeReport({
          db,
          context: context(request),
          actor: request.actor,
          reportId: request.params.id,
          publicUrl: app.settings.publicUrl,
        });
        // Sent after the distribution commits; mail that fails now is retried by the dispatcher.
        await app.mailOutbox.deliverNow();
        return reply.redirect(`/reports/${request.params.id}?changed=distributed`, 303);
      } catch (caught) {
        return renderReport(request, reply, request.params.id, { problem: asProblem(caught) });
      }
    },
  );

  app.get(
    '/report-receipts/:token',
    {
      config: { permission: 'minutes.confirm-receipt' },
      schema: { params: receiptParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) => {
      const receipt = await getReportReceipt({ db, token: request.params.token });
      const changed = request.query.changed;
      return reply.header('cache-control', 'no-store').view('reports/views/receipt.njk', {
        receipt,
        token: request.params.token,
        notice:
          changed === 'confirmed'
            ? 'Thank you: receipt of the report is recorded.'
            : changed === 'already'
              ? 'Receipt was already recorded; nothing has changed.'
              : undefined,
      });
    },
  );

  app.post(
    '/report-receipts/:token',
    {
      config: { permission: 'minutes.confirm-receipt', csrf: true },
      schema: { params: receiptParametersSchema },
    },
    async (request, reply) => {
      const confirmed = await confirmReportReceipt({
        db,
        context: context(request),
        token: request.params.token,
      });
      const changed = confirmed.alreadyConfirmed ? 'already' : 'confirmed';
      return reply.redirect(
        `/report-receipts/${encodeURIComponent(request.params.token)}?changed=${changed}`,
        303,
      );
    },
  );
}
