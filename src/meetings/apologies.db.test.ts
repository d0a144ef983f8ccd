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
import { accounts } from '../db/schema/identity.ts';
import { attendanceRecords, meetings } from '../db/schema/meetings.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };
let member: { authorization: string };

const lcg = 'london-commissioning-group';

interface Member {
  seatHoldingId: string;
  memberName: string;
  organisation: string | null;
  status: string | null;
}

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

async function schedule(startsAt = '2026-12-10T14:00:00Z', noticeGivenOn = '2026-11-23') {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group',
      startsAt,
      location: 'Southside',
      noticeGivenOn,
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().meetingId as string;
}

async function attendance(meetingId: string): Promise<Member[]> {
  return (await app.inject(`/api/v1/meetings/${meetingId}`)).json().attendance;
}

function sendApologies(meetingId: string, headers: Record<string, string>, payload?: object) {
  return app.inject({
    method: 'POST',
    url: `/api/v1/meetings/${meetingId}/apologies`,
    headers,
    ...(payload && { payload }),
  });
}

async function counts() {
  const [records] = await database.db.select({ n: count() }).from(attendanceRecords);
  const [audits] = await database.db.select({ n: count() }).from(auditEvents);
  return { records: records!.n, audits: audits!.n };
}

describe('a member sends their own apologies', () => {
  it("records apologies for the Brent chief executive's own seat, audited as their account, and the live quorum counts it", async () => {
    const meetingId = await schedule();
    const brent = (await attendance(meetingId)).find(
      (row) => row.organisation === 'Brent Teaching PCT',
    )!;
    const response = await sendApologies(meetingId, member);
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({
      meetingId,
      seats: [{ seatHoldingId: brent.seatHoldingId, status: 'apologies' }],
    });
    const report = (await app.inject(`/api/v1/meetings/${meetingId}`)).json();
    expect(
      report.attendance.find((row: Member) => row.seatHoldingId === brent.seatHoldingId).status,
    ).toBe('apologies');
    expect(report.quorum.lines.join(' ')).toContain(`Apologies: ${brent.memberName}`);
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.entityId, meetingId),
          eq(auditEvents.action, 'meeting.attendance-recorded'),
        ),
      );
    expect(audit?.actor).toContain('member@demo.invalid');
    expect(audit?.after).toMatchObject({ member: brent.memberName, status: 'apologies' });
  });

  it("refuses apologies for another member's seat, for someone with no seat, and for an account linked to no person (403), writing nothing", async () => {
    const meetingId = await schedule();
    const ealing = (await attendance(meetingId)).find((row) => row.organisation === 'Ealing PCT')!;
    // The public demo account is linked here to a person in the registry who sits on no body.
    const person = await app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: secretariat,
      payload: { name: 'Nora Nonmember' },
    });
    await database.db
      .update(accounts)
      .set({ personId: person.json().id })
      .where(eq(accounts.email, 'public@demo.invalid'));
    const publicUser = await bearerFor(app, 'public');
    const administrator = await bearerFor(app, 'administrator');
    const before = await counts();

    const forAnother = await sendApologies(meetingId, member, {
      seatHoldingId: ealing.seatHoldingId,
    });
    expect(forAnother.statusCode).toBe(403);
    expect(forAnother.json().detail).toContain('only for your own seat');

    const notAMember = await sendApologies(meetingId, publicUser);
    expect(notAMember.statusCode).toBe(403);
    expect(notAMember.json().detail).toContain(
      'Demo Public User does not hold a seat on London Commissioning Group on 2026-12-10',
    );

    const noPerson = await sendApologies(meetingId, administrator);
    expect(noPerson.statusCode).toBe(403);
    expect(noPerson.json().detail).toContain('not linked to a person');
    expect(await counts()).toEqual(before);
  });

  it('refuses a read-only API token (403) and an anonymous request (401)', async () => {
    const meetingId = await schedule();
    const readOnly = await bearerFor(app, 'member', 'read');
    const before = await counts();
    expect((await sendApologies(meetingId, readOnly)).statusCode).toBe(403);
    expect((await sendApologies(meetingId, {})).statusCode).toBe(401);
    expect(await counts()).toEqual(before);
  });

  it('refuses apologies once the meeting has started, been held or been cancelled (409), writing nothing', async () => {
    const started = await schedule('2026-11-23T09:00:00Z', '2026-11-10');
    const held = await schedule();
    const cancelled = await schedule();
    await database.db.update(meetings).set({ status: 'held' }).where(eq(meetings.id, held));
    await database.db
      .update(meetings)
      .set({ status: 'cancelled', cancelledReason: 'Venue unavailable.' })
      .where(eq(meetings.id, cancelled));
    const before = await counts();
    const tooLate = await sendApologies(started, member);
    expect(tooLate.statusCode).toBe(409);
    expect(tooLate.json().detail).toContain('The meeting has started');
    expect((await sendApologies(held, member)).json().detail).toContain('has been held');
    expect((await sendApologies(cancelled, member)).json().detail).toContain('was cancelled');
    expect(await counts()).toEqual(before);
  });

  it('withdraws apologies back to unrecorded, audited; withdrawing again is refused (409)', async () => {
    const meetingId = await schedule();
    expect((await sendApologies(meetingId, member)).statusCode).toBe(200);
    const withdraw = () =>
      app.inject({
        method: 'DELETE',
        url: `/api/v1/meetings/${meetingId}/apologies`,
        headers: member,
      });
    const withdrawn = await withdraw();
    expect(withdrawn.statusCode).toBe(200);
    const brent = (await attendance(meetingId)).find(
      (row) => row.organisation === 'Brent Teaching PCT',
    )!;
    expect(brent.status).toBeNull();
    const [audit] = await database.db
      .select()
      .from(auditEvents)
      .where(eq(auditEvents.action, 'meeting.apologies-withdrawn'));
    expect(audit?.entityId).toBe(meetingId);
    const before = await counts();
    const again = await withdraw();
    expect(again.statusCode).toBe(409);
    expect(await counts()).toEqual(before);
  });

  it('offers "Send apologies" on the meeting page to the member only, and records them from the form without JavaScript', async () => {
    const meetingId = await schedule();
    const publicSession = await signInThroughForm(app, 'public@demo.invalid');
    const publicPage = await app.inject({
      url: `/meetings/${meetingId}`,
      headers: { cookie: publicSession.cookies },
    });
    expect(publicPage.body).not.toContain('Send apologies');

    let { cookies } = await signInThroughForm(app, 'member@demo.invalid');
    const page = await app.inject({ url: `/meetings/${meetingId}`, headers: { cookie: cookies } });
    cookies = cookieHeader(page.headers['set-cookie'], cookies);
    expect(page.body).toContain('Send apologies');
    const sent = await app.inject({
      method: 'POST',
      url: `/meetings/${meetingId}/apologies`,
      headers: { cookie: cookies, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ _csrf: csrfTokenIn(page.body) }).toString(),
    });
    expect(sent.statusCode).toBe(303);
    const after = await app.inject({
      url: String(sent.headers.location),
      headers: { cookie: cookies },
    });
    expect(after.body).toContain('Your apologies were sent');
    expect(after.body).toContain('Withdraw apologies');
  });
});
