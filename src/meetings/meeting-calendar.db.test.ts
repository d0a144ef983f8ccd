import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, demoEmails } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { selectAccountByEmail } from '../identity/index.ts';
import { startSession } from '../identity/session-service.ts';

/**
 * The Meetings page (issue 22, item 1): one calendar across the bodies, upcoming (soonest first)
 * then past (latest first), in London time without seconds, filtered by body with a plain form,
 * and never a word of Part II business, whoever reads it. The clock is 23 November 2026.
 */
let database: DatabaseHandle;
let app: App;
const ids: Record<string, string> = {};

const lcg = 'london-commissioning-group';
const jointCommittee = 'joint-committee-of-pcts';

async function schedule(
  slug: string,
  title: string,
  startsAt: string,
  noticeGivenOn: string,
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${slug}/meetings`,
    headers: await bearerFor(app, 'administrator'),
    payload: { title, startsAt, location: 'Southside, 105 Victoria Street', noticeGivenOn },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().meetingId as string;
}

async function sessionCookie(email: string): Promise<string> {
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

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  ids.october = await schedule(lcg, 'London group, October', '2026-10-14T13:00:00Z', '2026-10-01');
  ids.december = await schedule(
    lcg,
    'London group, December',
    '2026-12-10T14:00:00Z',
    '2026-11-23',
  );
  ids.january = await schedule(lcg, 'London group, January', '2027-01-14T14:00:00Z', '2026-11-23');
  ids.committee = await schedule(
    jointCommittee,
    'Joint Committee, December',
    '2026-12-03T10:30:00Z',
    '2026-11-23',
  );
  const item = await app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${ids.december}/agenda-items`,
    headers: await bearerFor(app, 'secretariat'),
    payload: {
      title: 'Settlement with Acme Hospital',
      purpose: 'decision',
      isConfidential: true,
      confidentialityReason: 'Commercially sensitive negotiations in progress',
    },
  });
  expect(item.statusCode, item.body).toBe(201);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function main(html: string): string {
  return html.slice(html.indexOf('<main'), html.indexOf('</main>'));
}

describe('the Meetings page', () => {
  it('lists every body’s meetings, upcoming soonest first and then past, in London time without seconds, each linked to its page', async () => {
    const response = await app.inject('/meetings');
    expect(response.statusCode).toBe(200);
    const page = main(response.body);
    const upcoming = page.indexOf('Upcoming meetings');
    const past = page.indexOf('Past meetings');
    const at = (title: string) => page.indexOf(title);
    expect(upcoming).toBeGreaterThan(-1);
    expect(upcoming).toBeLessThan(at('Joint Committee, December'));
    expect(at('Joint Committee, December')).toBeLessThan(at('London group, December'));
    expect(at('London group, December')).toBeLessThan(at('London group, January'));
    expect(at('London group, January')).toBeLessThan(past);
    expect(past).toBeLessThan(at('London group, October'));
    // 14:00 in London in British Summer Time is 13:00 UTC; no seconds anywhere.
    expect(page).toContain('14 October 2026 14:00');
    expect(page).toContain('10 December 2026 14:00');
    expect(page).toContain('3 December 2026 10:30');
    expect(page).not.toMatch(/\d{2}:\d{2}:\d{2}/);
    expect(page).toContain('Joint Committee of PCTs (Healthcare for London)');
    expect(page).toContain('London Commissioning Group');
    for (const id of Object.values(ids)) expect(page).toContain(`href="/meetings/${id}"`);
    // No slug reaches the page's text: only in the filter's values and links.
    expect(page.replace(/(value|href)="[^"]*"/g, '')).not.toContain(lcg);
  });

  it('never shows Part II business, to the public or to the body’s own secretariat', async () => {
    for (const cookie of ['', await sessionCookie(demoEmails.secretariat)]) {
      const response = await app.inject({ url: '/meetings', headers: { cookie } });
      expect(response.statusCode).toBe(200);
      expect(response.body).not.toContain('Settlement with Acme Hospital');
      expect(response.body).not.toContain('Commercially sensitive');
    }
  });

  it('filters by body with a plain form (GET, no JavaScript), the chosen body selected', async () => {
    const form = main((await app.inject('/meetings')).body);
    expect(form).toMatch(/<form method="get" action="\/meetings"/);
    expect(form).toContain(`<option value="${jointCommittee}"`);

    const response = await app.inject(`/meetings?body=${jointCommittee}`);
    expect(response.statusCode).toBe(200);
    const page = main(response.body);
    expect(page).toContain('<h1>Meetings of Joint Committee of PCTs (Healthcare for London)</h1>');
    expect(page).toContain('Joint Committee, December');
    expect(page).not.toContain('London group, December');
    expect(page).not.toContain('London group, October');
    expect(page).toMatch(new RegExp(`<option value="${jointCommittee}" selected`));
    expect(page).toContain(`href="/bodies/${jointCommittee}/meetings"`);

    const all = main((await app.inject('/meetings?body=')).body);
    expect(all).toContain('London group, December');
    expect(all).toContain('Joint Committee, December');
  });

  it('answers an unknown body with a plain 404', async () => {
    const response = await app.inject('/meetings?body=no-such-body');
    expect(response.statusCode).toBe(404);
    expect(response.body).toContain('There is no such body.');
  });

  it('is in the header of every page, for everyone', async () => {
    const home = await app.inject('/');
    expect(home.body).toMatch(/class="nhsuk-header__navigation-link" href="\/meetings"/);
    const calendar = await app.inject('/meetings');
    expect(calendar.body).toMatch(
      /<a\s+class="nhsuk-header__navigation-link" href="\/meetings" aria-current="page"/,
    );
  });
});
