/**
 * The consultation as every part of this capability loads it: the record with its body, its
 * questions in order and the sections of its documents' latest versions. Writes belong to the
 * use cases' own query files.
 */
import { and, asc, desc, eq } from 'drizzle-orm';
import type { Reader } from '../db/connection.ts';
import { bodies } from '../db/schema/bodies.ts';
import {
  consultationDocuments,
  consultationDocumentVersions,
  consultationQuestions,
  consultationSections,
  consultations,
} from '../db/schema/consultations.ts';
import type { QuestionFacts } from './response-rules.ts';

export type ConsultationStage =
  | 'preparing'
  | 'approval-put'
  | 'approved'
  | 'decision-put'
  | 'decided';

export interface ConsultationRecord {
  id: string;
  slug: string;
  title: string;
  summary: string;
  bodyId: string;
  bodySlug: string;
  bodyTitle: string;
  opensAt: Date | null;
  closesAt: Date | null;
  shortPeriodReason: string | null;
  formativeStatement: string | null;
  reasonsStatement: string | null;
  stage: ConsultationStage;
  scrutinyRecordedAt: Date | null;
  scrutinyByPersonId: string | null;
  scrutinyNote: string | null;
  approvalProposalId: string | null;
  decisionProposalId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

const consultationColumns = {
  id: consultations.id,
  slug: consultations.slug,
  title: consultations.title,
  summary: consultations.summary,
  bodyId: consultations.bodyId,
  bodySlug: bodies.slug,
  bodyTitle: bodies.title,
  opensAt: consultations.opensAt,
  closesAt: consultations.closesAt,
  shortPeriodReason: consultations.shortPeriodReason,
  formativeStatement: consultations.formativeStatement,
  reasonsStatement: consultations.reasonsStatement,
  stage: consultations.stage,
  scrutinyRecordedAt: consultations.scrutinyRecordedAt,
  scrutinyByPersonId: consultations.scrutinyByPersonId,
  scrutinyNote: consultations.scrutinyNote,
  approvalProposalId: consultations.approvalProposalId,
  decisionProposalId: consultations.decisionProposalId,
  createdAt: consultations.createdAt,
  updatedAt: consultations.updatedAt,
};

export async function selectConsultationBySlug(
  reader: Reader,
  slug: string,
): Promise<ConsultationRecord | undefined> {
  const [row] = await reader
    .select(consultationColumns)
    .from(consultations)
    .innerJoin(bodies, eq(consultations.bodyId, bodies.id))
    .where(eq(consultations.slug, slug));
  return row as ConsultationRecord | undefined;
}

export async function selectConsultationById(
  reader: Reader,
  id: string,
): Promise<ConsultationRecord | undefined> {
  const [row] = await reader
    .select(consultationColumns)
    .from(consultations)
    .innerJoin(bodies, eq(consultations.bodyId, bodies.id))
    .where(eq(consultations.id, id));
  return row as ConsultationRecord | undefined;
}

/** Every consultation, newest first: a handful, never thousands. */
export async function selectConsultations(reader: Reader): Promise<ConsultationRecord[]> {
  const rows = await reader
    .select(consultationColumns)
    .from(consultations)
    .innerJoin(bodies, eq(consultations.bodyId, bodies.id))
    .orderBy(desc(consultations.createdAt));
  return rows as ConsultationRecord[];
}

export async function selectQuestions(
  reader: Reader,
  consultationId: string,
): Promise<(QuestionFacts & { sectionId: string | null })[]> {
  const rows = await reader
    .select({
      id: consultationQuestions.id,
      number: consultationQuestions.number,
      text: consultationQuestions.text,
      kind: consultationQuestions.kind,
      options: consultationQuestions.options,
      sectionId: consultationQuestions.sectionId,
    })
    .from(consultationQuestions)
    .where(eq(consultationQuestions.consultationId, consultationId))
    .orderBy(asc(consultationQuestions.number));
  return rows as (QuestionFacts & { sectionId: string | null })[];
}

export interface SectionRow {
  id: string;
  documentId: string;
  documentTitle: string;
  version: number;
  number: string;
  heading: string;
  body: string;
}

/** The sections of the latest version of each of the consultation's documents, in order. */
export async function selectLatestSections(
  reader: Reader,
  consultationId: string,
): Promise<SectionRow[]> {
  const rows = await reader
    .select({
      id: consultationSections.id,
      documentId: consultationDocuments.id,
      documentTitle: consultationDocuments.title,
      version: consultationDocumentVersions.version,
      number: consultationSections.number,
      heading: consultationSections.heading,
      body: consultationSections.body,
      documentPosition: consultationDocuments.position,
      position: consultationSections.position,
    })
    .from(consultationSections)
    .innerJoin(
      consultationDocumentVersions,
      eq(consultationSections.documentVersionId, consultationDocumentVersions.id),
    )
    .innerJoin(
      consultationDocuments,
      and(
        eq(consultationDocumentVersions.documentId, consultationDocuments.id),
        eq(consultationDocuments.consultationId, consultationId),
      ),
    )
    .orderBy(
      asc(consultationDocuments.position),
      desc(consultationDocumentVersions.version),
      asc(consultationSections.position),
    );
  const latest = new Map<string, number>();
  for (const row of rows) {
    if (!latest.has(row.documentId)) latest.set(row.documentId, row.version);
  }
  return rows
    .filter((row) => latest.get(row.documentId) === row.version)
    .map(({ documentPosition: _, position: __, ...row }) => row);
}
