/**
 * Lead-commissioning's SQL for proposed actions, the associates' responses and the collaborative
 * forums a rejection calls (split from arrangement-queries.ts, which keeps the arrangements).
 */
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  collaborativeForums,
  proposedActionResponses,
  proposedActions,
} from '../db/schema/lead-commissioning.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';

export interface ActionRecord {
  id: string;
  arrangementId: string;
  text: string;
  proposedOn: string;
  respondBy: string;
  status: string;
  proposedBy: string;
}

const actionColumns = {
  id: proposedActions.id,
  arrangementId: proposedActions.arrangementId,
  text: proposedActions.text,
  proposedOn: proposedActions.proposedOn,
  respondBy: proposedActions.respondBy,
  status: proposedActions.status,
  proposedBy: proposedActions.proposedBy,
};

export async function insertProposedAction(
  transaction: Transaction,
  row: typeof proposedActions.$inferInsert,
): Promise<void> {
  await transaction.insert(proposedActions).values(row);
}

export async function selectProposedAction(
  reader: Reader,
  id: string,
): Promise<ActionRecord | undefined> {
  const [row] = await reader
    .select(actionColumns)
    .from(proposedActions)
    .where(eq(proposedActions.id, id));
  return row;
}

export async function selectProposedActions(
  reader: Reader,
  arrangementIds: readonly string[],
): Promise<ActionRecord[]> {
  if (arrangementIds.length === 0) return [];
  return reader
    .select(actionColumns)
    .from(proposedActions)
    .where(inArray(proposedActions.arrangementId, [...arrangementIds]))
    .orderBy(asc(proposedActions.proposedOn), asc(proposedActions.id));
}

export async function updateActionStatus(
  transaction: Transaction,
  id: string,
  status: string,
): Promise<void> {
  await transaction.update(proposedActions).set({ status }).where(eq(proposedActions.id, id));
}

export interface ResponseRecord {
  proposedActionId: string;
  organisationId: string;
  response: 'approve' | 'reject';
  reason: string | null;
  respondedBy: string;
  respondedAt: Date;
}

export async function insertResponse(
  transaction: Transaction,
  row: typeof proposedActionResponses.$inferInsert,
): Promise<void> {
  await transaction.insert(proposedActionResponses).values(row);
}

export async function selectResponses(
  reader: Reader,
  actionIds: readonly string[],
): Promise<ResponseRecord[]> {
  if (actionIds.length === 0) return [];
  const rows = await reader
    .select({
      proposedActionId: proposedActionResponses.proposedActionId,
      organisationId: proposedActionResponses.organisationId,
      response: proposedActionResponses.response,
      reason: proposedActionResponses.reason,
      respondedBy: proposedActionResponses.respondedBy,
      respondedAt: proposedActionResponses.respondedAt,
    })
    .from(proposedActionResponses)
    .where(inArray(proposedActionResponses.proposedActionId, [...actionIds]))
    .orderBy(asc(proposedActionResponses.respondedAt));
  return rows.map((row) => ({
    ...row,
    response: row.response === 'reject' ? 'reject' : 'approve',
  }));
}

export interface ForumRecord {
  id: string;
  proposedActionId: string;
  bodyId: string;
  meetingId: string | null;
  meetingTitle: string | null;
  meetingStartsAt: Date | null;
  agendaItemId: string | null;
  agendaPosition: number | null;
  calledAt: Date;
}

export async function insertForum(
  transaction: Transaction,
  row: typeof collaborativeForums.$inferInsert,
): Promise<void> {
  await transaction.insert(collaborativeForums).values(row);
}

export async function placeForumRow(
  transaction: Transaction,
  id: string,
  meetingId: string,
  agendaItemId: string,
): Promise<void> {
  await transaction
    .update(collaborativeForums)
    .set({ meetingId, agendaItemId })
    .where(eq(collaborativeForums.id, id));
}

/** Holds a waiting forum for the transaction, so it is placed on one agenda only. */
export async function lockForum(transaction: Transaction, id: string): Promise<void> {
  await transaction
    .select({ id: collaborativeForums.id })
    .from(collaborativeForums)
    .where(eq(collaborativeForums.id, id))
    .for('update');
}

function forumsQuery(reader: Reader) {
  return reader
    .select({
      id: collaborativeForums.id,
      proposedActionId: collaborativeForums.proposedActionId,
      bodyId: collaborativeForums.bodyId,
      meetingId: collaborativeForums.meetingId,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
      agendaItemId: collaborativeForums.agendaItemId,
      agendaPosition: agendaItems.position,
      calledAt: collaborativeForums.calledAt,
    })
    .from(collaborativeForums)
    .leftJoin(meetings, eq(collaborativeForums.meetingId, meetings.id))
    .leftJoin(agendaItems, eq(collaborativeForums.agendaItemId, agendaItems.id));
}

export async function selectForum(reader: Reader, id: string): Promise<ForumRecord | undefined> {
  const [row] = await forumsQuery(reader).where(eq(collaborativeForums.id, id));
  return row;
}

export async function selectForums(
  reader: Reader,
  actionIds: readonly string[],
): Promise<ForumRecord[]> {
  if (actionIds.length === 0) return [];
  return forumsQuery(reader)
    .where(inArray(collaborativeForums.proposedActionId, [...actionIds]))
    .orderBy(asc(collaborativeForums.calledAt));
}

/** Forums a body called that wait for a meeting to be placed on. */
export async function selectWaitingForums(reader: Reader, bodyId: string): Promise<ForumRecord[]> {
  return forumsQuery(reader)
    .where(and(eq(collaborativeForums.bodyId, bodyId), isNull(collaborativeForums.agendaItemId)))
    .orderBy(asc(collaborativeForums.calledAt));
}
