import { count, eq } from 'drizzle-orm';
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
import { attendanceRecords, meetings } from '../db/schema/meetings.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let administrator: { authorization: string };

const lcg = 'london-commissioning-group';
const quorumClause = '2008 §Quorum';
const noticeClause = 'SI 2000/89 Sch 2';

interface Member {
  seatHoldingId: string;
  memberName: string;
  office: string | null;
  sector: string | null;
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
  administrator = await bearerFor(app, 'administrator');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

function schedule(payload: Record<string, unknown>, headers = secretariat) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers,
    payload,
  });
}

async function scheduledMeeting(title: string): Promise<string> {
  const response = await schedule({
    title,
    startsAt: '2026-12-10T14:00:00Z',
    location: 'Southside, 105 Victoria Street',
    noticeGivenOn: '2026-12-01',
  });
  expect(response.statusCode).toBe(201);
  return response.json().meetingId;
}

async function meetingReport(meetingId: string, headers: Record<string, string> = {}) {
  const response = await app.inject({ url: `/api/v1/meetings/${meetingId}`, headers });
  expect(response.statusCode).toBe(200);
  return response.json();
}

function attend(meetingId: string, seatHoldingId: string, payload: Record<string, unknown>) {
  return app.inject({
    method: 'PUT',
    url: `/api/v1/meetings/${meetingId}/attendance/${seatHoldingId}`,
    headers: secretariat,
    payload,
  });
}

