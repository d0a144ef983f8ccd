import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { minuteEntries, minutesApprovals, minutesDistributions } from '../db/schema/minutes.ts';

export interface MinutesDutyRow {
  id: string;
  title: string;
  startsAt: Date;
  bodySlug: string;
  bodyTitle: string;
  itemCount: number;
  /** Items with a minute written. */
  draftedCount: number;
  approved: boolean;
  /** The later meeting whose agenda takes these minutes for approval, if one does yet. */
  approvalMeetingId: string | null;
  approvalMeetingTitle: string | null;
  /** Copies for organisations with no address: to be sent by hand, not yet received. */
  copiesToSendByHand: number;
  /** Copies e-mailed whose receipt has not been confirmed. */
  receiptsOutstanding: number;
}

/**
 * Every meeting of these bodies recorded as held, latest first, with what its minutes still need
 * (drafting, approval, copies by hand, receipts): one query for the secretariat's home page.
 */
export async function selectMinutesDuties(
  reader: Reader,
  bodySlugs: readonly string[],
): Promise<MinutesDutyRow[]> {
  if (bodySlugs.length === 0) return [];
  const approvalItem = sql`(select ${agendaItems.meetingId} from ${agendaItems}
    where ${agendaItems.approvesMinutesOfMeetingId} = ${meetings.id} limit 1)`;
  return reader
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
      itemCount: sql<number>`(select count(*) from ${agendaItems}
        where ${agendaItems.meetingId} = ${meetings.id})::int`,
      draftedCount: sql<number>`(select count(*) from ${minuteEntries}
        where ${minuteEntries.meetingId} = ${meetings.id} and btrim(${minuteEntries.text}) <> '')::int`,
      approved: sql<boolean>`exists (select 1 from ${minutesApprovals}
        where ${minutesApprovals.meetingId} = ${meetings.id})`,
      approvalMeetingId: sql<string | null>`${approvalItem}`,
      approvalMeetingTitle: sql<string | null>`(select later.title from ${meetings} as later
        where later.id = ${approvalItem})`,
      copiesToSendByHand: sql<number>`(select count(*) from ${minutesDistributions}
        where ${minutesDistributions.meetingId} = ${meetings.id}
          and ${minutesDistributions.mailId} is null and ${minutesDistributions.receivedAt} is null)::int`,
      receiptsOutstanding: sql<number>`(select count(*) from ${minutesDistributions}
        where ${minutesDistributions.meetingId} = ${meetings.id}
          and ${minutesDistributions.mailId} is not null and ${minutesDistributions.receivedAt} is null)::int`,
    })
    .from(meetings)
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(and(eq(meetings.status, 'held'), inArray(bodies.slug, [...bodySlugs])))
    .orderBy(sql`${meetings.startsAt} desc`, asc(meetings.id));
}

/** A meeting of a body with when its approved minutes were first distributed, if they were. */
export interface MinutesDistributionFact {
  meetingId: string;
  startsAt: Date;
  held: boolean;
  /** The first copy of the approved minutes sent (or set to go by hand); null while none is. */
  distributedAt: Date | null;
}

/**
 * Every meeting of a body that is held or still to come (not cancelled), oldest first, with when
 * its approved minutes were distributed: the facts a "minutes for each meeting" duty is met by.
 */
export async function selectMinutesDistributionFacts(
  reader: Reader,
  bodyId: string,
): Promise<MinutesDistributionFact[]> {
  return (
    reader
      .select({
        meetingId: meetings.id,
        startsAt: meetings.startsAt,
        held: sql<boolean>`${meetings.status} = 'held'`,
        distributedAt: sql<Date | null>`(select min(${minutesDistributions.createdAt})
        from ${minutesDistributions} where ${minutesDistributions.meetingId} = ${meetings.id})`.mapWith(
          (value: string | Date | null) => (value === null ? null : new Date(value)),
        ),
      })
      .from(meetings)
      // The join makes drizzle name each column with its table, so the subquery's `id` is the meeting's.
      .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
      .where(and(eq(meetings.bodyId, bodyId), inArray(meetings.status, ['held', 'scheduled'])))
      .orderBy(asc(meetings.startsAt), asc(meetings.id))
  );
}
