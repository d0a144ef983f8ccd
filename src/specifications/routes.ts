import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import { addGoodPractice } from './add-good-practice.ts';
import { approveVersion } from './approve-version.ts';
import { createSpecification } from './create-specification.ts';
import { draftVersion } from './draft-version.ts';
import { getLibrary } from './library-view.ts';
import { recordReview } from './record-review.ts';
import {
  addGoodPracticeSchema,
  approveVersionSchema,
  createSpecificationSchema,
  draftVersionSchema,
  libraryQuerySchema,
  librarySchema,
  recordReviewSchema,
  specificationParametersSchema,
  specificationSchema,
  versionChangedSchema,
  versionParametersSchema,
  versionViewSchema,
} from './schemas.ts';
import { refuseUnlessMaintainsLibrary } from './specification-access.ts';
import { getSpecification } from './specification-view.ts';
import { submitForReview } from './submit-for-review.ts';
import { getVersion } from './version-view.ts';

const refusals = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
};

/** The service specification library over JSON (2006 §3.1(b)). */
export async function registerSpecificationRoutes(app: App) {
  const { db } = app.database;
  const context = (request: FastifyRequest) => actionContextOf(request, app.now());

  app.get(
    '/specifications',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['specifications'],
        summary:
          'The specification library by service area, each with its approved version; `q` searches the versions (English stemming, best match first, with a snippet). Drafts and versions in review for signed-in accounts only',
        querystring: libraryQuerySchema,
        response: { 200: librarySchema, ...refusals },
      },
    },
    async (request) => getLibrary({ db, actor: request.actor, query: request.query.q }),
  );

  app.post(
    '/specifications',
    {
      config: { permission: 'specifications.maintain' },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: {
        tags: ['specifications'],
        summary:
          'Add a specification (title, service area) with its first version, a draft: scope, outcomes, cited standards, author, date written',
        body: createSpecificationSchema,
        response: { 201: versionChangedSchema, ...refusals },
      },
    },
    async (request, reply) => {
      const created = await createSpecification({
        db,
        context: context(request),
        actor: request.actor,
        ...request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/specifications/${created.specificationId}`)
        .send(created);
    },
  );

  app.get(
    '/specifications/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['specifications'],
        summary:
          'One specification: its versions (status, author, date, approval, reviews), good practice, and the intentions and lead commissioning arrangements using each version',
        params: specificationParametersSchema,
        response: { 200: specificationSchema, ...refusals },
      },
    },
    async (request) =>
      getSpecification({ db, actor: request.actor, specificationId: request.params.id }),
  );

  app.post(
    '/specifications/:id/versions',
    {
      config: { permission: 'specifications.maintain' },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: {
        tags: ['specifications'],
        summary:
          'Draft the next version from the latest (a draft not yet submitted is revised in place; a version in review is refused until its review is recorded)',
        params: specificationParametersSchema,
        body: draftVersionSchema,
        response: {
          201: versionChangedSchema.extend({ revised: z.boolean() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const drafted = await draftVersion({
        db,
        context: context(request),
        actor: request.actor,
        specificationId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(drafted);
    },
  );

  app.get(
    '/specifications/:id/versions/:version',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['specifications'],
        summary:
          'One version in full, with its reviews, where it is used, and what changed from the version before',
        params: versionParametersSchema,
        response: { 200: versionViewSchema, ...refusals },
      },
    },
    async (request) =>
      getVersion({
        db,
        actor: request.actor,
        specificationId: request.params.id,
        version: request.params.version,
      }),
  );

  app.post(
    '/specifications/:id/versions/:version/submission',
    {
      config: { permission: 'specifications.maintain' },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: {
        tags: ['specifications'],
        summary: 'Submit a draft for quality-assurance review (only a draft may be submitted)',
        params: versionParametersSchema,
        response: { 200: versionChangedSchema.extend({ status: z.string() }), ...refusals },
      },
    },
    async (request) =>
      submitForReview({
        db,
        context: context(request),
        actor: request.actor,
        specificationId: request.params.id,
        version: request.params.version,
      }),
  );

  app.post(
    '/specifications/:id/versions/:version/reviews',
    {
      config: { permission: 'specifications.review' },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: {
        tags: ['specifications'],
        summary:
          'Record the quality-assurance review of a version in review: signed off or changes needed (back to draft), comments, reviewer, date. The reviewer is never the author',
        params: versionParametersSchema,
        body: recordReviewSchema,
        response: {
          201: versionChangedSchema.extend({ reviewId: z.uuid(), status: z.string() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const reviewed = await recordReview({
        db,
        context: context(request),
        actor: request.actor,
        specificationId: request.params.id,
        version: request.params.version,
        ...request.body,
      });
      return reply.code(201).send(reviewed);
    },
  );

  app.post(
    '/specifications/:id/versions/:version/approval',
    {
      config: { permission: 'specifications.maintain' },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: {
        tags: ['specifications'],
        summary:
          'Approve a version signed off by quality assurance, superseding the one approved before; an approval of an unreviewed specification is refused (2006 §3.1(b))',
        params: versionParametersSchema,
        body: approveVersionSchema,
        response: {
          200: versionChangedSchema.extend({ superseded: z.array(z.number().int()) }),
          ...refusals,
        },
      },
    },
    async (request) =>
      approveVersion({
        db,
        context: context(request),
        actor: request.actor,
        specificationId: request.params.id,
        version: request.params.version,
        ...request.body,
      }),
  );

  app.post(
    '/specifications/:id/good-practice',
    {
      config: { permission: 'specifications.maintain' },
      onRequest: refuseUnlessMaintainsLibrary,
      schema: {
        tags: ['specifications'],
        summary:
          'Link a good-practice example to a specification (2008 terms of reference, Commissioning development)',
        params: specificationParametersSchema,
        body: addGoodPracticeSchema,
        response: {
          201: z.object({ specificationId: z.uuid(), exampleId: z.uuid() }),
          ...refusals,
        },
      },
    },
    async (request, reply) => {
      const added = await addGoodPractice({
        db,
        context: context(request),
        actor: request.actor,
        specificationId: request.params.id,
        ...request.body,
      });
      return reply.code(201).send(added);
    },
  );
}
