/** The live meeting's queries: where the meeting is on its agenda, and the question put there. */
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { proposals, votes } from '../db/schema/decisions.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import type { VoteChoice } from '../governance/index.ts';

export interface LivePositionRecord {
  status: string;
  liveAgendaItemId: string | null;
}

export async function selectLivePosition(
  reader: Reader,
  meetingId: string,
): Promise<LivePositionRecord | undefined> {
  const [row] = await reader
    .select({ status: meetings.status, liveAgendaItemId: meetings.liveAgendaItemId })
    .from(meetings)
    .where(eq(meetings.id, meetingId));
  return row;
}

/** The same, row locked: two secretaries moving the meeting on at once are taken in turn. */
export async function selectLivePositionForUpdate(
  transaction: Transaction,
  meetingId: string,
): Promise<LivePositionRecord | undefined> {
  const [row] = await transaction
    .select({ status: meetings.status, liveAgendaItemId: meetings.liveAgendaItemId })
    .from(meetings)
    .where(eq(meetings.id, meetingId))
    .for('update');
  return row;
}

export async function selectAgendaItemOfMeeting(
  reader: Reader,
  meetingId: string,
  agendaItemId: string,
): Promise<{ id: string; position: number; title: string } | undefined> {
  const [row] = await reader
    .select({ id: agendaItems.id, position: agendaItems.position, title: agendaItems.title })
    .from(agendaItems)
    .where(and(eq(agendaItems.meetingId, meetingId), eq(agendaItems.id, agendaItemId)));
  return row;
}

export interface LiveQuestionRecord {
  id: string;
  title: string;
  text: string;
  amendsProposalId: string | null;
  decisionKind: string | null;
  methodId: string;
  ballot: string;
  status: string;
  openedAt: Date | null;
  closedAt: Date | null;
  result: unknown;
  outcome: string | null;
  outcomeSummary: string | null;
}

/**
 * The questions put on an item that the room has seen (open or closed; drafts and withdrawn ones
 * never reached a vote), the most recently opened first.
 */
export async function selectQuestionsOnItem(
  reader: Reader,
  agendaItemId: string,
): Promise<LiveQuestionRecord[]> {
  return reader
    .select({
      id: proposals.id,
      title: proposals.title,
      text: proposals.text,
      amendsProposalId: proposals.amendsProposalId,
      decisionKind: proposals.decisionKind,
      methodId: proposals.methodId,
      ballot: proposals.ballot,
      status: proposals.status,
      openedAt: proposals.openedAt,
      closedAt: proposals.closedAt,
      result: proposals.result,
      outcome: proposals.outcome,
      outcomeSummary: proposals.outcomeSummary,
    })
    .from(proposals)
    .where(
      and(eq(proposals.agendaItemId, agendaItemId), inArray(proposals.status, ['open', 'closed'])),
    )
    .orderBy(
      desc(sql`coalesce(${proposals.openedAt}, ${proposals.createdAt})`),
      desc(proposals.id),
    );
}

/** The votes on a question as the engine counts them: voter and choice, nothing about who cast it. */
export async function selectVoteFacts(
  reader: Reader,
  proposalId: string,
): Promise<{ voterId: string; choice: VoteChoice }[]> {
  const rows = await reader
    .select({ voterId: votes.voterId, choice: votes.choice })
    .from(votes)
    .where(eq(votes.proposalId, proposalId));
  return rows.map((row) => ({ voterId: row.voterId, choice: row.choice as VoteChoice }));
}
