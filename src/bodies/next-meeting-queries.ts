import { and, asc, eq, gte, ne } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { meetings } from '../db/schema/meetings.ts';

export interface NextMeetingRow {
  id: string;
  title: string;
  startsAt: Date;
}

/**
 * The body's meetings from `from` on that are neither cancelled nor recorded as held, soonest
 * first (a few, so the caller can pick the first on or after today in London): the body page's
 * "next meeting". Joined here from the meetings' table, which bodies may read but not write.
 */
export async function selectComingMeetingsOfBody(
  reader: Reader,
  bodyId: string,
  from: Date,
): Promise<NextMeetingRow[]> {
  return reader
    .select({ id: meetings.id, title: meetings.title, startsAt: meetings.startsAt })
    .from(meetings)
    .where(
      and(
        eq(meetings.bodyId, bodyId),
        gte(meetings.startsAt, from),
        ne(meetings.status, 'cancelled'),
        ne(meetings.status, 'held'),
      ),
    )
    .orderBy(asc(meetings.startsAt))
    .limit(5);
}
