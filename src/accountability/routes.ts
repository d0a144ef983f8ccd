import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { parseForm, submittedFormValues } from '../http/forms.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { uploadedFileIn } from '../papers/index.ts';
import { getCommunications, logBriefing } from './communications-service.ts';
import {
  changeDueDateSchema,
  commissionListSchema,
  commissionParametersSchema,
  commissionReviewSchema,
  commissionSchema,
  communicationsSchema,
  logBriefingSchema,
  recordOutcomeSchema,
  withdrawCommissionSchema,
} from './schemas.ts';
import { getReviewCommission, listReviewCommissions } from './tasking-reads.ts';
import {
  changeReviewCommission,
  commissionReview,
  recordReviewOutcome,
} from './tasking-service.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Tasking the sector groups with reviews, their outcomes, and the communications log, over JSON. */
export async function registerAccountabilityRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/bodies/:slug/review-commissions',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['accountability'],
        summary:
          'The reviews a body commissioned from the sector groups, by sector and state (late first) with their outcomes, and those it was tasked with (2008 Commissioning development)',
        params: slugParametersSchema,
        response: { 200: commissionListSchema, ...refusals },
      },
    },
    async (request) =>
      listReviewCommissions({
        db,
        actor: request.actor,
        slug: request.params.slug,
        now: app.now(),
      }),
  );

  app.post(
    '/bodies/:slug/review-commissions',
    {
      config: { permission: 'programme.keep' },
      schema: {
        tags: ['accountability'],
        summary:
          'Commission a review from a sector group (its slug in `sector`): title, terms, commissioned on, the minute reference, due date; refused for a body that is not a sector group, or the body itself',
        params: slugParametersSchema,
        body: commissionReviewSchema,
        response: { 201: z.object({ commissionId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const created = await commissionReview({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/review-commissions/${created.commissionId}`)
        .send(created);
    },
  );

  app.get(
    '/review-commissions/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['accountability'],
        summary:
          'One review commission: its terms, due-date history, state and outcome (every version)',
        params: commissionParametersSchema,
        response: { 200: commissionSchema, ...refusals },
      },
    },
    async (request) =>
      getReviewCommission({
        db,
        actor: request.actor,
        commissionId: request.params.id,
        now: app.now(),
      }),
  );

  app.post(
    '/review-commissions/:id/due-date',
    {
      config: { permission: 'programme.keep' },
      schema: {
        tags: ['accountability'],
        summary: 'Change the due date of a review, with the reason (the earlier date is kept)',
        params: commissionParametersSchema,
        body: changeDueDateSchema,
        response: { 200: commissionSchema, ...refusals },
      },
    },
    async (request) =>
      changeReviewCommission({
        db,
        context: context(request),
        actor: request.actor,
        commissionId: request.params.id,
        change: { kind: 'due-date', ...request.body },
      }),
  );

  app.post(
    '/review-commissions/:id/withdrawal',
    {
      config: { permission: 'programme.keep' },
      schema: {
        tags: ['accountability'],
        summary: 'Withdraw a review, with the reason',
        params: commissionParametersSchema,
        body: withdrawCommissionSchema,
        response: { 200: commissionSchema, ...refusals },
      },
    },
    async (request) =>
      changeReviewCommission({
        db,
        context: context(request),
        actor: request.actor,
        commissionId: request.params.id,
        change: {
          kind: 'withdrawal',
          withdrawnOn: request.body.withdrawnOn,
          reason: request.body.reason,
        },
      }),
  );

  app.post(
    '/review-commissions/:id/outcome',
    {
      // Any secretariat passes here; the use case allows only the tasked sector group's.
      config: { permission: 'programme.keep', uploads: true },
      schema: {
        tags: ['accountability'],
        summary:
          "Record the sector group's outcome as multipart/form-data: `summary`, `recommendations` (one to a line), `reportedOn`, the report as `file` (PDF, Word, Excel, OpenDocument text or plain text, at most 10 MB), and `correctionReason` to correct one already recorded (a new version)",
        consumes: ['multipart/form-data'],
        params: commissionParametersSchema,
        response: { 201: z.object({ commissionId: z.uuid(), version: z.int() }), ...refusals },
      },
    },
    async (request, reply) => {
      const fields = parseForm(
        recordOutcomeSchema,
        submittedFormValues(
          request.body,
          ['summary', 'recommendations', 'reportedOn', 'correctionReason'],
          8000,
        ),
      );
      const recorded = await recordReviewOutcome({
        db,
        context: context(request),
        actor: request.actor,
        commissionId: request.params.id,
        ...fields,
        file: uploadedFileIn(request.body, 'file'),
      });
      return reply
        .code(201)
        .header('location', `/api/v1/review-commissions/${recorded.commissionId}`)
        .send(recorded);
    },
  );

  app.get(
    '/bodies/:slug/communications',
    {
      config: { permission: 'accountability.read' },
      schema: {
        tags: ['accountability'],
        summary:
          "Every reporting duty of the body's terms with when it was last met and is next due, and its log of briefings with the decisions and papers each covered (2008 Communications)",
        params: slugParametersSchema,
        response: { 200: communicationsSchema, ...refusals },
      },
    },
    async (request) =>
      getCommunications({ db, actor: request.actor, slug: request.params.slug, now: app.now() }),
  );

  app.post(
    '/bodies/:slug/briefings',
    {
      config: { permission: 'accountability.report' },
      schema: {
        tags: ['accountability'],
        summary:
          "Log a briefing against one of the body's briefing duties: date, what was reported, by whom (a holder of a seat the duty names), and the decisions and papers of the body it covered (`covers`)",
        params: slugParametersSchema,
        body: logBriefingSchema,
        response: { 201: z.object({ briefingId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const logged = await logBriefing({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply.code(201).send(logged);
    },
  );
}
