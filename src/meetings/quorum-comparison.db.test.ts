import { count } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearerFor } from '../../test/support/demo-actors.ts';
import { buildSeededTestApp } from '../../test/support/test-app.ts';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { DatabaseHandle } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { attendanceRecords } from '../db/schema/meetings.ts';
import type { App } from '../http/app-types.ts';

let database: DatabaseHandle;
let app: App;
let secretariat: { authorization: string };

const lcg = 'london-commissioning-group';

interface Member {
  seatHoldingId: string;
  memberName: string;
  seatTitle: string;
  organisation: string | null;
  office: string | null;
  status: string | null;
  deputyName: string | null;
  deputyAttendeeId: string | null;
  standingDeputies: { id: string; name: string }[];
}

beforeAll(async () => {
  database = await openTestDatabase();
  app = await buildSeededTestApp(database);
  secretariat = await bearerFor(app, 'secretariat');
});

afterAll(async () => {
  await app?.close();
  await database?.close();
});

async function schedule() {
  const response = await app.inject({
    method: 'POST',
    url: `/api/v1/bodies/${lcg}/meetings`,
    headers: secretariat,
    payload: {
      title: 'London Commissioning Group',
      startsAt: '2026-12-10T14:00:00Z',
      location: 'Southside',
      noticeGivenOn: '2026-11-23',
    },
  });
  expect(response.statusCode).toBe(201);
  return response.json().meetingId as string;
}

async function report(meetingId: string) {
  const response = await app.inject(`/api/v1/meetings/${meetingId}`);
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

async function newPerson(name: string): Promise<string> {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/people',
    headers: secretariat,
    payload: { name },
  });
  return response.json().id;
}

describe('the same attendance under the 2006 and the 2008 terms of the London Commissioning Group', () => {
  it('is inquorate under 2008 §Quorum and quorate under the 2006 terms (SI 2000/89 Sch 2, assumed) for the chair and two CCG nominees present, each explained', async () => {
    const meetingId = await schedule();
    const members: Member[] = (await report(meetingId)).attendance;
    const nominees = members.filter((member) => member.seatTitle.includes('nominated by a CCG'));
    const present = [
      members.find((member) => member.office === 'chair')!,
      nominees[0]!,
      nominees[1]!,
    ];
    for (const member of members) {
      const status = present.includes(member) ? 'present' : 'apologies';
      expect((await attend(meetingId, member.seatHoldingId, { status })).statusCode).toBe(200);
    }

    const meeting = await report(meetingId);
    expect(meeting.constitution.version).toBe(2);
    expect(meeting.quorum.quorate).toBe(false);
    expect(meeting.quorum.clause).toBe('2008 §Quorum');
    expect(meeting.otherVersions).toHaveLength(1);
    const [under2006] = meeting.otherVersions;
    expect(under2006.version).toBe(1);
    expect(under2006.quorum.quorate).toBe(true);
    expect(under2006.quorum.clause).toBe('SI 2000/89 Sch 2');
    expect(under2006.quorum.text).toContain('quorum one third of the whole membership');
    expect(under2006.quorum.lines.join(' ')).toContain(
      '2 present of 5 voting members; 1/3 of 5 rounded up is 2',
    );
    const brent = under2006.placements.find((placement: { name: string }) =>
      members.some(
        (member) =>
          member.memberName === placement.name && member.organisation === 'Brent Teaching PCT',
      ),
    );
    expect(brent.seatTitle).toBeNull();
    expect(brent.reason).toContain('2006 §105');

    const page = await app.inject(`/meetings/${meetingId}`);
    expect(page.body).toContain('The same attendance under other versions of the terms');
    expect(page.body).toContain('Version 1, effective 1 July 2006');
    expect(page.body).toContain('Inquorate under 2008 §Quorum');
    expect(page.body).toContain('Quorate under SI 2000/89 Sch 2');
    expect(page.body).toContain('could not be counted.');
  });

  it('agrees with 2008 when everyone attends: both versions quorate', async () => {
    const meetingId = await schedule();
    for (const member of (await report(meetingId)).attendance as Member[]) {
      await attend(meetingId, member.seatHoldingId, { status: 'present' });
    }
    const meeting = await report(meetingId);
    expect(meeting.quorum.quorate).toBe(true);
    expect(meeting.otherVersions[0].quorum.quorate).toBe(true);
  });
});

