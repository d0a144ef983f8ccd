import type { IncomingHttpHeaders } from 'node:http';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ProblemError } from '../shared/problems.ts';
import { sessionCookieName } from './session-cookie.ts';

export interface SecuritySettings {
  cookieSecret: string;
  /** Cookies are marked Secure when people reach the site over https. */
  secureCookies: boolean;
  /** Extra origins a form may submit to (none today; the OpenID flow starts with a link). */
  formActionOrigins?: string[];
}

/**
 * Headers, cookies, CSRF, rate limits and the refusal of cross-site writes to the API. The
 * Content-Security-Policy allows no inline script at all: the page template carries none
 * (src/http/views/base.njk).
 */
export async function registerSecurity(app: FastifyInstance, settings: SecuritySettings) {
  await app.register(fastifyCookie, { secret: settings.cookieSecret });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", 'data:'],
        // No font from another host: the stylesheet is served without nhsuk-frontend's off-site
        // Frutiger rules, so Arial stands in (decision 020).
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        formAction: ["'self'", ...(settings.formActionOrigins ?? [])],
        frameAncestors: ["'none'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
      },
    },
    // Browsers ignore HSTS over plain http; behind https it pins the site to https.
    strictTransportSecurity: settings.secureCookies,
  });
  await app.register(fastifyCsrf, {
    cookieKey: 'concordat_csrf',
    cookieOpts: {
      signed: true,
      httpOnly: true,
      sameSite: 'lax',
      path: '/',
      secure: settings.secureCookies,
    },
    getToken: (request) => (request.body as { _csrf?: string } | undefined)?._csrf,
  });
  // In-memory limits per instance; enough to make password guessing slow from one address.
  await app.register(fastifyRateLimit, { global: false });
  // Before authentication, so a refused request costs no session lookup (decision 014).
  app.addHook('onRequest', async (request) =>
    refuseCrossSiteApiWrites(request, new URL(app.settings.publicUrl).origin),
  );
}

export const signInRateLimit = { max: 10, timeWindow: '1 minute' };

const safeMethods = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Where a request says it came from, by the headers browsers set and pages cannot. */
export type RequestSource = 'this-site' | 'elsewhere' | 'unstated';

/**
 * Origin decides when present (an opaque "null" is elsewhere); without it, Sec-Fetch-Site, where
 * only "same-origin" is this site (a sibling subdomain is "same-site" and still another origin);
 * without either, the Referer's origin. Browsers send Origin with every POST, PUT, PATCH and
 * DELETE, so "unstated" is not a browser sending a request from another site.
 */
export function requestSource(headers: IncomingHttpHeaders, ownOrigin: string): RequestSource {
  const judge = (sameOrigin: boolean): RequestSource => (sameOrigin ? 'this-site' : 'elsewhere');
  if (headers.origin !== undefined) return judge(originOf(headers.origin) === ownOrigin);
  const fetchSite = headers['sec-fetch-site'];
  if (fetchSite !== undefined) return judge(fetchSite === 'same-origin');
  if (headers.referer !== undefined) return judge(originOf(headers.referer) === ownOrigin);
  return 'unstated';
}

function originOf(url: string): string | undefined {
  try {
    return new URL(url).origin;
  } catch {
    return undefined;
  }
}

/**
 * A change to the API made with the session cookie must come from this site, and must say
 * application/json even with nothing to send: a page elsewhere cannot send that type without a
 * CORS preflight, which Concordat never grants. The paper upload also takes multipart/form-data,
 * a type any page can send, so only from a request that shows it came from this site. Requests
 * with an API token are not checked: a page elsewhere cannot attach one. Decision 014.
 */
async function refuseCrossSiteApiWrites(request: FastifyRequest, ownOrigin: string) {
  const route = request.routeOptions.url ?? request.url;
  if (!route.startsWith('/api/') || safeMethods.has(request.method)) return;
  const byApiToken = /^Bearer /.test(request.headers.authorization ?? '');
  if (byApiToken || request.cookies[sessionCookieName] === undefined) return;
  const source = requestSource(request.headers, ownOrigin);
  if (source === 'elsewhere') throw crossSiteRequest(ownOrigin);
  const contentType = request.headers['content-type'] ?? '';
  if (/^application\/(.+\+)?json\b/i.test(contentType)) return;
  if (request.routeOptions.config?.uploads && /^multipart\/form-data\b/i.test(contentType)) {
    if (source === 'this-site') return;
    throw crossSiteRequest(ownOrigin);
  }
  throw new ProblemError({
    status: 415,
    code: 'unsupported-media-type',
    title: 'Send the body as JSON',
    detail: `A change made with your session is sent as application/json, with {} when there is nothing to send; this request ${contentType ? `was ${contentType}` : 'named no content type'}.`,
    errors: [{ field: 'body', message: 'Send Content-Type: application/json.' }],
  });
}

function crossSiteRequest(ownOrigin: string): ProblemError {
  return new ProblemError({
    status: 403,
    code: 'cross-site-request',
    title: 'This request did not come from Concordat',
    detail: `A change made with your session must come from Concordat's own pages (${ownOrigin}); this request came from another site or did not say where it came from. A program should send an API token as "Authorization: Bearer cct_…" instead.`,
  });
}
