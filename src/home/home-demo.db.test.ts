import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { loadAccountActor, selectAccountByEmail } from '../identity/index.ts';
import { seedDemoMeetings } from '../seed/demo-meetings.ts';
import { getHome } from './index.ts';

/**
 * The home page on the demo's meeting history (src/seed/demo-meetings.ts) on 23 November 2026:
 * October's minutes approved in November and distributed, November's drafted and on December's
 * agenda for approval, and the Brent member's action from October overdue.
 */
let database: DatabaseHandle;
let app: App;

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  await seedDemoMeetings({
    db: database.db,
    context: { actor: 'seed', now: fixedNow },
    publicUrl: 'http://localhost:3000',
  });
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function homeOf(email: string) {
  const account = await selectAccountByEmail(database.db, email);
  const actor = await loadAccountActor(database.db, account!.id, fixedNow, {
    authenticatedBy: 'session',
  });
  return getHome({ db: database.db, actor: actor!, now: fixedNow });
}

describe('the home page on the demo’s meeting history', () => {
  it('tells the secretariat which minutes to approve where, and which receipts are outstanding', async () => {
    const home = await homeOf('secretariat@demo.invalid');
    const duties = home.secretariat?.[0]?.duties ?? [];
    expect(duties.find((duty) => duty.kind === 'approve')?.text).toBe(
      'Approve the minutes of London Commissioning Group, November 2026 (12 November 2026) at London Commissioning Group, December 2026, the next meeting, as standing orders require (SI 1991/809).',
    );
    const receipts = duties.find((duty) => duty.kind === 'receipts');
    expect(receipts?.text).toMatch(
      /^Receipts outstanding for the minutes of London Commissioning Group, October 2026 \(8 October 2026\): \d+ organisations yet to confirm\.$/,
    );
    expect(receipts?.href).toMatch(/^\/meetings\/[^/]+\/minutes#distribution$/);
    expect(duties.some((duty) => duty.kind === 'draft')).toBe(false);
  });

  it('tells the member of their overdue action from October', async () => {
    const home = await homeOf('member@demo.invalid');
    expect(home.actions[0]).toMatchObject({
      description:
        'Circulate the stroke and major trauma recommendation to every PCT Board secretary.',
      overdueText: '32 days overdue',
    });
  });
});