async function addItem(meetingId: string, payload: Record<string, unknown>) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/agenda-items`,
    headers: secretariat,
    payload,
  });
}

async function rowCounts() {
  const [records] = await database.db.select({ total: count() }).from(attendanceRecords);
  const [meetingRows] = await database.db.select({ total: count() }).from(meetings);
  const [events] = await database.db.select({ total: count() }).from(auditEvents);
  return { records: records?.total, meetings: meetingRows?.total, events: events?.total };
}

describe('scheduling a 2008 London Commissioning Group meeting', () => {
  it(`${noticeClause}: "at least 3 clear days' notice" — 8 clear days is enough`, async () => {
    const response = await schedule({
      title: 'December meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside, 105 Victoria Street',
      noticeGivenOn: '2026-12-01',
    });
    expect(response.statusCode).toBe(201);
    expect(response.json().notice).toMatchObject({ sufficient: true, clause: noticeClause });
    expect(response.json().urgencyReason).toBeNull();
    const list = (await app.inject(`/api/v1/bodies/${lcg}/meetings`)).json();
    expect(list.items.map((item: { title: string }) => item.title)).toContain('December meeting');
    const [event] = await database.db
      .select({ action: auditEvents.action })
      .from(auditEvents)
      .where(eq(auditEvents.entityId, response.json().meetingId));
    expect(event?.action).toBe('meeting.scheduled');
  });

  it('refuses short notice naming noticeGivenOn and the clause, and writes nothing', async () => {
    const before = await rowCounts();
    const response = await schedule({
      title: 'Short-notice meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside',
      noticeGivenOn: '2026-12-08',
    });
    expect(response.statusCode).toBe(400);
    const problem = response.json();
    expect(problem.errors[0].field).toBe('noticeGivenOn');
    expect(problem.errors[0].message).toContain('Notice too short: 1 clear days given, 3 required');
    expect(problem.errors[0].message).toContain(noticeClause);
    expect(await rowCounts()).toEqual(before);
  });

  it('refuses text PostgreSQL cannot store (a NUL character) with 400, not 500, and writes nothing', async () => {
    const before = await rowCounts();
    const response = await schedule({
      title: 'December\u0000meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside',
      noticeGivenOn: '2026-12-01',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().code).toBe('invalid-character');
    expect(await rowCounts()).toEqual(before);
  });

  it('accepts short notice when the urgency is recorded, and keeps the reason', async () => {
    const urgencyReason = 'The acute trust’s financial recovery plan must be agreed this week.';
    const response = await schedule({
      title: 'Extraordinary meeting',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside',
      noticeGivenOn: '2026-12-08',
      urgencyReason,
    });
    expect(response.statusCode).toBe(201);
    expect(response.json()).toMatchObject({ urgencyReason, notice: { sufficient: false } });
    const report = await meetingReport(response.json().meetingId);
    expect(report.meeting.urgencyReason).toBe(urgencyReason);
  });

  it('refuses anyone who is not the secretariat or an administrator', async () => {
    const member = await bearerFor(app, 'member');
    const response = await schedule(
      { title: 'x', startsAt: '2026-12-10T14:00:00Z', location: 'x', noticeGivenOn: '2026-12-01' },
      member,
    );
    expect(response.statusCode).toBe(403);
  });
});

describe('live quorum', () => {
  let meetingId: string;
  let members: Member[];
  let itemId: string;

  beforeAll(async () => {
    meetingId = await scheduledMeeting('Quorum meeting');
    members = (await meetingReport(meetingId)).attendance;
    const item = await addItem(meetingId, {
      title: 'Award of the South East diagnostics contract',
      purpose: 'decision',
    });
    expect(item.statusCode).toBe(201);
    itemId = item.json().agendaItemId;
  });

  const chiefExecutivesFrom = (sector: string) =>
    members.filter((member) => member.sector === sector);

  it(`${quorumClause}: "minimum of 8 London PCT Chief Executives (with an individual from each sector) in addition to the Chair" — chair and 8 from 4 sectors is inquorate, naming South East`, async () => {
    expect(members).toHaveLength(11);
    const chair = members.find((member) => member.office === 'chair');
    const fourSectors = members.filter(
      (member) => member.sector !== null && member.sector !== 'south-east',
    );
    expect(fourSectors).toHaveLength(8);
    for (const member of [chair!, ...fourSectors]) {
      expect(
        (await attend(meetingId, member.seatHoldingId, { status: 'present' })).statusCode,
      ).toBe(200);
    }
    const [firstSouthEast] = chiefExecutivesFrom('south-east');
    expect(
      (await attend(meetingId, firstSouthEast!.seatHoldingId, { status: 'apologies' })).statusCode,
    ).toBe(200);
    const report = await meetingReport(meetingId);
    expect(report.quorum.quorate).toBe(false);
    expect(report.quorum.clause).toBe(quorumClause);
    expect(report.quorum.summary).toContain('South East');
    expect(report.quorum.missing.join(' ')).toContain('South East');
  });

  it('a South East chief executive present makes it quorate; attendance is one row per member', async () => {
    const [southEast] = chiefExecutivesFrom('south-east');
    const response = await attend(meetingId, southEast!.seatHoldingId, { status: 'present' });
    expect(response.statusCode).toBe(200);
    const report = await meetingReport(meetingId);
    expect(report.quorum.quorate).toBe(true);
    const rows = await database.db
      .select({ total: count() })
      .from(attendanceRecords)
      .where(eq(attendanceRecords.seatHoldingId, southEast!.seatHoldingId));
    expect(rows[0]?.total).toBe(1);
  });

  it('a financial interest declared by the only South East member present makes that item inquorate while the meeting stays quorate', async () => {
    const [southEast] = chiefExecutivesFrom('south-east');
    const response = await app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/declarations`,
      headers: secretariat,
      payload: {
        agendaItemId: itemId,
        seatHoldingId: southEast!.seatHoldingId,
        kind: 'financial',
        interest: 'Spouse is a director of a bidder',
      },
    });
    expect(response.statusCode).toBe(201);
    const report = await meetingReport(meetingId);
    expect(report.quorum.quorate).toBe(true);
    const item = report.agenda.find((candidate: { id: string }) => candidate.id === itemId);
    expect(item.quorumDiffers).toBe(true);
    expect(item.quorum.quorate).toBe(false);
    expect(item.quorum.summary).toContain('South East');
    expect(item.declarations[0]).toMatchObject({
      kind: 'financial',
      memberName: southEast!.memberName,
    });
  });

  it('a deputy needs a name', async () => {
    const [member] = chiefExecutivesFrom('north-west');
    const response = await attend(meetingId, member!.seatHoldingId, { status: 'deputy' });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('deputyName');
  });

  it('refuses attendance for someone not on the body, naming seatHoldingId, and writes nothing', async () => {
    const before = await rowCounts();
    const response = await attend(meetingId, '01890000-0000-7000-8000-000000000000', {
      status: 'present',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('seatHoldingId');
    expect(response.json().errors[0].message).toContain(
      'is not a member of London Commissioning Group on 2026-12-10',
    );
    expect(await rowCounts()).toEqual(before);
  });
});

