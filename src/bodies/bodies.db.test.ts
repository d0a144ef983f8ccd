import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { presetsDirectory } from '../constitutions/presets.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let administrator: { authorization: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  administrator = await bearerFor(app, 'administrator');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

const lcg = 'london-commissioning-group';

describe('bodies and their versioned terms of reference', () => {
  it('holds the London bodies of the seeds, the London group under its 2006 and 2008 terms', async () => {
    const bodies = (await app.inject('/api/v1/bodies')).json().items;
    expect(bodies.map((body: { slug: string }) => body.slug).sort()).toEqual([
      'joint-committee-of-pcts',
      lcg,
      'north-central-local-commissioning-group',
      'north-east-local-commissioning-group',
      'north-west-local-commissioning-group',
      'south-east-local-commissioning-group',
      'south-west-local-commissioning-group',
    ]);
    const london = (await app.inject(`/api/v1/bodies/${lcg}`)).json();
    expect(
      london.versions.map((version: { version: number; effectiveOn: string }) => [
        version.version,
        version.effectiveOn,
      ]),
    ).toEqual([
      [1, '2006-07-01'],
      [2, '2008-01-01'],
    ]);
    // 2008 "Review: … reviewed in September 2008": long passed by today, so the warning shows.
    expect(london.review).toMatchObject({ status: 'overdue', reviewDate: '2008-09-30' });
    const page = await app.inject(`/bodies/${lcg}`);
    expect(page.body).toContain('Review overdue since 30 September 2008');
  });

  it('shows what changed between the 2006 and 2008 terms, each change with its clause', async () => {
    const diff = (await app.inject(`/api/v1/bodies/${lcg}/diff?from=1&to=2`)).json();
    expect(diff.changes.length).toBeGreaterThan(5);
    expect(diff.changes.some((change: { path: string }) => change.path.startsWith('quorum'))).toBe(
      true,
    );
    const page = await app.inject(`/bodies/${lcg}/diff?from=1&to=2`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('2008 §Quorum');
  });

  it('adds the next version of a body, and refuses a version out of sequence', async () => {
    const text = await readFile(`${presetsDirectory}/joint-committee-of-pcts-2008.yaml`, 'utf8');
    const sameAgain = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies',
      headers: administrator,
      payload: { constitution: text },
    });
    expect(sameAgain.statusCode).toBe(409);
    expect(sameAgain.json().errors[0]).toMatchObject({
      field: 'constitution',
      message: expect.stringContaining('already has version 1'),
    });

    const skipping = text.replace(/version: 1\b/, 'version: 3');
    const skipped = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies',
      headers: administrator,
      payload: { constitution: skipping },
    });
    expect(skipped.statusCode).toBe(400);
    expect(skipped.json().errors[0].message).toContain('next version of Joint Committee');

    const next = text
      .replace(/version: 1\b/, 'version: 2')
      .replace("date: '2007-11-01'", "date: '2009-04-01'")
      .replace("date: '2008-09-30'", "date: '2010-03-31'");
    const added = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies',
      headers: administrator,
      payload: { constitution: next, fileName: 'jc-2009.yaml' },
    });
    expect(added.statusCode).toBe(201);
    expect(added.json()).toEqual({ slug: 'joint-committee-of-pcts', version: 2, created: false });
  });

  it('refuses a broken constitution with each problem on its line, creating nothing', async () => {
    const before = (await app.inject('/api/v1/bodies')).json().items.length;
    const broken = [
      'formatVersion: 1',
      'identity: { id: broken-body, title: Broken, version: 1 }',
      'seats: []',
      '',
    ].join('\n');
    const response = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies',
      headers: administrator,
      payload: { constitution: broken },
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid-constitution');
    expect(
      response
        .json()
        .errors.some((error: { message: string }) => /^line \d+, column \d+: /.test(error.message)),
    ).toBe(true);
    expect((await app.inject('/api/v1/bodies')).json().items.length).toBe(before);
  });

  it('creates a body from a preset, for administrators only', async () => {
    const refused = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies',
      headers: await bearerFor(app, 'secretariat'),
      payload: { preset: 'nhs-standing-orders-default' },
    });
    expect(refused.statusCode).toBe(403);
    const created = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies',
      headers: administrator,
      payload: { preset: 'nhs-standing-orders-default' },
    });
    expect(created.statusCode).toBe(201);
    expect(created.json().created).toBe(true);
  });
});

