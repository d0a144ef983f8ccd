import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { startSmtpTestServer } from '../../test/support/smtp-test-server.ts';
import { buildSeededTestApp, fixedNow, testConfig } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { demoPassword } from '../seed/demo-accounts.ts';
import { startTokenUseRecorder } from './token-use-recorder.ts';

let database: DatabaseHandle;
let app: App;
let smtp: Awaited<ReturnType<typeof startSmtpTestServer>>;
let clock = fixedNow;
let nextAddress = 1;

/** Each test signs in from its own address, so the sign-in rate limit is tested on purpose only. */
const freshAddress = () => `10.0.0.${nextAddress++}`;

beforeAll(async () => {
  database = await openTestDatabase();
  smtp = await startSmtpTestServer();
  app = await buildSeededTestApp(database, {
    config: testConfig({ SMTP_URL: smtp.url, PUBLIC_URL: 'http://concordat.test' }),
    now: () => clock,
  });
});

afterAll(async () => {
  await app?.close();
  await smtp?.stop();
  await database?.close();
});

function me(cookies: string) {
  return app.inject({ url: '/api/v1/me', headers: { cookie: cookies } });
}

async function postForm(
  url: string,
  cookies: string,
  fields: Record<string, string>,
  remoteAddress = freshAddress(),
) {
  const page = await app.inject({ url: '/', headers: { cookie: cookies } });
  const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
  const response = await app.inject({
    method: 'POST',
    url,
    remoteAddress,
    headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
  });
  return { response, cookies: cookieHeader(response.headers['set-cookie'], withCsrf) };
}

describe('signing in with a password', () => {
  it('starts a session in an HttpOnly, SameSite=Lax cookie and knows who you are', async () => {
    const { response, cookies } = await signInThroughForm(app, demoEmails.secretariat);
    expect(response.statusCode).toBe(303);
    const sessionCookie = [response.headers['set-cookie']]
      .flat()
      .find((value) => value?.startsWith('concordat_session='));
    expect(sessionCookie).toMatch(/HttpOnly/);
    expect(sessionCookie).toMatch(/SameSite=Lax/);
    expect(sessionCookie).not.toMatch(/Secure/);
    const who = await me(cookies);
    expect(who.json()).toMatchObject({
      email: demoEmails.secretariat,
      authenticatedBy: 'session',
      bodyRoles: [{ bodyId: 'london-commissioning-group', role: 'secretariat' }],
    });
  });

  it('gives a new session id at sign-in and ends the one held before (no session fixation)', async () => {
    const first = await signInThroughForm(app, demoEmails.member);
    const oldSession = /concordat_session=([^;]+)/.exec(first.cookies)![1]!;
    const second = await postForm('/sign-in', first.cookies, {
      email: demoEmails.member,
      password: demoPassword,
    });
    const newSession = /concordat_session=([^;]+)/.exec(second.cookies)![1]!;
    expect(newSession).not.toBe(oldSession);
    expect((await me(`concordat_session=${oldSession}`)).statusCode).toBe(401);
    expect((await me(`concordat_session=${newSession}`)).statusCode).toBe(200);
  });

  it('refuses a wrong password or unknown address alike, with an error summary, and starts nothing', async () => {
    for (const email of [demoEmails.member, 'nobody@demo.invalid']) {
      const { response, cookies } = await postForm('/sign-in', '', {
        email,
        password: 'not the password',
      });
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('nhsuk-error-summary');
      expect(response.body).toContain('The e-mail address or password is not right.');
      expect(response.body).toContain('href="#email"');
      expect(cookies).not.toContain('concordat_session');
    }
  });

  it('refuses an over-long password without trying it', async () => {
    const { response } = await postForm('/sign-in', '', {
      email: demoEmails.member,
      password: 'x'.repeat(201),
    });
    expect(response.statusCode).toBe(400);
    expect(response.body).toContain('A password has at most 200 characters.');
  });

  it('refuses a form without a CSRF token, or with a forged one', async () => {
    const page = await app.inject('/sign-in');
    const cookies = cookieHeader(page.headers['set-cookie']);
    for (const csrf of [undefined, 'forged-token']) {
      const response = await app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: freshAddress(),
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({
          email: demoEmails.member,
          password: demoPassword,
          ...(csrf && { _csrf: csrf }),
        }).toString(),
      });
      expect(response.statusCode).toBe(403);
      expect(response.body).toContain('This form has expired');
      expect(response.headers['set-cookie'] ?? '').not.toContain('concordat_session');
    }
  });

  it('slows password guessing: the eleventh attempt in a minute from one address is refused', async () => {
    const address = freshAddress();
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 11; attempt += 1) {
      const { response } = await postForm(
        '/sign-in',
        '',
        { email: demoEmails.public, password: 'guess' },
        address,
      );
      statuses.push(response.statusCode);
    }
    expect(statuses.slice(0, 10).every((status) => status === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
  });
});

