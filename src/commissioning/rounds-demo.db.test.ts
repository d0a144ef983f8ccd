import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signInThroughForm } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { roundPriorities } from '../db/schema/commissioning.ts';
import type { App } from '../http/app-types.ts';
import { londonServiceAreas } from './round-rules.ts';
import { seedDemoCommissioningRounds } from './seed-demo-rounds.ts';

// 2006 §106: "Manage the lead commissioning of the 2007/08 Commissioning round"; the demo's round
// has returns from all 31 London PCTs and the five local groups (2006 §104).
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

describe('the demo 2007/08 round', () => {
  it('holds returns from all 31 PCTs and the five local groups, four late and one nil, at consolidation; once only', async () => {
    const context = { actor: 'seed', now: fixedNow };
    expect(await seedDemoCommissioningRounds({ db: database.db, context })).toEqual({
      returns: 36,
    });
    expect(await seedDemoCommissioningRounds({ db: database.db, context })).toEqual({
      returns: 0,
    });
    const { cookies } = await signInThroughForm(app, 'public@demo.invalid');
    const round = (
      await app.inject({
        url: '/api/v1/bodies/london-commissioning-group/commissioning-rounds/2007-08',
        headers: { cookie: cookies },
      })
    ).json();
    expect(round).toMatchObject({
      year: '2007/08',
      status: 'consolidating',
      returns: { expected: 36, received: 36, late: 4, nil: 1 },
    });
    const rows = round.returns.sectors.flatMap(
      (sector: { pcts: { name: string; isNilReturn: boolean; priorityCount: number }[] }) =>
        sector.pcts,
    );
    expect(rows.find((row: { name: string }) => row.name === 'Kingston PCT')).toMatchObject({
      isNilReturn: true,
      priorityCount: 0,
    });
    for (const row of rows.filter(
      (candidate: { isNilReturn: boolean }) => !candidate.isNilReturn,
    )) {
      expect(row.priorityCount).toBeGreaterThanOrEqual(2);
      expect(row.priorityCount).toBeLessThanOrEqual(4);
    }
    const areas = await database.db
      .selectDistinct({ area: roundPriorities.serviceArea })
      .from(roundPriorities);
    expect(areas.map((row) => row.area).sort()).toEqual([...londonServiceAreas].sort());
    const [stroke] = await database.db
      .select({ n: count() })
      .from(roundPriorities)
      .where(eq(roundPriorities.serviceArea, 'Stroke'));
    expect(stroke?.n).toBeGreaterThan(3);
    const page = await app.inject({
      url: '/bodies/london-commissioning-group/commissioning-rounds/2007-08',
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Late: The PCT Board met on 9 November');
    const home = await app.inject({ url: '/commissioning' });
    expect(home.body).toContain('2007/08 round');
    expect(home.body).toContain('Consolidating the returns');
  });
});
