import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { annualDeclarations, registeredInterests } from '../db/schema/interests.ts';
import type { App } from '../http/app-types.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';

/**
 * "The decision is taken before the body is validated, so a refusal never depends on what was
 * sent" (docs/security.md): whose register it is decides who may change it, so a member writing
 * to someone else's register is refused the same 403 whatever the body holds.
 */
let database: DatabaseHandle;
let app: App;
let member: { authorization: string };
let memberPersonId: string;
let chairPersonId: string;

const goodEntry = { kind: 'financial', description: 'Shares in a supplier', aroseOn: '2026-11-01' };
const badEntries: unknown[] = [
  {},
  { ...goodEntry, aroseOn: '0000-01-01' },
  { ...goodEntry, description: '\ud800' },
  { ...goodEntry, kind: 'made-up', extra: true },
  [goodEntry],
  'not an object',
];
const goodDeclaration = { year: 2026, isNilReturn: false };
const badDeclarations: unknown[] = [{}, { year: 99999, isNilReturn: 'maybe' }, { year: '2026' }];

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  member = await bearerFor(app, 'member');
  memberPersonId = (await selectAccountByEmail(database.db, demoEmails.member))!.personId!;
  chairPersonId = (await selectAccountByEmail(database.db, demoEmails.chair))!.personId!;
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function post(url: string, payload: unknown) {
  return app.inject({
    method: 'POST',
    url,
    headers: { ...member, 'content-type': 'application/json' },
    payload: JSON.stringify(payload),
  });
}

async function rowsFor(personId: string) {
  const [interests] = await database.db
    .select({ rows: count() })
    .from(registeredInterests)
    .where(eq(registeredInterests.personId, personId));
  const [declarations] = await database.db
    .select({ rows: count() })
    .from(annualDeclarations)
    .where(eq(annualDeclarations.personId, personId));
  return interests!.rows + declarations!.rows;
}

describe('a member writing to another person’s register of interests (API)', () => {
  it('is refused 403 for an entry, whether the body is good or bad', async () => {
    const url = `/api/v1/people/${chairPersonId}/interests`;
    for (const body of [goodEntry, ...badEntries]) {
      const response = await post(url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(403);
      expect(response.json().code).toBe('forbidden');
    }
  });

  it('is refused 403 for an annual declaration, whether the body is good or bad', async () => {
    const url = `/api/v1/people/${chairPersonId}/annual-declarations`;
    for (const body of [goodDeclaration, ...badDeclarations]) {
      const response = await post(url, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(403);
    }
    expect(await rowsFor(chairPersonId)).toBe(0);
  });

  it('still gets 400 naming the field for a bad body to their own register', async () => {
    const response = await post(`/api/v1/people/${memberPersonId}/interests`, {
      ...goodEntry,
      aroseOn: '0000-01-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors).toEqual([
      { field: 'aroseOn', message: 'Enter a date from 1900-01-01 to 2999-12-31.' },
    ]);
  });

  it('gets 404 for a person who does not exist, whatever the body', async () => {
    const response = await post(
      '/api/v1/people/01900000-0000-7000-8000-00000000000b/interests',
      'not an object',
    );
    expect(response.statusCode).toBe(404);
  });
});

describe('a member writing to another person’s register of interests (pages)', () => {
  it('is refused 403 for a good or a bad form alike', async () => {
    const { cookies: signedIn } = await signInThroughForm(app, demoEmails.member);
    const page = await app.inject({
      url: `/people/${memberPersonId}/interests`,
      headers: { cookie: signedIn },
    });
    const cookies = cookieHeader(page.headers['set-cookie'], signedIn);
    const csrf = csrfTokenIn(page.body);
    const forms: { url: string; fields: Record<string, string> }[] = [
      { url: 'interests', fields: { ...goodEntry } },
      { url: 'interests', fields: { kind: 'financial', description: '', aroseOn: '0000-01-01' } },
      { url: 'annual-declarations', fields: { year: '2026', isNilReturn: 'no' } },
      { url: 'annual-declarations', fields: { year: 'soon' } },
    ];
    for (const form of forms) {
      const response = await app.inject({
        method: 'POST',
        url: `/people/${chairPersonId}/${form.url}`,
        headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...form.fields, _csrf: csrf }).toString(),
      });
      expect(response.statusCode, JSON.stringify(form)).toBe(403);
    }
    expect(await rowsFor(chairPersonId)).toBe(0);
  });
});
