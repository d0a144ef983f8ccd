/**
 * Use case: a person accepts or rejects a suggested theme. Accepting codes the answer (first pass)
 * with the theme added to whatever it already has, by the same rules and tallies as coding by hand
 * (code-answer.ts); rejecting records who and when. Either way the suggestion is decided once, and
 * the agreement between suggestions and people is counted from these rows.
 */
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { conflict, ProblemError } from '../shared/problems.ts';
import { analystPersonOf, loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import { codeAnswerIn } from './code-answer.ts';
import {
  decideSuggestionRow,
  selectCodebook,
  selectCoding,
  selectSuggestion,
} from './coding-queries.ts';

export async function decideSuggestion(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  questionNumber: number;
  suggestionId: string;
  outcome: 'accepted' | 'rejected';
}): Promise<void> {
  const { db, context, actor } = options;
  const { consultation, questions } = await loadConsultationToAnalyse(
    db,
    actor,
    options.slug,
    'decide on suggested themes',
  );
  const question = openQuestionOf(questions, options.questionNumber);
  const personId = analystPersonOf(actor);
  await db.transaction(async (transaction) => {
    const suggestion = await selectSuggestion(transaction, options.suggestionId);
    if (!suggestion || suggestion.questionId !== question.id) {
      throw new ProblemError({
        status: 404,
        code: 'not-found',
        title: 'Not found',
        detail: `Question ${question.number} has no such suggested theme.`,
      });
    }
    if (suggestion.outcome !== 'pending') {
      throw conflict(
        'suggestion',
        `This suggestion was already ${suggestion.outcome}: each is decided once.`,
      );
    }
    await decideSuggestionRow(transaction, suggestion.id, {
      outcome: options.outcome,
      personId,
      at: context.now,
    });
    if (options.outcome === 'accepted') {
      const codebook = await selectCodebook(transaction, question.id);
      const first = await selectCoding(transaction, suggestion.responseId, question.id, 'first');
      const themeIds = new Set([...(first?.themeIds ?? []), suggestion.themeId]);
      await codeAnswerIn(transaction, {
        context,
        consultationId: consultation.id,
        question,
        personId,
        coding: {
          responseId: suggestion.responseId,
          pass: 'first',
          codes: codebook.filter((theme) => themeIds.has(theme.id)).map((theme) => theme.code),
          quote: first?.quote ?? null,
        },
        suggestionId: suggestion.id,
      });
    }
    await recordAuditEvents(transaction, context, [
      {
        action: `consultation.suggestion-${options.outcome}`,
        entityType: 'consultation-suggestion',
        entityId: suggestion.id,
        before: { outcome: 'pending' },
        after: {
          outcome: options.outcome,
          decidedByPersonId: personId,
          themeId: suggestion.themeId,
        },
      },
    ]);
  });
}
