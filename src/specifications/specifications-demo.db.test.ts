import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildSeededTestApp, fixedNow } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';
import { listApprovedVersions, seedDemoSpecifications } from './index.ts';

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

describe('the demo specification library', () => {
  it('loads seven specifications through QA, once', async () => {
    const context = { actor: 'seed', now: fixedNow };
    expect(await seedDemoSpecifications({ db: database.db, context })).toBe(7);
    expect(await seedDemoSpecifications({ db: database.db, context })).toBe(0);

    const approved = await listApprovedVersions(database.db);
    expect(approved.map((version) => `${version.title} v${version.version}`).sort()).toEqual([
      'Hyper-acute stroke unit v2',
      'Improving Access to Psychological Therapies (IAPT) v1',
      'Midwife-led birth unit v1',
      'Pulmonary rehabilitation v1',
      'Urgent care centre v1',
    ]);

    const publicView = await app.inject('/api/v1/specifications');
    // The public sees the five approved; the polyclinic (in review) and diabetes (changes needed) are drafts' business.
    expect(
      publicView
        .json()
        .serviceAreas.flatMap((area: { specifications: unknown[] }) => area.specifications),
    ).toHaveLength(5);

    const stroke = approved.find((version) => version.title === 'Hyper-acute stroke unit')!;
    const view = (await app.inject(`/api/v1/specifications/${stroke.specificationId}`)).json();
    expect(view.versions.map((version: { status: string }) => version.status)).toEqual([
      'approved',
      'superseded',
    ]);
    expect(view.goodPractice).toHaveLength(1);
    const search = (await app.inject('/api/v1/specifications?q=NICE%20CG68')).json().search;
    expect(search.results[0]).toMatchObject({ title: 'Hyper-acute stroke unit', version: 2 });
  });
});
