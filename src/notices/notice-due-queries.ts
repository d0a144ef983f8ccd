import { and, asc, eq, gte, inArray, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { meetings } from '../db/schema/meetings.ts';
import { meetingNotices } from '../db/schema/notices.ts';

export interface MeetingWithoutNoticeRow {
  id: string;
  title: string;
  startsAt: Date;
  bodySlug: string;
  bodyTitle: string;
}

/**
 * The scheduled meetings from `from` on of these bodies to which no member has yet been sent
 * notice, soonest first: one query for the secretariat's home page.
 */
export async function selectComingMeetingsWithoutNotice(
  reader: Reader,
  bodySlugs: readonly string[],
  from: Date,
): Promise<MeetingWithoutNoticeRow[]> {
  if (bodySlugs.length === 0) return [];
  return reader
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
    })
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        gte(meetings.startsAt, from),
        inArray(bodies.slug, [...bodySlugs]),
        sql`not exists (select 1 from ${meetingNotices} where ${meetingNotices.meetingId} = ${meetings.id})`,
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
}
