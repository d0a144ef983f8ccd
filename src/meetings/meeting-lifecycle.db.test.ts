import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  signInThroughForm,
} from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { meetings } from '../db/schema/meetings.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };

const lcg = 'london-commissioning-group';
// The test clock is 23 November 2026 10:00; a meeting at 14:00 that day has not started.
const past = { startsAt: '2026-11-12T14:00:00Z', noticeGivenOn: '2026-11-02' };
const laterToday = { startsAt: '2026-11-23T14:00:00Z', noticeGivenOn: '2026-11-16' };

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

async function schedule(
  title: string,
  when: { startsAt: string; noticeGivenOn: string },
): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: { title, location: 'Southside, 105 Victoria Street', ...when },
  });
  expect(response.statusCode).toBe(201);
  return response.json().meetingId;
}

function recordHeld(meetingId: string, headers = secretariat) {
  return app.inject({ method: 'POST', url: `/api/v1/meetings/${meetingId}/held`, headers });
}

function cancel(meetingId: string, payload: Record<string, unknown>, headers = secretariat) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/cancellation`,
    headers,
    payload,
  });
}

async function stateOf(meetingId: string) {
  const [row] = await database.db
    .select({ status: meetings.status, cancelledReason: meetings.cancelledReason })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  const [events] = await database.db
    .select({ total: count() })
    .from(auditEvents)
    .where(eq(auditEvents.entityId, meetingId));
  return { ...row, events: events?.total };
}

async function lifecycleEvent(meetingId: string, action: string) {
  const [event] = await database.db
    .select({ before: auditEvents.before, after: auditEvents.after })
    .from(auditEvents)
    .where(and(eq(auditEvents.entityId, meetingId), eq(auditEvents.action, action)));
  return event;
}

describe('recording that a meeting was held', () => {
  it('is refused (409) before the meeting starts, writing nothing', async () => {
    const meetingId = await schedule('Not yet started', laterToday);
    const before = await stateOf(meetingId);
    const response = await recordHeld(meetingId);
    expect(response.statusCode).toBe(409);
    expect(response.json()).toMatchObject({ code: 'meeting-not-started' });
    expect(response.json().detail).toContain('23 November 2026 14:00');
    expect(await stateOf(meetingId)).toEqual(before);
  });

  it('records a started meeting as held once, audited with the engine’s quorum; then it cannot be cancelled', async () => {
    const meetingId = await schedule('Held in November', past);
    const response = await recordHeld(meetingId);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({ meetingId, status: 'held' });
    // No attendance was taken, so the engine says it was inquorate, and the record keeps that.
    expect(response.json().quorum).toContain('2008 §Quorum');
    expect(await stateOf(meetingId)).toMatchObject({ status: 'held', cancelledReason: null });
    const event = await lifecycleEvent(meetingId, 'meeting.held');
    expect(event?.before).toEqual({ status: 'scheduled' });
    expect(event?.after).toMatchObject({ status: 'held', quorate: false });

    const afterHeld = await stateOf(meetingId);
    const again = await recordHeld(meetingId);
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'meeting-already-held' });
    const cancelHeld = await cancel(meetingId, { reason: 'Too late' });
    expect(cancelHeld.statusCode).toBe(409);
    expect(cancelHeld.json()).toMatchObject({ code: 'meeting-held' });
    expect(cancelHeld.json().errors[0].field).toBe('reason');
    expect(await stateOf(meetingId)).toEqual(afterHeld);
  });

  it('is refused to anyone but the secretariat or an administrator (403), writing nothing', async () => {
    const meetingId = await schedule('Members cannot close it', past);
    const before = await stateOf(meetingId);
    expect((await recordHeld(meetingId, member)).statusCode).toBe(403);
    expect((await cancel(meetingId, { reason: 'Because' }, member)).statusCode).toBe(403);
    expect((await recordHeld('01900000-0000-7000-8000-000000000000')).statusCode).toBe(404);
    expect(await stateOf(meetingId)).toEqual(before);
  });
});

describe('cancelling a meeting', () => {
  it('needs a reason naming the field, writing nothing without one', async () => {
    const meetingId = await schedule('Needs a reason', laterToday);
    const before = await stateOf(meetingId);
    for (const payload of [{}, { reason: '   ' }, { reason: 'x'.repeat(1001) }]) {
      const response = await cancel(meetingId, payload);
      expect(response.statusCode).toBe(400);
      expect(response.json().errors[0].field).toBe('reason');
    }
    expect(await stateOf(meetingId)).toEqual(before);
  });

  it('keeps the reason, audits it, and shows it on the list and in the calendar feed; then it cannot be held or cancelled again', async () => {
    const meetingId = await schedule('Called off', past);
    const reason = 'The Chair is called to the Department of Health on the day.';
    const response = await cancel(meetingId, { reason: `  ${reason} ` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ meetingId, status: 'cancelled', reason });
    expect(await stateOf(meetingId)).toMatchObject({
      status: 'cancelled',
      cancelledReason: reason,
    });
    const event = await lifecycleEvent(meetingId, 'meeting.cancelled');
    expect(event?.before).toEqual({ status: 'scheduled' });
    expect(event?.after).toMatchObject({ status: 'cancelled', reason });

    const list = (await app.inject(`/api/v1/bodies/${lcg}/meetings`)).json();
    expect(list.items.find((item: { id: string }) => item.id === meetingId)).toMatchObject({
      status: 'cancelled',
      cancelledReason: reason,
    });
    const feed = (await app.inject(`/bodies/${lcg}/meetings.ics`)).body.replaceAll('\r\n ', '');
    const event0 = feed.split('BEGIN:VEVENT').find((block) => block.includes(meetingId));
    expect(event0).toContain('STATUS:CANCELLED');
    expect(event0).toContain('Cancelled: The Chair is called to the Department of Health');
    const other = feed
      .split('BEGIN:VEVENT')
      .find((block) => !block.includes(meetingId) && block.includes('UID:'));
    expect(other).toContain('STATUS:CONFIRMED');

    const afterCancel = await stateOf(meetingId);
    const again = await cancel(meetingId, { reason: 'Twice' });
    expect(again.statusCode).toBe(409);
    expect(again.json()).toMatchObject({ code: 'meeting-already-cancelled' });
    const held = await recordHeld(meetingId);
    expect(held.statusCode).toBe(409);
    expect(held.json()).toMatchObject({ code: 'meeting-cancelled' });
    expect(await stateOf(meetingId)).toEqual(afterCancel);
  });

  it('closes apologies, and the minutes sequence skips the cancelled meeting', async () => {
    const first = await schedule('Sequence one', {
      startsAt: '2027-01-14T14:00:00Z',
      noticeGivenOn: '2026-11-23',
    });
    const skipped = await schedule('Sequence skipped', {
      startsAt: '2027-02-11T14:00:00Z',
      noticeGivenOn: '2026-11-23',
    });
    const next = await schedule('Sequence next', {
      startsAt: '2027-03-11T14:00:00Z',
      noticeGivenOn: '2026-11-23',
    });
    const addMinutes = () =>
      app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${next}/minutes-for-approval`,
        headers: secretariat,
        payload: { minutesOfMeetingId: first },
      });
    // While the February meeting stands, it is the one before March.
    expect((await addMinutes()).statusCode).toBe(400);
    expect((await cancel(skipped, { reason: 'No business' })).statusCode).toBe(200);
    expect((await addMinutes()).statusCode).toBe(201);

    const apologies = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${skipped}/apologies`,
      headers: member,
    });
    expect(apologies.statusCode).toBe(409);
    expect(apologies.json().detail).toContain('cancelled');
  });
});

describe('the meeting page', () => {
  it('offers the secretariat the held button only once the meeting has started, and the cancel form with its error', async () => {
    const notStarted = await schedule('Page: later today', laterToday);
    const started = await schedule('Page: started', past);
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const laterPage = await app.inject({
      url: `/meetings/${notStarted}`,
      headers: { cookie: cookies },
    });
    expect(laterPage.body).toContain('Cancel the meeting');
    expect(laterPage.body).not.toContain('Record that the meeting was held');
    expect(laterPage.body).toContain('once it has started (23 November 2026 14:00)');

    const page = await app.inject({ url: `/meetings/${started}`, headers: { cookie: cookies } });
    expect(page.body).toContain('Record that the meeting was held');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const post = (url: string, fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body), ...fields }).toString(),
      });

    const blank = await post(`/meetings/${notStarted}/cancellation`, { reason: ' ' });
    expect(blank.statusCode).toBe(400);
    expect(blank.body).toContain('href="#reason"');
    expect(blank.body).toContain('<details class="nhsuk-details" open>');
    expect((await stateOf(notStarted)).status).toBe('scheduled');

    const early = await post(`/meetings/${notStarted}/held`, {});
    expect(early.statusCode).toBe(409);
    expect(early.body).toContain('href="#status"');
    expect(early.body).toContain('id="status"');

    const cancelled = await post(`/meetings/${notStarted}/cancellation`, {
      reason: 'Venue flooded <b>badly</b>',
    });
    expect(cancelled.statusCode).toBe(303);
    expect(cancelled.headers.location).toBe(`/meetings/${notStarted}?changed=cancelled`);
    const held = await post(`/meetings/${started}/held`, {});
    expect(held.statusCode).toBe(303);
    expect(held.headers.location).toBe(`/meetings/${started}?changed=held`);

    // Everyone sees the outcome; the reason is text, never markup.
    const publicPage = (await app.inject(`/meetings/${notStarted}`)).body;
    expect(publicPage).toContain('This meeting was cancelled');
    expect(publicPage).toContain('Venue flooded &lt;b&gt;badly&lt;/b&gt;');
    expect(publicPage).not.toContain('<b>badly</b>');
    expect(publicPage).not.toContain('Cancel the meeting');
    const heldPage = (
      await app.inject({ url: `/meetings/${started}?changed=held`, headers: { cookie: cookies } })
    ).body;
    expect(heldPage).toContain('The meeting is recorded as held.');
    expect(heldPage).not.toContain('Record that the meeting was held');
    expect(heldPage).not.toContain('Cancel the meeting');
    const listPage = (await app.inject(`/bodies/${lcg}/meetings`)).body;
    const row = (id: string) =>
      listPage.split('<tr class="nhsuk-table__row">').find((block) => block.includes(id)) ?? '';
    expect(row(notStarted)).toContain('Cancelled');
    expect(row(notStarted)).toContain('Venue flooded');
    expect(row(started)).toContain('Held');
  });

  it('records nothing from a form signed in as a member (403)', async () => {
    const meetingId = await schedule('Page: member', past);
    const { cookies } = await signInThroughForm(app, 'member@demo.invalid');
    const page = await app.inject({ url: `/meetings/${meetingId}`, headers: { cookie: cookies } });
    expect(page.body).not.toContain('Record that the meeting was held');
    const withCsrf = cookieHeader(page.headers['set-cookie'], cookies);
    const response = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/held`,
      headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body) }).toString(),
    });
    expect(response.statusCode).toBe(403);
    expect((await stateOf(meetingId)).status).toBe('scheduled');
  });
});
