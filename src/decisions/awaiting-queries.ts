import { and, asc, eq, sql } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { proposals, votes } from '../db/schema/decisions.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { seatHoldings } from '../db/schema/membership.ts';

export interface AwaitingQuestionRow {
  proposalId: string;
  title: string;
  methodId: string;
  meetingId: string;
  meetingTitle: string;
  meetingStartsAt: Date;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  /** The seat the person holds on the body on the meeting day. */
  seatRole: string;
}

/**
 * Open questions put to bodies on which the person holds a seat on the meeting day, for which
 * nothing is recorded for that seat (nor for the organisation it represents, under a vote of
 * parties): one query for the signed-in home page, oldest question first.
 */
export async function selectOpenQuestionsAwaitingPerson(
  reader: Reader,
  personId: string,
): Promise<AwaitingQuestionRow[]> {
  const meetingDay = sql`(${meetings.startsAt} at time zone 'Europe/London')::date`;
  return reader
    .select({
      proposalId: proposals.id,
      title: proposals.title,
      methodId: proposals.methodId,
      meetingId: meetings.id,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      bodyId: bodies.id,
      bodySlug: bodies.slug,
      bodyTitle: bodies.title,
      seatRole: seatHoldings.seatRole,
    })
    .from(proposals)
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .innerJoin(agendaItems, eq(proposals.agendaItemId, agendaItems.id))
    .innerJoin(
      seatHoldings,
      and(
        eq(seatHoldings.bodyId, meetings.bodyId),
        eq(seatHoldings.personId, personId),
        sql`${seatHoldings.startsOn} <= ${meetingDay}`,
        sql`(${seatHoldings.endsOn} is null or ${seatHoldings.endsOn} >= ${meetingDay})`,
      ),
    )
    .where(
      and(
        eq(proposals.status, 'open'),
        sql`${proposals.votingEndedAt} is null`,
        sql`not exists (select 1 from ${votes} where ${votes.proposalId} = ${proposals.id}
          and (${votes.voterId} = ${seatHoldings.id} or ${votes.voterId} = ${seatHoldings.organisationId}))`,
      ),
    )
    .orderBy(asc(proposals.openedAt), asc(proposals.id));
}
