/**
 * Use case (the runner): "Suggest themes for the next N uncoded answers" of an open question.
 * Learns from the question's first-pass codings (suggestion-rules.ts, bounded by decision 055),
 * then stores a pending suggestion, with its confidence and its "because", for each theme likely
 * enough in each of the next N uncoded answers. Nothing is coded: a person accepts or rejects each.
 */
import { uuidv7 } from 'uuidv7';
import { recordAuditEvents } from '../audit/index.ts';
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import type { ActionContext } from '../shared/context.ts';
import { invalidInput } from '../shared/problems.ts';
import { loadConsultationToAnalyse, openQuestionOf } from './analysis-access.ts';
import {
  insertSuggestions,
  selectCodebook,
  selectCodedAnswers,
  selectUncodedAnswers,
} from './coding-queries.ts';
import { suggestionBounds, suggestThemes, trainSuggestionModel } from './suggestion-rules.ts';

/** The most answers one run suggests for (decision 055). */
export const mostAnswersPerRun = 200;

export interface SuggestThemesResult {
  answersLookedAt: number;
  suggestionsMade: number;
  /** Themes too little coded to suggest, by code, with their first-pass counts. */
  notLearnt: { code: string; withTheme: number; withoutTheme: number }[];
}

export async function suggestThemesForNext(options: {
  db: Database;
  context: ActionContext;
  actor: Actor;
  slug: string;
  questionNumber: number;
  count: number;
}): Promise<SuggestThemesResult> {
  const { db, context, actor } = options;
  const { consultation, questions } = await loadConsultationToAnalyse(
    db,
    actor,
    options.slug,
    'suggest themes',
  );
  const question = openQuestionOf(questions, options.questionNumber);
  if (!Number.isInteger(options.count) || options.count < 1 || options.count > mostAnswersPerRun) {
    throw invalidInput([
      {
        field: 'count',
        message: `Suggest for between 1 and ${mostAnswersPerRun} answers at a time, so that each run stays quick.`,
      },
    ]);
  }
  const codebook = await selectCodebook(db, question.id);
  const coded = await selectCodedAnswers(db, question.id, suggestionBounds.trainingLimit);
  const model = trainSuggestionModel(
    coded,
    codebook.map((theme) => theme.id),
  );
  const codeOf = new Map(codebook.map((theme) => [theme.id, theme.code]));
  const notLearnt = model.notLearnt.map((each) => ({
    code: codeOf.get(each.themeId) ?? '',
    withTheme: each.withTheme,
    withoutTheme: each.withoutTheme,
  }));
  const answers = await selectUncodedAnswers(db, consultation.id, question.id, {
    after: 0,
    limit: options.count,
  });
  const suggestions =
    model.themes.length > 0
      ? suggestThemes(
          model,
          answers.map((a) => a.text),
        )
      : [];
  const rows = suggestions.map((suggestion) => ({
    id: uuidv7(),
    responseId: answers[suggestion.answer]!.responseId,
    questionId: question.id,
    themeId: suggestion.themeId,
    confidencePerMille: suggestion.confidencePerMille,
    because: suggestion.because,
    outcome: 'pending' as const,
    decidedByPersonId: null,
    decidedAt: null,
    createdAt: context.now,
  }));
  const suggestionsMade = await db.transaction(async (transaction) => {
    const made = await insertSuggestions(transaction, rows);
    await recordAuditEvents(transaction, context, [
      {
        action: 'consultation.themes-suggested',
        entityType: 'consultation-question',
        entityId: question.id,
        after: {
          questionNumber: question.number,
          answersLookedAt: answers.length,
          suggestionsMade: made,
          learntFrom: Math.min(coded.length, suggestionBounds.trainingLimit),
          notLearnt,
        },
      },
    ]);
    return made;
  });
  return { answersLookedAt: answers.length, suggestionsMade, notLearnt };
}
