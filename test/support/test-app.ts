import { buildApp } from '../../src/app.ts';
import { readConfig } from '../../src/config.ts';
import type { DatabaseHandle } from '../../src/db/connection.ts';
import type { App } from '../../src/http/app-types.ts';
import type { Mailer } from '../../src/mail/mailer.ts';
import { seedDemoAccounts } from '../../src/seed/demo-accounts.ts';
import { seedDemoBodies } from '../../src/seed/demo-bodies.ts';
import { seedDemoMembership } from '../../src/seed/demo-membership.ts';
import { seedDemoData, seedReferenceData } from '../../src/seed/reference-data.ts';

export const fixedNow = new Date('2026-11-23T10:00:00Z');

export const testConfig = (overrides: Record<string, string> = {}) =>
  readConfig({ COOKIE_SECRET: 'test-cookie-secret-test-cookie-secret', ...overrides });

/** Loads the London reference data, the fictional office holders and the demo accounts. */
export async function seedDemo(database: DatabaseHandle) {
  const context = { actor: 'seed', now: fixedNow };
  await seedReferenceData({ db: database.db, context });
  await seedDemoData({ db: database.db, context });
  await seedDemoAccounts({ db: database.db, context });
  await seedDemoBodies({ db: database.db, context });
  await seedDemoMembership({ db: database.db, context });
}

/** The real app on a test database, with the London reference and demo data loaded. */
export async function buildSeededTestApp(
  database: DatabaseHandle,
  options: { config?: ReturnType<typeof testConfig>; mailer?: Mailer; now?: () => Date } = {},
): Promise<App> {
  await seedDemo(database);
  return buildApp({
    database,
    config: options.config ?? testConfig(),
    logger: false,
    now: options.now ?? (() => fixedNow),
    ...(options.mailer && { mailer: options.mailer }),
  });
}
