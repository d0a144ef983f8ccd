/**
 * Read model: the consultation's counts per question, answer and respondent category, read from
 * the tallies kept as responses arrive (never by counting responses at request time), so it
 * answers as fast for a million responses as for ten. For the analysts (and the benchmark).
 */
import type { Database } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import { selectConsultationBySlug, selectQuestions } from './consultation-queries.ts';
import { selectTallies } from './tally-queries.ts';

export interface QuestionTallies {
  number: number;
  text: string;
  kind: string;
  /** Responses answering the question, per respondent category. */
  answered: Record<string, number>;
  answeredTotal: number;
  /** Per choice (or scale label) in the question's order, then per theme code or id. */
  answers: {
    kind: 'choice' | 'theme';
    key: string;
    total: number;
    byCategory: Record<string, number>;
  }[];
}

export async function getTallies(options: {
  db: Database;
  actor: Actor;
  slug: string;
}): Promise<{ questions: QuestionTallies[] }> {
  const consultation = await selectConsultationBySlug(options.db, options.slug);
  if (!consultation) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: 'There is no such consultation.',
    });
  }
  requireRunsConsultation(options.actor, consultation, 'read the counts of its consultations');
  const [questions, tallies] = await Promise.all([
    selectQuestions(options.db, consultation.id),
    selectTallies(options.db, consultation.id),
  ]);
  const byQuestion = new Map(
    questions.map((question) => [
      question.id,
      {
        number: question.number,
        text: question.text,
        kind: question.kind,
        answered: {} as Record<string, number>,
        answeredTotal: 0,
        answers: new Map<string, QuestionTallies['answers'][number]>(
          question.options.map((option) => [
            `choice\u0000${option}`,
            { kind: 'choice' as const, key: option, total: 0, byCategory: {} },
          ]),
        ),
      },
    ]),
  );
  for (const row of tallies) {
    const question = byQuestion.get(row.questionId);
    if (!question) continue;
    if (row.kind === 'answered') {
      question.answered[row.respondentCategory] = row.count;
      question.answeredTotal += row.count;
      continue;
    }
    const key = `${row.kind}\u0000${row.key}`;
    let answer = question.answers.get(key);
    if (!answer) {
      answer = { kind: row.kind, key: row.key, total: 0, byCategory: {} };
      question.answers.set(key, answer);
    }
    answer.byCategory[row.respondentCategory] = row.count;
    answer.total += row.count;
  }
  return {
    questions: [...byQuestion.values()].map((question) => ({
      ...question,
      answers: [...question.answers.values()],
    })),
  };
}
