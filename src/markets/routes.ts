import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { refuseUnlessMayManage } from './market-access.ts';
import { getMarket, getNetwork, listNetworks, listPracticeConsortia } from './market-view.ts';
import { movePathway } from './move-pathway.ts';
import { recordNetwork } from './record-network.ts';
import { recordNetworkReview } from './record-network-review.ts';
import { recordPathway } from './record-pathway.ts';
import { recordProviderServices } from './record-provider-services.ts';
import { registerConsortium } from './register-consortium.ts';
import {
  marketQuerySchema,
  marketSchema,
  movePathwaySchema,
  networkDetailSchema,
  networkParametersSchema,
  networksSchema,
  pathwayParametersSchema,
  practiceConsortiaSchema,
  recordNetworkReviewSchema,
  recordNetworkSchema,
  recordPathwaySchema,
  recordProviderServicesSchema,
  registerConsortiumSchema,
  withdrawProviderServiceSchema,
} from './schemas.ts';
import { withdrawProviderService } from './withdraw-provider-service.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const tags = ['markets'];

/** Markets, Practice Based Commissioning consortia and clinical networks, over JSON. */
export async function registerMarketRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  /** Refused before the body is read, so what was sent never changes the answer (docs/security.md). */
  const mayManage = async (request: FastifyRequest) =>
    refuseUnlessMayManage(db, request.actor, app.now(), 'manage the markets and clinical networks');

  app.get(
    '/markets',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'The London market (2006 §104, §106): for each of the twelve service areas and each of the five sectors, the providers that supply it; the gaps where a sector has none, in words; and one service (`service`, or the first with a gap) sector by sector, as the map shows it',
        querystring: marketQuerySchema,
        response: { 200: marketSchema, ...refusals },
      },
    },
    async (request) =>
      getMarket({ db, actor: request.actor, now: app.now(), service: request.query.service }),
  );

  app.post(
    '/markets/provider-services',
    {
      config: { permission: 'markets.manage' },
      onRequest: mayManage,
      schema: {
        tags,
        summary:
          'Record that a provider (an NHS trust or foundation trust) supplies a service area in one or more sectors (sector ids, e.g. "north-west"); each provider, service and sector once',
        body: recordProviderServicesSchema,
        response: { 201: z.object({ providerServiceIds: z.array(z.uuid()) }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await recordProviderServices({
          db,
          context: context(request),
          actor: request.actor,
          ...request.body,
        }),
      ),
  );

  app.post(
    '/markets/provider-services/withdrawals',
    {
      config: { permission: 'markets.manage' },
      onRequest: mayManage,
      schema: {
        tags,
        summary:
          'Record that a provider has stopped supplying a service area in a sector: the date (not after today) and the reason; the market then shows the gap (2006 §106)',
        body: withdrawProviderServiceSchema,
        response: { 200: z.object({ providerServiceId: z.uuid() }), ...refusals },
      },
    },
    async (request) =>
      withdrawProviderService({
        db,
        context: context(request),
        actor: request.actor,
        ...request.body,
      }),
  );

  app.get(
    '/markets/practice-consortia',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'Practice Based Commissioning consortia by PCT, each with its pathways: name, service area, status (proposed, agreed with the PCT, in place), description, date agreed (2006 §106)',
        response: { 200: practiceConsortiaSchema, ...refusals },
      },
    },
    async (request) => listPracticeConsortia({ db, actor: request.actor, now: app.now() }),
  );

  app.post(
    '/markets/practice-consortia',
    {
      config: { permission: 'markets.manage' },
      onRequest: mayManage,
      schema: {
        tags,
        summary:
          'Register a Practice Based Commissioning consortium with its PCT: a registry organisation of that type, in the PCT’s sector',
        body: registerConsortiumSchema,
        response: { 201: z.object({ consortiumId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await registerConsortium({
          db,
          context: context(request),
          actor: request.actor,
          ...request.body,
        }),
      ),
  );

  app.post(
    '/markets/pathways',
    {
      config: { permission: 'markets.manage' },
      onRequest: mayManage,
      schema: {
        tags,
        summary:
          'Record a consortium’s pathway with its own PCT (a consortium of another PCT is refused): name, service area, status, description, and the date agreed once agreed or in place',
        body: recordPathwaySchema,
        response: { 201: z.object({ pathwayId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await recordPathway({
          db,
          context: context(request),
          actor: request.actor,
          ...request.body,
        }),
      ),
  );

  app.post(
    '/markets/pathways/:id/status',
    {
      config: { permission: 'markets.manage' },
      onRequest: mayManage,
      schema: {
        tags,
        summary:
          'Move a pathway forward: proposed → agreed with the PCT (with the date agreed) → in place; never backwards',
        params: pathwayParametersSchema,
        body: movePathwaySchema,
        response: { 200: z.object({ pathwayId: z.uuid() }), ...refusals },
      },
    },
    async (request) =>
      movePathway({
        db,
        context: context(request),
        actor: request.actor,
        pathwayId: request.params.id,
        ...request.body,
      }),
  );

  app.get(
    '/clinical-networks',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          'The clinical networks: the group each reports to (2006 §2.3), objectives, and its annual review, flagged when overdue',
        response: { 200: networksSchema, ...refusals },
      },
    },
    async (request) => listNetworks({ db, actor: request.actor, now: app.now() }),
  );

  app.post(
    '/clinical-networks',
    {
      config: { permission: 'markets.manage' },
      onRequest: mayManage,
      schema: {
        tags,
        summary:
          'Record a clinical network: name, the group it reports to (the slug of the London group or a local group, 2006 §2.3) and its objectives',
        body: recordNetworkSchema,
        response: { 201: z.object({ networkId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordNetwork({
        db,
        context: context(request),
        actor: request.actor,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/clinical-networks/${recorded.networkId}`)
        .send(recorded);
    },
  );

  app.get(
    '/clinical-networks/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary: 'One clinical network with its reviews, newest first',
        params: networkParametersSchema,
        response: { 200: networkDetailSchema, ...refusals },
      },
    },
    async (request) =>
      getNetwork({ db, actor: request.actor, now: app.now(), networkId: request.params.id }),
  );

  app.post(
    '/clinical-networks/:id/reviews',
    {
      config: { permission: 'markets.manage' },
      onRequest: mayManage,
      schema: {
        tags,
        summary:
          'Record a network’s annual review: the date held (not in the future), findings, and when the next is due (after it was held)',
        params: networkParametersSchema,
        body: recordNetworkReviewSchema,
        response: { 201: z.object({ reviewId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await recordNetworkReview({
          db,
          context: context(request),
          actor: request.actor,
          networkId: request.params.id,
          ...request.body,
        }),
      ),
  );
}
