import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { listPresets } from '../constitutions/index.ts';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf, londonDate } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import {
  addConstitutionVersion,
  compareVersions,
  getAdoptionReport,
  getBody,
  getConstitutionVersion,
  listBodies,
  recordAdoption,
} from './body-service.ts';
import { callEarlierReview } from './review-call.ts';
import {
  addVersionSchema,
  callEarlierReviewSchema,
  diffQuerySchema,
  recordAdoptionSchema,
  slugParametersSchema,
  versionParametersSchema,
} from './schemas.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};
const anyJson = z.any();

/** Loads a shipped preset's text by id, for "create a body from a preset". */
export async function presetSource(
  presetId: string,
): Promise<{ sourceText: string; fileName: string }> {
  const preset = (await listPresets()).find((entry) => entry.id === presetId);
  if (!preset) {
    throw new ProblemError({
      status: 400,
      code: 'invalid-input',
      title: 'The request has invalid fields',
      detail: `There is no preset "${presetId}".`,
      errors: [
        {
          field: 'preset',
          message: `Choose one of: ${(await listPresets()).map((entry) => entry.id).join(', ')}.`,
        },
      ],
    });
  }
  return { sourceText: await readFile(preset.file, 'utf8'), fileName: `${preset.id}.yaml` };
}

/** Bodies and their versioned terms of reference, over JSON. */
export async function registerBodyRoutes(app: App) {
  const { db } = app.database;
  const today = () => londonDate(app.now());

  app.get(
    '/bodies',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['bodies'],
        summary: 'List bodies with the version of their terms in force and when review is due',
        response: { 200: z.object({ items: z.array(anyJson) }) },
      },
    },
    async () => ({ items: await listBodies({ db, asOf: today() }) }),
  );

  app.post(
    '/bodies',
    {
      config: { permission: 'bodies.manage' },
      schema: {
        tags: ['bodies'],
        summary:
          'Create a body, or add the next version of its terms, from a constitution (YAML text) or a shipped preset',
        body: z.union([addVersionSchema, z.strictObject({ preset: z.string().min(1).max(100) })]),
        response: {
          201: z.object({ slug: z.string(), version: z.number().int(), created: z.boolean() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const source =
        'preset' in request.body
          ? await presetSource(request.body.preset)
          : { sourceText: request.body.constitution, fileName: request.body.fileName };
      const added = await addConstitutionVersion({
        db,
        context: actionContextOf(request, app.now()),
        ...source,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/bodies/${added.slug}/versions/${added.version}`)
        .send(added);
    },
  );

  app.post(
    '/bodies/:slug/review-calls',
    {
      config: { permission: 'bodies.record-adoption' },
      schema: {
        tags: ['bodies'],
        summary:
          'Record an earlier review called by one of the parties the terms in force name (review.earlierReview.by): who, when, why, the minute or letter reference; it starts the drafting of a new version',
        params: slugParametersSchema,
        body: callEarlierReviewSchema,
        response: { 201: anyJson, ...refusals },
      },
    },
    async (request, reply) =>
      reply.code(201).send(
        await callEarlierReview({
          db,
          context: actionContextOf(request, app.now()),
          actor: request.actor,
          slug: request.params.slug,
          ...request.body,
        }),
      ),
  );

  app.get(
    '/bodies/:slug',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['bodies'],
        summary: 'A body: its versions, the one in force today and its review status',
        params: slugParametersSchema,
        response: { 200: anyJson, ...refusals },
      },
    },
    async (request) => getBody({ db, slug: request.params.slug, asOf: today() }),
  );

  app.get(
    '/bodies/:slug/versions/:version',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['bodies'],
        summary:
          'One version of the terms of reference, as the engine executes it, with its source text',
        params: versionParametersSchema,
        response: { 200: anyJson, ...refusals },
      },
    },
    async (request) =>
      getConstitutionVersion({ db, slug: request.params.slug, version: request.params.version }),
  );

  app.get(
    '/bodies/:slug/diff',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['bodies'],
        summary: 'What changed between two versions, each change with its clause',
        params: slugParametersSchema,
        querystring: diffQuerySchema,
        response: { 200: anyJson, ...refusals },
      },
    },
    async (request) =>
      compareVersions({
        db,
        slug: request.params.slug,
        from: request.query.from,
        to: request.query.to,
      }),
  );

  app.get(
    '/bodies/:slug/versions/:version/adoptions',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['bodies'],
        summary: 'Which member boards have and have not adopted a version (2006 §101–103)',
        params: versionParametersSchema,
        response: { 200: anyJson, ...refusals },
      },
    },
    async (request) =>
      getAdoptionReport({
        db,
        slug: request.params.slug,
        version: request.params.version,
        asOf: today(),
      }),
  );

  app.post(
    '/bodies/:slug/versions/:version/adoptions',
    {
      config: { permission: 'bodies.record-adoption' },
      schema: {
        tags: ['bodies'],
        summary: "Record a board's adoption: board, date and minute reference",
        params: versionParametersSchema,
        body: recordAdoptionSchema,
        response: { 204: z.null(), ...refusals },
      },
    },
    async (request, reply) => {
      await recordAdoption({
        db,
        context: actionContextOf(request, app.now()),
        actor: request.actor,
        slug: request.params.slug,
        version: request.params.version,
        ...request.body,
      });
      return reply.code(204).send(null);
    },
  );
}
