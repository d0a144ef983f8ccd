import { and, asc, eq, gte, inArray, or, type SQL, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { attendanceRecords, meetings } from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';
import { meetingPapers } from '../db/schema/papers.ts';

/** The calendar date in London a meeting falls on: the day seats and terms are read on. */
const meetingDay = sql`(${meetings.startsAt} at time zone 'Europe/London')::date`;

export interface ComingMeetingRow {
  id: string;
  title: string;
  startsAt: Date;
  location: string;
  bodySlug: string;
  bodyTitle: string;
  /** The person's seats on the body that day; 0 when they serve it without one. */
  seatCount: number;
  /** Of those seats, how many have apologies recorded. */
  apologiesCount: number;
  paperCount: number;
}

/**
 * The scheduled meetings from `from` on of the bodies a person sits on (on the meeting day) or
 * whose roles they hold, soonest first: one query for the signed-in home page, counting the
 * person's seats, their apologies and the meeting's papers in it rather than per meeting.
 */
export async function selectComingMeetingsOfReader(
  reader: Reader,
  options: { personId: string | null; bodySlugs: readonly string[]; from: Date; limit: number },
): Promise<ComingMeetingRow[]> {
  const { personId, bodySlugs } = options;
  const ownSeat = personId
    ? sql`${seatHoldings.personId} = ${personId}
          and ${seatHoldings.bodyId} = ${meetings.bodyId}
          and ${seatHoldings.startsOn} <= ${meetingDay}
          and (${seatHoldings.endsOn} is null or ${seatHoldings.endsOn} >= ${meetingDay})`
    : sql`false`;
  const servesBody: SQL[] = [];
  if (bodySlugs.length > 0) servesBody.push(inArray(bodies.slug, [...bodySlugs]));
  if (personId) {
    servesBody.push(sql`exists (select 1 from ${seatHoldings} where ${ownSeat})`);
  }
  if (servesBody.length === 0) return [];
  const rows = await reader
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      location: meetings.location,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
      seatCount: sql<number>`(select count(*) from ${seatHoldings} where ${ownSeat})::int`,
      apologiesCount: sql<number>`(select count(*) from ${seatHoldings}
        join ${attendanceRecords} on ${attendanceRecords.seatHoldingId} = ${seatHoldings.id}
          and ${attendanceRecords.meetingId} = ${meetings.id}
        where ${ownSeat} and ${attendanceRecords.status} = 'apologies')::int`,
      paperCount: sql<number>`(select count(*) from ${meetingPapers}
        where ${meetingPapers.meetingId} = ${meetings.id})::int`,
    })
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        gte(meetings.startsAt, options.from),
        or(...servesBody),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id))
    .limit(options.limit);
  return rows;
}

export interface NextMeetingApologiesRow {
  id: string;
  title: string;
  startsAt: Date;
  bodySlug: string;
  bodyTitle: string;
  apologiesCount: number;
}

/**
 * The scheduled meetings from `from` on of these bodies, soonest first, with how many apologies
 * each has: the secretariat's home page picks each body's next one and asks the engine about its
 * quorum only where apologies are already in.
 */
export async function selectComingMeetingsOfBodies(
  reader: Reader,
  bodySlugs: readonly string[],
  from: Date,
): Promise<NextMeetingApologiesRow[]> {
  if (bodySlugs.length === 0) return [];
  return reader
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
      apologiesCount: sql<number>`(select count(*) from ${attendanceRecords}
        where ${attendanceRecords.meetingId} = ${meetings.id}
          and ${attendanceRecords.status} = 'apologies')::int`,
    })
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(
      and(
        eq(meetings.status, 'scheduled'),
        gte(meetings.startsAt, from),
        inArray(bodies.slug, [...bodySlugs]),
      ),
    )
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
}
