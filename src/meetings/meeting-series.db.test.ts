import { count, eq } from 'drizzle-orm';
import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  bearerFor,
  cookieHeader,
  csrfTokenIn,
  demoEmails,
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

const lcg = 'london-commissioning-group';
const cadenceClause = '2006 §108';
const noticeClause = 'SI 2000/89 Sch 2';

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function createSeries(
  payload: Record<string, unknown>,
  headers: Record<string, string> = secretariat,
  slug = lcg,
) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${slug}/meeting-series`,
    headers,
    payload: {
      title: 'London Commissioning Group',
      time: '14:00',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-11-23',
      ...payload,
    },
  });
}

function move(meetingId: string, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/move`,
    headers: secretariat,
    payload,
  });
}

async function rowCounts() {
  const [meetingRows] = await database.db.select({ total: count() }).from(meetings);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return { meetings: meetingRows?.total, events: events?.total };
}

interface Occurrence {
  meetingId: string;
  title: string;
  startsAt: string;
  urgencyReason: string | null;
  notice: { sufficient: boolean; summary: string; clause: string };
}

describe(`${cadenceClause}: "The London Commissioning Group will meet monthly" — a series from the cadence`, () => {
  it('schedules three meetings on the second Thursday of each month, sharing one series', async () => {
    const response = await createSeries({ firstDate: '2026-12-10', occurrences: 3 });
    expect(response.statusCode).toBe(201);
    const series = response.json();
    expect(series.cadence).toMatchObject({ every: 'month', clause: cadenceClause });
    expect(series.repetition).toBe('on the second Thursday of the month, every month');
    expect(series.meetings.map((meeting: Occurrence) => [meeting.title, meeting.startsAt])).toEqual(
      [
        ['London Commissioning Group, December 2026', '2026-12-10T14:00:00.000Z'],
        ['London Commissioning Group, January 2027', '2027-01-14T14:00:00.000Z'],
        ['London Commissioning Group, February 2027', '2027-02-11T14:00:00.000Z'],
      ],
    );
    expect(
      series.meetings.every((meeting: Occurrence) => meeting.notice.clause === noticeClause),
    ).toBe(true);

    const rows = await database.db
      .select({ seriesId: meetings.seriesId })
      .from(meetings)
      .where(eq(meetings.seriesId, series.seriesId));
    expect(rows).toHaveLength(3);
    const events = await database.db
      .select({ action: auditEvents.action, entityId: auditEvents.entityId })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'meeting.scheduled'));
    for (const meeting of series.meetings as Occurrence[]) {
      expect(events.filter((event) => event.entityId === meeting.meetingId)).toHaveLength(1);
    }
  });

  it('keeps the London time when the clocks go forward: 14:00 is 13:00 UTC in April', async () => {
    const response = await createSeries({ firstDate: '2027-02-11', occurrences: 3 });
    expect(response.statusCode).toBe(201);
    expect(response.json().meetings.map((meeting: Occurrence) => meeting.startsAt)).toEqual([
      '2027-02-11T14:00:00.000Z',
      '2027-03-11T14:00:00.000Z',
      '2027-04-08T13:00:00.000Z',
    ]);
  });

  it(`${noticeClause}: "at least 3 clear days' notice" — refuses the whole series naming the short occurrence, and writes nothing`, async () => {
    const before = await rowCounts();
    // Notice on 23 November leaves 2 clear days before Thursday 26 November.
    const response = await createSeries({ firstDate: '2026-11-26', occurrences: 3 });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.code).toBe('notice-too-short');
    expect(problem.errors[0].field).toBe('noticeGivenOn');
    expect(problem.errors[0].message).toContain('Meeting 1 of 3 (26 November 2026 14:00)');
    expect(problem.errors[0].message).toContain(noticeClause);
    expect(problem.errors[0].message).toContain(
      "at least 3 clear days' notice stating the business",
    );
    expect(await rowCounts()).toEqual(before);
  });

  it('with the urgency recorded, keeps the reason on the short-notice meeting only', async () => {
    const response = await createSeries({
      firstDate: '2026-11-26',
      occurrences: 2,
      urgencyReason: 'Winter pressures plan must be agreed before December.',
    });
    expect(response.statusCode).toBe(201);
    const [first, second] = response.json().meetings as Occurrence[];
    expect(first?.notice.sufficient).toBe(false);
    expect(first?.urgencyReason).toBe('Winter pressures plan must be agreed before December.');
    expect(second?.notice.sufficient).toBe(true);
    expect(second?.urgencyReason).toBeNull();
  });

  it('refuses a series for a body that meets as required, quoting its clause', async () => {
    const administrator = await bearerFor(app, 'administrator');
    const before = await rowCounts();
    const response = await createSeries(
      { firstDate: '2027-01-14', occurrences: 3 },
      administrator,
      'joint-committee-of-pcts',
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('no-cadence');
    expect(response.json().errors[0]).toMatchObject({ field: 'occurrences' });
    expect(response.json().detail).toContain('meets as required');
    expect(response.json().detail).toContain('2008 §Accountabilities');
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses more than 24 meetings and a malformed time, naming the fields', async () => {
    const tooMany = await createSeries({ firstDate: '2027-01-14', occurrences: 25 });
    expect(tooMany.statusCode).toBe(400);
    expect(tooMany.json().errors.map((error: { field: string }) => error.field)).toEqual([
      'occurrences',
    ]);
    const badTime = await createSeries({ firstDate: '2027-01-14', occurrences: 2, time: '2pm' });
    expect(badTime.statusCode).toBe(400);
    expect(badTime.json().errors[0].field).toBe('time');
    const nul = await createSeries({
      firstDate: '2027-01-14',
      occurrences: 2,
      location: 'Room\u0000',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors[0].field).toBe('location');
  });

  it("refuses a member who is not the body's secretariat", async () => {
    const member = await bearerFor(app, 'member');
    expect(
      (await createSeries({ firstDate: '2027-01-14', occurrences: 2 }, member)).statusCode,
    ).toBe(403);
  });

  it('schedules a series through the form on its page, without JavaScript', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const page = await app.inject({
      url: `/bodies/${lcg}/meeting-series`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(cadenceClause);
    const jar = cookieHeader(page.headers['set-cookie'], cookies);
    const form = {
      _csrf: csrfTokenIn(page.body),
      title: 'Form series',
      firstDate: '2027-03-11',
      time: '10:30',
      location: 'Southside',
      occurrences: '2',
      noticeGivenOn: '2026-11-23',
    };
    const posted = await app.inject({
      method: 'POST',
      url: `/bodies/${lcg}/meeting-series`,
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(form).toString(),
    });
    expect(posted.statusCode).toBe(303);
    expect(posted.headers.location).toBe(`/bodies/${lcg}/meetings?changed=series`);
    const list = (await app.inject(`/api/v1/bodies/${lcg}/meetings`)).json();
    expect(list.items.map((item: { title: string }) => item.title)).toEqual(
      expect.arrayContaining(['Form series, March 2027', 'Form series, April 2027']),
    );

    const refused = await app.inject({
      method: 'POST',
      url: `/bodies/${lcg}/meeting-series`,
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ ...form, occurrences: '30' }).toString(),
    });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#occurrences"');
  });
});

