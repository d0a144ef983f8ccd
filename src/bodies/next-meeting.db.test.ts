import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';

/**
 * A body's page names its next meeting (the soonest from today, London, neither cancelled nor
 * held) with a link to it, and links to all its meetings (issue 22, item 1). The clock is
 * 23 November 2026.
 */
let database: DatabaseHandle;
let app: App;
const lcg = 'london-commissioning-group';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function schedule(title: string, startsAt: string, noticeGivenOn: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: await bearerFor(app, 'secretariat'),
    payload: { title, startsAt, location: 'Southside, 105 Victoria Street', noticeGivenOn },
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json().meetingId as string;
}

async function bodyPage(): Promise<string> {
  const response = await app.inject(`/bodies/${lcg}`);
  expect(response.statusCode).toBe(200);
  return response.body.slice(response.body.indexOf('<main'), response.body.indexOf('</main>'));
}

describe('the next meeting on a body’s page', () => {
  it('says none is scheduled, and links to all the body’s meetings', async () => {
    const page = await bodyPage();
    expect(page).toContain('No meeting is scheduled.');
    expect(page).toContain(
      `<a href="/bodies/${lcg}/meetings">All meetings of London Commissioning Group</a>`,
    );
  });

  it('names the soonest meeting to come, skipping past and cancelled ones, with its date and a link', async () => {
    await schedule('London group, October', '2026-10-14T13:00:00Z', '2026-10-01');
    const cancelled = await schedule(
      'London group, early December',
      '2026-12-03T14:00:00Z',
      '2026-11-23',
    );
    const december = await schedule('London group, December', '2026-12-10T14:00:00Z', '2026-11-23');
    await schedule('London group, January', '2027-01-14T14:00:00Z', '2026-11-23');
    const cancel = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${cancelled}/cancellation`,
      headers: await bearerFor(app, 'secretariat'),
      payload: { reason: 'The chair is unwell.' },
    });
    expect(cancel.statusCode, cancel.body).toBe(200);

    const page = await bodyPage();
    expect(page).toContain(
      `Next meeting: <a href="/meetings/${december}">London group, December</a>, 10 December 2026 14:00 (London time).`,
    );
    expect(page).not.toContain('London group, October');
    expect(page).not.toContain('London group, early December');
    expect(page).not.toContain('London group, January');
    expect(page).toContain(`href="/bodies/${lcg}/meetings"`);
  });
});
