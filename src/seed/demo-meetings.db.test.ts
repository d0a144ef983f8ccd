import { count, eq, ne } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { bearerFor, signInThroughForm } from '../../test/support/demo-actors.ts';
import { testConfig } from '../../test/support/test-app.ts';
import { createDatabaseTarget } from '../../test/support/test-database.ts';
import { buildApp } from '../app.ts';
import { openDatabase } from '../db/connection.ts';
import { auditEvents } from '../db/schema/audit.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { meetings } from '../db/schema/meetings.ts';
import { minutesDistributions } from '../db/schema/minutes.ts';
import { demoMeetingDates, seedDemoMeetings } from './demo-meetings.ts';
import { prepareDatabase } from './prepare-database.ts';

const quiet = () => {};

describe('the demo calendar', () => {
  it('holds the two second Thursdays before today and schedules the next two', () => {
    expect(demoMeetingDates('2026-11-23')).toEqual({
      held: ['2026-10-08', '2026-11-12'],
      upcoming: ['2026-12-10', '2027-01-14'],
    });
    // On the meeting day itself the meeting is still to be held.
    expect(demoMeetingDates('2026-11-12')).toEqual({
      held: ['2026-09-10', '2026-10-08'],
      upcoming: ['2026-11-12', '2026-12-10'],
    });
    expect(demoMeetingDates('2027-01-02')).toEqual({
      held: ['2026-11-12', '2026-12-10'],
      upcoming: ['2027-01-14', '2027-02-11'],
    });
  });
});

