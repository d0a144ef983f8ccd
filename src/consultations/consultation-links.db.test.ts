import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor, type DemoRole } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { insertTestConsultation, type TestConsultation } from './testing/consultation-fixture.ts';

// The consultation's page links to the pages of responding, importing and analysing: everyone sees
// "Respond" while it is open and "Organisations’ responses" once it has closed; only who runs it
// (an administrator or its body's secretariat) sees the links to the staff pages.
const day = 24 * 60 * 60 * 1000;
let database: DatabaseHandle;
let app: App;
let open: TestConsultation;
let closed: TestConsultation;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  open = await insertTestConsultation(database.db, { now: fixedNow });
  closed = await insertTestConsultation(database.db, {
    now: fixedNow,
    opensAt: new Date(fixedNow.getTime() - 100 * day),
    closesAt: new Date(fixedNow.getTime() - day),
  });
});

afterAll(async () => {
  await database?.close();
});

const staffLinks = [
  ['responses', 'Responses'],
  ['events', 'Events'],
  ['import', 'Import responses'],
  ['analysis', 'Analysis of the responses'],
  ['analysis/report', 'The analysis report'],
  ['decision', 'Decision after consultation'],
] as const;

async function pageAs(role: DemoRole | 'anonymous', consultation: TestConsultation) {
  const response = await app.inject({
    url: `/consultations/${consultation.slug}`,
    headers: role === 'anonymous' ? {} : await bearerFor(app, role),
  });
  expect(response.statusCode).toBe(200);
  return response.body;
}

const linkTo = (consultation: TestConsultation, path: string, text: string) =>
  `<a href="/consultations/${consultation.slug}/${path}">${text}</a>`;

describe('links on the consultation’s page', () => {
  it('shows "Respond" while open and "Organisations’ responses" after close, to everyone', async () => {
    for (const role of ['anonymous', 'public', 'secretariat', 'administrator'] as const) {
      const openPage = await pageAs(role, open);
      expect(openPage).toContain(`href="/consultations/${open.slug}/respond"`);
      expect(openPage).not.toContain(`/consultations/${open.slug}/organisation-responses`);
      const closedPage = await pageAs(role, closed);
      expect(closedPage).not.toContain(`href="/consultations/${closed.slug}/respond"`);
      expect(closedPage).toContain(
        linkTo(closed, 'organisation-responses', 'Organisations’ responses'),
      );
    }
  });

  it('shows the staff pages only to who runs the consultation, and each link leads to its page', async () => {
    for (const consultation of [open, closed]) {
      const page = await pageAs('administrator', consultation);
      const headers = await bearerFor(app, 'administrator');
      for (const [path, text] of staffLinks) {
        expect(page).toContain(linkTo(consultation, path, text));
        const target = await app.inject({
          url: `/consultations/${consultation.slug}/${path}`,
          headers,
        });
        expect(target.statusCode, path).toBe(200);
      }
      expect(page).toContain(`href="/consultations/${consultation.slug}/prepare"`);
    }
    // The demo secretariat is another body's: it does not run the Joint Committee's consultation.
    for (const role of ['anonymous', 'public', 'secretariat', 'member'] as const) {
      for (const consultation of [open, closed]) {
        const page = await pageAs(role, consultation);
        for (const [path] of staffLinks) {
          expect(page).not.toContain(`href="/consultations/${consultation.slug}/${path}"`);
        }
        expect(page).not.toContain(`href="/consultations/${consultation.slug}/prepare"`);
      }
    }
  });
});
