/**
 * Use case: add a document to a consultation, or a new version of one, with its numbered sections
 * ("4.2 Polyclinics"), each addressable so a comment can target it. A version is never changed:
 * a change is a new version, so what a response commented on stays as it was. Only while the
 * consultation is being prepared; a recorded scrutiny is cleared (2008 "Accountabilities").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { type FieldProblem, invalidInput } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { isSectionNumber } from './consultation-rules.ts';
import {
  loadConsultationForChange,
  refuseUnlessPreparing,
  scrutinyCleared,
} from './preparation-access.ts';
import {
  insertDocument,
  insertDocumentVersion,
  selectDocuments,
  updateConsultation,
} from './preparation-queries.ts';

export interface SectionInput {
  number: string;
  heading: string;
  body: string;
}

export function sectionProblems(sections: readonly SectionInput[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  if (sections.length === 0) {
    problems.push({ field: 'sections', message: 'Add at least one section.' });
  }
  const seen = new Set<string>();
  for (const [index, section] of sections.entries()) {
    const where = `Section ${index + 1}`;
    if (!isSectionNumber(section.number.trim())) {
      problems.push({
        field: `sections.${index}.number`,
        message: `${where}: give its number as whole numbers separated by full stops, such as 4 or 4.2.`,
      });
    } else if (seen.has(section.number.trim())) {
      problems.push({
        field: `sections.${index}.number`,
        message: `${where}: the number ${section.number.trim()} is already used in this version.`,
      });
    }
    seen.add(section.number.trim());
    if (!section.heading.trim()) {
      problems.push({
        field: `sections.${index}.heading`,
        message: `${where}: enter its heading.`,
      });
    }
    if (!section.body.trim()) {
      problems.push({ field: `sections.${index}.body`, message: `${where}: enter its text.` });
    }
  }
  return problems;
}

export async function addDocumentVersion(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  /** A new document with this title, or a new version of the document at this position. */
  document: { title: string } | { number: number };
  note?: string | null | undefined;
  sections: SectionInput[];
}): Promise<{ documentNumber: number; version: number; scrutinyCleared: boolean }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'prepare its consultations');
    refuseUnlessPreparing(consultation, 'documents');
    const problems = sectionProblems(options.sections);
    const documents = await selectDocuments(transaction, consultation.id);
    let documentId: string;
    let documentNumber: number;
    let version: number;
    if ('title' in options.document) {
      const title = options.document.title.trim();
      if (!title) problems.push({ field: 'title', message: 'Enter the document’s title.' });
      if (problems.length > 0) throw invalidInput(problems);
      documentId = uuidv7();
      documentNumber = (documents.at(-1)?.position ?? 0) + 1;
      version = 1;
      await insertDocument(transaction, {
        id: documentId,
        consultationId: consultation.id,
        title,
        position: documentNumber,
        createdAt: context.now,
      });
    } else {
      const wanted = options.document.number;
      const document = documents.find((candidate) => candidate.position === wanted);
      if (!document) problems.push({ field: 'document', message: 'Choose one of its documents.' });
      if (problems.length > 0 || !document) throw invalidInput(problems);
      documentId = document.id;
      documentNumber = document.position;
      version = (document.latestVersion ?? 0) + 1;
    }
    const versionId = uuidv7();
    await insertDocumentVersion(
      transaction,
      {
        id: versionId,
        documentId,
        version,
        note: options.note?.trim() || null,
        createdAt: context.now,
      },
      options.sections.map((section, index) => ({
        id: uuidv7(),
        documentVersionId: versionId,
        number: section.number.trim(),
        heading: section.heading.trim(),
        body: section.body.trim(),
        position: index + 1,
      })),
    );
    const cleared = scrutinyCleared(consultation);
    await updateConsultation(transaction, consultation.id, { ...cleared, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.document-version-added',
        entityType: 'consultation',
        entityId: consultation.id,
        after: {
          documentId,
          version,
          sections: options.sections.map((section) => section.number.trim()),
          ...cleared,
        },
      },
    ]);
    return { documentNumber, version, scrutinyCleared: 'scrutinyRecordedAt' in cleared };
  });
}
