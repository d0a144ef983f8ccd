import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { seedIntentionsRound } from './intention-fixtures.ts';
import { seedDemoCommissioningIntentions } from './seed-demo-intentions.ts';

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

const base = '/api/v1/bodies/london-commissioning-group/commissioning-rounds/2007-08';

describe('the demo’s 2007/08 London commissioning intentions', () => {
  it('does nothing when the 2007/08 round is absent', async () => {
    const context = { actor: 'seed', now: app.now() };
    expect(await seedDemoCommissioningIntentions({ db: database.db, context })).toBe(0);
  });

  it('consolidates twelve intentions, agrees them at a London group meeting, publishes the prospectus and records eight local plans', async () => {
    await seedIntentionsRound(database.db, {
      startYear: 2007,
      now: app.now(),
      status: 'consolidating',
    });
    const context = { actor: 'seed', now: app.now() };
    expect(await seedDemoCommissioningIntentions({ db: database.db, context })).toBe(20);
    const intentions = (await app.inject(`${base}/intentions`)).json();
    expect(intentions.round).toMatchObject({
      status: 'published',
      agreedOn: '2008-01-10',
      publishedOn: '2008-01-21',
    });
    expect(intentions.intentions).toHaveLength(12);
    expect(intentions.overlaps.map((overlap: { title: string }) => overlap.title)).toContain(
      'Hyperacute stroke units for every Londoner',
    );
    const prospectus = (await app.inject(`${base}/prospectus`)).json();
    expect(prospectus.title).toBe('London commissioning prospectus 2007/08');
    expect(prospectus.agreement).toMatchObject({ agreedOn: '2008-01-10', outcome: 'Consensus' });
    const secretariat = await bearerFor(app, 'secretariat');
    const fit = (await app.inject({ url: `${base}/fit`, headers: secretariat })).json();
    const planned = fit.pcts.filter((pct: { hasPlan: boolean }) => pct.hasPlan);
    expect(planned).toHaveLength(8);
    for (const pct of planned) expect(pct.gaps.length + pct.divergences.length).toBeGreaterThan(0);
    // A second run finds the round published and writes nothing.
    expect(await seedDemoCommissioningIntentions({ db: database.db, context })).toBe(0);
  });
});
