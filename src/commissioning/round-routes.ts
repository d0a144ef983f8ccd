import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { slugParametersSchema } from '../bodies/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { changeTimetable } from './change-timetable.ts';
import { openRound } from './open-round.ts';
import {
  openRoundSchema,
  returnParametersSchema,
  returnSchema,
  roundListSchema,
  roundParametersSchema,
  roundSchema,
  submitReturnSchema,
  submittedReturnSchema,
  timetableSchema,
} from './round-schemas.ts';
import { getReturn, getRound, listRounds } from './round-view.ts';
import { submitReturn } from './submit-return.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** Commissioning rounds, their timetables and the returns to them, over JSON. */
export async function registerRoundRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/commissioning-rounds',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['commissioning'],
        summary:
          'Every commissioning round (2006 §104, the annual horizon scanning), newest first, with its status and next date',
        response: { 200: roundListSchema, ...refusals },
      },
    },
    async (request) => listRounds({ db, actor: request.actor, now: app.now() }),
  );

  app.post(
    '/bodies/:slug/commissioning-rounds',
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags: ['commissioning'],
        summary:
          'Open the year’s round: the financial year (2008-09) and its timetable in order — returns open ≤ due ≤ consolidation ≤ agreement ≤ publication (2008 Business development); one round a year',
        params: slugParametersSchema,
        body: openRoundSchema,
        response: { 201: z.object({ roundId: z.uuid(), year: z.string() }), ...refusals },
      },
    },
    async (request, reply) => {
      const opened = await openRound({
        db,
        context: context(request),
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply
        .code(201)
        .header(
          'location',
          `/api/v1/bodies/${request.params.slug}/commissioning-rounds/${opened.year}`,
        )
        .send(opened);
    },
  );

  app.get(
    '/bodies/:slug/commissioning-rounds/:year',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['commissioning'],
        summary:
          'A round: its status and timetable (public) and, for signed-in accounts, the returns of all London PCTs by sector and of the five local groups',
        params: roundParametersSchema,
        response: { 200: roundSchema, ...refusals },
      },
    },
    async (request) => getRound({ db, actor: request.actor, ...request.params, now: app.now() }),
  );

  app.put(
    '/bodies/:slug/commissioning-rounds/:year/timetable',
    {
      config: { permission: 'commissioning.run' },
      schema: {
        tags: ['commissioning'],
        summary: 'Change the round’s timetable while it is open for returns (audited, old and new)',
        params: roundParametersSchema,
        body: timetableSchema,
        response: { 200: timetableSchema, ...refusals },
      },
    },
    async (request) =>
      changeTimetable({
        db,
        context: context(request),
        actor: request.actor,
        ...request.params,
        ...request.body,
      }),
  );

  app.get(
    '/bodies/:slug/commissioning-rounds/:year/returns/:submitter',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['commissioning'],
        summary:
          'One PCT’s (by organisation id) or local group’s (by slug) return and its priorities; signed-in accounts only',
        params: returnParametersSchema,
        response: { 200: returnSchema, ...refusals },
      },
    },
    async (request) => getReturn({ db, actor: request.actor, ...request.params, now: app.now() }),
  );

  app.put(
    '/bodies/:slug/commissioning-rounds/:year/returns/:submitter',
    {
      config: { permission: 'commissioning.act-for-pct' },
      schema: {
        tags: ['commissioning'],
        summary:
          'Make or replace a return: priorities (title, service area, rationale, expected effect, population) or a nil return; after the due date only with lateReason; replaceable until consolidation starts. By a post holder of the PCT, the local group’s secretariat or chair, or the round’s secretariat on their behalf',
        params: returnParametersSchema,
        body: submitReturnSchema,
        response: { 200: submittedReturnSchema, 201: submittedReturnSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const made = await submitReturn({
        db,
        context: context(request),
        actor: request.actor,
        ...request.params,
        ...request.body,
      });
      return reply.code(made.replaced ? 200 : 201).send(made);
    },
  );
}
