import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { addIndicator } from './add-indicator.ts';
import { addOffering } from './add-offering.ts';
import { getBusinessService, getReport } from './business-service-view.ts';
import { presentReport } from './present-report.ts';
import { recordActionArising } from './record-action-arising.ts';
import { recordConclusions } from './record-conclusions.ts';
import { recordReport } from './record-report.ts';
import {
  addIndicatorSchema,
  addOfferingSchema,
  businessServiceSchema,
  presentReportSchema,
  recordActionArisingSchema,
  recordConclusionsSchema,
  recordReportSchema,
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

const tags = ['business-service'];

/** The Business Service held to account, over JSON (2006 §3, §106; 2008 Business development). */
export async function registerBusinessServiceRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/business-service',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'The Commissioning Business Service: its catalogue by the areas of 2006 §3.1, its key performance indicators with their latest figures, its reports to the London group and the latest overall status',
        response: { 200: businessServiceSchema, ...refusals },
      },
    },
    async (request) => getBusinessService({ db, actor: request.actor }),
  );

  app.post(
    '/business-service/services',
    {
      config: { permission: 'business-service.manage' },
      schema: {
        tags,
        summary:
          'Add a service to the catalogue, in one area of 2006 §3.1 (or administrative support to the groups). The London group’s secretariat or an administrator',
        body: addOfferingSchema,
        response: { 201: z.object({ offeringId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addOffering({
          db,
          context: context(request),
          actor: request.actor,
          ...request.body,
        }),
      ),
  );

  app.post(
    '/business-service/indicators',
    {
      config: { permission: 'business-service.manage' },
      schema: {
        tags,
        summary:
          'Add a key performance indicator to a catalogue service: what it measures, its target (up to two decimals) in per cent, working days or a number, and whether higher or lower is better',
        body: addIndicatorSchema,
        response: { 201: z.object({ indicatorId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addIndicator({
          db,
          context: context(request),
          actor: request.actor,
          ...request.body,
        }),
      ),
  );

  app.post(
    '/business-service/reports',
    {
      config: { permission: 'business-service.manage' },
      schema: {
        tags,
        summary:
          'Record a quarterly performance report to the London group (2006 §106): a figure for every indicator in the catalogue, each given a red, amber or green status by the stated rule; refused for an indicator not in the catalogue',
        body: recordReportSchema,
        response: { 201: z.object({ reportId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordReport({
        db,
        context: context(request),
        actor: request.actor,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/business-service/reports/${recorded.reportId}`)
        .send(recorded);
    },
  );

  app.get(
    '/business-service/reports/:reportId',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'One performance report: each figure against its target with its status in words, the overall status, the meeting it was presented at, the group’s conclusions and the actions arising',
        params: reportParametersSchema,
        response: { 200: reportSchema, ...refusals },
      },
    },
    async (request) =>
      getReport({ db, actor: request.actor, reportId: request.params.reportId, now: app.now() }),
  );

  app.post(
    '/business-service/reports/:reportId/presentation',
    {
      config: { permission: 'business-service.manage' },
      schema: {
        tags,
        summary:
          'Present the report as a standing agenda item of a meeting of the London group still to come whose notice has not gone out (2006 §3.2: it reports to the PCTs through the partnership)',
        params: reportParametersSchema,
        body: presentReportSchema,
        response: {
          201: z.object({ agendaItemId: z.uuid(), meetingId: z.uuid() }),
          ...refusals,
        },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await presentReport({
          db,
          context: context(request),
          actor: request.actor,
          reportId: request.params.reportId,
          ...request.body,
        }),
      ),
  );

  app.post(
    '/business-service/reports/:reportId/conclusions',
    {
      config: { permission: 'business-service.manage' },
      schema: {
        tags,
        summary:
          'Record the London group’s conclusions on a report, after the meeting it was presented at (2006 §106 “performance manage the Commissioning Business Service”)',
        params: reportParametersSchema,
        body: recordConclusionsSchema,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await recordConclusions({
        db,
        context: context(request),
        actor: request.actor,
        reportId: request.params.reportId,
        ...request.body,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/business-service/reports/:reportId/actions',
    {
      config: { permission: 'business-service.manage' },
      schema: {
        tags,
        summary:
          'Record an action arising from a report, on its agenda item, through the action log; its owner may be an officer of the Business Service (it may own an action, never a decision, a vote or a sign-off: 2006 §3.2)',
        params: reportParametersSchema,
        body: recordActionArisingSchema,
        response: { 201: z.object({ actionId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await recordActionArising({
          db,
          context: context(request),
          actor: request.actor,
          reportId: request.params.reportId,
          ...request.body,
        }),
      ),
  );
}
