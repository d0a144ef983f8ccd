import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { insertTestConsultation } from './testing/consultation-fixture.ts';

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

const day = 86_400_000;
const keys = (html: string) =>
  [...html.matchAll(/<dt class="nhsuk-summary-list__key">\s*([^<]+?)\s*<\/dt>/g)].map(
    (match) => match[1],
  );

describe('the consultation’s page speaks of its dates in the reader’s tense', () => {
  it('says "Opens" and "Closes" ahead of it, "Opened" and "Closes" while open, "Opened" and "Closed" after', async () => {
    for (const [slug, opensAt, closesAt, expected] of [
      [
        'tense-upcoming',
        fixedNow.getTime() + day,
        fixedNow.getTime() + 90 * day,
        ['Opens', 'Closes'],
      ],
      ['tense-open', fixedNow.getTime() - day, fixedNow.getTime() + 90 * day, ['Opened', 'Closes']],
      [
        'tense-closed',
        fixedNow.getTime() - 90 * day,
        fixedNow.getTime() - day,
        ['Opened', 'Closed'],
      ],
    ] as const) {
      await insertTestConsultation(database.db, {
        now: fixedNow,
        slug,
        opensAt: new Date(opensAt),
        closesAt: new Date(closesAt),
      });
      const page = await app.inject(`/consultations/${slug}`);
      expect(page.statusCode, page.body.slice(0, 300)).toBe(200);
      expect(keys(page.body).slice(0, 2)).toEqual(expected);
    }
  });
});
