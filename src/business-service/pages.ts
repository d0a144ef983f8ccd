import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../http/app-types.ts';
import { changedQuerySchema, formErrors, parseForm, submittedFormValues } from '../http/forms.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import { addIndicator } from './add-indicator.ts';
import { addOffering } from './add-offering.ts';
import { getBusinessService, getReport } from './business-service-view.ts';
import {
  directions,
  directionText,
  serviceAreas,
  serviceAreaText,
  units,
  unitText,
} from './performance-rules.ts';
import { presentReport } from './present-report.ts';
import { recordActionArising } from './record-action-arising.ts';
import { recordConclusions } from './record-conclusions.ts';
import { recordReport } from './record-report.ts';
import {
  actionFormFields,
  addIndicatorSchema,
  addOfferingSchema,
  conclusionsFormFields,
  indicatorFormFields,
  offeringFormFields,
  presentFormFields,
  presentReportSchema,
  recordActionArisingSchema,
  recordConclusionsSchema,
  reportFormSchema,
  reportParametersSchema,
} from './schemas.ts';

const notices: Record<string, string> = {
  service: 'The service was added to the catalogue.',
  indicator: 'The performance indicator was added.',
  recorded: 'The performance report was recorded.',
  presented: 'The report was placed on the meeting’s agenda.',
  concluded: 'The group’s conclusions were recorded.',
  action: 'The action arising was recorded in the action log.',
};

interface Extras {
  problem?: ProblemError;
  values?: Record<string, string>;
  form?: string;
  notice?: string | undefined;
}

const choices = {
  areas: serviceAreas.map((area) => ({ value: area, text: serviceAreaText[area].name })),
  units: units.map((unit) => ({ value: unit, text: unitText[unit] })),
  directions: directions.map((direction) => ({ value: direction, text: directionText[direction] })),
};

/** The Business Service held to account, as pages. */
export async function registerBusinessServicePages(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  const renderOverview = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extras: Extras = {},
  ) => {
    const service = await getBusinessService({ db, actor: request.actor });
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('business-service/views/business-service.njk', {
        currentPath: '/business-service',
        service,
        choices,
        form: extras.form,
        values: { preparedOn: londonDate(app.now()), ...extras.values },
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
    const report = await getReport({ db, actor: request.actor, reportId, now: app.now() });
    const today = londonDate(app.now());
    return reply
      .code(extras.problem?.problem.status ?? 200)
      .view('business-service/views/report.njk', {
        currentPath: '/business-service',
        report,
        form: extras.form,
        values: { concludedOn: today, ...extras.values },
        notice: extras.notice,
        ...formErrors(extras.problem?.problem),
      });
  };

  app.get(
    '/business-service',
    { config: { permission: 'public.read' }, schema: { querystring: changedQuerySchema } },
    async (request, reply) =>
      renderOverview(request, reply, { notice: notices[request.query.changed ?? ''] }),
  );

  app.post(
    '/business-service/services',
    { config: { permission: 'business-service.manage', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, offeringFormFields, 2000);
      try {
        const form = parseForm(addOfferingSchema, values);
        await addOffering({ db, context: context(request), actor: request.actor, ...form });
        return reply.redirect('/business-service?changed=service#catalogue', 303);
      } catch (caught) {
        return renderOverview(request, reply, {
          problem: asProblem(caught),
          values,
          form: 'service',
        });
      }
    },
  );

  app.post(
    '/business-service/indicators',
    { config: { permission: 'business-service.manage', csrf: true } },
    async (request, reply) => {
      const values = submittedFormValues(request.body, indicatorFormFields, 1000);
      try {
        const form = parseForm(addIndicatorSchema, values);
        await addIndicator({ db, context: context(request), actor: request.actor, ...form });
        return reply.redirect('/business-service?changed=indicator#catalogue', 303);
      } catch (caught) {
        return renderOverview(request, reply, {
          problem: asProblem(caught),
          values,
          form: 'indicator',
        });
      }
    },
  );

  app.post(
    '/business-service/reports',
    { config: { permission: 'business-service.manage', csrf: true } },
    async (request, reply) => {
      const service = await getBusinessService({ db, actor: request.actor });
      const indicators = service.indicatorsToReport;
      const fields = [
        'startYear',
        'quarter',
        'preparedOn',
        'summary',
        ...indicators.flatMap((indicator) => [
          `figure-${indicator.id}`,
          `commentary-${indicator.id}`,
        ]),
      ];
      const values = submittedFormValues(request.body, fields, 4000);
      try {
        const form = parseForm(reportFormSchema, values);
        const { reportId } = await recordReport({
          db,
          context: context(request),
          actor: request.actor,
          ...form,
          figures: indicators.map((indicator) => ({
            indicatorId: indicator.id,
            value: values[`figure-${indicator.id}`] ?? '',
            commentary: values[`commentary-${indicator.id}`]?.trim() || undefined,
          })),
        });
        return reply.redirect(`/business-service/reports/${reportId}?changed=recorded`, 303);
      } catch (caught) {
        const problem = asProblem(caught);
        // The use case names a figure by its place ("figures.2.value"); the form by its indicator.
        const onTheForm = new ProblemError({
          ...problem.problem,
          errors: problem.problem.errors?.map((error) => {
            const match = /^figures\.(\d+)\.(value|indicatorId)$/.exec(error.field);
            const indicator = match ? indicators[Number(match[1])] : undefined;
            return indicator ? { ...error, field: `figure-${indicator.id}` } : error;
          }),
        });
        return renderOverview(request, reply, { problem: onTheForm, values, form: 'report' });
      }
    },
  );

  app.get(
    '/business-service/reports/:reportId',
    {
      config: { permission: 'public.read' },
      schema: { params: reportParametersSchema, querystring: changedQuerySchema },
    },
    async (request, reply) =>
      renderReport(request, reply, request.params.reportId, {
        notice: notices[request.query.changed ?? ''],
      }),
  );

  const reportForm = (
    path: string,
    form: string,
    fields: readonly string[],
    act: (
      request: FastifyRequest,
      reportId: string,
      values: Record<string, string>,
    ) => Promise<void>,
    changed: string,
  ) =>
    app.post(
      `/business-service/reports/:reportId/${path}`,
      {
        config: { permission: 'business-service.manage', csrf: true },
        schema: { params: reportParametersSchema },
      },
      async (request, reply) => {
        const { reportId } = request.params;
        const values = submittedFormValues(request.body, fields, 4000);
        try {
          await act(request, reportId, values);
          return reply.redirect(`/business-service/reports/${reportId}?changed=${changed}`, 303);
        } catch (caught) {
          return renderReport(request, reply, reportId, {
            problem: asProblem(caught),
            values,
            form,
          });
        }
      },
    );

  reportForm(
    'presentation',
    'present',
    presentFormFields,
    async (request, reportId, values) => {
      const form = parseForm(presentReportSchema, values);
      await presentReport({
        db,
        context: context(request),
        actor: request.actor,
        reportId,
        ...form,
      });
    },
    'presented',
  );

  reportForm(
    'conclusions',
    'conclude',
    conclusionsFormFields,
    async (request, reportId, values) => {
      const form = parseForm(recordConclusionsSchema, values);
      await recordConclusions({
        db,
        context: context(request),
        actor: request.actor,
        reportId,
        ...form,
      });
    },
    'concluded',
  );

  reportForm(
    'actions',
    'action',
    actionFormFields,
    async (request, reportId, values) => {
      const form = parseForm(recordActionArisingSchema, values);
      await recordActionArising({
        db,
        context: context(request),
        actor: request.actor,
        reportId,
        ...form,
      });
    },
    'action',
  );
}
