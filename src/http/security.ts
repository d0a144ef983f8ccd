import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyHelmet from '@fastify/helmet';
import fastifyRateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';

export interface SecuritySettings {
  cookieSecret: string;
  /** Cookies are marked Secure when people reach the site over https. */
  secureCookies: boolean;
  /** Extra origins a form may submit to (none today; the OpenID flow starts with a link). */
  formActionOrigins?: string[];
}

/**
 * Headers, cookies, CSRF and rate limits for every response. The Content-Security-Policy allows
 * no inline script at all: the page template carries none (src/http/views/base.njk).
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
        // nhsuk-frontend's stylesheet loads the Frutiger web fonts from the NHS asset server.
        fontSrc: ["'self'", 'https://assets.nhs.uk'],
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
}

export const signInRateLimit = { max: 10, timeWindow: '1 minute' };
