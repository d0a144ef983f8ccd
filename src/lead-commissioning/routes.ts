import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { decidePermissionBeforeBody } from '../http/permission-before-body.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import {
  getArrangement,
  listAreaNegotiations,
  listLondonNegotiations,
} from './arrangement-view.ts';
import { changeStage, refuseUnlessMayMove } from './change-stage.ts';
import { placeForumOnAgenda } from './place-forum-on-agenda.ts';
import { proposeAction } from './propose-action.ts';
import { raiseIssue } from './raise-issue.ts';
import { areaWhoseArrangementsMayBeRecorded, recordArrangement } from './record-arrangement.ts';
import { resolveIssue } from './resolve-issue.ts';
import { refuseUnlessMayRespond, respondToAction } from './respond-to-action.ts';
import {
  actionParametersSchema,
  areaNegotiationsSchema,
  arrangementParametersSchema,
  arrangementSchema,
  changeStageSchema,
  forumParametersSchema,
  issueParametersSchema,
  londonNegotiationsSchema,
  proposeActionSchema,
  raiseIssueSchema,
  recordArrangementSchema,
  resolveIssueSchema,
  respondedSchema,
  respondToActionSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const tags = ['lead-commissioning'];

/** Lead commissioning arrangements, negotiations and proposed actions, over JSON. */
export async function registerLeadCommissioningRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const mayRecord = decidePermissionBeforeBody(slugParametersSchema, (request, { slug }) =>
    areaWhoseArrangementsMayBeRecorded({ db, actor: request.actor, slug, now: app.now() }),
  );
  const mayMove = decidePermissionBeforeBody(arrangementParametersSchema, (request, params) =>
    refuseUnlessMayMove({
      db,
      actor: request.actor,
      arrangementId: params.arrangementId,
      now: app.now(),
    }),
  );
  const mayRespond = decidePermissionBeforeBody(actionParametersSchema, (request, params) =>
    refuseUnlessMayRespond({
      db,
      actor: request.actor,
      proposedActionId: params.actionId,
      now: app.now(),
    }),
  );
  const detail = (request: FastifyRequest, arrangementId: string) =>
    getArrangement({ db, actor: request.actor, arrangementId, now: app.now() });

  app.get(
    '/lead-commissioning',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: {
        tags,
        summary:
          'Every lead commissioning negotiation across the local groups’ areas, by area and stage, with counts (2006 §106; 2008 Business development “Provide direction to lead commissioning arrangements”); signed-in only',
        response: { 200: londonNegotiationsSchema, ...refusals },
      },
    },
    async (request) => listLondonNegotiations({ db, actor: request.actor, now: app.now() }),
  );

  app.get(
    '/bodies/:slug/negotiations',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: {
        tags,
        summary:
          "A local group's negotiations grouped by stage: provider, service, lead and associates with shares, stage and since when, open issues, actions awaiting responses, forums called",
        params: slugParametersSchema,
        response: { 200: areaNegotiationsSchema, ...refusals },
      },
    },
    async (request) =>
      listAreaNegotiations({ db, actor: request.actor, slug: request.params.slug, now: app.now() }),
  );

  app.post(
    '/bodies/:slug/negotiations',
    {
      config: { permission: 'commissioning.run' },
      onRequest: mayRecord,
      schema: {
        tags,
        summary:
          'Record a lead commissioning arrangement (2006 §2.1(c)): round, provider, service, specification version, the lead PCT and associate PCTs with shares in hundredths of a per cent adding up to 10000 with the lead’s. The local group’s secretariat or an administrator',
        params: slugParametersSchema,
        body: recordArrangementSchema,
        response: { 201: z.object({ arrangementId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordArrangement({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/lead-commissioning/${recorded.arrangementId}`)
        .send(recorded);
    },
  );

  app.get(
    '/lead-commissioning/:arrangementId',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: {
        tags,
        summary:
          'One arrangement: shares, stage history, issues, the lead’s proposed actions with each associate’s response and any collaborative forum, and what the reader may do',
        params: arrangementParametersSchema,
        response: { 200: arrangementSchema, ...refusals },
      },
    },
    async (request) => detail(request, request.params.arrangementId),
  );

  app.post(
    '/lead-commissioning/:arrangementId/stage',
    {
      config: { permission: 'commissioning.act-for-pct' },
      onRequest: mayMove,
      schema: {
        tags,
        summary:
          'Move the negotiation to its next stage, dated, with a note: preparation → offer → counter-offer ↔ offer → agreed → signed; any unsigned stage → in dispute → back (2006 §106). The lead’s post holder or the local group’s secretariat',
        params: arrangementParametersSchema,
        body: changeStageSchema,
        response: { 200: arrangementSchema, ...refusals },
      },
    },
    async (request) => {
      await changeStage({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId: request.params.arrangementId,
        ...request.body,
      });
      return detail(request, request.params.arrangementId);
    },
  );

  app.post(
    '/lead-commissioning/:arrangementId/issues',
    {
      config: { permission: 'commissioning.act-for-pct' },
      onRequest: mayMove,
      schema: {
        tags,
        summary: 'Raise an issue in the negotiation',
        params: arrangementParametersSchema,
        body: raiseIssueSchema,
        response: { 201: z.object({ issueId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const raised = await raiseIssue({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId: request.params.arrangementId,
        ...request.body,
      });
      return reply.code(201).send(raised);
    },
  );

  app.post(
    '/lead-commissioning/:arrangementId/issues/:issueId/resolution',
    {
      config: { permission: 'commissioning.act-for-pct' },
      onRequest: mayMove,
      schema: {
        tags,
        summary: 'Resolve an open issue in the negotiation, dated, saying how',
        params: issueParametersSchema,
        body: resolveIssueSchema,
        response: { 200: arrangementSchema, ...refusals },
      },
    },
    async (request) => {
      await resolveIssue({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId: request.params.arrangementId,
        issueId: request.params.issueId,
        ...request.body,
      });
      return detail(request, request.params.arrangementId);
    },
  );

  app.post(
    '/lead-commissioning/:arrangementId/actions',
    {
      config: { permission: 'commissioning.act-for-pct' },
      onRequest: mayMove,
      schema: {
        tags,
        summary:
          'Circulate a proposed action of the lead to the associates for approval, with the date to respond by (Model Collaborative Commissioning Agreement)',
        params: arrangementParametersSchema,
        body: proposeActionSchema,
        response: { 201: z.object({ proposedActionId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const proposed = await proposeAction({
        db,
        context: context(request),
        actor: request.actor,
        arrangementId: request.params.arrangementId,
        ...request.body,
      });
      return reply.code(201).send(proposed);
    },
  );

  app.post(
    '/lead-commissioning/proposed-actions/:actionId/responses',
    {
      config: { permission: 'commissioning.act-for-pct' },
      onRequest: mayRespond,
      schema: {
        tags,
        summary:
          'An associate approves the proposed action, or rejects it with a reason: approved when every associate approved; one rejection blocks it and calls a collaborative forum on the local group’s next agenda, in the same transaction',
        params: actionParametersSchema,
        body: respondToActionSchema,
        response: { 201: respondedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const responded = await respondToAction({
        db,
        context: context(request),
        actor: request.actor,
        proposedActionId: request.params.actionId,
        ...request.body,
      });
      return reply.code(201).send(responded);
    },
  );

  app.post(
    '/lead-commissioning/forums/:forumId/placement',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: {
        tags,
        summary:
          'Place a waiting collaborative forum on the local group’s next meeting whose notice has not gone out (its secretariat)',
        params: forumParametersSchema,
        response: {
          201: z.object({ meetingId: z.uuid(), agendaItemId: z.uuid() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const placed = await placeForumOnAgenda({
        db,
        context: context(request),
        actor: request.actor,
        forumId: request.params.forumId,
      });
      return reply.code(201).send(placed);
    },
  );
}
