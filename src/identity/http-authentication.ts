import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { sessionCookieName } from '../http/session-cookie.ts';
import { ProblemError } from '../shared/problems.ts';
import { resolveApiToken } from './account-service.ts';
import { type Actor, anonymousActor, authorize, type Permission } from './policy.ts';
import { resolveSession, type SessionSettings } from './session-service.ts';
import { startTokenUseRecorder } from './token-use-recorder.ts';

const readOnlyMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface RouteEntry {
  method: string;
  url: string;
  permission: Permission;
}

declare module 'fastify' {
  interface FastifyInstance {
    /** Every route with the permission it declares: the route × role test matrix reads it. */
    routeTable: RouteEntry[];
  }
  interface FastifyRequest {
    actor: Actor;
    /** The raw session cookie value, when the request came with a live session. */
    sessionToken: string | undefined;
  }
  interface FastifyContextConfig {
    /** Every route names the permission it needs; a route without one fails at start-up. */
    permission?: Permission;
    /** Pages that take form posts check the CSRF token; API writes are checked by origin instead. */
    csrf?: boolean;
  }
}

/**
 * Resolves who is asking (API token or session cookie) and enforces each route's declared
 * permission through the one policy module, for the API and the pages alike.
 */
export function registerAuthentication(
  app: FastifyInstance,
  settings: {
    session: SessionSettings;
    secureCookies: boolean;
    now: () => Date;
    /** A body's title by its slug, for refusals that name the body. */
    bodyTitleOf: (slug: string) => Promise<string | undefined>;
  },
) {
  // Fastify 5 forbids shared object defaults on requests; each request gets its own in onRequest.
  app.decorateRequest('actor', null as never);
  app.decorateRequest('sessionToken', undefined);

  const tokenUse = startTokenUseRecorder({
    db: app.database.db,
    flushMs: 5_000,
    logger: app.log,
  });
  app.addHook('onClose', () => tokenUse.stop());

  const routeTable: RouteEntry[] = [];
  app.decorate('routeTable', routeTable);
  app.addHook('onRoute', (route) => {
    if (route.url.startsWith('/assets/')) return;
    if (!route.config?.permission) {
      throw new Error(
        `Route ${String(route.method)} ${route.url} declares no permission (config.permission).`,
      );
    }
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD')
        routeTable.push({ method, url: route.url, permission: route.config.permission });
    }
  });

  // Who is asking, then whether they may: both before the body is validated, so a refusal never
  // depends on (or reveals anything about) what was sent.
  app.addHook('onRequest', async (request, reply) => {
    request.actor = anonymousActor;
    if (request.url.startsWith('/assets/')) return;
    await identifyActor(request, reply);
    const permission = request.routeOptions.config?.permission;
    if (!permission) return;
    // A path that names the body lets the policy decide whose secretariat now, body unread.
    const bodySlug = (request.params as { slug?: unknown } | undefined)?.slug?.toString();
    const facts = { changesState: !readOnlyMethods.has(request.method), bodySlug };
    let decision = authorize(request.actor, permission, facts);
    if (!decision.allowed && decision.status === 403 && bodySlug) {
      // The refusal names the body in words, read only when there is one to give.
      const bodyTitle = await settings.bodyTitleOf(bodySlug);
      decision = authorize(request.actor, permission, { ...facts, bodyTitle });
    }
    if (!decision.allowed) {
      request.log.info({ permission, status: decision.status }, decision.reason);
      throw new ProblemError({
        status: decision.status,
        code: decision.status === 401 ? 'sign-in-required' : 'forbidden',
        title:
          decision.status === 401 ? 'Sign in to continue' : 'You do not have permission to do this',
        detail: decision.reason,
      });
    }
  });

  // Form posts carry a CSRF token (double-submit, signed cookie); a refusal is rendered by
  // toProblem as "This form has expired". API writes made with the session cookie are refused
  // earlier unless they come from this site as JSON (src/http/security.ts, decision 014).
  app.addHook('preValidation', (request, reply, done) => {
    if (request.routeOptions.config?.csrf) app.csrfProtection(request, reply, done);
    else done();
  });

  async function identifyActor(request: FastifyRequest, reply: FastifyReply) {
    const db = app.database.db;
    const authorization = request.headers.authorization;
    if (authorization !== undefined) {
      const token = /^Bearer (\S+)$/.exec(authorization)?.[1];
      const actor = token
        ? await resolveApiToken({ db, token, now: settings.now(), recordUse: tokenUse.note })
        : undefined;
      if (!actor) {
        request.log.warn({ reason: 'invalid-api-token' }, 'request refused');
        throw new ProblemError({
          status: 401,
          code: 'invalid-api-token',
          title: 'The API token is not valid',
          detail:
            'Send a current token as "Authorization: Bearer cct_…"; this one is unknown or has been revoked.',
        });
      }
      request.actor = actor;
      return;
    }
    const sessionToken = request.cookies[sessionCookieName];
    if (!sessionToken) return;
    const actor = await resolveSession({
      db,
      sessionToken,
      now: settings.now(),
      settings: settings.session,
    });
    if (actor) {
      request.actor = actor;
      request.sessionToken = sessionToken;
    } else {
      clearSessionCookie(reply, settings.secureCookies);
    }
  }
}

export function setSessionCookie(
  reply: FastifyReply,
  token: string,
  secure: boolean,
  absoluteHours: number,
) {
  reply.setCookie(sessionCookieName, token, {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: absoluteHours * 3600,
  });
  // A new CSRF secret with the new session, so a token planted before sign-in is useless after.
  reply.clearCookie('concordat_csrf', { path: '/' });
}

export function clearSessionCookie(reply: FastifyReply, secure: boolean) {
  reply.clearCookie(sessionCookieName, { httpOnly: true, sameSite: 'lax', secure, path: '/' });
}
