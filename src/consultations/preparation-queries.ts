/**
 * The SQL of preparing a consultation: its record, documents and versions with their sections,
 * questions, the events plan, who holds a post at NHS London, and the Joint Committee's meeting
 * and question its approval is put on. Writes touch this capability's tables only.
 */
import { and, asc, desc, eq, gte, isNull, lte, max, or, sql } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import {
  consultationDocuments,
  consultationDocumentVersions,
  consultationEvents,
  consultationQuestions,
  consultationSections,
  consultations,
} from '../db/schema/consultations.ts';
import { proposals } from '../db/schema/decisions.ts';
import { meetings } from '../db/schema/meetings.ts';
import { organisations, people, posts } from '../db/schema/registry.ts';
import type { ConsultationStage } from './consultation-queries.ts';

export async function lockConsultation(transaction: Transaction, id: string): Promise<void> {
  await transaction
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.id, id))
    .for('update');
}

export async function slugTaken(reader: Reader, slug: string): Promise<boolean> {
  const [row] = await reader
    .select({ id: consultations.id })
    .from(consultations)
    .where(eq(consultations.slug, slug));
  return row !== undefined;
}

export async function insertConsultation(
  transaction: Transaction,
  row: typeof consultations.$inferInsert,
): Promise<void> {
  await transaction.insert(consultations).values(row);
}

export interface ConsultationChanges {
  title?: string;
  summary?: string;
  opensAt?: Date | null;
  closesAt?: Date | null;
  shortPeriodReason?: string | null;
  formativeStatement?: string | null;
  reasonsStatement?: string | null;
  stage?: ConsultationStage;
  scrutinyRecordedAt?: Date | null;
  scrutinyByPersonId?: string | null;
  scrutinyNote?: string | null;
  approvalProposalId?: string | null;
  decisionProposalId?: string | null;
  updatedAt: Date;
}

export async function updateConsultation(
  transaction: Transaction,
  id: string,
  changes: ConsultationChanges,
): Promise<void> {
  await transaction.update(consultations).set(changes).where(eq(consultations.id, id));
}

export interface DocumentRow {
  id: string;
  title: string;
  position: number;
  latestVersion: number | null;
}

export async function selectDocuments(
  reader: Reader,
  consultationId: string,
): Promise<DocumentRow[]> {
  const rows = await reader
    .select({
      id: consultationDocuments.id,
      title: consultationDocuments.title,
      position: consultationDocuments.position,
      latestVersion: max(consultationDocumentVersions.version),
    })
    .from(consultationDocuments)
    .leftJoin(
      consultationDocumentVersions,
      eq(consultationDocumentVersions.documentId, consultationDocuments.id),
    )
    .where(eq(consultationDocuments.consultationId, consultationId))
    .groupBy(consultationDocuments.id)
    .orderBy(asc(consultationDocuments.position));
  return rows.map((row) => ({ ...row, latestVersion: row.latestVersion ?? null }));
}

export async function insertDocument(
  transaction: Transaction,
  row: typeof consultationDocuments.$inferInsert,
): Promise<void> {
  await transaction.insert(consultationDocuments).values(row);
}

export async function insertDocumentVersion(
  transaction: Transaction,
  version: typeof consultationDocumentVersions.$inferInsert,
  sections: (typeof consultationSections.$inferInsert)[],
): Promise<void> {
  await transaction.insert(consultationDocumentVersions).values(version);
  if (sections.length > 0) await transaction.insert(consultationSections).values(sections);
}

export async function selectSectionsOfVersion(
  reader: Reader,
  documentId: string,
  version: number,
): Promise<{ id: string; number: string; heading: string; body: string }[]> {
  return reader
    .select({
      id: consultationSections.id,
      number: consultationSections.number,
      heading: consultationSections.heading,
      body: consultationSections.body,
    })
    .from(consultationSections)
    .innerJoin(
      consultationDocumentVersions,
      eq(consultationSections.documentVersionId, consultationDocumentVersions.id),
    )
    .where(
      and(
        eq(consultationDocumentVersions.documentId, documentId),
        eq(consultationDocumentVersions.version, version),
      ),
    )
    .orderBy(asc(consultationSections.position));
}

export async function insertQuestion(
  transaction: Transaction,
  row: typeof consultationQuestions.$inferInsert,
): Promise<void> {
  await transaction.insert(consultationQuestions).values(row);
}

