import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../http/app-types.ts';
import { formErrors, parseForm, safeReturnPath } from '../http/forms.ts';
import { signInRateLimit } from '../http/security.ts';
import { asProblem, ProblemError } from '../shared/problems.ts';
import {
  changePassword,
  createApiToken,
  describeOwnAccount,
  listApiTokens,
  requestPasswordReset,
  resetPassword,
  revokeApiToken,
} from './account-service.ts';
import { clearSessionCookie, setSessionCookie } from './http-authentication.ts';
import type { OpenIdFlowState, OpenIdSignIn } from './oidc.ts';
import type { Actor } from './policy.ts';
import { getReminderPreferences, setReminderPreferences } from './reminder-preferences.ts';
import {
  changePasswordFormSchema,
  createApiTokenFormSchema,
  passwordResetFormSchema,
  passwordResetRequestFormSchema,
  signInFormSchema,
} from './schemas.ts';
import { signInWithOpenId, signInWithPassword, signOut } from './session-service.ts';

const openIdFlowCookie = 'concordat_openid_flow';

const accountNotices: Record<string, string> = {
  'password-changed': 'Your password has been changed.',
  'reminders-saved': 'Your choice of e-mail reminders has been saved.',
};

function accountActor(request: FastifyRequest): Extract<Actor, { kind: 'account' }> {
  if (request.actor.kind !== 'account') throw new Error('the route policy admits accounts only');
  return request.actor;
}

