import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { mailOutbox } from '../db/schema/mail.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { minuteEntries, minutesApprovals, minutesDistributions } from '../db/schema/minutes.ts';
import { organisations, people } from '../db/schema/registry.ts';
import type { RecipientOrganisation } from './minutes-rules.ts';

export interface MinutesAgendaItem {
  id: string;
  position: number;
  title: string;
  purpose: string;
  isConfidential: boolean;
  confidentialityReason: string | null;
  approvesMinutesOfMeetingId: string | null;
}

export interface MinuteEntryRecord {
  agendaItemId: string;
  text: string;
  updatedAt: Date;
}

export interface ApprovalRecord {
  meetingId: string;
  approvedAtMeetingId: string;
  approvedAtMeetingTitle: string;
  approvedAtMeetingStartsAt: Date;
  approvedAtAgendaItemId: string;
  approvedAtItemPosition: number;
  signedByPersonId: string;
  signedByName: string;
  quorumSummary: string;
  approvedAt: Date;
}

export interface DistributionRecord {
  id: string;
  organisationId: string;
  organisationName: string;
  odsCode: string | null;
  mailId: string | null;
  recipient: string | null;
  mailStatus: 'pending' | 'sent' | 'failed' | null;
  mailError: string | null;
  sentAt: Date | null;
  receivedAt: Date | null;
}

export interface ReceiptRecord {
  distributionId: string;
  meetingId: string;
  organisationId: string;
  organisationName: string;
  receivedAt: Date | null;
}

const itemColumns = {
  id: agendaItems.id,
  position: agendaItems.position,
  title: agendaItems.title,
  purpose: agendaItems.purpose,
  isConfidential: agendaItems.isConfidential,
  confidentialityReason: agendaItems.confidentialityReason,
  approvesMinutesOfMeetingId: agendaItems.approvesMinutesOfMeetingId,
};

/** The meeting's agenda with what each item approves, in order. */
export async function selectMinutesAgenda(
  reader: Reader,
  meetingId: string,
): Promise<MinutesAgendaItem[]> {
  return reader
    .select(itemColumns)
    .from(agendaItems)
    .where(eq(agendaItems.meetingId, meetingId))
    .orderBy(asc(agendaItems.position));
}

/** The item (on whichever meeting) that approves this meeting's minutes. */
export async function selectApprovalItemFor(
  reader: Reader,
  minutesMeetingId: string,
): Promise<(MinutesAgendaItem & { meetingId: string; meetingTitle: string }) | undefined> {
  const [row] = await reader
    .select({ ...itemColumns, meetingId: agendaItems.meetingId, meetingTitle: meetings.title })
    .from(agendaItems)
    .innerJoin(meetings, eq(agendaItems.meetingId, meetings.id))
    .where(eq(agendaItems.approvesMinutesOfMeetingId, minutesMeetingId))
    .orderBy(asc(agendaItems.createdAt))
    .limit(1);
  return row;
}

export async function selectMinuteEntries(
  reader: Reader,
  meetingId: string,
): Promise<MinuteEntryRecord[]> {
  return reader
    .select({
      agendaItemId: minuteEntries.agendaItemId,
      text: minuteEntries.text,
      updatedAt: minuteEntries.updatedAt,
    })
    .from(minuteEntries)
    .where(eq(minuteEntries.meetingId, meetingId));
}

/** One minute per agenda item: writing it again replaces the text. */
export async function upsertMinuteEntry(
  transaction: Transaction,
  row: { id: string; meetingId: string; agendaItemId: string; text: string; updatedAt: Date },
): Promise<void> {
  await transaction
    .insert(minuteEntries)
    .values(row)
    .onConflictDoUpdate({
      target: minuteEntries.agendaItemId,
      set: { text: row.text, updatedAt: row.updatedAt },
    });
}

export async function selectApproval(
  reader: Reader,
  meetingId: string,
): Promise<ApprovalRecord | undefined> {
  const [row] = await reader
    .select({
      meetingId: minutesApprovals.meetingId,
      approvedAtMeetingId: minutesApprovals.approvedAtMeetingId,
      approvedAtMeetingTitle: meetings.title,
      approvedAtMeetingStartsAt: meetings.startsAt,
      approvedAtAgendaItemId: minutesApprovals.approvedAtAgendaItemId,
      approvedAtItemPosition: agendaItems.position,
      signedByPersonId: minutesApprovals.signedByPersonId,
      signedByName: people.name,
      quorumSummary: minutesApprovals.quorumSummary,
      approvedAt: minutesApprovals.approvedAt,
    })
    .from(minutesApprovals)
    .innerJoin(meetings, eq(minutesApprovals.approvedAtMeetingId, meetings.id))
    .innerJoin(agendaItems, eq(minutesApprovals.approvedAtAgendaItemId, agendaItems.id))
    .innerJoin(people, eq(minutesApprovals.signedByPersonId, people.id))
    .where(eq(minutesApprovals.meetingId, meetingId));
  return row;
}

