import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { actionContextOf } from '../identity/index.ts';
import {
  createOrganisation,
  getOrganisation,
  listOrganisations,
  listSectors,
  updateOrganisation,
} from './organisation-service.ts';
import {
  createPerson,
  createPost,
  endPost,
  getPerson,
  listPeople,
  updatePerson,
} from './people-service.ts';
import {
  createOrganisationSchema,
  createPersonSchema,
  createPostSchema,
  endPostSchema,
  idParametersSchema,
  listOrganisationsQuerySchema,
  listPeopleQuerySchema,
  organisationSchema,
  pageOf,
  personSchema,
  personSummarySchema,
  postSchema,
  sectorSchema,
  updateOrganisationSchema,
  updatePersonSchema,
} from './schemas.ts';

const readResponses = { 400: problemSchema, 401: problemSchema, 404: problemSchema };
const writeResponses = {
  400: problemSchema,
  401: problemSchema,
  403: problemSchema,
  404: problemSchema,
  409: problemSchema,
  415: problemSchema,
};

/** The registry's JSON API: thin adapters that parse, call one use-case, and return its result. */
export async function registerRegistryRoutes(app: App): Promise<void> {
  const db = app.database.db;

  app.get(
    '/sectors',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['registry'],
        summary: 'List the sectors PCTs belong to',
        response: { 200: z.object({ items: z.array(sectorSchema) }) },
      },
    },
    async () => ({ items: await listSectors({ db }) }),
  );

  app.get(
    '/organisations',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['registry'],
        summary: 'List organisations, filtered by type, sector or name, a page at a time',
        querystring: listOrganisationsQuerySchema,
        response: { 200: pageOf(organisationSchema), ...readResponses },
      },
    },
    async (request) => listOrganisations({ db, query: request.query }),
  );

  app.get(
    '/organisations/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['registry'],
        summary: 'Get one organisation',
        params: idParametersSchema,
        response: { 200: organisationSchema, ...readResponses },
      },
    },
    async (request) => getOrganisation({ db, id: request.params.id }),
  );

  app.post(
    '/organisations',
    {
      config: { permission: 'registry.write-organisations' },
      schema: {
        tags: ['registry'],
        summary: 'Register an organisation',
        body: createOrganisationSchema,
        response: { 201: organisationSchema, ...writeResponses },
      },
    },
    async (request, reply) => {
      const organisation = await createOrganisation({
        db,
        context: actionContextOf(request, app.now()),
        input: request.body,
      });
      return reply
        .code(201)
        .header('location', `/api/v1/organisations/${organisation.id}`)
        .send(organisation);
    },
  );

  app.patch(
    '/organisations/:id',
    {
      config: { permission: 'registry.write-organisations' },
      schema: {
        tags: ['registry'],
        summary: 'Change an organisation (only the fields given)',
        params: idParametersSchema,
        body: updateOrganisationSchema,
        response: { 200: organisationSchema, ...writeResponses },
      },
    },
    async (request) =>
      updateOrganisation({
        db,
        context: actionContextOf(request, app.now()),
        id: request.params.id,
        input: request.body,
      }),
  );

  app.get(
    '/people',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['registry'],
        summary: 'List people, optionally those holding a post at one organisation',
        querystring: listPeopleQuerySchema,
        response: { 200: pageOf(personSummarySchema), ...readResponses },
      },
    },
    async (request) => listPeople({ db, query: request.query }),
  );

  app.get(
    '/people/:id',
    {
      config: { permission: 'public.read' },
      schema: {
        tags: ['registry'],
        summary: 'Get one person with the posts they hold and have held',
        params: idParametersSchema,
        response: { 200: personSchema, ...readResponses },
      },
    },
    async (request) => getPerson({ db, id: request.params.id }),
  );

  app.post(
    '/people',
    {
      config: { permission: 'registry.write-people' },
      schema: {
        tags: ['registry'],
        summary: 'Register a person',
        body: createPersonSchema,
        response: { 201: personSchema, ...writeResponses },
      },
    },
    async (request, reply) => {
      const person = await createPerson({
        db,
        context: actionContextOf(request, app.now()),
        input: request.body,
      });
      return reply.code(201).header('location', `/api/v1/people/${person.id}`).send(person);
    },
  );

  app.patch(
    '/people/:id',
    {
      config: { permission: 'registry.write-people' },
      schema: {
        tags: ['registry'],
        summary: 'Change a person (only the fields given)',
        params: idParametersSchema,
        body: updatePersonSchema,
        response: { 200: personSchema, ...writeResponses },
      },
    },
    async (request) =>
      updatePerson({
        db,
        context: actionContextOf(request, app.now()),
        id: request.params.id,
        input: request.body,
      }),
  );

  app.post(
    '/posts',
    {
      config: { permission: 'registry.write-people' },
      schema: {
        tags: ['registry'],
        summary: 'Record that a person holds a post (e.g. chief executive) at an organisation',
        body: createPostSchema,
        response: { 201: postSchema, ...writeResponses },
      },
    },
    async (request, reply) => {
      const post = await createPost({
        db,
        context: actionContextOf(request, app.now()),
        input: request.body,
      });
      return reply.code(201).send(post);
    },
  );

  app.post(
    '/posts/:id/end',
    {
      config: { permission: 'registry.write-people' },
      schema: {
        tags: ['registry'],
        summary: 'End a post on a date (the history is kept)',
        params: idParametersSchema,
        body: endPostSchema,
        response: { 200: postSchema, ...writeResponses },
      },
    },
    async (request) =>
      endPost({
        db,
        context: actionContextOf(request, app.now()),
        id: request.params.id,
        endsOn: request.body.endsOn,
      }),
  );
}