describe('standing deputies and non-voting attendees at a meeting', () => {
  it("records the member's standing deputy, who does not count toward the quorum (2008 §Membership, commentary)", async () => {
    const meetingId = await schedule();
    let members: Member[] = (await report(meetingId)).attendance;
    const brent = members.find((member) => member.organisation === 'Brent Teaching PCT')!;
    const ealing = members.find((member) => member.organisation === 'Ealing PCT')!;
    const deputyPersonId = await newPerson('Dev Deputy');
    const named = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/attendees`,
      headers: secretariat,
      payload: {
        capacity: 'deputy',
        personId: deputyPersonId,
        deputyForHoldingId: brent.seatHoldingId,
        startsOn: '2026-11-01',
      },
    });
    expect(named.statusCode).toBe(201);
    const deputyId = named.json().id;
    members = (await report(meetingId)).attendance;
    expect(
      members.find((member) => member.seatHoldingId === brent.seatHoldingId)!.standingDeputies,
    ).toEqual([{ id: deputyId, name: 'Dev Deputy' }]);

    const [recordsBefore] = await database.db.select({ n: count() }).from(attendanceRecords);
    const [auditsBefore] = await database.db.select({ n: count() }).from(auditEvents);
    const notTheirs = await attend(meetingId, ealing.seatHoldingId, {
      status: 'deputy',
      deputyAttendeeId: deputyId,
    });
    expect(notTheirs.statusCode).toBe(400);
    expect(notTheirs.json().errors[0].field).toBe('deputyAttendeeId');
    expect(notTheirs.json().errors[0].message).toContain(
      `not a standing deputy for ${ealing.memberName}`,
    );
    const notDeputyStatus = await attend(meetingId, brent.seatHoldingId, {
      status: 'present',
      deputyAttendeeId: deputyId,
    });
    expect(notDeputyStatus.statusCode).toBe(400);
    const [recordsAfter] = await database.db.select({ n: count() }).from(attendanceRecords);
    const [auditsAfter] = await database.db.select({ n: count() }).from(auditEvents);
    expect([recordsAfter!.n, auditsAfter!.n]).toEqual([recordsBefore!.n, auditsBefore!.n]);

    const recorded = await attend(meetingId, brent.seatHoldingId, {
      status: 'deputy',
      deputyAttendeeId: deputyId,
    });
    expect(recorded.statusCode).toBe(200);
    expect(recorded.json()).toMatchObject({ deputyName: 'Dev Deputy', deputyAttendeeId: deputyId });
    const meeting = await report(meetingId);
    expect(meeting.quorum.excluded).toContainEqual({
      name: `Dev Deputy (deputy for ${brent.memberName})`,
      reason: 'a deputy does not count toward the quorum',
    });
    const page = await app.inject(`/meetings/${meetingId}`);
    expect(page.body).toContain('Deputy: Dev Deputy (standing deputy)');
  });

  it('lists a non-voting attendee as non-voting, named by the engine among those not counted, under both versions', async () => {
    const personId = await newPerson('Irene Invited');
    const named = await app.inject({
      method: 'POST',
      url: `/api/v1/bodies/${lcg}/attendees`,
      headers: secretariat,
      payload: {
        capacity: 'non-voting',
        personId,
        description: 'Director of Public Health, invited',
        startsOn: '2026-11-01',
      },
    });
    expect(named.statusCode).toBe(201);
    const meetingId = await schedule();
    for (const member of (await report(meetingId)).attendance as Member[]) {
      await attend(meetingId, member.seatHoldingId, { status: 'present' });
    }
    const meeting = await report(meetingId);
    expect(meeting.nonVotingAttendees).toContainEqual({
      id: named.json().id,
      name: 'Irene Invited',
      organisation: null,
      description: 'Director of Public Health, invited',
    });
    expect(meeting.quorum.quorate).toBe(true);
    expect(meeting.quorum.excluded).toContainEqual({
      name: 'Irene Invited',
      reason: 'attends by invitation and is not a member',
    });
    expect(meeting.otherVersions[0].quorum.excluded).toContainEqual({
      name: 'Irene Invited',
      reason: 'attends by invitation and is not a member',
    });
    expect(meeting.attendance.map((member: Member) => member.memberName)).not.toContain(
      'Irene Invited',
    );
    const page = await app.inject(`/meetings/${meetingId}`);
    expect(page.body).toContain('Non-voting: not a member, never counted toward the quorum');
  });
});