/** Sign-in, sign-out, the account page (password, API tokens) and password reset, as HTML forms. */
export async function registerIdentityPages(
  app: App,
  options: { openIdSignIn: OpenIdSignIn | undefined },
) {
  const { db } = app.database;
  const { settings } = app;
  const { openIdSignIn } = options;

  const renderSignIn = (
    reply: FastifyReply,
    request: FastifyRequest,
    values: { email?: string; returnTo?: string },
    problem?: ProblemError,
  ) =>
    reply.code(problem ? problem.problem.status : 200).view('identity/views/sign-in.njk', {
      values,
      returnTo: safeReturnPath(
        values.returnTo ?? (request.query as { returnTo?: string }).returnTo,
      ),
      openIdLabel: openIdSignIn?.label,
      passwordWasReset: (request.query as { reset?: string }).reset === '1',
      canResetByEmail: app.mailer.canSend,
      ...formErrors(problem?.problem),
    });

  app.get('/sign-in', { config: { permission: 'account.sign-in' } }, async (request, reply) => {
    if (request.actor.kind === 'account')
      return reply.redirect(safeReturnPath((request.query as { returnTo?: string }).returnTo));
    return renderSignIn(reply, request, {});
  });

  app.post(
    '/sign-in',
    { config: { permission: 'account.sign-in', csrf: true, rateLimit: signInRateLimit } },
    async (request, reply) => {
      const body = request.body as Record<string, unknown>;
      try {
        const form = parseForm(signInFormSchema, body);
        const { sessionToken } = await signInWithPassword({
          db,
          email: form.email,
          password: form.password,
          now: app.now(),
          settings: settings.session,
          requestId: request.id,
          previousSessionToken: request.sessionToken,
        });
        setSessionCookie(
          reply,
          sessionToken,
          settings.secureCookies,
          settings.session.absoluteHours,
        );
        return reply.redirect(safeReturnPath(form.returnTo), 303);
      } catch (caught) {
        const error = asProblem(caught);
        request.log.warn({ reason: error.problem.code }, 'sign-in refused');
        return renderSignIn(
          reply,
          request,
          {
            email: String(body?.email ?? '').slice(0, 254),
            returnTo: String(body?.returnTo ?? ''),
          },
          error,
        );
      }
    },
  );

  if (openIdSignIn) {
    app.get(
      '/sign-in/openid',
      { config: { permission: 'account.sign-in', rateLimit: signInRateLimit } },
      async (request, reply) => {
        const { url, flow } = await openIdSignIn.start(
          safeReturnPath((request.query as { returnTo?: string }).returnTo),
        );
        reply.setCookie(openIdFlowCookie, JSON.stringify(flow), {
          signed: true,
          httpOnly: true,
          sameSite: 'lax',
          secure: settings.secureCookies,
          path: '/sign-in/openid',
          maxAge: 600,
        });
        return reply.redirect(url.href);
      },
    );

    app.get(
      '/sign-in/openid/callback',
      { config: { permission: 'account.sign-in', rateLimit: signInRateLimit } },
      async (request, reply) => {
        const cookie = request.unsignCookie(request.cookies[openIdFlowCookie] ?? '');
        reply.clearCookie(openIdFlowCookie, { path: '/sign-in/openid' });
        if (!cookie.valid || !cookie.value) {
          throw new ProblemError({
            status: 400,
            code: 'openid-flow-expired',
            title: 'The sign-in took too long or did not start here',
            detail: 'Start again from the sign-in page.',
          });
        }
        const flow = JSON.parse(cookie.value) as OpenIdFlowState;
        const callbackUrl = new URL(request.url, settings.publicUrl);
        const identity = await openIdSignIn.finish(callbackUrl, flow).catch((error: Error) => {
          request.log.warn({ err: error }, 'OpenID sign-in refused');
          throw new ProblemError({
            status: 401,
            code: 'openid-sign-in-failed',
            title: 'Sign-in with your organisation failed',
            detail: `The identity provider's answer could not be accepted (${error.message}). Start again from the sign-in page.`,
          });
        });
        const { sessionToken } = await signInWithOpenId({
          db,
          identity,
          now: app.now(),
          settings: settings.session,
          requestId: request.id,
          previousSessionToken: request.sessionToken,
        });
        setSessionCookie(
          reply,
          sessionToken,
          settings.secureCookies,
          settings.session.absoluteHours,
        );
        return reply.redirect(safeReturnPath(flow.returnTo), 303);
      },
    );
  }

  app.get('/sign-out', { config: { permission: 'account.manage-own' } }, async (_request, reply) =>
    reply.view('identity/views/sign-out.njk', {}),
  );

  app.post(
    '/sign-out',
    { config: { permission: 'account.manage-own', csrf: true } },
    async (request, reply) => {
      await signOut({
        db,
        sessionToken: request.sessionToken ?? '',
        actor: request.actor,
        now: app.now(),
        requestId: request.id,
      });
      clearSessionCookie(reply, settings.secureCookies);
      return reply.redirect('/?signedOut=1', 303);
    },
  );

  const renderAccount = async (
    request: FastifyRequest,
    reply: FastifyReply,
    extras: {
      problem?: ProblemError;
      newToken?: { name: string; token: string };
      notice?: string;
      values?: Record<string, string>;
    } = {},
  ) => {
    const actor = accountActor(request);
    return reply.code(extras.problem?.problem.status ?? 200).view('identity/views/account.njk', {
      account: actor,
      description: await describeOwnAccount({ db, actor }),
      tokens: await listApiTokens({ db, actor }),
      reminders: await getReminderPreferences({ db, actor }),
      mailConfigured: app.mailer.canSend,
      newToken: extras.newToken,
      notice: extras.notice,
      values: extras.values ?? {},
      ...formErrors(extras.problem?.problem),
    });
  };

  app.get('/account', { config: { permission: 'account.manage-own' } }, async (request, reply) => {
    const notice = (request.query as { notice?: string }).notice;
    return renderAccount(request, reply, {
      notice: accountNotices[notice ?? ''],
    });
  });

  app.post(
    '/account/reminders',
    { config: { permission: 'account.manage-own', csrf: true } },
    async (request, reply) => {
      const chosen = (request.body as { reminders?: string | string[] } | undefined)?.reminders;
      const ticked = new Set(Array.isArray(chosen) ? chosen : chosen ? [chosen] : []);
      await setReminderPreferences({
        db,
        actor: accountActor(request),
        preferences: {
          questionReminders: ticked.has('questions'),
          actionDigest: ticked.has('overdue-actions'),
        },
        now: app.now(),
        requestId: request.id,
      });
      return reply.redirect('/account?notice=reminders-saved#reminders-heading', 303);
    },
  );

  app.post(
    '/account/password',
    { config: { permission: 'account.manage-own', csrf: true } },
    async (request, reply) => {
      try {
        const form = parseForm(changePasswordFormSchema, request.body);
        await changePassword({
          db,
          actor: accountActor(request),
          currentPassword: form.currentPassword,
          newPassword: form.newPassword,
          now: app.now(),
          currentSessionToken: request.sessionToken,
          requestId: request.id,
        });
        return reply.redirect('/account?notice=password-changed', 303);
      } catch (caught) {
        const error = asProblem(caught);
        return renderAccount(request, reply, { problem: error });
      }
    },
  );

  app.post(
    '/account/tokens',
    { config: { permission: 'account.manage-own', csrf: true } },
    async (request, reply) => {
      try {
        const form = parseForm(createApiTokenFormSchema, request.body);
        const { token } = await createApiToken({
          db,
          actor: accountActor(request),
          name: form.name,
          scope: form.scope,
          now: app.now(),
          requestId: request.id,
        });
        // Shown once, in this response only: it is stored as a digest and cannot be shown again.
        reply.header('cache-control', 'no-store');
        return renderAccount(request, reply, { newToken: { name: form.name, token } });
      } catch (caught) {
        const error = asProblem(caught);
        const body = request.body as Record<string, unknown>;
        return renderAccount(request, reply, {
          problem: error,
          values: { name: String(body?.name ?? '').slice(0, 100) },
        });
      }
    },
  );

  app.post(
    '/account/tokens/:id/revoke',
    {
      config: { permission: 'account.manage-own', csrf: true },
      schema: { params: z.object({ id: z.uuid() }) },
    },
    async (request, reply) => {
      await revokeApiToken({
        db,
        actor: accountActor(request),
        id: request.params.id,
        now: app.now(),
        requestId: request.id,
      });
      return reply.redirect('/account', 303);
    },
  );

  app.get(
    '/password-reset',
    { config: { permission: 'account.sign-in' } },
    async (_request, reply) =>
      reply.view('identity/views/password-reset-request.njk', {
        values: {},
        canResetByEmail: app.mailer.canSend,
        ...formErrors(undefined),
      }),
  );

  app.post(
    '/password-reset',
    { config: { permission: 'account.sign-in', csrf: true, rateLimit: signInRateLimit } },
    async (request, reply) => {
      try {
        const form = parseForm(passwordResetRequestFormSchema, request.body);
        await requestPasswordReset({
          db,
          email: form.email,
          now: app.now(),
          mailer: app.mailer,
          publicUrl: settings.publicUrl,
          requestId: request.id,
        });
        return reply.view('identity/views/password-reset-sent.njk', { email: form.email });
      } catch (caught) {
        const error = asProblem(caught);
        request.log.warn({ reason: error.problem.code }, 'password reset request refused');
        const body = request.body as Record<string, unknown>;
        return reply.code(error.problem.status).view('identity/views/password-reset-request.njk', {
          values: { email: String(body?.email ?? '').slice(0, 254) },
          canResetByEmail: app.mailer.canSend,
          ...formErrors(error.problem),
        });
      }
    },
  );

  const tokenParameters = z.object({ token: z.string().max(100) });

  app.get(
    '/password-reset/:token',
    { config: { permission: 'account.sign-in' }, schema: { params: tokenParameters } },
    async (request, reply) => {
      reply.header('referrer-policy', 'no-referrer');
      return reply.view('identity/views/password-reset.njk', {
        token: request.params.token,
        ...formErrors(undefined),
      });
    },
  );

  app.post(
    '/password-reset/:token',
    {
      config: { permission: 'account.sign-in', csrf: true, rateLimit: signInRateLimit },
      schema: { params: tokenParameters },
    },
    async (request, reply) => {
      try {
        const form = parseForm(passwordResetFormSchema, request.body);
        await resetPassword({
          db,
          token: request.params.token,
          newPassword: form.newPassword,
          now: app.now(),
          requestId: request.id,
        });
        return reply.redirect('/sign-in?reset=1', 303);
      } catch (caught) {
        const error = asProblem(caught);
        request.log.warn({ reason: error.problem.code }, 'password reset refused');
        return reply.code(error.problem.status).view('identity/views/password-reset.njk', {
          token: request.params.token,
          ...formErrors(error.problem),
        });
      }
    },
  );
}
