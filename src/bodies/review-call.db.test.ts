import { readFile } from 'node:fs/promises';
import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import { presetsDirectory } from '../constitutions/index.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { reviewCalls, termsDrafting } from '../db/schema/bodies.ts';
import type { App } from '../http/app-types.ts';

// The test clock is 2026-11-23. The 2008 London terms (version 2, effective 1 January 2008) are in
// force: "reviewed in September 2008, unless the London PCTs with NHS London or LCG itself identify
// an earlier need for review" (2008 §Review), so their review is overdue.
const lcg = 'london-commissioning-group';
const northCentral = 'north-central-local-commissioning-group';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function written(): Promise<number[]> {
  const [calls] = await database.db.select({ rows: count() }).from(reviewCalls);
  const [drafts] = await database.db.select({ rows: count() }).from(termsDrafting);
  const [audit] = await database.db
    .select({ rows: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'constitution.%'));
  return [calls?.rows ?? 0, drafts?.rows ?? 0, audit?.rows ?? 0];
}

const call = {
  calledBy: 'nhs-london',
  calledOn: '2008-06-03',
  reason: 'The Healthcare for London programme needs a joint committee of the 31 PCTs.',
  reference: 'NHS London letter of 3 June 2008',
};

const post = (slug: string, payload: object, headers: { authorization: string } = secretariat) =>
  app.inject({ method: 'POST', url: `/api/v1/bodies/${slug}/review-calls`, headers, payload });

describe('2008 §Review: "unless the London PCTs with NHS London or LCG itself identify an earlier need for review"', () => {
  it('refuses a caller the terms do not name, quoting the clause; nothing written', async () => {
    const before = await written();
    const refused = await post(lcg, { ...call, calledBy: 'brent-pct' });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0]).toMatchObject({ field: 'calledBy' });
    expect(refused.json().errors[0].message).toContain(
      'London PCTs, NHS London, London Commissioning Group (2008 §Review',
    );
    expect(await written()).toEqual(before);
  });

  it('refuses a call dated in the future, or without a reason', async () => {
    const before = await written();
    expect((await post(lcg, { ...call, calledOn: '2026-12-01' })).json().errors[0].field).toBe(
      'calledOn',
    );
    expect((await post(lcg, { ...call, reason: '  ' })).statusCode).toBe(400);
    expect(await written()).toEqual(before);
  });

  it('refuses a member, the public and another body’s secretariat', async () => {
    const before = await written();
    for (const role of ['member', 'public', 'areaSecretariat'] as const) {
      expect((await post(lcg, call, await bearerFor(app, role))).statusCode).toBe(403);
    }
    expect(await written()).toEqual(before);
  });

  it('refuses terms that provide no earlier review', async () => {
    const refused = await post(northCentral, call, await bearerFor(app, 'administrator'));
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0].message).toContain('These terms provide no earlier review');
  });

  it('records the call, starts the drafting of a new version, audited; the body reads as under way, not overdue', async () => {
    const [calls, drafts, audit] = await written();
    const recorded = await post(lcg, call);
    expect(recorded.statusCode).toBe(201);
    expect(recorded.json()).toMatchObject({
      calledBy: 'NHS London',
      drafting: { state: 'drafting', startedOn: '2008-06-03' },
    });
    expect(await written()).toEqual([Number(calls) + 1, Number(drafts) + 1, Number(audit) + 1]);
    const body = (await app.inject(`/api/v1/bodies/${lcg}`)).json();
    expect(body.reviewUnderWay).toBe(true);
    const page = (await app.inject(`/bodies/${lcg}`)).body;
    expect(page).toContain(
      'An earlier review was called on 3 June 2008 by NHS London: The Healthcare for London programme needs a joint committee of the 31 PCTs.',
    );
    expect(page).toContain('A new version of the terms is being drafted');
    expect(page).toContain('Review under way since 3 June 2008');
    expect(page).not.toContain('Review overdue');
  });

  it('refuses a second call while the review is under way', async () => {
    const before = await written();
    const again = await post(lcg, { ...call, calledBy: 'london-pcts' });
    expect(again.statusCode).toBe(409);
    expect(again.json().errors[0].message).toContain('already under way');
    expect(await written()).toEqual(before);
  });

  it('ends the drafting when a new version of the terms is added', async () => {
    const text = (
      await readFile(`${presetsDirectory}/london-commissioning-group-2008.yaml`, 'utf8')
    )
      .replace(/version: 2\b/, 'version: 3')
      .replace("date: '2008-01-01'", "date: '2026-11-20'")
      .replace("date: '2008-09-30'", "date: '2027-09-30'");
    const added = await app.inject({
      method: 'POST',
      url: '/api/v1/bodies',
      headers: await bearerFor(app, 'administrator'),
      payload: { constitution: text, fileName: 'lcg-2026.yaml' },
    });
    expect(added.statusCode, added.body).toBe(201);
    const [drafting] = await database.db.select().from(termsDrafting);
    expect(drafting).toMatchObject({ state: 'ended', endedOn: '2026-11-23' });
    const [event] = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'constitution.drafting-ended'));
    expect(event).toBeDefined();
  });
});

describe('the page form', () => {
  it('records a call from the LCG page as its secretariat, and re-renders with the error summary on bad input', async () => {
    const fresh = await openTestDatabase();
    const freshApp = await buildSeededTestApp(fresh);
    try {
      const { cookies } = await signInThroughForm(freshApp, 'secretariat@demo.invalid');
      const page = await freshApp.inject({ url: `/bodies/${lcg}`, headers: { cookie: cookies } });
      const csrf = csrfTokenIn(page.body);
      const form = (fields: Record<string, string>) =>
        freshApp.inject({
          method: 'POST',
          url: `/bodies/${lcg}/review-calls`,
          headers: {
            cookie: cookieHeader(page.headers['set-cookie'], cookies),
            'content-type': 'application/x-www-form-urlencoded',
          },
          payload: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
        });
      const bad = await form({
        calledBy: 'london-pcts',
        'calledOn[day]': '3',
        'calledOn[month]': '6',
        'calledOn[year]': '2008',
        reason: '',
        reference: 'LCG/08/12',
      });
      expect(bad.statusCode).toBe(400);
      expect(bad.body).toContain('There is a problem');
      expect(bad.body).toContain('href="#reason"');
      expect(bad.body).toContain('LCG/08/12');
      const good = await form({
        calledBy: 'london-pcts',
        'calledOn[day]': '3',
        'calledOn[month]': '6',
        'calledOn[year]': '2008',
        reason: 'Healthcare for London.',
        reference: 'LCG/08/12',
      });
      expect(good.statusCode).toBe(303);
      const shown = await freshApp.inject({ url: good.headers.location as string });
      expect(shown.body).toContain('An earlier review was called on 3 June 2008 by London PCTs');
    } finally {
      await freshApp.close();
      await fresh.close();
    }
  });
});
