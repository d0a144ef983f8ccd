import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { decidePermissionBeforeBody } from '../http/permission-before-body.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { changeConsortium } from './change-consortium.ts';
import { getConsortium, listProcurement } from './consortium-view.ts';
import { openTender } from './open-tender.ts';
import { putAward } from './put-award.ts';
import { recordAward } from './record-award.ts';
import { recordBid } from './record-bid.ts';
import { recordConflictManagement } from './record-conflict-management.ts';
import { bodyWhoseConsortiaMayBeRecorded, recordConsortium } from './record-consortium.ts';
import { recordEvaluation } from './record-evaluation.ts';
import { recordRegisterEntry } from './record-register-entry.ts';
import { exportRegisterCsv } from './register-export.ts';
import {
  conflictParametersSchema,
  consortiumDetailSchema,
  consortiumParametersSchema,
  openTenderSchema,
  procurementListSchema,
  putAwardSchema,
  recordBidSchema,
  recordConflictManagementSchema,
  recordConsortiumSchema,
  recordEvaluationSchema,
  recordRegisterEntrySchema,
  tenderParametersSchema,
  tenderViewSchema,
} from './schemas.ts';
import { refuseUnlessRunsConsortium, refuseUnlessRunsTender } from './tender-access.ts';
import { getTender } from './tender-view.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

const tags = ['procurement'];