describe('sessions end', () => {
  it('when you sign out', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.public);
    const { response } = await postForm('/sign-out', cookies, {});
    expect(response.statusCode).toBe(303);
    expect((await me(cookies)).statusCode).toBe(401);
  });

  it('after 30 idle minutes, and after 12 hours however active', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.public);
    try {
      clock = new Date(fixedNow.getTime() + 29 * 60_000);
      expect((await me(cookies)).statusCode).toBe(200);
      clock = new Date(clock.getTime() + 31 * 60_000);
      expect((await me(cookies)).statusCode).toBe(401);

      clock = fixedNow;
      const active = await signInThroughForm(app, demoEmails.public);
      for (let minutes = 20; minutes < 12 * 60; minutes += 20) {
        clock = new Date(fixedNow.getTime() + minutes * 60_000);
        expect((await me(active.cookies)).statusCode).toBe(200);
      }
      clock = new Date(fixedNow.getTime() + 12 * 60 * 60_000);
      expect((await me(active.cookies)).statusCode).toBe(401);
    } finally {
      clock = fixedNow;
    }
  });
});

describe('changing and resetting a password', () => {
  it('changes a password only with the current one, and ends your other sessions', async () => {
    const here = await signInThroughForm(app, demoEmails.chair);
    const elsewhere = await signInThroughForm(app, demoEmails.chair);
    const wrong = await postForm('/account/password', here.cookies, {
      currentPassword: 'wrong password',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.response.statusCode).toBe(400);
    expect(wrong.response.body).toContain('Your current password is not right.');
    const short = await postForm('/account/password', here.cookies, {
      currentPassword: demoPassword,
      newPassword: 'short',
    });
    expect(short.response.body).toContain('Use at least 12 characters');
    const changed = await postForm('/account/password', here.cookies, {
      currentPassword: demoPassword,
      newPassword: 'a brand new passphrase',
    });
    expect(changed.response.statusCode).toBe(303);
    expect((await me(here.cookies)).statusCode).toBe(200);
    expect((await me(elsewhere.cookies)).statusCode).toBe(401);
    expect((await signInThroughForm(app, demoEmails.chair)).response.statusCode).toBe(401);
    expect(
      (await signInThroughForm(app, demoEmails.chair, 'a brand new passphrase')).response
        .statusCode,
    ).toBe(303);
  });

  it('resets a forgotten password through a one-time link sent by e-mail over SMTP', async () => {
    const arriving = smtp.nextMail();
    const request = await postForm('/password-reset', '', { email: demoEmails.member });
    expect(request.response.statusCode).toBe(200);
    expect(request.response.body).toContain('Check your e-mail');
    const mail = await arriving;
    expect(mail.to && 'text' in mail.to ? mail.to.text : '').toBe(demoEmails.member);
    const link = /http:\/\/concordat\.test(\/password-reset\/\S+)/.exec(mail.text ?? '')?.[1];
    expect(link).toBeDefined();

    const tokenBeforeReset = await bearerFor(app, 'member');
    const reset = await postForm(link!, '', { newPassword: 'correct horse battery staple' });
    // Whoever knew the old password may have made tokens: a reset revokes them.
    expect((await app.inject({ url: '/api/v1/me', headers: tokenBeforeReset })).statusCode).toBe(
      401,
    );
    expect(reset.response.statusCode).toBe(303);
    expect(
      (await signInThroughForm(app, demoEmails.member, 'correct horse battery staple')).response
        .statusCode,
    ).toBe(303);

    const reused = await postForm(link!, '', { newPassword: 'another new passphrase' });
    expect(reused.response.statusCode).toBe(400);
    expect(reused.response.body).toContain('The link has expired or has already been used.');
  });

  it('refuses an expired link, and answers the same for an unknown address', async () => {
    const arriving = smtp.nextMail();
    await postForm('/password-reset', '', { email: demoEmails.public });
    const link = /(\/password-reset\/\S+)/.exec((await arriving).text ?? '')![1]!;
    clock = new Date(fixedNow.getTime() + 31 * 60_000);
    try {
      const expired = await postForm(link, '', { newPassword: 'too late for this one' });
      expect(expired.response.statusCode).toBe(400);
    } finally {
      clock = fixedNow;
    }
    const before = smtp.received.length;
    const unknown = await postForm('/password-reset', '', { email: 'nobody@demo.invalid' });
    expect(unknown.response.body).toContain('Check your e-mail');
    expect(smtp.received.length).toBe(before);
  });
});

describe('API tokens', () => {
  it('are shown once, stored hashed, scoped, accepted as Bearer and stop working when revoked', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.administrator);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/tokens',
      headers: { cookie: cookies },
      payload: { name: 'reporting', scope: 'read' },
    });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^cct_/);
    const listed = (
      await app.inject({ url: '/api/v1/tokens', headers: { cookie: cookies } })
    ).json();
    expect(JSON.stringify(listed)).not.toContain(token);

    const bearer = { authorization: `Bearer ${token}` };
    expect((await app.inject({ url: '/api/v1/me', headers: bearer })).json()).toMatchObject({
      authenticatedBy: 'api-token',
      tokenScope: 'read',
    });
    const write = await app.inject({
      method: 'POST',
      url: '/api/v1/organisations',
      headers: bearer,
      payload: { name: 'Read Token Trust', type: 'other' },
    });
    expect(write.statusCode).toBe(403);
    expect(write.json().detail).toContain('read-only');

    await app.inject({
      method: 'POST',
      url: `/api/v1/tokens/${id}/revoke`,
      headers: { cookie: cookies },
      payload: {},
    });
    const revoked = await app.inject({ url: '/api/v1/me', headers: bearer });
    expect(revoked.statusCode).toBe(401);
    expect(revoked.json().code).toBe('invalid-api-token');
  });

  it("stop working while their account is disabled, and carry the account's roles of the day", async () => {
    const bearer = await bearerFor(app, 'chair');
    const before = (await app.inject({ url: '/api/v1/me', headers: bearer })).json();
    expect(before.bodyRoles.length).toBeGreaterThan(0);
    const email = demoEmails.chair;
    await database.db.execute(sql`update accounts set disabled_at = now() where email = ${email}`);
    try {
      const refused = await app.inject({ url: '/api/v1/me', headers: bearer });
      expect(refused.statusCode).toBe(401);
    } finally {
      await database.db.execute(sql`update accounts set disabled_at = null where email = ${email}`);
    }
    const after = (await app.inject({ url: '/api/v1/me', headers: bearer })).json();
    expect(after.bodyRoles).toEqual(before.bodyRoles);
  });

  it('show when they were last used, written in one batch after the requests that used them', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const made = async (name: string) =>
      (
        await app.inject({
          method: 'POST',
          url: '/api/v1/tokens',
          headers: { cookie: cookies },
          payload: { name, scope: 'read' },
        })
      ).json().id as string;
    const first = await made('first');
    const second = await made('second');
    const lastUsed = async () => {
      const listed = (
        await app.inject({ url: '/api/v1/tokens', headers: { cookie: cookies } })
      ).json().items as { id: string; lastUsedAt: string | null }[];
      return Object.fromEntries(listed.map((token) => [token.id, token.lastUsedAt]));
    };
    const recorder = startTokenUseRecorder({
      db: database.db,
      flushMs: 60_000,
      logger: { error: () => {} },
    });
    recorder.note(first, new Date('2026-12-04T10:00:00Z'));
    recorder.note(second, new Date('2026-12-04T10:00:05Z'));
    // Nothing is written until the batch is.
    expect((await lastUsed())[first]).toBeNull();
    await recorder.stop();
    const used = await lastUsed();
    expect(used[first]).toBe('2026-12-04T10:00:05.000Z');
    expect(used[second]).toBe('2026-12-04T10:00:05.000Z');
  });

  it("cannot revoke someone else's token: it is not found", async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.public);
    const others = (
      await app.inject({
        method: 'POST',
        url: '/api/v1/tokens',
        headers: await bearerFor(app, 'secretariat'),
        payload: { name: 'theirs', scope: 'read' },
      })
    ).json();
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/tokens/${others.id}/revoke`,
      headers: { cookie: cookies },
      payload: {},
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('security headers', () => {
  it('send a Content-Security-Policy that allows no inline script, and forbid framing', async () => {
    const response = await app.inject('/');
    const policy = String(response.headers['content-security-policy']);
    expect(policy).toContain("script-src 'self'");
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("frame-ancestors 'none'");
    expect(response.body).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect(response.headers['x-content-type-options']).toBe('nosniff');
  });
});
