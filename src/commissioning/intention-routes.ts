import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import {
  addIntention,
  changeIntentionSource,
  editIntention,
  moveIntention,
  removeIntention,
  startConsolidation,
} from './consolidate-intentions.ts';
import { getFit } from './fit-view.ts';
import {
  addIntentionSchema,
  agreementResultSchema,
  attachSourceSchema,
  fitViewSchema,
  intentionInputSchema,
  intentionParametersSchema,
  intentionsViewSchema,
  localPlanParametersSchema,
  localPlanResultSchema,
  localPlanSchema,
  moveIntentionSchema,
  prospectusSchema,
  putToGroupResultSchema,
  putToGroupSchema,
  recordAgreementSchema,
  roundParametersSchema,
  sourceParametersSchema,
} from './intention-schemas.ts';
import { getIntentions } from './intentions-view.ts';
import { getProspectus } from './prospectus-view.ts';
import { publishProspectus } from './publish-prospectus.ts';
import { putIntentionsToGroup } from './put-intentions-to-group.ts';
import { recordAgreement } from './record-agreement.ts';
import { recordLocalPlan } from './record-local-plan.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const tags = ['commissioning'];
const round = '/bodies/:slug/commissioning-rounds/:year';
const noContent = { 204: z.null().describe('Done'), ...refusals };

/** London commissioning intentions, their agreement, the prospectus and the fit of local plans, over JSON. */
export async function registerIntentionRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const withActor = (request: FastifyRequest) => ({
    db,
    context: context(request),
    actor: request.actor,
  });

  app.get(
    `${round}/intentions`,
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary:
          "The round's London wide Commissioning Intentions (2006 §104): each with the PCTs, local groups and sectors that raised it, the overlaps, the priorities not yet consolidated, and the question put to the London group",
        params: roundParametersSchema,
        response: { 200: intentionsViewSchema, ...refusals },
      },
    },
    async (request) =>
      getIntentions({ db, actor: request.actor, now: app.now(), ...request.params }),
  );

  app.post(
    `${round}/intentions/consolidation`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary: 'Start consolidating the returns into London intentions (open → consolidating)',
        params: roundParametersSchema,
        response: { 200: z.object({ status: z.literal('consolidating') }), ...refusals },
      },
    },
    async (request) => startConsolidation({ ...withActor(request), ...request.params }),
  );

  app.post(
    `${round}/intentions`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary:
          'Add a London intention (title, service area, description, optionally an approved specification version and the priorities it consolidates); refused (409) once the intentions are put to the London group',
        params: roundParametersSchema,
        body: addIntentionSchema,
        response: { 201: z.object({ intentionId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) =>
      reply
        .code(201)
        .send(await addIntention({ ...withActor(request), ...request.params, ...request.body })),
  );

  app.patch(
    `${round}/intentions/:intentionId`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary: 'Edit a London intention; refused (409) while frozen',
        params: intentionParametersSchema,
        body: intentionInputSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await editIntention({ ...withActor(request), ...request.params, ...request.body });
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${round}/intentions/:intentionId/move`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary: 'Move a London intention one place up or down the list',
        params: intentionParametersSchema,
        body: moveIntentionSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await moveIntention({ ...withActor(request), ...request.params, ...request.body });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    `${round}/intentions/:intentionId`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary:
          'Remove a London intention; the priorities it consolidated are listed as unconsolidated again',
        params: intentionParametersSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await removeIntention({ ...withActor(request), ...request.params });
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${round}/intentions/:intentionId/sources`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary: 'Attach a priority returned to the round to the intention that consolidates it',
        params: intentionParametersSchema,
        body: attachSourceSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await changeIntentionSource({
        ...withActor(request),
        ...request.params,
        priorityId: request.body.priorityId,
        attach: true,
      });
      return reply.code(204).send(null);
    },
  );

  app.delete(
    `${round}/intentions/:intentionId/sources/:priorityId`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary: 'Detach a priority from an intention',
        params: sourceParametersSchema,
        response: noContent,
      },
    },
    async (request, reply) => {
      await changeIntentionSource({ ...withActor(request), ...request.params, attach: false });
      return reply.code(204).send(null);
    },
  );

  app.post(
    `${round}/intentions/put-to-group`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary:
          "Put the intentions to the London group: an agenda item and a question (decision kind commissioning-intentions, by the constitution's method) on one of its meetings whose notice is not yet sent; the intentions are frozen",
        params: roundParametersSchema,
        body: putToGroupSchema,
        response: { 201: putToGroupResultSchema, ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await putIntentionsToGroup({
          ...withActor(request),
          ...request.params,
          meetingId: request.body.meetingId,
        }),
      ),
  );

  app.post(
    `${round}/intentions/agreement`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary:
          "Record the London group's answer once its question is closed: carried or consensus agrees the intentions; otherwise they return to consolidation. Intentions agreed by anyone but the London group are refused (409)",
        params: roundParametersSchema,
        body: recordAgreementSchema,
        response: { 200: agreementResultSchema, ...refusals },
      },
    },
    async (request) =>
      recordAgreement({
        ...withActor(request),
        ...request.params,
        proposalId: request.body?.proposalId,
      }),
  );

  app.post(
    `${round}/prospectus`,
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags,
        summary:
          'Publish the London prospectus from the agreed intentions (2008 Business development); refused (409) before agreement',
        params: roundParametersSchema,
        response: { 201: prospectusSchema, ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await publishProspectus({ ...withActor(request), ...request.params })),
  );

  app.get(
    `${round}/prospectus`,
    {
      config: { permission: 'public.read' },
      schema: {
        tags,
        summary: 'The published London prospectus, as published (404 before publication)',
        params: roundParametersSchema,
        response: { 200: prospectusSchema, ...refusals },
      },
    },
    async (request) => (await getProspectus({ db, ...request.params })).prospectus,
  );

  app.get(
    `${round}/fit`,
    {
      config: { permission: 'public.read' }, // signed-in readers: getFit refuses the rest (401)
      schema: {
        tags,
        summary:
          'The fit of local plans (2006 §104): per PCT its gaps and divergences, how many PCTs plan for each intention, and the PCTs with no plan',
        params: roundParametersSchema,
        response: { 200: fitViewSchema, ...refusals },
      },
    },
    async (request) => getFit({ db, actor: request.actor, now: app.now(), ...request.params }),
  );

  app.put(
    `${round}/local-plans/:organisationId`,
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: {
        tags,
        summary:
          "Record (or replace) a PCT's local plan: the London intentions it plans for and its own lines; a post holder at the PCT or the London group's secretariat",
        params: localPlanParametersSchema,
        body: localPlanSchema,
        response: { 200: localPlanResultSchema, ...refusals },
      },
    },
    async (request) =>
      recordLocalPlan({ ...withActor(request), ...request.params, ...request.body }),
  );
}
