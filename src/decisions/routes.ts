import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { meetingParametersSchema } from '../meetings/index.ts';
import { castVote } from './cast-vote.ts';
import { closeProposal } from './close-proposal.ts';
import { createProposal } from './create-proposal.ts';
import { declareSenseOfMeeting } from './declare-sense-of-meeting.ts';
import { grantProxy } from './grant-proxy.ts';
import { listProposals } from './meeting-proposals-view.ts';
import { openProposal } from './open-proposal.ts';
import { getProposal } from './proposal-view.ts';
import { recordCastingVote } from './record-casting-vote.ts';
import { revokeProxy } from './revoke-proxy.ts';
import {
  castingVoteSchema,
  castVoteSchema,
  closedSchema,
  createProposalSchema,
  declareSenseSchema,
  grantProxySchema,
  meetingProposalsSchema,
  proposalParametersSchema,
  proposalViewSchema,
  proxyParametersSchema,
} from './schemas.ts';
import { withdrawProposal } from './withdraw-proposal.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const statusSchema = z.object({
  proposalId: z.uuid(),
  status: z.string(),
  warning: z.string().optional(),
});

/** Questions, votes, consensus views and proxies over JSON. */
export async function registerDecisionRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/meetings/:id/proposals',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['decisions'],
        summary:
          "The meeting's questions (those on Part II items only for the body's own people), its proxies with their history, and the kinds of decision the constitution gives",
        params: meetingParametersSchema,
        response: { 200: meetingProposalsSchema, ...refusals },
      },
    },
    async (request) => listProposals({ db, actor: request.actor, meetingId: request.params.id }),
  );

  app.post(
    '/meetings/:id/proposals',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['decisions'],
        summary:
          'Put a question on an agenda item: decisionKind picks the method the constitution gives (a different methodId for that kind is refused with its clause); amendsProposalId makes it an amendment, decided first',
        params: meetingParametersSchema,
        body: createProposalSchema,
        response: {
          201: z.object({
            proposalId: z.uuid(),
            method: z.object({ id: z.string(), title: z.string(), clause: z.string() }),
          }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const created = await createProposal({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/proposals/${created.proposalId}`)
        .send(created);
    },
  );

  app.get(
    '/proposals/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['decisions'],
        summary:
          "A question: its kind and method with clauses, status, the engine's result once closed (counts only under a secret ballot), and for the chair and secretariat who has not voted",
        params: proposalParametersSchema,
        response: { 200: proposalViewSchema, ...refusals },
      },
    },
    async (request) => getProposal({ db, actor: request.actor, proposalId: request.params.id }),
  );

  for (const [action, use, summary] of [
    ['open', openProposal, 'Open a drafted question for votes or views'],
    ['withdraw', withdrawProposal, 'Withdraw a question before it is decided'],
  ] as const) {
    app.post(
      `/proposals/:id/${action}`,
      {
        config: { permission: 'meetings.manage' },
        schema: {
          tags: ['decisions'],
          summary,
          params: proposalParametersSchema,
          response: { 200: statusSchema, ...refusals },
        },
      },
      async (request) =>
        use({ db, context: context(request), actor: request.actor, proposalId: request.params.id }),
    );
  }

  app.post(
    '/proposals/:id/close',
    {
      config: { permission: 'meetings.manage' },
      schema: {
        tags: ['decisions'],
        summary:
          "Close the question with the engine's tally of the stored votes; refused (409) while an amendment is undecided, or when tied and the presiding member's casting vote is due",
        params: proposalParametersSchema,
        response: { 200: closedSchema, ...refusals },
      },
    },
    async (request) =>
      closeProposal({
        db,
        context: context(request),
        actor: request.actor,
        proposalId: request.params.id,
      }),
  );

  app.post(
    '/proposals/:id/casting-vote',
    {
      config: { permission: 'decisions.vote' },
      schema: {
        tags: ['decisions'],
        summary:
          "The presiding member's casting vote on a tie (or the secretariat recording it), where the method gives one; closes the question",
        params: proposalParametersSchema,
        body: castingVoteSchema,
        response: { 200: closedSchema, ...refusals },
      },
    },
    async (request) =>
      recordCastingVote({
        db,
        context: context(request),
        actor: request.actor,
        proposalId: request.params.id,
        choice: request.body.choice,
      }),
  );

  app.post(
    '/proposals/:id/sense-of-meeting',
    {
      config: { permission: 'decisions.vote' },
      schema: {
        tags: ['decisions'],
        summary:
          "The person presiding (or the secretariat for them) declares the sense of the meeting on a consensus question whose terms say the chair declares it, naming each member who objects with the reason; closes the question with the engine's judgement. Refused (409) under any other rule, naming its clause",
        params: proposalParametersSchema,
        body: declareSenseSchema,
        response: {
          200: closedSchema.extend({ objectionsRecorded: z.number().int() }),
          ...refusals,
        },
      },
    },
    async (request) =>
      declareSenseOfMeeting({
        db,
        context: context(request),
        actor: request.actor,
        proposalId: request.params.id,
        sense: request.body.sense,
        objections: request.body.objections,
      }),
  );

  app.post(
    '/proposals/:id/votes',
    {
      config: { permission: 'decisions.vote' },
      schema: {
        tags: ['decisions'],
        summary:
          "Vote (or record a consensus view) for your own seat, or with onBehalfOf for the seat of a member whose proxy you hold, or with forMember for the consortium member you vote for when you speak for several (2006 §111); refused with the engine's reason for a conflicted member, a non-voting attendee, a deputy, an absent member; 409 for a second vote from one seat or a question not open",
        params: proposalParametersSchema,
        body: castVoteSchema,
        response: {
          201: z.object({
            voteId: z.uuid(),
            voter: z.string(),
            choice: z.string(),
            byProxy: z.boolean(),
          }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const cast = await castVote({
        db,
        context: context(request),
        actor: request.actor,
        proposalId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(cast);
    },
  );

  app.put(
    '/proposals/:id/votes',
    {
      config: { permission: 'decisions.vote' },
      schema: {
        tags: ['decisions'],
        summary:
          'Give or change your vote (or consensus view) while the question is open: the seat keeps one vote, its latest choice, and the audit trail keeps each change (decision 021); the same choice again changes nothing',
        params: proposalParametersSchema,
        body: castVoteSchema,
        response: {
          200: z.object({
            voteId: z.uuid(),
            voter: z.string(),
            choice: z.string(),
            byProxy: z.boolean(),
            outcome: z.enum(['cast', 'changed', 'unchanged']),
          }),
          ...refusals,
        },
      },
    },
    async (request) =>
      castVote({
        db,
        context: context(request),
        actor: request.actor,
        proposalId: request.params.id,
        ...request.body,
        mayChange: true,
      }),
  );

  app.post(
    '/meetings/:id/proxies',
    {
      config: { permission: 'decisions.vote' },
      schema: {
        tags: ['decisions'],
        summary:
          "Give your proxy for the meeting to another member (the secretariat may record a member's with grantorHoldingId); refused from or to someone who is not a member",
        params: meetingParametersSchema,
        body: grantProxySchema,
        response: {
          201: z.object({ proxyId: z.uuid(), grantor: z.string(), proxy: z.string() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const granted = await grantProxy({
        db,
        context: context(request),
        actor: request.actor,
        meetingId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(granted);
    },
  );

  app.post(
    '/proxies/:id/revoke',
    {
      config: { permission: 'decisions.vote' },
      schema: {
        tags: ['decisions'],
        summary: 'Revoke a proxy (by its grantor or the secretariat); the record keeps it, dated',
        params: proxyParametersSchema,
        response: {
          200: z.object({ proxyId: z.uuid(), meetingId: z.uuid(), revokedAt: z.string() }),
          ...refusals,
        },
      },
    },
    async (request) =>
      revokeProxy({
        db,
        context: context(request),
        actor: request.actor,
        proxyId: request.params.id,
      }),
  );
}
