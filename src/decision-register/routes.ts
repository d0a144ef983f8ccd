import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { getDecisionTrail } from './decision-trail-view.ts';
import { exportDecisionsCsv, searchDecisions } from './register-service.ts';
import {
  decisionParametersSchema,
  decisionTrailSchema,
  registerExportQuerySchema,
  registerPageSchema,
  registerQuerySchema,
} from './schemas.ts';

const refusals = { 400: problemSchema, 404: problemSchema };

/** The decision register over JSON, and as CSV. */
export async function registerDecisionRegisterRoutes(app: App) {
  const { db } = app.database;

  app.get(
    '/decisions',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['decision register'],
        summary:
          'Search the decision register: full text (q, English stemming, "quoted phrases", -exclusions, or), body, kind of decision, meeting dates from/to (YYYY-MM-DD, London), status and outcome; best match first when q is given, else newest meeting first. Part II decisions only for the body’s own people',
        querystring: registerQuerySchema,
        response: { 200: registerPageSchema, ...refusals },
      },
    },
    async (request, reply) => {
      // What a reader sees depends on who they are (Part II): no shared cache may keep it.
      reply.header('cache-control', 'private, no-cache');
      return searchDecisions({ db, actor: request.actor, query: request.query });
    },
  );

  app.get(
    '/decisions.csv',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['decision register'],
        summary:
          'Every matching decision as CSV (the same filters, no paging): one row per decision with its outcome and counts',
        querystring: registerExportQuerySchema,
        response: {
          200: z.string().describe('text/csv: RFC 4180, CRLF line ends, a header row'),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await exportDecisionsCsv({
        db,
        actor: request.actor,
        query: request.query,
        publicUrl: app.settings.publicUrl,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv);
    },
  );

  app.get(
    '/decisions/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['decision register'],
        summary:
          "One decision's whole trail: body, meeting, item, kind and method with their clauses, the engine's result and explanation, named votes or secret counts, dated lifecycle, and its audit events for those who may read the meeting's audit trail",
        params: decisionParametersSchema,
        response: { 200: decisionTrailSchema, ...refusals },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'private, no-cache');
      return getDecisionTrail({ db, actor: request.actor, proposalId: request.params.id });
    },
  );
}