/** Procurement consortia, their tenders and procurement decisions registers, over JSON. */
export async function registerProcurementRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());
  const mayRunConsortium = decidePermissionBeforeBody(
    consortiumParametersSchema,
    (request, params) =>
      refuseUnlessRunsConsortium({ db, actor: request.actor, consortiumId: params.consortiumId }),
  );
  const mayRunTender = decidePermissionBeforeBody(tenderParametersSchema, (request, params) =>
    refuseUnlessRunsTender({ db, actor: request.actor, tenderId: params.tenderId }),
  );
  const tender = (request: FastifyRequest, tenderId: string) =>
    getTender({ db, actor: request.actor, tenderId, now: app.now() });

  app.get(
    '/procurement',
    {
      config: { permission: 'procurement.read' },
      schema: {
        tags,
        summary:
          'Every procurement consortium with its inception record (members, shares, the 75% rule’s base and weighting, 2006 §111) and every tender with its stage; signed-in only',
        response: { 200: procurementListSchema, ...refusals },
      },
    },
    async (request) => listProcurement({ db, actor: request.actor }),
  );

  app.post(
    '/procurement/consortia',
    {
      config: { permission: 'procurement.run' },
      onRequest: async (request) => {
        await bodyWhoseConsortiaMayBeRecorded({ db, actor: request.actor });
      },
      schema: {
        tags,
        summary:
          'Record a procurement consortium at inception (2006 §111): name, portfolio, inception date, member PCTs with shares in hundredths of a per cent summing to 10000 and the basis stated, and the 75% rule’s base and weighting. Fixed once made. The London group’s secretariat or an administrator',
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
        .header('location', `/api/v1/procurement/consortia/${recorded.consortiumId}`)
        .send(recorded);
    },
  );

  app.get(
    '/procurement/consortia/:consortiumId',
    {
      config: { permission: 'procurement.read' },
      schema: {
        tags,
        summary: 'One consortium’s inception record and its tenders',
        params: consortiumParametersSchema,
        response: { 200: consortiumDetailSchema, ...refusals },
      },
    },
    async (request) =>
      getConsortium({ db, actor: request.actor, consortiumId: request.params.consortiumId }),
  );

  app.patch(
    '/procurement/consortia/:consortiumId',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunConsortium,
      schema: {
        tags,
        summary:
          'Always refused (409): a consortium’s inception record is fixed once made (2006 §111 “Any new procurement consortium will agree its financial and decision making arrangements at inception”); record a new consortium instead (decision 032)',
        params: consortiumParametersSchema,
        response: { ...refusals },
      },
    },
    async (request) =>
      changeConsortium({ db, actor: request.actor, consortiumId: request.params.consortiumId }),
  );

  app.post(
    '/procurement/consortia/:consortiumId/tenders',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunConsortium,
      schema: {
        tags,
        summary:
          'Open a tender for the consortium: title, service and the approved specification version it buys to (decision 023)',
        params: consortiumParametersSchema,
        body: openTenderSchema,
        response: { 201: z.object({ tenderId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const opened = await openTender({
        db,
        context: context(request),
        actor: request.actor,
        consortiumId: request.params.consortiumId,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/procurement/tenders/${opened.tenderId}`)
        .send(opened);
    },
  );

  app.get(
    '/procurement/tenders/:tenderId',
    {
      config: { permission: 'procurement.read' },
      schema: {
        tags,
        summary:
          'One tender: its stage and dated steps, bids with prices and scores, the recommendation, each award put to the consortium with the vote’s explanation (weighted and unweighted), and the procurement decisions register with what it still needs',
        params: tenderParametersSchema,
        response: { 200: tenderViewSchema, ...refusals },
      },
    },
    async (request) => tender(request, request.params.tenderId),
  );

  app.post(
    '/procurement/tenders/:tenderId/bids',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunTender,
      schema: {
        tags,
        summary:
          'Record a bid while the tender takes bids: the provider, the price in whole pence (a fraction of a penny is refused) and the date received',
        params: tenderParametersSchema,
        body: recordBidSchema,
        response: { 201: z.object({ bidId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordBid({
        db,
        context: context(request),
        actor: request.actor,
        tenderId: request.params.tenderId,
        ...request.body,
      });
      return reply.code(201).send(recorded);
    },
  );

  app.post(
    '/procurement/tenders/:tenderId/evaluation',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunTender,
      schema: {
        tags,
        summary:
          'Record the evaluation: every bid’s quality score (0–60) and price score (0–40), the recommended bid and the reason. Closes bidding; refused at any other stage',
        params: tenderParametersSchema,
        body: recordEvaluationSchema,
        response: { 200: z.object({ stage: z.literal('evaluated') }), ...refusals },
      },
    },
    async (request) =>
      recordEvaluation({
        db,
        context: context(request),
        actor: request.actor,
        tenderId: request.params.tenderId,
        ...request.body,
      }),
  );

  app.post(
    '/procurement/tenders/:tenderId/register',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunTender,
      schema: {
        tags,
        summary:
          'Record an entry in the procurement decisions register: what the decision was about, the decision, its date, the people who took part, and conflicts of interest declared with how each was managed',
        params: tenderParametersSchema,
        body: recordRegisterEntrySchema,
        response: { 201: z.object({ entryId: z.uuid() }), ...refusals },
      },
    },
    async (request, reply) => {
      const recorded = await recordRegisterEntry({
        db,
        context: context(request),
        actor: request.actor,
        tenderId: request.params.tenderId,
        ...request.body,
      });
      return reply.code(201).send(recorded);
    },
  );

  app.post(
    '/procurement/tenders/:tenderId/register/conflicts/:conflictId',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunTender,
      schema: {
        tags,
        summary:
          'Record how a declared conflict was managed: left the room; took no part in the decision; declared, no material conflict (with the reason); referred to an unconflicted panel',
        params: conflictParametersSchema,
        body: recordConflictManagementSchema,
        response: { 200: z.object({ tenderId: z.uuid() }), ...refusals },
      },
    },
    async (request) =>
      recordConflictManagement({
        db,
        context: context(request),
        actor: request.actor,
        conflictId: request.params.conflictId,
        ...request.body,
      }),
  );

  app.get(
    '/procurement/tenders/:tenderId/register.csv',
    {
      config: { permission: 'procurement.read' },
      schema: {
        tags,
        summary:
          'The tender’s procurement decisions register as CSV: one row per entry and declared conflict',
        params: tenderParametersSchema,
        response: {
          200: z.string().describe('text/csv: RFC 4180, CRLF line ends, a header row'),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const { fileName, csv } = await exportRegisterCsv({
        db,
        actor: request.actor,
        tenderId: request.params.tenderId,
      });
      return reply
        .type('text/csv; charset=utf-8')
        .header('cache-control', 'private, no-cache')
        .header('content-disposition', `attachment; filename="${fileName}"`)
        .send(csv);
    },
  );
  app.post(
    '/procurement/tenders/:tenderId/award-question',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunTender,
      schema: {
        tags,
        summary:
          'Put the award to the consortium once evaluated: an agenda item on a coming meeting of its body (notice not yet sent) and a question under the 75% majority of a procurement consortium (2006 §111), carrying the members, shares, base and weighting fixed at inception',
        params: tenderParametersSchema,
        body: putAwardSchema,
        response: {
          201: z.object({ proposalId: z.uuid(), agendaItemId: z.uuid(), meetingId: z.uuid() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const put = await putAward({
        db,
        context: context(request),
        actor: request.actor,
        tenderId: request.params.tenderId,
        meetingId: request.body.meetingId,
      });
      return reply.code(201).send(put);
    },
  );

  app.post(
    '/procurement/tenders/:tenderId/award',
    {
      config: { permission: 'procurement.run' },
      onRequest: mayRunTender,
      schema: {
        tags,
        summary:
          'Record the award from the consortium’s closed question: carried → awarded to the recommended bidder (refused, naming what is missing, while the procurement decisions register is incomplete); not carried → back to evaluated',
        params: tenderParametersSchema,
        response: {
          200: z.object({
            outcome: z.enum(['carried', 'not-carried', 'withdrawn']),
            stage: z.enum(['awarded', 'evaluated']),
          }),
          ...refusals,
        },
      },
    },
    async (request) =>
      recordAward({
        db,
        context: context(request),
        actor: request.actor,
        tenderId: request.params.tenderId,
      }),
  );
}
