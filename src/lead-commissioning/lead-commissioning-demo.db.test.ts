import { count, eq } from 'drizzle-orm';
import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { commissioningRounds } from '../db/schema/commissioning.ts';
import { collaborativeForums, leadArrangements } from '../db/schema/lead-commissioning.ts';
import { anonymousActor } from '../shared/actor.ts';
import { getArrangement, listLondonNegotiations } from './arrangement-view.ts';
import { seedDemoLeadCommissioning } from './index.ts';

let database: DatabaseHandle;
const context = { actor: 'seed', now: fixedNow };
const reader = {
  kind: 'account' as const,
  accountId: 'reader',
  email: 'reader@demo.invalid',
  displayName: 'Reader',
  personId: null,
  isAdministrator: false,
  bodyRoles: [],
  authenticatedBy: 'session' as const,
};

beforeAll(async () => {
  database = await openTestDatabase();
  await seedDemo(database);
});

afterAll(async () => {
  await database?.close();
});

describe('the demo lead commissioning of the 2007/08 round (2006 §106)', () => {
  it('does nothing without the 2007/08 round', async () => {
    expect(await seedDemoLeadCommissioning({ db: database.db, context })).toBe(0);
  });

  it('records the main acute providers’ arrangements in every area, at every stage, once', async () => {
    const [london] = await database.db
      .select({ id: bodies.id })
      .from(bodies)
      .where(eq(bodies.slug, 'london-commissioning-group'));
    await database.db.insert(commissioningRounds).values({
      id: uuidv7(),
      bodyId: london!.id,
      startYear: 2007,
      submissionsOpenOn: '2006-09-01',
      submissionsDueOn: '2006-10-31',
      consolidationBy: '2006-11-30',
      agreementBy: '2006-12-31',
      publicationBy: '2007-01-31',
      createdAt: new Date('2006-09-01T09:00:00Z'),
    });
    expect(await seedDemoLeadCommissioning({ db: database.db, context })).toBe(11);
    expect(await seedDemoLeadCommissioning({ db: database.db, context })).toBe(0);

    const view = await listLondonNegotiations({ db: database.db, actor: reader, now: fixedNow });
    expect(view.total).toBe(11);
    expect(view.areas.every((area) => area.total >= 2)).toBe(true);
    expect(view.stageCounts.every((stage) => stage.count > 0)).toBe(true);
    const [forums] = await database.db.select({ n: count() }).from(collaborativeForums);
    expect(forums?.n).toBe(1);

    const rows = await database.db.select({ id: leadArrangements.id }).from(leadArrangements);
    for (const row of rows) {
      const detail = await getArrangement({
        db: database.db,
        actor: reader,
        arrangementId: row.id,
        now: fixedNow,
      });
      expect(detail.totalShare).toBe('100.00%');
    }
  });

  it('shows signed-in readers only', async () => {
    await expect(
      listLondonNegotiations({ db: database.db, actor: anonymousActor, now: fixedNow }),
    ).rejects.toMatchObject({ problem: { status: 401 } });
  });
});