describe('adoption by member boards (2006 §101–103, the Duty of Partnership)', () => {
  it('shows who has and has not adopted each version', async () => {
    const first = (await app.inject(`/api/v1/bodies/${lcg}/versions/1/adoptions`)).json();
    expect(first.status.adopted).toHaveLength(31);
    expect(first.status.notAdopted).toHaveLength(0);
    const second = (await app.inject(`/api/v1/bodies/${lcg}/versions/2/adoptions`)).json();
    expect(second.status.adopted).toHaveLength(27);
    expect(second.status.notAdopted).toHaveLength(4);
    expect(second.status.explanation.clause).toBe('2006 §103');
  });

  it("records a board's adoption with its date and minute reference, through the page", async () => {
    const pending = (await app.inject(`/api/v1/bodies/${lcg}/versions/2/adoptions`)).json().status
      .notAdopted[0];
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const page = await app.inject({
      url: `/bodies/${lcg}/versions/2`,
      headers: { cookie: cookies },
    });
    expect(page.body).toContain('Record a board');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const posted = await app.inject({
      method: 'POST',
      url: `/bodies/${lcg}/versions/2/adoptions`,
      headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        organisationId: pending.boardId,
        adoptedOn: '2008-05-29',
        minuteReference: 'B/08/77',
      }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    const bodyPage = await app.inject({ url: `/bodies/${lcg}`, headers: { cookie: withCsrf } });
    const trailLink = /href="(\/audit\/body\/[0-9a-f-]{36})"/.exec(bodyPage.body)?.[1];
    expect(trailLink).toBeDefined();
    const trail = await app.inject({ url: trailLink!, headers: { cookie: withCsrf } });
    expect(trail.body).toContain('B/08/77');
    expect(trail.body).toContain('Demo Secretariat');
    const after = (await app.inject(`/api/v1/bodies/${lcg}/versions/2/adoptions`)).json().status;
    expect(
      after.adopted.find((entry: { boardId: string }) => entry.boardId === pending.boardId),
    ).toMatchObject({ adoptedOn: '2008-05-29', minuteReference: 'B/08/77' });
  });

  it('refuses a board that is not asked to adopt, a second adoption, and another body’s secretariat', async () => {
    const nhsLondon = (
      await app.inject('/api/v1/organisations?type=strategic-health-authority')
    ).json().items[0];
    const secretariat = await bearerFor(app, 'secretariat');
    const notABoard = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/versions/2/adoptions`,
      headers: secretariat,
      payload: { organisationId: nhsLondon.id, adoptedOn: '2008-05-01', minuteReference: 'X/1' },
    });
    expect(notABoard.statusCode).toBe(400);
    expect(notABoard.json().errors[0]).toMatchObject({
      field: 'organisationId',
      message: expect.stringContaining('2006 §103'),
    });

    const adopted = (await app.inject(`/api/v1/bodies/${lcg}/versions/2/adoptions`)).json().status
      .adopted[0];
    const again = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/versions/2/adoptions`,
      headers: secretariat,
      payload: { organisationId: adopted.boardId, adoptedOn: '2008-05-01', minuteReference: 'X/2' },
    });
    expect(again.statusCode).toBe(409);

    const otherBody = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies/north-west-local-commissioning-group/versions/1/adoptions',
      headers: secretariat,
      payload: { organisationId: adopted.boardId, adoptedOn: '2006-06-01', minuteReference: 'X/3' },
    });
    expect(otherBody.statusCode).toBe(403);
    expect(otherBody.json().detail).toContain(
      'secretariat of North West London Local Commissioning Group',
    );
  });
});
