import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { problemSchema } from '../http/problem-schema.ts';
import { createApiToken, listApiTokens, revokeApiToken } from './account-service.ts';
import type { Actor } from './policy.ts';
import { apiTokenSchema, createApiTokenSchema, currentActorSchema } from './schemas.ts';

function accountActor(actor: Actor): Extract<Actor, { kind: 'account' }> {
  if (actor.kind !== 'account') throw new Error('the route policy admits accounts only');
  return actor;
}

const deniedResponses = { 401: problemSchema, 403: problemSchema };

/** The signed-in account and its API tokens, over JSON. */
export async function registerIdentityRoutes(app: App) {
  const { db } = app.database;

  app.get(
    '/me',
    {
      config: { permission: 'account.manage-own' },
      schema: {
        tags: ['identity'],
        summary: 'Who the request is authenticated as, and the roles that account holds',
        response: { 200: currentActorSchema, ...deniedResponses },
      },
    },
    async (request) => {
      const { kind: _kind, ...actor } = accountActor(request.actor);
      return actor;
    },
  );

  app.get(
    '/tokens',
    {
      config: { permission: 'account.manage-own' },
      schema: {
        tags: ['identity'],
        summary: 'List your API tokens (their secrets are never shown again)',
        response: { 200: z.object({ items: z.array(apiTokenSchema) }), ...deniedResponses },
      },
    },
    async (request) => ({ items: await listApiTokens({ db, actor: accountActor(request.actor) }) }),
  );

  app.post(
    '/tokens',
    {
      config: { permission: 'account.manage-own' },
      schema: {
        tags: ['identity'],
        summary: 'Create an API token; the response is the only time its secret is shown',
        body: createApiTokenSchema,
        response: {
          201: z.object({ id: z.uuid(), token: z.string(), scope: z.enum(['read', 'write']) }),
          400: problemSchema,
          ...deniedResponses,
        },
      },
    },
    async (request, reply) => {
      const created = await createApiToken({
        db,
        actor: accountActor(request.actor),
        name: request.body.name,
        scope: request.body.scope,
        now: app.now(),
        requestId: request.id,
      });
      return reply
        .code(201)
        .header('cache-control', 'no-store')
        .send({ ...created, scope: request.body.scope });
    },
  );

  app.post(
    '/tokens/:id/revoke',
    {
      config: { permission: 'account.manage-own' },
      schema: {
        tags: ['identity'],
        summary: 'Revoke one of your API tokens; it stops working at once',
        params: z.object({ id: z.uuid() }),
        response: { 204: z.null(), 404: problemSchema, ...deniedResponses },
      },
    },
    async (request, reply) => {
      await revokeApiToken({
        db,
        actor: accountActor(request.actor),
        id: request.params.id,
        now: app.now(),
        requestId: request.id,
      });
      return reply.code(204).send(null);
    },
  );
}
