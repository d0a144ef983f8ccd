import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import {
  changeJointReview,
  createJointReview,
  getJointReview,
  listJointReviews,
} from './joint-review-service.ts';
import {
  createJointReviewSchema,
  endReviewSchema,
  jointReviewListSchema,
  jointReviewParametersSchema,
  jointReviewSchema,
  recordAgreementSchema,
  recordProcessSchema,
  startReviewSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Joint service reviews over JSON (2006 §112): process, agreement, start and end. */
export async function registerJointReviewRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/bodies/:slug/joint-reviews',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['joint-reviews'],
        summary:
          "The body's joint service reviews (service development, major service reconfiguration), with the process each agreed in advance (2006 §112)",
        params: slugParametersSchema,
        response: { 200: jointReviewListSchema, ...refusals },
      },
    },
    async (request) =>
      listJointReviews({ db, actor: request.actor, slug: request.params.slug, now: app.now() }),
  );

  app.post(
    '/bodies/:slug/joint-reviews',
    {
      config: { permission: 'disputes.manage' },
      schema: {
        tags: ['joint-reviews'],
        summary:
          'Propose a joint service review: title, category (a joint-work dispute category of the terms in force), optionally its decision process and handling of failure to agree',
        params: slugParametersSchema,
        body: createJointReviewSchema,
        response: { 201: z.object({ reviewId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const created = await createJointReview({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/joint-reviews/${created.reviewId}`)
        .send(created);
    },
  );

  app.get(
    '/joint-reviews/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['joint-reviews'],
        summary: 'One joint service review, its stage and the rule it answers to',
        params: jointReviewParametersSchema,
        response: { 200: jointReviewSchema, ...refusals },
      },
    },
    async (request) =>
      getJointReview({ db, actor: request.actor, reviewId: request.params.id, now: app.now() }),
  );

  const changes = [
    {
      path: 'process',
      body: recordProcessSchema,
      summary:
        'Record (or revise, until agreed) the process for decision making and how a failure to agree will be dealt with',
      kind: 'process',
    },
    {
      path: 'agreement',
      body: recordAgreementSchema,
      summary:
        'Record that the process was agreed (date, minute reference); refused until both halves of the process are recorded (2006 §112)',
      kind: 'agreement',
    },
    {
      path: 'start',
      body: startReviewSchema,
      summary:
        'Start the review; refused with 2006 §112 until its process is recorded and agreed, or before the agreement',
      kind: 'start',
    },
    {
      path: 'end',
      body: endReviewSchema,
      summary:
        'End the review; SHA facilitation, where the ladder says "at the end of the review", waits for this date',
      kind: 'end',
    },
  ] as const;

  for (const change of changes) {
    app.post(
      `/joint-reviews/:id/${change.path}`,
      {
        config: { permission: 'disputes.manage' },
        schema: {
          tags: ['joint-reviews'],
          summary: change.summary,
          params: jointReviewParametersSchema,
          body: change.body,
          response: { 200: jointReviewSchema, ...refusals },
        },
      },
      async (request) =>
        changeJointReview({
          db,
          context: context(request),
          actor: request.actor,
          reviewId: (request.params as { id: string }).id,
          change: { kind: change.kind, ...(request.body as object) } as Parameters<
            typeof changeJointReview
          >[0]['change'],
        }),
    );
  }
}
