/**
 * Use case: add a question to a consultation being prepared, numbered after the last. Closed
 * questions (choose one, choose any, a scale with its labels) need their choices; free text has
 * none; an unknown kind is refused. A recorded scrutiny is cleared (2008 "Accountabilities").
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { selectQuestions } from './consultation-queries.ts';
import {
  loadConsultationForChange,
  refuseUnlessPreparing,
  scrutinyCleared,
} from './preparation-access.ts';
import { insertQuestion, updateConsultation } from './preparation-queries.ts';
import { checkedQuestion, type QuestionInput } from './question-input.ts';

export async function addQuestion(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  question: QuestionInput;
}): Promise<{ number: number }> {
  const { db, context, actor } = options;
  return db.transaction(async (transaction) => {
    const consultation = await loadConsultationForChange(transaction, options.slug);
    requireRunsConsultation(actor, consultation, 'prepare its consultations');
    refuseUnlessPreparing(consultation, 'questions');
    const question = await checkedQuestion(transaction, consultation.id, options.question);
    const existing = await selectQuestions(transaction, consultation.id);
    const number = (existing.at(-1)?.number ?? 0) + 1;
    const id = uuidv7();
    await insertQuestion(transaction, { id, consultationId: consultation.id, number, ...question });
    const cleared = scrutinyCleared(consultation);
    await updateConsultation(transaction, consultation.id, { ...cleared, updatedAt: context.now });
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.question-added',
        entityType: 'consultation',
        entityId: consultation.id,
        after: { questionId: id, number, ...question, ...cleared },
      },
    ]);
    return { number };
  });
}