describe('seeding the demo meeting history from empty', () => {
  // The day after a meeting is the tightest case: every step must still fall before the clock.
  for (const now of [new Date('2026-11-23T09:00:00Z'), new Date('2026-11-13T08:00:00Z')]) {
    it(`records held meetings, approved and distributed minutes and actions (clock ${now.toISOString()}), once`, async () => {
      const target = await createDatabaseTarget();
      const handle = await openDatabase(target);
      await prepareDatabase({
        handle,
        now,
        seedWhenEmpty: true,
        progress: quiet,
        publicUrl: 'https://concordat.example',
      });
      const app = await buildApp({
        database: handle,
        config: testConfig(),
        logger: false,
        now: () => now,
      });
      try {
        const list = (
          await app.inject('/api/v1/bodies/london-commissioning-group/meetings')
        ).json();
        // The demo's 2007/08 commissioning round was agreed at a meeting in January 2008 (the
        // intentions' demo); the series around the clock is what this test is about.
        const byDate = [...list.items]
          .reverse()
          .filter((meeting: { meetingOn: string }) => meeting.meetingOn >= '2010-01-01');
        expect(byDate.map((meeting: { status: string }) => meeting.status)).toEqual([
          'held',
          'held',
          'scheduled',
          'scheduled',
        ]);
        const { held, upcoming } = demoMeetingDates(
          new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/London' }).format(now),
        );
        expect(byDate.map((meeting: { meetingOn: string }) => meeting.meetingOn)).toEqual([
          ...held,
          ...upcoming,
        ]);
        for (const meeting of byDate) {
          expect(new Date(meeting.startsAt).toISOString()).toMatch(/T1[34]:00:00.000Z$/);
          expect(meeting.urgencyReason).toBeNull();
        }
        const [first, second, third] = byDate as { id: string }[];

        const secretariat = await bearerFor(app, 'secretariat');
        const firstReport = (
          await app.inject({ url: `/api/v1/meetings/${first?.id}`, headers: secretariat })
        ).json();
        expect(firstReport.quorum.quorate).toBe(true);
        expect(firstReport.agenda.map((item: { purpose: string }) => item.purpose)).toEqual([
          'decision',
          'discussion',
          'information',
          'decision',
        ]);
        const partTwo = firstReport.agenda[3];
        expect(partTwo.isConfidential).toBe(true);
        expect(partTwo.confidentialityReason).toContain('1960 s1');
        expect(partTwo.declarations).toHaveLength(1);
        expect(partTwo.quorum.quorate).toBe(true);
        const statuses = firstReport.attendance.map((member: { status: string }) => member.status);
        expect(statuses.filter((status: string) => status === 'present')).toHaveLength(10);
        expect(statuses.filter((status: string) => status === 'apologies')).toHaveLength(1);
        // The public do not see the Part II item.
        const publicReport = (await app.inject(`/api/v1/meetings/${first?.id}`)).json();
        expect(publicReport.hiddenConfidentialCount).toBe(1);

        // The first meeting's minutes were approved at the second, signed by the chair, and sent.
        const minutes = (await app.inject(`/api/v1/meetings/${first?.id}/minutes`)).json();
        expect(minutes.status).toBe('approved');
        expect(minutes.approval.approvedAtMeeting.id).toBe(second?.id);
        expect(minutes.approval.signedBy).toBe(
          firstReport.attendance.find((member: { office: string }) => member.office === 'chair')
            .memberName,
        );
        expect(minutes.items.every((item: { minute: unknown }) => item.minute !== null)).toBe(true);
        const [distributions] = await handle.db
          .select({ total: count() })
          .from(minutesDistributions)
          .where(eq(minutesDistributions.meetingId, first?.id ?? ''));
        expect(distributions?.total).toBe(32);
        const [pending] = await handle.db
          .select({ total: count() })
          .from(mailOutbox)
          .where(eq(mailOutbox.status, 'pending'));
        expect(pending?.total).toBeGreaterThan(0);

        // The second meeting's minutes are drafted in full and wait on the next meeting's agenda.
        const draft = (
          await app.inject({ url: `/api/v1/meetings/${second?.id}/minutes`, headers: secretariat })
        ).json();
        expect(draft.status).toBe('draft');
        expect(draft.items.every((item: { minute: unknown }) => item.minute !== null)).toBe(true);
        expect(draft.approvalStatus.approvingMeeting.id).toBe(third?.id);
        expect(draft.approvalStatus.blockers.join(' ')).toContain('inquorate meeting');

        // Actions: one overdue and open, one done, one still to come.
        const { cookies } = await signInThroughForm(app, 'member@demo.invalid');
        const overdue = await app.inject({ url: '/actions/overdue', headers: { cookie: cookies } });
        expect(overdue.statusCode).toBe(200);
        expect(overdue.body).toContain('Circulate the stroke and major trauma recommendation');
        const actions = (
          await app.inject({
            url: '/api/v1/bodies/london-commissioning-group/actions',
            headers: secretariat,
          })
        ).json();
        expect(
          actions.items.map((action: { status: string; overdue: boolean }) => [
            action.status,
            action.overdue,
          ]),
        ).toEqual(
          expect.arrayContaining([
            ['open', true],
            ['done', false],
            ['open', false],
          ]),
        );

        // Nothing the seed wrote is dated after its clock (a migration's own event is dated when
        // the migration ran).
        const events = await handle.db
          .select({ at: auditEvents.occurredAt })
          .from(auditEvents)
          .where(ne(auditEvents.actor, 'migration'));
        expect(events.every((event) => event.at.getTime() <= now.getTime())).toBe(true);

        const [before] = await handle.db.select({ total: count() }).from(meetings);
        const [eventsBefore] = await handle.db.select({ total: count() }).from(auditEvents);
        expect(
          await seedDemoMeetings({
            db: handle.db,
            context: { actor: 'seed', now },
            publicUrl: 'https://concordat.example',
          }),
        ).toBe(0);
        const [after] = await handle.db.select({ total: count() }).from(meetings);
        const [eventsAfter] = await handle.db.select({ total: count() }).from(auditEvents);
        expect(after?.total).toBe(before?.total);
        expect(eventsAfter?.total).toBe(eventsBefore?.total);
      } finally {
        await app.close();
        await handle.close();
      }
    });
  }
});