export async function insertApproval(
  transaction: Transaction,
  row: {
    meetingId: string;
    approvedAtMeetingId: string;
    approvedAtAgendaItemId: string;
    signedByPersonId: string;
    quorumSummary: string;
    approvedAt: Date;
  },
): Promise<void> {
  await transaction.insert(minutesApprovals).values(row);
}

/** Every organisation with where its board's papers go: the minutes' recipients come from here. */
export async function selectRecipientRegistry(reader: Reader): Promise<RecipientOrganisation[]> {
  return reader
    .select({
      id: organisations.id,
      name: organisations.name,
      type: organisations.type,
      odsCode: organisations.odsCode,
      sectorId: organisations.sectorId,
      correspondenceEmail: organisations.correspondenceEmail,
    })
    .from(organisations)
    .orderBy(asc(organisations.name));
}

export async function insertDistributions(
  transaction: Transaction,
  rows: {
    id: string;
    meetingId: string;
    organisationId: string;
    mailId: string | null;
    receiptTokenHash: string;
    createdAt: Date;
  }[],
): Promise<void> {
  if (rows.length === 0) return;
  await transaction.insert(minutesDistributions).values(rows);
}

/** Each recipient of the meeting's minutes with the state of its e-mail and its receipt. */
export async function selectDistributions(
  reader: Reader,
  meetingId: string,
): Promise<DistributionRecord[]> {
  const rows = await reader
    .select({
      id: minutesDistributions.id,
      organisationId: minutesDistributions.organisationId,
      organisationName: organisations.name,
      odsCode: organisations.odsCode,
      mailId: minutesDistributions.mailId,
      recipient: mailOutbox.recipient,
      mailStatus: mailOutbox.status,
      mailError: mailOutbox.lastError,
      sentAt: mailOutbox.sentAt,
      receivedAt: minutesDistributions.receivedAt,
    })
    .from(minutesDistributions)
    .innerJoin(organisations, eq(minutesDistributions.organisationId, organisations.id))
    .leftJoin(mailOutbox, eq(minutesDistributions.mailId, mailOutbox.id))
    .where(eq(minutesDistributions.meetingId, meetingId))
    .orderBy(asc(organisations.name));
  return rows.map((row) => ({
    ...row,
    mailStatus: row.mailStatus as DistributionRecord['mailStatus'],
  }));
}

export async function selectReceipt(
  reader: Reader,
  receiptTokenHash: string,
): Promise<ReceiptRecord | undefined> {
  const [row] = await reader
    .select({
      distributionId: minutesDistributions.id,
      meetingId: minutesDistributions.meetingId,
      organisationId: minutesDistributions.organisationId,
      organisationName: organisations.name,
      receivedAt: minutesDistributions.receivedAt,
    })
    .from(minutesDistributions)
    .innerJoin(organisations, eq(minutesDistributions.organisationId, organisations.id))
    .where(eq(minutesDistributions.receiptTokenHash, receiptTokenHash));
  return row;
}

/**
 * Records the receipt only if none is recorded yet; returns whether this call recorded it, so two
 * confirmations racing each other record one time and one audit event.
 */
export async function markReceived(
  transaction: Transaction,
  distributionId: string,
  receivedAt: Date,
): Promise<boolean> {
  const updated = await transaction
    .update(minutesDistributions)
    .set({ receivedAt })
    .where(
      and(eq(minutesDistributions.id, distributionId), isNull(minutesDistributions.receivedAt)),
    )
    .returning({ id: minutesDistributions.id });
  return updated.length === 1;
}

/** The body's meetings in the order they are held, to find which meeting follows which. */
export async function selectMeetingSequence(
  reader: Reader,
  bodyId: string,
): Promise<{ id: string; title: string; startsAt: Date; status: string }[]> {
  return reader
    .select({
      id: meetings.id,
      title: meetings.title,
      startsAt: meetings.startsAt,
      status: meetings.status,
    })
    .from(meetings)
    .where(eq(meetings.bodyId, bodyId))
    .orderBy(asc(meetings.startsAt), asc(meetings.id));
}
