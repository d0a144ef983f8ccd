import type { DatabaseHandle } from '../../src/db/connection.ts';
import { type App, buildApp } from '../../src/http/app.ts';
import { seedDemoData, seedReferenceData } from '../../src/registry/seed.ts';

export const fixedNow = new Date('2026-11-23T10:00:00Z');

/** The real app on a test database, with the London reference and demo data loaded. */
export async function buildSeededTestApp(database: DatabaseHandle): Promise<App> {
  const context = { actor: 'seed', now: fixedNow };
  await seedReferenceData({ db: database.db, context });
  await seedDemoData({ db: database.db, context });
  return buildApp({ database, logger: false, now: () => fixedNow });
}