describe('moving one meeting of a series', () => {
  let series: Occurrence[];

  beforeAll(async () => {
    const response = await createSeries({
      title: 'Move test',
      firstDate: '2027-05-13',
      occurrences: 3,
    });
    expect(response.statusCode).toBe(201);
    series = response.json().meetings;
  });

  it('moves the second meeting, keeping where it was first set and why it moved', async () => {
    const second = series[1]!;
    expect(second.startsAt).toBe('2027-06-10T13:00:00.000Z');
    const response = await move(second.meetingId, {
      startsAt: '2027-06-17T13:00:00Z',
      reason: 'The chair is at the NHS Confederation conference.',
      noticeGivenOn: '2026-11-23',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toMatchObject({
      startsAt: '2027-06-17T13:00:00.000Z',
      originallyStartsAt: '2027-06-10T13:00:00.000Z',
      movedReason: 'The chair is at the NHS Confederation conference.',
      notice: { sufficient: true, clause: noticeClause },
    });

    const report = (await app.inject(`/api/v1/meetings/${second.meetingId}`)).json();
    expect(report.meeting).toMatchObject({
      startsAt: '2027-06-17T13:00:00.000Z',
      originallyStartsAt: '2027-06-10T13:00:00.000Z',
      movedReason: 'The chair is at the NHS Confederation conference.',
    });
    const page = await app.inject(`/meetings/${second.meetingId}`);
    expect(page.body).toContain('Moved from 10 June 2027 14:00');
    expect(page.body).toContain('The chair is at the NHS Confederation conference.');

    for (const other of [series[0]!, series[2]!]) {
      const untouched = (await app.inject(`/api/v1/meetings/${other.meetingId}`)).json();
      expect(untouched.meeting.startsAt).toBe(other.startsAt);
      expect(untouched.meeting.originallyStartsAt).toBeNull();
    }
    const [event] = await database.db
      .select({ before: auditEvents.before, after: auditEvents.after })
      .from(auditEvents)
      .where(eq(auditEvents.action, 'meeting.moved'));
    expect(event?.before).toMatchObject({ startsAt: '2027-06-10T13:00:00.000Z' });
    expect(event?.after).toMatchObject({ startsAt: '2027-06-17T13:00:00.000Z' });
  });

  it('a second move keeps the first original time', async () => {
    const second = series[1]!;
    const response = await move(second.meetingId, {
      startsAt: '2027-06-24T13:00:00Z',
      reason: 'The venue is unavailable.',
      noticeGivenOn: '2026-11-23',
    });
    expect(response.statusCode).toBe(200);
    expect(response.json().originallyStartsAt).toBe('2027-06-10T13:00:00.000Z');
  });

  it('the calendar feed shows the new time as a revision of the same event (SEQUENCE)', async () => {
    const feed = await app.inject(`/bodies/${lcg}/meetings.ics`);
    const calendar = new ICAL.Component(ICAL.parse(feed.body));
    const events = calendar.getAllSubcomponents('vevent');
    const moved = events.find(
      (component) => component.getFirstPropertyValue('uid') === `${series[1]!.meetingId}@concordat`,
    );
    const unmoved = events.find(
      (component) => component.getFirstPropertyValue('uid') === `${series[0]!.meetingId}@concordat`,
    );
    expect(new ICAL.Event(moved).startDate.toJSDate().toISOString()).toBe(
      '2027-06-24T13:00:00.000Z',
    );
    expect(moved?.getFirstPropertyValue('sequence')).toBe(2);
    expect(String(moved?.getFirstPropertyValue('description'))).toContain(
      'Moved from 10 June 2027 14:00',
    );
    expect(unmoved?.getFirstPropertyValue('sequence')).toBe(0);
  });

  it(`${noticeClause}: refuses a move at short notice without the urgency, and changes nothing`, async () => {
    const third = series[2]!;
    const before = await rowCounts();
    const response = await move(third.meetingId, {
      startsAt: '2026-11-25T14:00:00Z',
      reason: 'Brought forward.',
      noticeGivenOn: '2026-11-23',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('notice-too-short');
    expect(response.json().errors[0].message).toContain(noticeClause);
    expect(await rowCounts()).toEqual(before);
    const report = (await app.inject(`/api/v1/meetings/${third.meetingId}`)).json();
    expect(report.meeting.startsAt).toBe(third.startsAt);

    const urgent = await move(third.meetingId, {
      startsAt: '2026-11-25T14:00:00Z',
      reason: 'Brought forward.',
      noticeGivenOn: '2026-11-23',
      urgencyReason: 'Contract award deadline.',
    });
    expect(urgent.statusCode).toBe(200);
    expect(urgent.json().urgencyReason).toBe('Contract award deadline.');
  });

  it('needs a reason, naming the field', async () => {
    const response = await move(series[0]!.meetingId, {
      startsAt: '2027-05-20T13:00:00Z',
      reason: '   ',
      noticeGivenOn: '2026-11-23',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('reason');
    // PostgreSQL text cannot hold NUL: refused by name, not failed as a 500.
    const nul = await move(series[0]!.meetingId, {
      startsAt: '2027-05-20T13:00:00Z',
      reason: 'Room\u0000',
      noticeGivenOn: '2026-11-23',
    });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().errors).toEqual([
      { field: 'reason', message: expect.stringContaining('NUL') },
    ]);
  });

  it('refuses to move a held or cancelled meeting', async () => {
    const first = series[0]!;
    for (const status of ['held', 'cancelled']) {
      await database.db
        .update(meetings)
        .set({ status, cancelledReason: status === 'cancelled' ? 'Venue unavailable.' : null })
        .where(eq(meetings.id, first.meetingId));
      const response = await move(first.meetingId, {
        startsAt: '2027-05-20T13:00:00Z',
        reason: 'Too late.',
        noticeGivenOn: '2026-11-23',
      });
      expect(response.statusCode).toBe(409);
      expect(response.json().code).toBe('meeting-not-movable');
      expect(response.json().detail).toContain(status === 'held' ? 'has been held' : 'cancelled');
    }
  });

  it('moves a meeting through the form on its page, in London time', async () => {
    const { cookies } = await signInThroughForm(app, demoEmails.secretariat);
    const third = series[2]!;
    const page = await app.inject({
      url: `/meetings/${third.meetingId}/move`,
      headers: { cookie: cookies },
    });
    expect(page.statusCode).toBe(200);
    const jar = cookieHeader(page.headers['set-cookie'], cookies);
    const posted = await app.inject({
      method: 'POST',
      url: `/meetings/${third.meetingId}/move`,
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        date: '2027-07-15',
        time: '09:30',
        reason: 'Moved to the morning.',
        noticeGivenOn: '2026-11-23',
      }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    const report = (await app.inject(`/api/v1/meetings/${third.meetingId}`)).json();
    expect(report.meeting.startsAt).toBe('2027-07-15T08:30:00.000Z');

    const missingReason = await app.inject({
      method: 'POST',
      url: `/meetings/${third.meetingId}/move`,
      headers: { cookie: jar, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        _csrf: csrfTokenIn(page.body),
        date: '2027-07-22',
        time: '09:30',
        reason: '',
        noticeGivenOn: '2026-11-23',
      }).toString(),
    });
    expect(missingReason.statusCode).toBe(400);
    expect(missingReason.body).toContain('href="#reason"');
  });
});
