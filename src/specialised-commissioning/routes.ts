import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { addService } from './add-service.ts';
import { getConsortium, listConsortia } from './consortium-view.ts';
import { recordConsortium } from './record-consortium.ts';
import {
  addServiceSchema,
  consortiaSchema,
  consortiumParametersSchema,
  consortiumSchema,
  recordConsortiumSchema,
  setBudgetSchema,
} from './schemas.ts';
import { setBudget } from './set-budget.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const tags = ['specialised-commissioning'];

/** Specialised services consortia over JSON (2008 Commissioning development; 2006 §104). */
export async function registerSpecialisedCommissioningRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/specialised-commissioning',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'The specialised services consortia: each with its lead, number of members and latest pooled budget',
        response: { 200: consortiaSchema, ...refusals },
      },
    },
    async (request) => listConsortia({ db, actor: request.actor }),
  );

  app.post(
    '/specialised-commissioning',
    {
      config: { permission: 'specialised.manage' },
      schema: {
        tags,
        summary:
          'Record a consortium with the London group as lead: its member PCTs with shares in hundredths of a per cent summing to exactly 10000, and the basis of the shares. Never the Business Service as a member (2006 §3.2)',
        body: recordConsortiumSchema,
        response: { 201: z.object({ consortiumId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordConsortium({
        db,
        context: context(request),
        actor: request.actor,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/specialised-commissioning/${recorded.consortiumId}`)
        .send(recorded);
    },
  );

  app.get(
    '/specialised-commissioning/:consortiumId',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'One consortium: members and shares, each year’s pooled budget with every member’s contribution in pounds (adding up exactly, the rounding stated), and its services',
        params: consortiumParametersSchema,
        response: { 200: consortiumSchema, ...refusals },
      },
    },
    async (request) =>
      getConsortium({ db, actor: request.actor, consortiumId: request.params.consortiumId }),
  );

  app.post(
    '/specialised-commissioning/:consortiumId/budgets',
    {
      config: { permission: 'specialised.manage' },
      schema: {
        tags,
        summary:
          'Record the pooled budget for a financial year in whole pence (a fraction of a penny is refused); contributions are derived from the shares',
        params: consortiumParametersSchema,
        body: setBudgetSchema,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await setBudget({
        db,
        context: context(request),
        actor: request.actor,
        consortiumId: request.params.consortiumId,
        ...request.body,
      });
      return reply.code(204).send(null);
    },
  );

  app.post(
    '/specialised-commissioning/:consortiumId/services',
    {
      config: { permission: 'specialised.manage' },
      schema: {
        tags,
        summary: 'Add a service the consortium commissions, optionally to a specification version',
        params: consortiumParametersSchema,
        body: addServiceSchema,
        response: { 201: z.object({ serviceId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await addService({
          db,
          context: context(request),
          actor: request.actor,
          consortiumId: request.params.consortiumId,
          ...request.body,
        }),
      ),
  );
}