export async function updateQuestion(
  transaction: Transaction,
  id: string,
  changes: { text: string; kind: string; options: string[]; sectionId: string | null },
): Promise<void> {
  await transaction
    .update(consultationQuestions)
    .set(changes)
    .where(eq(consultationQuestions.id, id));
}

export async function deleteQuestion(transaction: Transaction, id: string): Promise<void> {
  await transaction.delete(consultationQuestions).where(eq(consultationQuestions.id, id));
}

/** Numbers the questions 1, 2, 3… in the order given (two steps: the numbers are unique). */
export async function renumberQuestions(
  transaction: Transaction,
  consultationId: string,
  orderedIds: readonly string[],
): Promise<void> {
  await transaction
    .update(consultationQuestions)
    .set({ number: sql`-${consultationQuestions.number}` })
    .where(eq(consultationQuestions.consultationId, consultationId));
  for (const [index, id] of orderedIds.entries()) {
    await transaction
      .update(consultationQuestions)
      .set({ number: index + 1 })
      .where(eq(consultationQuestions.id, id));
  }
}

export interface EventRow {
  id: string;
  title: string;
  sector: string | null;
  venue: string;
  startsAt: Date;
  attendance: number | null;
}

export async function selectEvents(reader: Reader, consultationId: string): Promise<EventRow[]> {
  return reader
    .select({
      id: consultationEvents.id,
      title: consultationEvents.title,
      sector: consultationEvents.sector,
      venue: consultationEvents.venue,
      startsAt: consultationEvents.startsAt,
      attendance: consultationEvents.attendance,
    })
    .from(consultationEvents)
    .where(eq(consultationEvents.consultationId, consultationId))
    .orderBy(asc(consultationEvents.startsAt));
}

export async function insertEvents(
  transaction: Transaction,
  rows: (typeof consultationEvents.$inferInsert)[],
): Promise<void> {
  if (rows.length > 0) await transaction.insert(consultationEvents).values(rows);
}

/** The person's current post at NHS London (the strategic health authority), if any. */
export async function selectNhsLondonPost(
  reader: Reader,
  personId: string,
  onDate: string,
): Promise<{ title: string; personName: string } | undefined> {
  const [row] = await reader
    .select({ title: posts.title, personName: people.name })
    .from(posts)
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .innerJoin(people, eq(posts.personId, people.id))
    .where(
      and(
        eq(posts.personId, personId),
        eq(organisations.type, 'strategic-health-authority'),
        eq(organisations.name, 'NHS London'),
        lte(posts.startsOn, onDate),
        or(isNull(posts.endsOn), gte(posts.endsOn, onDate)),
      ),
    )
    .limit(1);
  return row;
}

export async function selectPersonName(reader: Reader, personId: string): Promise<string | null> {
  const [row] = await reader
    .select({ name: people.name })
    .from(people)
    .where(eq(people.id, personId));
  return row?.name ?? null;
}

export interface ApprovalQuestion {
  id: string;
  title: string;
  status: string;
  outcome: string | null;
  closedAt: Date | null;
  meetingTitle: string;
  meetingStartsAt: Date;
}

export async function selectApprovalQuestion(
  reader: Reader,
  proposalId: string,
): Promise<ApprovalQuestion | undefined> {
  const [row] = await reader
    .select({
      id: proposals.id,
      title: proposals.title,
      status: proposals.status,
      outcome: proposals.outcome,
      closedAt: proposals.closedAt,
      meetingTitle: meetings.title,
      meetingStartsAt: meetings.startsAt,
    })
    .from(proposals)
    .innerJoin(meetings, eq(proposals.meetingId, meetings.id))
    .where(eq(proposals.id, proposalId))
    .orderBy(desc(proposals.createdAt));
  return row;
}

/** NHS London's chief executive on a date (the demo's scrutiny is recorded as theirs). */
export async function selectNhsLondonChiefExecutive(
  reader: Reader,
  onDate: string,
): Promise<string | undefined> {
  const [row] = await reader
    .select({ personId: posts.personId })
    .from(posts)
    .innerJoin(organisations, eq(posts.organisationId, organisations.id))
    .where(
      and(
        eq(organisations.name, 'NHS London'),
        eq(posts.role, 'chief-executive'),
        lte(posts.startsOn, onDate),
        or(isNull(posts.endsOn), gte(posts.endsOn, onDate)),
      ),
    )
    .limit(1);
  return row?.personId;
}