describe('Part II items', () => {
  let meetingId: string;

  beforeAll(async () => {
    meetingId = await scheduledMeeting('Meeting with confidential business');
    await addItem(meetingId, { title: 'Minutes of the last meeting', purpose: 'decision' });
  });

  it('refuses a Part II item without the resolution’s reason, naming confidentialityReason', async () => {
    const response = await addItem(meetingId, {
      title: 'Contract negotiation',
      purpose: 'decision',
      isConfidential: true,
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].field).toBe('confidentialityReason');
  });

  it('hides a Part II item from the public and shows it to the secretariat and administrators', async () => {
    const added = await addItem(meetingId, {
      title: 'Contract negotiation with Provider X',
      purpose: 'decision',
      isConfidential: true,
      confidentialityReason: 'Commercially sensitive negotiations in progress',
    });
    expect(added.statusCode).toBe(201);
    expect(added.json().position).toBe(2);

    const publicView = await meetingReport(meetingId);
    expect(publicView.agenda.map((item: { title: string }) => item.title)).toEqual([
      'Minutes of the last meeting',
    ]);
    expect(publicView.hiddenConfidentialCount).toBe(1);
    const publicPage = await app.inject(`/meetings/${meetingId}`);
    expect(publicPage.statusCode).toBe(200);
    expect(publicPage.body).toContain('1 confidential item');
    expect(publicPage.body).not.toContain('Provider X');

    for (const headers of [secretariat, administrator]) {
      const view = await meetingReport(meetingId, headers);
      expect(view.agenda.map((item: { title: string }) => item.title)).toContain(
        'Contract negotiation with Provider X',
      );
      expect(view.hiddenConfidentialCount).toBe(0);
    }
  });
});

describe('the meeting pages', () => {
  it('the secretariat schedules a meeting, takes attendance and sees the quorum panel', async () => {
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const listPage = await app.inject({
      url: `/bodies/${lcg}/meetings`,
      headers: { cookie: cookies },
    });
    expect(listPage.statusCode).toBe(200);
    expect(listPage.body).toContain('Schedule a meeting');
    const withCsrf = cookieHeader(listPage.headers['set-cookie'], cookies);
    const post = (url: string, fields: Record<string, string>) =>
      app.inject({
        method: 'POST',
        url,
        headers: { cookie: withCsrf, 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ _csrf: csrfTokenIn(listPage.body), ...fields }).toString(),
      });
    const fields = {
      title: 'January meeting',
      date: '2027-01-14',
      time: '14:00',
      location: 'Southside',
      noticeGivenOn: '2027-01-12',
      urgencyReason: '',
    };

    const refused = await post(`/bodies/${lcg}/meetings`, fields);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('There is a problem');
    expect(refused.body).toContain('href="#noticeGivenOn"');
    expect(refused.body).toContain('Notice too short');

    const scheduled = await post(`/bodies/${lcg}/meetings`, {
      ...fields,
      noticeGivenOn: '2027-01-04',
    });
    expect(scheduled.statusCode).toBe(303);
    const meetingUrl = scheduled.headers.location!.split('?')[0]!;
    const meetingPage = await app.inject({ url: meetingUrl, headers: { cookie: withCsrf } });
    expect(meetingPage.statusCode).toBe(200);
    expect(meetingPage.body).toContain(
      '<strong class="nhsuk-tag nhsuk-tag--red">Inquorate</strong>',
    );
    expect(meetingPage.body).toContain(quorumClause);

    const report = await meetingReport(meetingUrl.split('/').at(-1)!);
    const [member] = report.attendance as Member[];
    const recorded = await post(`${meetingUrl}/attendance/${member!.seatHoldingId}`, {
      status: 'deputy',
      deputyName: '',
    });
    expect(recorded.statusCode).toBe(400);
    expect(recorded.body).toContain(`href="#deputyName-${member!.seatHoldingId}"`);
    const saved = await post(`${meetingUrl}/attendance/${member!.seatHoldingId}`, {
      status: 'present',
    });
    expect(saved.statusCode).toBe(303);
    const after = await meetingReport(meetingUrl.split('/').at(-1)!);
    expect(after.attendance[0].status).toBe('present');
  });

  it('refuses a form post without the CSRF token', async () => {
    const { cookies } = await signInThroughForm(app, 'secretariat@demo.invalid');
    const response = await app.inject({
      method: 'POST',
      url: `/bodies/${lcg}/meetings`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'title=x',
    });
    expect(response.statusCode).toBe(403);
  });
});
