/**
 * The meetings a body's business may be put to, and the one chosen: its title, time, status and
 * whether notice has gone out (a question goes only on a meeting whose notice is still to be
 * sent, so the notice can state the business). Used by the capabilities that put a question to a
 * body — the commissioning intentions, a procurement award, a consultation's approval.
 */
import { and, asc, eq, gt, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { meetings } from '../db/schema/meetings.ts';
import { meetingNotices } from '../db/schema/notices.ts';

export interface MeetingChoice {
  id: string;
  bodyId: string;
  bodyTitle: string;
  title: string;
  startsAt: Date;
  status: string;
  noticesSent: number;
}

const meetingChoiceColumns = {
  id: meetings.id,
  bodyId: meetings.bodyId,
  bodyTitle: bodies.title,
  title: meetings.title,
  startsAt: meetings.startsAt,
  status: meetings.status,
  noticesSent: sql<number>`(select count(*)::int from ${meetingNotices} where ${meetingNotices.meetingId} = ${meetings.id})`,
};

export async function selectMeetingChoice(
  reader: Reader,
  meetingId: string,
): Promise<MeetingChoice | undefined> {
  const [row] = await reader
    .select(meetingChoiceColumns)
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(eq(meetings.id, meetingId));
  return row && { ...row, noticesSent: Number(row.noticesSent) };
}

/** The body's meetings still to come whose notice has not been sent: where business may be put. */
export async function selectMeetingsAwaitingNotice(
  reader: Reader,
  bodyId: string,
  now: Date,
): Promise<MeetingChoice[]> {
  const rows = await reader
    .select(meetingChoiceColumns)
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        eq(meetings.status, 'scheduled'),
        gt(meetings.startsAt, now),
        sql`not exists (select 1 from ${meetingNotices} where ${meetingNotices.meetingId} = ${meetings.id})`,
      ),
    )
    .orderBy(asc(meetings.startsAt));
  return rows.map((row) => ({ ...row, noticesSent: Number(row.noticesSent) }));
}
