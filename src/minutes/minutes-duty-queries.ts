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
