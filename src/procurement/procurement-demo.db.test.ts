import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixedNow, seedDemo } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { seedDemoMeetings } from '../seed/demo-meetings.ts';
import { seedDemoSpecifications } from '../specifications/index.ts';
import { listProcurement } from './consortium-view.ts';
import { seedDemoProcurement } from './index.ts';
import { getTender } from './tender-view.ts';

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
  await seedDemoMeetings({ db: database.db, context, publicUrl: 'http://localhost:3000' });
}, 120_000);

afterAll(async () => {
  await database?.close();
});

describe('the demo London IAPT procurement (2006 §111)', () => {
  it('does nothing without the IAPT specification in the library', async () => {
    expect(await seedDemoProcurement({ db: database.db, context })).toBe(0);
  });

  it('records the consortium, its tender to award by a weighted 75% vote that one vote each would have lost, once', async () => {
    await seedDemoSpecifications({ db: database.db, context });
    expect(await seedDemoProcurement({ db: database.db, context })).toBe(1);
    expect(await seedDemoProcurement({ db: database.db, context })).toBe(0);
    const { consortia, tenders } = await listProcurement({ db: database.db, actor: reader });
    expect(consortia).toHaveLength(1);
    const [consortium] = consortia;
    expect(consortium?.members.length).toBeGreaterThanOrEqual(8);
    expect(consortium?.members.reduce((sum, each) => sum + each.shareBasisPoints, 0)).toBe(10_000);
    expect(consortium).toMatchObject({ voteBase: 'allEntitled', voteWeighting: 'share' });
    const tender = await getTender({
      db: database.db,
      actor: reader,
      tenderId: tenders[0]!.id,
      now: fixedNow,
    });
    expect(tender.register).toMatchObject({ complete: true });
    expect(tender.bids).toHaveLength(3);
    expect(tender.stage).toBe('awarded');
    expect(tender.award?.provider).toBe('South London and Maudsley NHS Foundation Trust');
    const lines = tender.awardQuestions[0]?.lines.join('\n') ?? '';
    expect(lines).toContain('Weight for:');
    expect(lines).toContain('it would not have been carried');
  });
});
