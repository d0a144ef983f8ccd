/**
 * What every analysis use case loads and checks first: the consultation by its address, that the
 * actor analyses it (an administrator or the secretariat of its body, on the record), that the
 * question is an open one (only free text has a codebook), and the analyst's person in the
 * registry — a coding is recorded against a person, so two passes can be told apart.
 */
import type { Database, Reader } from '../db/connection.ts';
import type { Actor } from '../identity/index.ts';
import { ProblemError } from '../shared/problems.ts';
import { requireRunsConsultation } from './consultation-access.ts';
import {
  type ConsultationRecord,
  selectConsultationBySlug,
  selectQuestions,
} from './consultation-queries.ts';
import type { QuestionFacts } from './response-rules.ts';

export function consultationNotFound(slug: string): ProblemError {
  return new ProblemError({
    status: 404,
    code: 'not-found',
    title: 'Not found',
    detail: `There is no consultation at the address ${slug}.`,
  });
}

export async function loadConsultationToAnalyse(
  reader: Reader | Database,
  actor: Actor,
  slug: string,
  what: string,
): Promise<{ consultation: ConsultationRecord; questions: QuestionFacts[] }> {
  const consultation = await selectConsultationBySlug(reader, slug);
  if (!consultation) throw consultationNotFound(slug);
  requireRunsConsultation(actor, consultation, what);
  const questions = await selectQuestions(reader, consultation.id);
  return { consultation, questions };
}

/** The open question with that number, or a refusal naming why it has no codebook. */
export function openQuestionOf(questions: readonly QuestionFacts[], number: number): QuestionFacts {
  const question = questions.find((each) => each.number === number);
  if (!question) {
    throw new ProblemError({
      status: 404,
      code: 'not-found',
      title: 'Not found',
      detail: `The consultation has no question ${number}.`,
    });
  }
  if (question.kind !== 'free-text') {
    throw new ProblemError({
      status: 409,
      code: 'conflict',
      title: 'This clashes with the record as it stands',
      detail: `Question ${number} is a closed question: its answers are counted by choice, and only an open (free-text) question has a codebook of themes.`,
      errors: [{ field: 'question', message: `Question ${number} is not a free-text question.` }],
    });
  }
  return question;
}

/** The analyst's person: codings and decisions on suggestions name a person in the registry. */
export function analystPersonOf(actor: Actor): string {
  if (actor.kind === 'account' && actor.personId) return actor.personId;
  throw new ProblemError({
    status: 403,
    code: 'forbidden',
    title: 'You do not have permission to do this',
    detail:
      'Coding is recorded against the analyst’s name in the registry, so that the two passes of double coding are two people (Cohen 1960); this account is not linked to a person.',
  });
}
