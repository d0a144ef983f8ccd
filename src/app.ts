import path from 'node:path';
import { fileURLToPath } from 'node:url';
import formBody from '@fastify/formbody';
import fastifyStatic from '@fastify/static';
import fastifySwagger from '@fastify/swagger';
import fastifyView from '@fastify/view';
import { sql } from 'drizzle-orm';
import Fastify, { type FastifyBaseLogger, type FastifyRequest } from 'fastify';
import {
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import nunjucks from 'nunjucks';
import { uuidv7 } from 'uuidv7';
import {
  registerAccountabilityPages,
  registerAccountabilityRoutes,
} from './accountability/index.ts';
import { registerActionPages, registerActionRoutes } from './actions/index.ts';
import { registerAuditPages, registerAuditRoutes } from './audit/index.ts';
import { registerBodyPages, registerBodyRoutes, selectBodyBySlug } from './bodies/index.ts';
import {
  registerBusinessServicePages,
  registerBusinessServiceRoutes,
} from './business-service/index.ts';
import { registerCommissioningPages, registerCommissioningRoutes } from './commissioning/index.ts';
import type { Config } from './config.ts';
import {
  registerConsultationAnalysisPages,
  registerConsultationAnalysisRoutes,
  registerConsultationDecisionPages,
  registerConsultationDecisionRoutes,
  registerConsultationEventPages,
  registerConsultationImportPages,
  registerConsultationImportRoutes,
  registerConsultationPreparationPages,
  registerConsultationPreparationRoutes,
  registerConsultationResponsePages,
  registerConsultationResponseRoutes,
} from './consultations/index.ts';
import { registerContractPages, registerContractRoutes } from './contracts/index.ts';
import type { DatabaseHandle } from './db/connection.ts';
import {
  registerDecisionRegisterPages,
  registerDecisionRegisterRoutes,
} from './decision-register/index.ts';
import {
  registerDecisionPages,
  registerDecisionRoutes,
  registerRatificationPages,
  registerRatificationRoutes,
} from './decisions/index.ts';
import {
  createOversightLink,
  registerDisputePages,
  registerDisputeRoutes,
} from './disputes/index.ts';
import { registerForwardPlanPages, registerForwardPlanRoutes } from './forward-plan/index.ts';
import { registerHomePage } from './home/index.ts';
import type { App, AppSettings } from './http/app-types.ts';
import { registerOfflineStylesheet } from './http/offline-stylesheet.ts';
import { sendProblem, toProblem } from './http/problem-responses.ts';
import { refuseUnstorableText } from './http/refuse-unstorable-text.ts';
import { registerSecurity } from './http/security.ts';
import { registerViewFilters } from './http/view-filters.ts';
import {
  createOpenIdSignIn,
  registerAuthentication,
  registerIdentityPages,
  registerIdentityRoutes,
} from './identity/index.ts';
import { registerInterestPages, registerInterestRoutes } from './interests/index.ts';
import { registerJointReviewPages, registerJointReviewRoutes } from './joint-reviews/index.ts';
import {
  registerLeadCommissioningPages,
  registerLeadCommissioningRoutes,
} from './lead-commissioning/index.ts';
import { registerLiveMeeting } from './live/index.ts';
import { createMailDispatcher } from './mail/mail-dispatcher.ts';
import { createMailer, type Mailer } from './mail/mailer.ts';
import { registerMarketPages, registerMarketRoutes } from './markets/index.ts';
import {
  registerApologiesPages,
  registerApologiesRoutes,
  registerMeetingCalendarPages,
  registerMeetingPages,
  registerMeetingRoutes,
  registerPersonCalendar,
  registerSeriesPages,
  registerSeriesRoutes,
} from './meetings/index.ts';
import { registerMembershipPages, registerMembershipRoutes } from './membership/index.ts';
import { registerMinutesPages, registerMinutesRoutes } from './minutes/index.ts';
import { registerNoticePages, registerNoticeRoutes } from './notices/index.ts';
import { registerPaperPages, registerPaperRoutes, registerUploads } from './papers/index.ts';
import { registerProcurementPages, registerProcurementRoutes } from './procurement/index.ts';
import { registerProgrammePages, registerProgrammeRoutes } from './programme/index.ts';
import { registerRegistryPages, registerRegistryRoutes } from './registry/index.ts';
import { registerReportPages, registerReportRoutes } from './reports/index.ts';
import { ProblemError } from './shared/problems.ts';
import {
  registerSpecialisedCommissioningPages,
  registerSpecialisedCommissioningRoutes,
} from './specialised-commissioning/index.ts';
import { registerSpecificationPages, registerSpecificationRoutes } from './specifications/index.ts';

const sourceRoot = path.dirname(fileURLToPath(import.meta.url));
const httpFolder = path.join(sourceRoot, 'http');
const nhsukFrontendDist = path.resolve(sourceRoot, '../node_modules/nhsuk-frontend/dist');

export interface BuildAppOptions {
  database: DatabaseHandle;
  config: Config;
  logger: FastifyBaseLogger | boolean;
  /** Injected so tests can read what was sent; defaults to SMTP from the configuration. */
  mailer?: Mailer;
  /** The clock, injected so tests and rules never read the wall clock themselves. */
  now?: () => Date;
}

/** Trusts the nearest `hops` proxies' X-Forwarded-For entries (what Fastify does with a number). */
const trustHops = (hops: number) => (_address: string, hop: number) => hop < hops;

export async function buildApp(options: BuildAppOptions): Promise<App> {
  const { config } = options;
  const app = Fastify({
    loggerInstance: typeof options.logger === 'object' ? options.logger : undefined,
    logger: typeof options.logger === 'boolean' ? options.logger : undefined,
    genReqId: (request) => {
      const supplied = request.headers['x-request-id'];
      return typeof supplied === 'string' && /^[\w.-]{1,100}$/.test(supplied) ? supplied : uuidv7();
    },
    requestIdHeader: false,
    bodyLimit: 1_048_576,
    // Behind a reverse proxy, request.ip is the person's address only when the proxy is trusted.
    trustProxy:
      typeof config.trustProxy === 'number' ? trustHops(config.trustProxy) : config.trustProxy,
  }).withTypeProvider<ZodTypeProvider>();

  const settings: AppSettings = {
    publicUrl: config.publicUrl,
    secureCookies: config.publicUrl.startsWith('https://'),
    session: config.session,
  };
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('database', options.database);
  app.decorate('now', options.now ?? (() => new Date()));
  app.decorate('settings', settings);
  app.decorate('mailer', options.mailer ?? createMailer(config.mail));
  app.decorate('mailOutbox', createMailDispatcher(app));
  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });

  await registerSecurity(app, {
    cookieSecret: config.cookieSecret,
    secureCookies: settings.secureCookies,
  });
  // Before authentication: its CSRF check reads `_csrf` from the parsed body, multipart included.
  await registerUploads(app);
  registerAuthentication(app, {
    session: settings.session,
    secureCookies: settings.secureCookies,
    now: app.now,
    bodyTitleOf: async (slug) => (await selectBodyBySlug(options.database.db, slug))?.title,
  });
  // After the multipart parser and the CSRF check: text the database cannot hold is a 400 here.
  app.addHook('preValidation', refuseUnstorableText);

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Concordat API',
        version: '1',
        description:
          'Collaborative NHS commissioning governance. Authenticate with "Authorization: Bearer cct_…" (create a token on your account page). Errors are RFC 9457 problem+json naming the fields at fault.',
      },
      servers: [{ url: '/' }],
      components: {
        securitySchemes: {
          apiToken: {
            type: 'http',
            scheme: 'bearer',
            description: 'An API token from your account page',
          },
        },
      },
      security: [{ apiToken: [] }, {}],
    },
    transform: jsonSchemaTransform,
    // The pages are HTML for people; only the JSON API belongs in the OpenAPI document.
    hideUntagged: true,
  });
  await app.register(formBody);
  await app.register(fastifyView, {
    engine: { nunjucks },
    templates: [path.join(httpFolder, 'views'), sourceRoot, nhsukFrontendDist],
    options: { onConfigure: registerViewFilters },
    defaultContext: { serviceName: 'Concordat' },
  });
  await app.register(fastifyStatic, {
    root: [
      path.join(nhsukFrontendDist, 'nhsuk'),
      path.join(nhsukFrontendDist, 'nhsuk/assets'),
      path.join(httpFolder, 'public'),
    ],
    prefix: '/assets/',
    index: false,
    maxAge: '1h',
  });
  // The stylesheet without the web fonts it would fetch from another host (decision 020).
  await registerOfflineStylesheet(app, path.join(nhsukFrontendDist, 'nhsuk'));

  // Every page knows who is looking, carries a CSRF token for its forms, and offers the header's
  // Oversight link only to those the disputes policy lets see it (kept on the session a while).
  const offersOversight = createOversightLink({ db: options.database.db });
  app.addHook('preHandler', async (request, reply) => {
    if (!isPageRequest(request.url) || request.url.startsWith('/assets/')) return;
    reply.locals = {
      ...reply.locals,
      actor: request.actor,
      csrfToken: reply.generateCsrf(),
      mayOversee: await offersOversight(request.actor, app.now(), request.sessionToken),
    };
  });

  app.setErrorHandler((error, request, reply) => {
    const problem = toProblem(error, request);
    if (problem.status >= 400 && problem.status < 500) {
      request.log.info({ code: problem.code, status: problem.status }, 'request refused');
    }
    if (isPageRequest(request.url)) {
      // Only "you need to sign in" sends a person to the sign-in page; any other 401 (a failed
      // OpenID sign-in) is explained where it happened.
      if (problem.code === 'sign-in-required' && request.method === 'GET') {
        return reply.redirect(`/sign-in?returnTo=${encodeURIComponent(request.url)}`, 303);
      }
      return reply.code(problem.status).view('error.njk', { problem, actor: request.actor });
    }
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) => {
    const problem = {
      status: 404,
      code: 'not-found',
      title: 'Page not found',
      detail: `Nothing is published at ${request.url}.`,
    };
    if (isPageRequest(request.url))
      return reply.code(404).view('error.njk', { problem, actor: request.actor });
    return sendProblem(reply, request, problem);
  });

  app.get('/healthz', { config: { permission: 'public.read' } }, async (_request, reply) => {
    const started = performance.now();
    try {
      await options.database.db.execute(sql`select 1`);
      return {
        status: 'ok',
        database: { engine: options.database.engine, reachable: true },
        latencyMs: Math.round((performance.now() - started) * 10) / 10,
      };
    } catch (error) {
      app.log.error({ err: error }, 'health check could not reach the database');
      return reply.code(503).send({
        status: 'unavailable',
        database: { engine: options.database.engine, reachable: false },
      });
    }
  });
  app.get('/api/v1/openapi.json', { config: { permission: 'public.read' } }, async () =>
    app.swagger(),
  );

  await app.register(
    async (api) => {
      api.addHook('onRequest', refuseNonJsonBodies);
      await api.register(registerRegistryRoutes);
      await api.register(registerIdentityRoutes);
      await api.register(registerAuditRoutes);
      await api.register(registerBodyRoutes);
      await api.register(registerMembershipRoutes);
      await api.register(registerMeetingRoutes);
      await api.register(registerApologiesRoutes);
      await api.register(registerSeriesRoutes);
      await api.register(registerPaperRoutes);
      await api.register(registerNoticeRoutes);
      await api.register(registerActionRoutes);
      await api.register(registerInterestRoutes);
      await api.register(registerMinutesRoutes);
      await api.register(registerDecisionRoutes);
      await api.register(registerRatificationRoutes);
      await api.register(registerDecisionRegisterRoutes);
      await api.register(registerJointReviewRoutes);
      await api.register(registerAccountabilityRoutes);
      await api.register(registerForwardPlanRoutes);
      await api.register(registerDisputeRoutes);
      await api.register(registerSpecificationRoutes);
      await api.register(registerCommissioningRoutes);
      await api.register(registerLeadCommissioningRoutes);
      await api.register(registerBusinessServiceRoutes);
      await api.register(registerSpecialisedCommissioningRoutes);
      await api.register(registerContractRoutes);
      await api.register(registerConsultationImportRoutes);
      await api.register(registerConsultationResponseRoutes);
      await api.register(registerConsultationPreparationRoutes);
      await api.register(registerConsultationAnalysisRoutes);
      await api.register(registerConsultationDecisionRoutes);
      await api.register(registerProcurementRoutes);
      await api.register(registerMarketRoutes);
      await api.register(registerProgrammeRoutes);
      await api.register(registerReportRoutes);
    },
    { prefix: '/api/v1' },
  );
  await app.register(registerRegistryPages);
  await app.register(registerAuditPages);
  await app.register(registerBodyPages);
  await app.register(registerMembershipPages);
  await app.register(registerMeetingPages);
  await app.register(registerMeetingCalendarPages);
  // Pages, event stream and JSON snapshot of the meeting in progress, with this instance's hub.
  await app.register(registerLiveMeeting);
  await app.register(registerApologiesPages);
  await app.register(registerPersonCalendar);
  await app.register(registerSeriesPages);
  await app.register(registerPaperPages);
  await app.register(registerNoticePages);
  await app.register(registerActionPages);
  await app.register(registerInterestPages);
  await app.register(registerMinutesPages);
  await app.register(registerDecisionPages);
  await app.register(registerRatificationPages);
  await app.register(registerDecisionRegisterPages);
  await app.register(registerJointReviewPages);
  await app.register(registerAccountabilityPages);
  await app.register(registerProgrammePages);
  await app.register(registerReportPages);
  await app.register(registerForwardPlanPages);
  await app.register(registerDisputePages);
  await app.register(registerSpecificationPages);
  await app.register(registerCommissioningPages);
  await app.register(registerLeadCommissioningPages);
  await app.register(registerBusinessServicePages);
  await app.register(registerSpecialisedCommissioningPages);
  await app.register(registerContractPages);
  await app.register(registerConsultationImportPages);
  await app.register(registerConsultationAnalysisPages);
  await app.register(registerConsultationDecisionPages);
  await app.register(registerConsultationResponsePages);
  await app.register(registerConsultationEventPages);
  await app.register(registerConsultationPreparationPages);
  await app.register(registerProcurementPages);
  await app.register(registerMarketPages);
  await app.register(registerIdentityPages, {
    openIdSignIn: config.openIdConnect
      ? createOpenIdSignIn(config.openIdConnect, `${config.publicUrl}/sign-in/openid/callback`)
      : undefined,
  });
  await app.register(registerHomePage);

  return app;
}

/** The API speaks JSON only; a form or text body gets a 415 naming what to send instead. */
async function refuseNonJsonBodies(request: FastifyRequest) {
  const hasBody =
    request.headers['content-length'] !== undefined && request.headers['content-length'] !== '0';
  const contentType = request.headers['content-type'] ?? '';
  // A route that takes a file (a meeting paper) takes it as multipart/form-data.
  if (request.routeOptions.config?.uploads && /^multipart\/form-data\b/i.test(contentType)) return;
  if (
    (hasBody || request.headers['transfer-encoding']) &&
    !/^application\/(.+\+)?json\b/i.test(contentType)
  ) {
    throw new ProblemError({
      status: 415,
      code: 'unsupported-media-type',
      title: 'Send the body as JSON',
      detail: `The API takes application/json bodies, not ${contentType || 'an unnamed type'}.`,
      errors: [{ field: 'body', message: 'Send Content-Type: application/json.' }],
    });
  }
}

function isPageRequest(url: string): boolean {
  return !url.startsWith('/api/') && url !== '/healthz';
}
