/**
 * Use case: put the questions of a consultation being prepared in a new order, given as their
 * present numbers in the order wanted (every question once). A recorded scrutiny is cleared.
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
import { renumberQuestions, updateConsultation } from './preparation-queries.ts';

export async function reorderQuestions(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  order: number[];
}): Promise<{ order: number[] }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'prepare its consultations');
    refuseUnlessPreparing(consultation, 'questions');
    const questions = await selectQuestions(transaction, consultation.id);
    const byNumber = new Map(questions.map((question) => [question.number, question]));
    const sorted = [...options.order].sort((a, b) => a - b);
    const complete =
      sorted.length === questions.length &&
      sorted.every((number, index) => number === questions[index]?.number);
    if (!complete) {
      throw invalidInput([
        {
          field: 'order',
          message: `Give every question’s number once, in the order wanted (1 to ${questions.length}).`,
        },
      ]);
    }
    await renumberQuestions(
      transaction,
      consultation.id,
      options.order.map((number) => byNumber.get(number)?.id ?? ''),
    );
    const cleared = scrutinyCleared(consultation);
    await updateConsultation(transaction, consultation.id, { ...cleared, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.questions-reordered',
        entityType: 'consultation',
        entityId: consultation.id,
        before: { order: questions.map((question) => question.id) },
        after: {
          order: options.order.map((number) => byNumber.get(number)?.id),
          ...cleared,
        },
      },
    ]);
    return { order: options.order.map((_, index) => index + 1) };
  });
}
