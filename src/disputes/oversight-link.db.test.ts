import { eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoEmails } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { organisations, posts } from '../db/schema/registry.ts';
import type { App } from '../http/app-types.ts';
import { selectAccountByEmail } from '../identity/identity-queries.ts';
import { startSession } from '../identity/session-service.ts';

/**
 * The header offers "Oversight" (NHS London's list of open disputes, 2006 §112) exactly to those
 * the disputes policy lets read it, and the link leads to a page they may read.
 */
let database: DatabaseHandle;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function cookieOf(email: string | null): Promise<string> {
  if (email === null) return '';
  const account = await selectAccountByEmail(database.db, email);
  const token = await database.db.transaction((transaction) =>
    startSession(transaction, {
      accountId: account!.id,
      now: fixedNow,
      settings: app.settings.session,
    }),
  );
  return `concordat_session=${token}`;
}

const oversightLink = /<a\s+class="nhsuk-header__navigation-link" href="\/oversight\/disputes"/;

async function headerOffersOversight(email: string | null, url = '/'): Promise<boolean> {
  const response = await app.inject({ url, headers: { cookie: await cookieOf(email) } });
  expect(response.statusCode).toBe(200);
  return oversightLink.test(response.body);
}

describe('the Oversight link in the header', () => {
  it.each([
    ['anonymous', null, false],
    ['public', demoEmails.public, false],
    ['member', demoEmails.member, false],
    ['chair', demoEmails.chair, true],
    ['secretariat', demoEmails.secretariat, true],
    ['administrator', demoEmails.administrator, true],
  ] as const)('is offered to the %s: %s', async (_role, email, offered) => {
    expect(await headerOffersOversight(email)).toBe(offered);
    expect(await headerOffersOversight(email, '/bodies')).toBe(offered);
    const page = await app.inject({
      url: '/oversight/disputes',
      headers: { cookie: await cookieOf(email) },
    });
    if (offered) expect(page.statusCode).toBe(200);
    else expect([303, 403]).toContain(page.statusCode);
  });

  it('is offered to a member from the day they take up a post at NHS London, and marks the page current', async () => {
    const memberPersonId = (await selectAccountByEmail(database.db, demoEmails.member))!.personId!;
    const [nhsLondon] = await database.db
      .select({ id: organisations.id })
      .from(organisations)
      .where(eq(organisations.type, 'strategic-health-authority'));
    await database.db.insert(posts).values({
      id: uuidv7(),
      personId: memberPersonId,
      organisationId: nhsLondon!.id,
      role: 'director',
      title: 'Director of Commissioning',
      startsOn: '2026-11-01',
      createdAt: fixedNow,
    });
    expect(await headerOffersOversight(demoEmails.member)).toBe(true);
    const page = await app.inject({
      url: '/oversight/disputes',
      headers: { cookie: await cookieOf(demoEmails.member) },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(
      /<a\s+class="nhsuk-header__navigation-link" href="\/oversight\/disputes" aria-current="page"/,
    );
  });
});
