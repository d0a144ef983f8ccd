import { and, asc, eq, max } from 'drizzle-orm';
import type { Reader, Transaction } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import { agendaItems, meetings } from '../db/schema/meetings.ts';
import { meetingPapers, paperVersions } from '../db/schema/papers.ts';

export interface PaperVersionRecord {
  paperId: string;
  version: number;
  fileName: string;
  mediaType: string;
  byteLength: number;
  sha256: string;
  uploadedBy: string;
  uploadedAt: Date;
}

export interface PaperRecord {
  id: string;
  meetingId: string;
  agendaItemId: string;
  title: string;
  createdAt: Date;
}

/** Every paper of a meeting, in the order they were first uploaded. */
export async function selectPapersOfMeeting(
  reader: Reader,
  meetingId: string,
): Promise<PaperRecord[]> {
  return reader
    .select({
      id: meetingPapers.id,
      meetingId: meetingPapers.meetingId,
      agendaItemId: meetingPapers.agendaItemId,
      title: meetingPapers.title,
      createdAt: meetingPapers.createdAt,
    })
    .from(meetingPapers)
    .where(eq(meetingPapers.meetingId, meetingId))
    .orderBy(asc(meetingPapers.createdAt), asc(meetingPapers.id));
}

/** The versions of a meeting's papers, without their content: the listing never loads the files. */
export async function selectVersionsOfMeeting(
  reader: Reader,
  meetingId: string,
): Promise<PaperVersionRecord[]> {
  return reader
    .select({
      paperId: paperVersions.paperId,
      version: paperVersions.version,
      fileName: paperVersions.fileName,
      mediaType: paperVersions.mediaType,
      byteLength: paperVersions.byteLength,
      sha256: paperVersions.sha256,
      uploadedBy: paperVersions.uploadedBy,
      uploadedAt: paperVersions.uploadedAt,
    })
    .from(paperVersions)
    .innerJoin(meetingPapers, eq(paperVersions.paperId, meetingPapers.id))
    .where(eq(meetingPapers.meetingId, meetingId))
    .orderBy(asc(paperVersions.paperId), asc(paperVersions.version));
}

/** A paper with what deciding who may read it needs: its item's confidentiality and its body. */
export async function selectPaperWithItem(
  reader: Reader,
  paperId: string,
): Promise<
  | (PaperRecord & {
      isConfidential: boolean;
      bodySlug: string;
    })
  | undefined
> {
  const [row] = await reader
    .select({
      id: meetingPapers.id,
      meetingId: meetingPapers.meetingId,
      agendaItemId: meetingPapers.agendaItemId,
      title: meetingPapers.title,
      createdAt: meetingPapers.createdAt,
      isConfidential: agendaItems.isConfidential,
      bodySlug: bodies.slug,
    })
    .from(meetingPapers)
    .innerJoin(agendaItems, eq(meetingPapers.agendaItemId, agendaItems.id))
    .innerJoin(meetings, eq(meetingPapers.meetingId, meetings.id))
    .innerJoin(bodies, eq(meetings.bodyId, bodies.id))
    .where(eq(meetingPapers.id, paperId));
  return row;
}

export async function selectPaperVersionContent(
  reader: Reader,
  paperId: string,
  version: number,
): Promise<(PaperVersionRecord & { content: Buffer }) | undefined> {
  const [row] = await reader
    .select({
      paperId: paperVersions.paperId,
      version: paperVersions.version,
      fileName: paperVersions.fileName,
      mediaType: paperVersions.mediaType,
      byteLength: paperVersions.byteLength,
      sha256: paperVersions.sha256,
      uploadedBy: paperVersions.uploadedBy,
      uploadedAt: paperVersions.uploadedAt,
      content: paperVersions.content,
    })
    .from(paperVersions)
    .where(and(eq(paperVersions.paperId, paperId), eq(paperVersions.version, version)));
  return row;
}

/** Locks the paper so two uploads at once are numbered one after the other. */
export async function lockPaper(transaction: Transaction, paperId: string): Promise<void> {
  await transaction
    .select({ id: meetingPapers.id })
    .from(meetingPapers)
    .where(eq(meetingPapers.id, paperId))
    .for('update');
}

export async function selectLastVersion(reader: Reader, paperId: string): Promise<number> {
  const [row] = await reader
    .select({ last: max(paperVersions.version) })
    .from(paperVersions)
    .where(eq(paperVersions.paperId, paperId));
  return row?.last ?? 0;
}

export async function insertPaper(transaction: Transaction, row: PaperRecord): Promise<void> {
  await transaction.insert(meetingPapers).values(row);
}

export async function insertPaperVersion(
  transaction: Transaction,
  row: PaperVersionRecord & { id: string; content: Buffer },
): Promise<void> {
  await transaction.insert(paperVersions).values(row);
}
