/**
 * Shared by the preparing use cases: load a consultation by its address and lock it, refuse a
 * change the stage forbids, gather the facts the legal checks read, and the changes that clear
 * NHS London's scrutiny when the papers change after it (it must be recorded again).
 */
import type { Reader, Transaction } from '../db/connection.ts';
import { conflict, ProblemError } from '../shared/problems.ts';
import {
  type ConsultationRecord,
  selectConsultationBySlug,
  selectLatestSections,
  selectQuestions,
} from './consultation-queries.ts';
import { type PreparationFacts, papersChangeRefusal } from './consultation-rules.ts';
import {
  type ConsultationChanges,
  lockConsultation,
  selectPersonName,
} from './preparation-queries.ts';

export async function loadConsultationForChange(
  transaction: Transaction,
  slug: string,
): Promise<ConsultationRecord> {
  const found = await selectConsultationBySlug(transaction, slug);
  if (!found) throw consultationNotFound();
  await lockConsultation(transaction, found.id);
  return (await selectConsultationBySlug(transaction, slug)) ?? found;
}

export function consultationNotFound(): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: 'There is no consultation at this address.',
  });
}

/** Refuses a change to the papers or questions once the approval has been put. */
export function refuseUnlessPreparing(consultation: ConsultationRecord, what: string): void {
  const refusal = papersChangeRefusal(consultation.stage, what);
  if (refusal) throw conflict('stage', refusal);
}

/** The scrutiny cleared, when recorded: the papers changed after it, so it must be recorded again. */
export function scrutinyCleared(
  consultation: ConsultationRecord,
): Pick<ConsultationChanges, 'scrutinyRecordedAt' | 'scrutinyByPersonId' | 'scrutinyNote'> {
  if (!consultation.scrutinyRecordedAt) return {};
  return { scrutinyRecordedAt: null, scrutinyByPersonId: null, scrutinyNote: null };
}

export async function preparationFactsOf(
  reader: Reader,
  consultation: ConsultationRecord,
): Promise<PreparationFacts> {
  const sections = await selectLatestSections(reader, consultation.id);
  const questions = await selectQuestions(reader, consultation.id);
  return {
    opensAt: consultation.opensAt,
    closesAt: consultation.closesAt,
    shortPeriodReason: consultation.shortPeriodReason,
    formativeStatement: consultation.formativeStatement,
    reasonsStatement: consultation.reasonsStatement,
    scrutinyRecordedAt: consultation.scrutinyRecordedAt,
    scrutinyByName: consultation.scrutinyByPersonId
      ? await selectPersonName(reader, consultation.scrutinyByPersonId)
      : null,
    documentsWithSections: new Set(sections.map((section) => section.documentId)).size,
    questionCount: questions.length,
  };
}
