/**
 * Use case: change a question of a consultation being prepared (its words, kind, choices or
 * section). The same checks as adding one; a recorded scrutiny is cleared.
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
import { updateConsultation, updateQuestion } from './preparation-queries.ts';
import { checkedQuestion, type QuestionInput } from './question-input.ts';

export async function changeQuestion(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  number: number;
  question: QuestionInput;
}): Promise<{ number: number }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'prepare its consultations');
    refuseUnlessPreparing(consultation, 'questions');
    const existing = (await selectQuestions(transaction, consultation.id)).find(
      (question) => question.number === options.number,
    );
    if (!existing) {
      throw invalidInput([{ field: 'number', message: `There is no question ${options.number}.` }]);
    }
    const question = await checkedQuestion(transaction, consultation.id, options.question);
    await updateQuestion(transaction, existing.id, question);
    const cleared = scrutinyCleared(consultation);
    await updateConsultation(transaction, consultation.id, { ...cleared, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.question-changed',
        entityType: 'consultation',
        entityId: consultation.id,
        before: {
          questionId: existing.id,
          text: existing.text,
          kind: existing.kind,
          options: existing.options,
          sectionId: existing.sectionId,
        },
        after: { questionId: existing.id, ...question, ...cleared },
      },
    ]);
    return { number: existing.number };
  });
}
