import { count, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { jointReviews } from '../db/schema/joint-reviews.ts';
import type { App } from '../http/app-types.ts';
import { hasPostgresErrorCode } from '../shared/problems.ts';

// The test clock is 2026-11-23 (fixedNow); the 2008 London terms are in force, with the 2006
// dispute procedure carried over (its service-development ladder opens with 2006 §112).
const lcg = 'london-commissioning-group';
const section112 =
  'Groups will decide in advance of considering a specific piece of joint work around service development or service reconfiguration a process for decision making and how they intend to deal with a failure to agree.';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  member = await bearerFor(app, 'member');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function auditCount(): Promise<number> {
  const [row] = await database.db
    .select({ events: count() })
    .from(auditEvents)
    .where(like(auditEvents.action, 'joint-review.%'));
  return row?.events ?? 0;
}

const post = (url: string, payload: unknown, headers = secretariat) =>
  app.inject({ method: 'POST', url: `/api/v1${url}`, headers, payload: payload as object });

describe('2006 §112: "Groups will decide in advance of considering a specific piece of joint work … a process for decision making and how they intend to deal with a failure to agree"', () => {
  let reviewId: string;

  it('records a proposed service-development review, audited, under a category of the terms in force', async () => {
    const before = await auditCount();
    const created = await post(`/bodies/${lcg}/joint-reviews`, {
      title: 'Cardiology services review',
      category: 'service-development',
    });
    expect(created.statusCode).toBe(201);
    reviewId = created.json().reviewId;
    const review = (await app.inject(`/api/v1/joint-reviews/${reviewId}`)).json();
    expect(review).toMatchObject({
      stage: 'proposed',
      category: { id: 'service-development', title: 'Service development' },
      rule: { clause: '2006 §112', text: section112, agreedBy: 'London Commissioning Group' },
    });
    expect(await auditCount()).toBe(before + 1);
  });

  it('refuses a category that is not joint work (collective procurement), naming the field', async () => {
    const refused = await post(`/bodies/${lcg}/joint-reviews`, {
      title: 'Pathology procurement',
      category: 'collective-procurement',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors[0].field).toBe('category');
    expect(refused.json().errors[0].message).toContain('Service development');
  });

  it('refuses to start the review before its process is recorded and agreed, quoting the clause; nothing changes', async () => {
    const before = await auditCount();
    const refused = await post(`/joint-reviews/${reviewId}/start`, { startedOn: '2026-09-02' });
    expect(refused.statusCode).toBe(409);
    expect(refused.json().errors[0]).toMatchObject({ field: 'startedOn' });
    expect(refused.json().detail).toContain('2006 §112');
    expect(refused.json().detail).toContain(section112);
    const [row] = await database.db
      .select()
      .from(jointReviews)
      .where(eq(jointReviews.id, reviewId));
    expect(row?.startedOn).toBeNull();
    expect(await auditCount()).toBe(before);
  });

  it('refuses agreement until both halves of the process are recorded', async () => {
    const refused = await post(`/joint-reviews/${reviewId}/agreement`, {
      agreedOn: '2026-09-01',
      agreedMinuteReference: 'LCG/26/41',
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'decisionProcess',
      'failureToAgree',
    ]);
  });

  it('records the process, its agreement, the start (not before the agreement) and the end', async () => {
    const process = await post(`/joint-reviews/${reviewId}/process`, {
      decisionProcess: 'Recommendations by consensus of the sponsoring PCTs at the group.',
      failureToAgree:
        'Mediation by the chair; at the end of the review, facilitation by NHS London.',
    });
    expect(process.statusCode).toBe(200);
    const agreed = await post(`/joint-reviews/${reviewId}/agreement`, {
      agreedOn: '2026-09-01',
      agreedMinuteReference: 'LCG/26/41',
    });
    expect(agreed.statusCode).toBe(200);
    expect(agreed.json().stage).toBe('agreed');

    const revised = await post(`/joint-reviews/${reviewId}/process`, {
      decisionProcess: 'Something else',
      failureToAgree: 'Something else',
    });
    expect(revised.statusCode).toBe(409);

    const tooEarly = await post(`/joint-reviews/${reviewId}/start`, { startedOn: '2026-08-31' });
    expect(tooEarly.statusCode).toBe(400);
    expect(tooEarly.json().errors[0].message).toContain('agreed on 2026-09-01');

    const started = await post(`/joint-reviews/${reviewId}/start`, { startedOn: '2026-09-02' });
    expect(started.statusCode).toBe(200);
    expect(started.json().stage).toBe('started');

    const endsBeforeStart = await post(`/joint-reviews/${reviewId}/end`, { endedOn: '2026-09-01' });
    expect(endsBeforeStart.statusCode).toBe(400);
    const future = await post(`/joint-reviews/${reviewId}/end`, { endedOn: '2026-12-01' });
    expect(future.statusCode).toBe(400);
    const ended = await post(`/joint-reviews/${reviewId}/end`, { endedOn: '2026-11-01' });
    expect(ended.statusCode).toBe(200);
    expect(ended.json()).toMatchObject({ stage: 'ended', endedOn: '2026-11-01' });
  });

  it('is backed by the database: a review cannot be marked started without an agreement', async () => {
    const created = await post(`/bodies/${lcg}/joint-reviews`, {
      title: 'Stroke reconfiguration',
      category: 'major-service-reconfiguration',
    });
    const id = created.json().reviewId as string;
    const error = await database.db
      .update(jointReviews)
      .set({ startedOn: '2026-10-01' })
      .where(eq(jointReviews.id, id))
      .then(
        () => undefined,
        (caught: unknown) => caught,
      );
    expect(hasPostgresErrorCode(error, '23514')).toBe(true);
  });

  it('lets only the secretariat (or an administrator) record reviews; anyone may read them', async () => {
    const refused = await post(
      `/bodies/${lcg}/joint-reviews`,
      { title: 'A member’s review', category: 'service-development' },
      member,
    );
    expect(refused.statusCode).toBe(403);
    const list = await app.inject(`/api/v1/bodies/${lcg}/joint-reviews`);
    expect(list.statusCode).toBe(200);
    expect(list.json().items.map((item: { title: string }) => item.title)).toEqual([
      'Cardiology services review',
      'Stroke reconfiguration',
    ]);
    expect(list.json().mayManage).toBe(false);
  });
});
