/**
 * Demo data: "Consulting the capital" (address healthcare-for-london), approved by the Joint
 * Committee of PCTs, opened 30 November 2007 and closed 7 March 2008, with its document in ten
 * paraphrased sections, 29 paraphrased questions and 35 roadshows across the five sectors with
 * about 4,000 attendees. Written straight into the tables as the seeds load history: the approval
 * is recorded as the stage (no question of the 2007 meeting is invented), NHS London's scrutiny as
 * its chief executive's. Once only: skipped when the consultation exists.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import { selectBodyBySlug } from '../bodies/index.ts';
import type { Database } from '../db/connection.ts';
import type { ActionContext } from '../shared/context.ts';
import {
  demoConsultation,
  demoConsultationSlug,
  demoEvents,
  demoQuestions,
  demoSections,
} from './demo-consultation-data.ts';
import {
  insertConsultation,
  insertDocument,
  insertDocumentVersion,
  insertEvents,
  insertQuestion,
  selectNhsLondonChiefExecutive,
  slugTaken,
} from './preparation-queries.ts';

export async function seedDemoConsultation(options: {
  db: Database;
  context: ActionContext;
}): Promise<number> {
  const { db, context } = options;
  if (await slugTaken(db, demoConsultationSlug)) return 0;
  const body = await selectBodyBySlug(db, 'joint-committee-of-pcts');
  if (!body) return 0;
  return db.transaction(async (transaction) => {
    const id = uuidv7();
    const scrutinyAt = new Date('2007-11-20T10:00:00Z');
    const scrutinyBy =
      (await selectNhsLondonChiefExecutive(transaction, '2007-11-20')) ??
      (await selectNhsLondonChiefExecutive(transaction, context.now.toISOString().slice(0, 10))) ??
      null;
    await insertConsultation(transaction, {
      id,
      slug: demoConsultationSlug,
      bodyId: body.id,
      title: demoConsultation.title,
      summary: demoConsultation.summary,
      opensAt: demoConsultation.opensAt,
      closesAt: demoConsultation.closesAt,
      formativeStatement: demoConsultation.formativeStatement,
      reasonsStatement: demoConsultation.reasonsStatement,
      stage: 'approved',
      scrutinyRecordedAt: scrutinyAt,
      scrutinyByPersonId: scrutinyBy,
      scrutinyNote: demoConsultation.scrutinyNote,
      createdAt: new Date('2007-10-15T09:00:00Z'),
      updatedAt: new Date('2007-11-28T17:00:00Z'),
    });
    const documentId = uuidv7();
    await insertDocument(transaction, {
      id: documentId,
      consultationId: id,
      title: 'Consulting the capital: the consultation document',
      position: 1,
      createdAt: new Date('2007-10-15T09:00:00Z'),
    });
    const versionId = uuidv7();
    const sectionIds = new Map(demoSections.map((section) => [section.number, uuidv7()]));
    await insertDocumentVersion(
      transaction,
      {
        id: versionId,
        documentId,
        version: 1,
        note: 'As scrutinised by NHS London and approved by the Joint Committee',
        createdAt: new Date('2007-11-01T09:00:00Z'),
      },
      demoSections.map((section, index) => ({
        id: sectionIds.get(section.number) ?? uuidv7(),
        documentVersionId: versionId,
        ...section,
        position: index + 1,
      })),
    );
    for (const [index, question] of demoQuestions.entries()) {
      await insertQuestion(transaction, {
        id: uuidv7(),
        consultationId: id,
        number: index + 1,
        text: question.text,
        kind: question.kind,
        options: question.options,
        sectionId: question.section ? (sectionIds.get(question.section) ?? null) : null,
      });
    }
    const events = demoEvents();
    await insertEvents(
      transaction,
      events.map((event) => ({
        id: uuidv7(),
        consultationId: id,
        ...event,
        createdAt: new Date('2007-11-28T17:00:00Z'),
        updatedAt: new Date(event.startsAt.getTime() + 24 * 60 * 60 * 1000),
      })),
    );
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.seeded',
        entityType: 'consultation',
        entityId: id,
        after: {
          slug: demoConsultationSlug,
          stage: 'approved',
          sections: demoSections.length,
          questions: demoQuestions.length,
          events: events.length,
        },
      },
    ]);
    return 1;
  });
}
