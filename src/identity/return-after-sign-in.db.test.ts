import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { demoPassword } from '../seed/demo-accounts.ts';

let database: DatabaseHandle;
let app: App;
let nextAddress = 1;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

/** The hidden returnTo field as the sign-in page renders it (HTML-escaped by the template). */
function returnToFieldIn(html: string): string {
  const escaped = /name="returnTo" value="([^"]*)"/.exec(html)?.[1];
  if (escaped === undefined) throw new Error('no returnTo field in the sign-in page');
  return escaped
    .replaceAll('&#39;', "'")
    .replaceAll('&quot;', '"')
    .replaceAll('&lt;', '<')
    .replaceAll('&gt;', '>')
    .replaceAll('&amp;', '&');
}

/** Opens the sign-in page at `returnTo` and submits it as a browser would, hidden field and all. */
async function signInFrom(returnTo: string) {
  const page = await app.inject(`/sign-in?returnTo=${encodeURIComponent(returnTo)}`);
  expect(page.statusCode).toBe(200);
  const cookies = cookieHeader(page.headers['set-cookie']);
  return app.inject({
    method: 'POST',
    url: '/sign-in',
    remoteAddress: `10.20.0.${nextAddress++}`,
    headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({
      email: demoEmails.member,
      password: demoPassword,
      returnTo: returnToFieldIn(page.body),
      _csrf: csrfTokenIn(page.body),
    }).toString(),
  });
}

// Issue 20, finding 1 (open redirect after sign-in): the exact strings the review sent.
const exploits = ['/.//evil.example', '/a/..//evil.example/phish'];

describe('returning after sign-in goes only to a path on this site', () => {
  it.each(exploits)(
    'someone already signed in who opens /sign-in?returnTo=%s stays here',
    async (returnTo) => {
      const { cookies } = await signInThroughForm(app, demoEmails.member);
      const response = await app.inject({
        url: `/sign-in?returnTo=${encodeURIComponent(returnTo)}`,
        headers: { cookie: cookies },
      });
      expect(response.statusCode).toBe(302);
      expect(response.headers.location).toBe('/');
    },
  );

  it.each(exploits)(
    'signing in from /sign-in?returnTo=%s lands on the home page',
    async (returnTo) => {
      const response = await signInFrom(returnTo);
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
    },
  );

  it.each(exploits)(
    'a sign-in form posted with returnTo=%s lands on the home page',
    async (returnTo) => {
      const page = await app.inject('/sign-in');
      const response = await app.inject({
        method: 'POST',
        url: '/sign-in',
        remoteAddress: `10.20.1.${nextAddress++}`,
        headers: {
          cookie: cookieHeader(page.headers['set-cookie']),
          'content-type': 'application/x-www-form-urlencoded',
        },
        payload: new URLSearchParams({
          email: demoEmails.member,
          password: demoPassword,
          returnTo,
          _csrf: csrfTokenIn(page.body),
        }).toString(),
      });
      expect(response.statusCode).toBe(303);
      expect(response.headers.location).toBe('/');
    },
  );

  it('still returns to the page that asked for sign-in, normalised', async () => {
    const response = await signInFrom('/bodies/./london-commissioning-group?tab=members#seats');
    expect(response.statusCode).toBe(303);
    expect(response.headers.location).toBe('/bodies/london-commissioning-group?tab=members#seats');
  });
});
