/**
 * Use case: remove a question of a consultation being prepared; the questions after it move up
 * one number. A recorded scrutiny is cleared.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { selectQuestions } from './consultation-queries.ts';
import {
  loadConsultationForChange,
  refuseUnlessPreparing,
  scrutinyCleared,
} from './preparation-access.ts';
import { deleteQuestion, renumberQuestions, updateConsultation } from './preparation-queries.ts';

export async function removeQuestion(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  number: number;
}): Promise<{ remaining: number }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'prepare its consultations');
    refuseUnlessPreparing(consultation, 'questions');
    const questions = await selectQuestions(transaction, consultation.id);
    const removed = questions.find((question) => question.number === options.number);
    if (!removed) {
      throw invalidInput([{ field: 'number', message: `There is no question ${options.number}.` }]);
    }
    await deleteQuestion(transaction, removed.id);
    const rest = questions.filter((question) => question.id !== removed.id);
    await renumberQuestions(
      transaction,
      consultation.id,
      rest.map((question) => question.id),
    );
    const cleared = scrutinyCleared(consultation);
    await updateConsultation(transaction, consultation.id, { ...cleared, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.question-removed',
        entityType: 'consultation',
        entityId: consultation.id,
        before: { questionId: removed.id, number: removed.number, text: removed.text },
        after: { ...cleared },
      },
    ]);
    return { remaining: rest.length };
  });
}
