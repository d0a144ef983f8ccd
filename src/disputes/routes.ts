import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { decidePermissionBeforeBody } from '../http/permission-before-body.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { listBodyDisputes } from './body-disputes-view.ts';
import { getDispute } from './dispute-view.ts';
import { listOpenDisputesForOversight } from './oversight-list-view.ts';
import { bodyWhoseDisputesMayBeRaised, raiseDispute } from './raise-dispute.ts';
import { recordDisputeStep } from './record-dispute-step.ts';
import {
  bodyDisputesSchema,
  disputeParametersSchema,
  disputeSchema,
  oversightSchema,
  raiseDisputeSchema,
  recordStepSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Disputes over JSON: raised, categorised, taken up the constitution's ladder; the SHA's view. */
export async function registerDisputeRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  // Who may raise one depends on the body the path names: decided before the request's body is read.
  const mayRaiseDispute = decidePermissionBeforeBody(slugParametersSchema, (request, { slug }) =>
    bodyWhoseDisputesMayBeRaised({ db, actor: request.actor, slug, now: app.now() }),
  );

  app.get(
    '/bodies/:slug/disputes',
    {
      config: { permission: 'disputes.take-part' },
      schema: {
        tags: ['disputes'],
        summary:
          "The body's disputes, oldest first, each with the step due next and who must act; for the body's people and NHS London",
        params: slugParametersSchema,
        response: { 200: bodyDisputesSchema, ...refusals },
      },
    },
    async (request) =>
      listBodyDisputes({ db, actor: request.actor, slug: request.params.slug, now: app.now() }),
  );

  app.post(
    '/bodies/:slug/disputes',
    {
      config: { permission: 'disputes.take-part' },
      onRequest: mayRaiseDispute,
      schema: {
        tags: ['disputes'],
        summary:
          "Raise a dispute: category (the constitution's dispute categories, 2006 §111), title, description, the joint review it arose in, date raised",
        params: slugParametersSchema,
        body: raiseDisputeSchema,
        response: { 201: z.object({ disputeId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const raised = await raiseDispute({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/disputes/${raised.disputeId}`)
        .send(raised);
    },
  );

  app.get(
    '/disputes/:id',
    {
      config: { permission: 'disputes.take-part' },
      schema: {
        tags: ['disputes'],
        summary:
          "One dispute: its dated, attributed trail and the engine's next step, with the clause",
        params: disputeParametersSchema,
        response: { 200: disputeSchema, ...refusals },
      },
    },
    async (request) =>
      getDispute({ db, actor: request.actor, disputeId: request.params.id, now: app.now() }),
  );

  app.post(
    '/disputes/:id/steps',
    {
      config: { permission: 'disputes.record-step' },
      schema: {
        tags: ['disputes'],
        summary:
          'Record the next step up the ladder (date, who took it, outcome, note; a vote may name its closed proposal, a sign-off its board). A step out of order is refused with the rule it breaks',
        params: disputeParametersSchema,
        body: recordStepSchema,
        response: { 201: disputeSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const dispute = await recordDisputeStep({
        db,
        context: context(request),
        actor: request.actor,
        disputeId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(dispute);
    },
  );

  app.get(
    '/oversight/disputes',
    {
      config: { permission: 'disputes.oversee' },
      schema: {
        tags: ['disputes'],
        summary:
          'Every open dispute across bodies, oldest first, with its category, age, the step due next and who must act: NHS London’s oversight (2006 §112)',
        response: { 200: oversightSchema, ...refusals },
      },
    },
    async (request) => listOpenDisputesForOversight({ db, actor: request.actor, now: app.now() }),
  );
}
